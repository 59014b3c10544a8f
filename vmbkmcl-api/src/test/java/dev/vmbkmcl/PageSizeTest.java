package dev.vmbkmcl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vmbkmcl.ring.GpaDirect;
import dev.vmbkmcl.ring.HvPage;
import dev.vmbkmcl.ring.RingControlLayout;
import org.junit.jupiter.api.Test;

/** Every page-size name of the API is the one {@link HvPage#SIZE}, and that is 4096 (issue 14). */
class PageSizeTest {
  @Test
  void everyPageSizeIsTheOneHyperVPage() {
    assertEquals(4096, HvPage.SIZE);
    assertEquals(HvPage.SIZE, Vmbkmcl.PAGE_SIZE);
    assertEquals(HvPage.SIZE, Mdl.PAGE_SIZE);
    assertEquals(HvPage.SIZE, FacadeChecks.PAGE_SIZE);
    assertEquals(HvPage.SIZE, GpaDirect.PAGE_SIZE);
    assertEquals(HvPage.SIZE, RingControlLayout.CONTROL_PAGE_SIZE);
    assertEquals(HvPage.SIZE, Vmbkmcl.VmbSizeofChannel());
  }
}
