package dev.vmbkmcl.hyperv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * The monitor page bit of a monitored channel (ring reference §3.9), with the offsets of §8.10
 * typed in from the reference: one atomic OR of one bit, nothing else in the shared page touched.
 */
class MonitorTriggerTest {

  private static ByteBuffer page() {
    return ByteBuffer.allocateDirect(4096).order(ByteOrder.LITTLE_ENDIAN);
  }

  @Test
  void monitorId37SetsBit5OfTheU32AtByte16() {
    ByteBuffer page = page();
    page.putInt(16, 0x0000_0101); // bits the kernel or another channel set before us
    ByteBuffer before = page();
    before.put(0, page, 0, 4096);

    MonitorTrigger.over(page, 37).trigger();

    assertEquals(0x0000_0121, page.getInt(16), "§8.10: OR 0x00000020 into the u32 at byte 16");
    before.putInt(16, 0x0000_0121);
    assertEquals(before, page.clear(), "no other byte of the shared page changes");
  }

  @Test
  void theFourTriggerGroupsAndTheirEdges() {
    int[][] cases = {
      // monitor id, byte offset of its pending u32, bit
      {0, 8, 0x0000_0001},
      {31, 8, 0x8000_0000},
      {32, 16, 0x0000_0001},
      {37, 16, 0x0000_0020},
      {64, 24, 0x0000_0001},
      {127, 32, 0x8000_0000},
    };
    for (int[] c : cases) {
      ByteBuffer page = page();
      MonitorTrigger.over(page, c[0]).trigger();
      for (int offset = 0; offset < 4096; offset += 4) {
        assertEquals(offset == c[1] ? c[2] : 0, page.getInt(offset),
            "monitor id " + c[0] + ", u32 at byte " + offset);
      }
    }
  }

  @Test
  void aBitAlreadySetStaysSetAndTheWordKeepsTheOthers() {
    ByteBuffer page = page();
    page.putInt(16, -1);

    MonitorTrigger trigger = MonitorTrigger.over(page, 37);
    trigger.trigger();
    trigger.trigger();

    assertEquals(-1, page.getInt(16));
  }

  @Test
  void thirtyTwoChannelsOfOneGroupSignallingAtOnceLoseNoBit() throws Exception {
    ByteBuffer page = page();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int id = 64; id < 96; id++) {
      MonitorTrigger trigger = MonitorTrigger.over(page, id);
      Thread t = new Thread(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        for (int i = 0; i < 1_000; i++) {
          trigger.trigger();
        }
      });
      t.start();
      threads.add(t);
    }
    go.countDown();
    for (Thread t : threads) {
      t.join();
    }

    assertEquals(-1, page.getInt(24), "every channel's bit of group 2");
    assertEquals(0, page.getInt(16) | page.getInt(32), "the neighbouring groups stay clear");
  }

  @Test
  void refusesWhatIsNotAMonitorIdOrNotAPage() {
    assertThrows(IllegalArgumentException.class, () -> MonitorTrigger.over(page(), -1));
    assertThrows(IllegalArgumentException.class, () -> MonitorTrigger.over(page(), 128));
    assertThrows(IllegalArgumentException.class,
        () -> MonitorTrigger.over(ByteBuffer.allocate(4096), 1), "a heap buffer has no atomics");
    assertThrows(IllegalArgumentException.class,
        () -> MonitorTrigger.over(ByteBuffer.allocateDirect(39), 1), "too short for group 3");
  }
}
