package dev.vmbkmcl.hyperv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysfsAttributesTest {

  @TempDir Path temp;

  @Test
  void parsesGuidsInSysfsAndBareForm() {
    UUID nic = UUID.fromString("f8615163-df3e-46c5-913f-f2d2f965ed0e");

    assertEquals(nic, SysfsAttributes.guid("{f8615163-df3e-46c5-913f-f2d2f965ed0e}\n"));
    assertEquals(nic, SysfsAttributes.guid("f8615163-df3e-46c5-913f-f2d2f965ed0e"));
    assertNull(SysfsAttributes.guid("{1-2-3-4-5}"));
    assertNull(SysfsAttributes.guid("{f8615163-df3e-46c5-913f-f2d2f965ed0z}"));
    assertNull(SysfsAttributes.guid(null));
  }

  @Test
  void parsesPaddedHexSizesAndDecimals() throws Exception {
    Path size = Files.writeString(temp.resolve("size"), "0x0000000000400000\n");
    Path bad = Files.writeString(temp.resolve("bad"), "lots\n");
    Path id = Files.writeString(temp.resolve("id"), "14\n");

    assertEquals(0x400000, SysfsAttributes.hex(size));
    assertEquals(-1, SysfsAttributes.hex(bad));
    assertEquals(-1, SysfsAttributes.hex(temp.resolve("missing")));
    assertEquals(14, SysfsAttributes.decimal(id, -1));
    assertEquals(-1, SysfsAttributes.decimal(bad, -1));
    assertEquals(-7, SysfsAttributes.decimal(temp.resolve("missing"), -7));
  }
}
