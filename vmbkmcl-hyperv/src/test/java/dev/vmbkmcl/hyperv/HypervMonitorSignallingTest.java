package dev.vmbkmcl.hyperv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vmbkmcl.spi.TimeSource;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A monitored channel (sysfs {@code monitor_id}, the only kind kernels before 6.10 bind) signals
 * the host through its bit in the monitor page, uio map 2 (ring reference §3.9, §4.8 c; offsets
 * §8.10), only when §3.3 says to signal, and still writes the uio doorbell. The guest side uses
 * only Vmbkmcl calls; the test reads the page as the host would.
 */
class HypervMonitorSignallingTest {

  private static final UUID CLASS = VmbusClasses.DYNAMIC_MEMORY;
  private static final String INSTANCE = "1eccfd72-4b41-45ef-b73a-4a6e44c12924";
  /** §8.10: monitor id 37 is bit 5 (0x20) of the u32 at byte 16 of the monitor page. */
  private static final int MONITOR_ID = 37;
  private static final int PENDING_OFFSET = 16;
  private static final int PENDING_BIT = 0x20;
  private static final VarHandle INT =
      MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  @TempDir Path temp;
  private SimulatedHost host;
  private MappedByteBuffer monitorPage;
  private @Nullable GuestChannel opened;

  @BeforeEach
  void monitoredDeviceOnAnOldKernel() throws Exception {
    FakeVmbusTree tree = new FakeVmbusTree(temp).kernel("5.15.0-1051-azure");
    host = tree.hostedDevice(INSTANCE, CLASS, 14, "uio0");
    tree.device(INSTANCE, CLASS, 14)
        .monitorId(MONITOR_ID)
        .map("uio0", 1, "int_page", 0x1000)
        .map("uio0", 2, MonitorTrigger.MAP_NAME, 0x1000);
    Path standIn = FakeVmbusTree.sizedFile(
        tree.paths.devDir().resolve("uio0.map2"), NativeMapping.pageSize());
    try (FileChannel file =
        FileChannel.open(standIn, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      monitorPage = file.map(FileChannel.MapMode.READ_WRITE, 0, 4096);
    }
    monitorPage.order(ByteOrder.LITTLE_ENDIAN);
    monitorPage.putInt(PENDING_OFFSET, 0x0100_0000); // another channel's pending bit
    host.openChannel(true);
    HypervBackend backend =
        new HypervBackend(tree.paths, TimeSource.SYSTEM, UioDevice::openWithStandInDoorbells);
    opened = GuestChannel.allocate(backend, CLASS, null, GuestChannel.COMPLETE).start();
  }

  @AfterEach
  void stop() {
    if (opened != null) {
      opened.disableAndCleanup();
    }
    host.close();
  }

  /** What the host does when it scans the page: takes (and clears) the pending word. */
  private int hostTakesPending() {
    return (int) INT.getAndSet(monitorPage, PENDING_OFFSET, 0);
  }

  @Test
  void aSendSetsTheChannelsMonitorBitBesideTheOthersAndWritesTheDoorbell() throws Exception {
    GuestChannel guest = java.util.Objects.requireNonNull(opened);

    guest.send(new byte[16]);

    assertEquals(0x0100_0000 | PENDING_BIT, hostTakesPending());
    assertEquals(1, host.doorbells(), "the uio write goes out too (it only unmasks here)");
    host.awaitPacket();

    guest.send(new byte[16]);
    assertEquals(PENDING_BIT, hostTakesPending(), "empty to non-empty again: signalled again");
    assertEquals(2, host.doorbells());
    host.awaitPacket();
  }

  @Test
  void noMonitorBitWhileTheHostMasksItsTxRing() throws Exception {
    GuestChannel guest = java.util.Objects.requireNonNull(opened);
    hostTakesPending();
    host.setTxInterruptMask(1); // §3.3 step 2: the host is draining and wants no signal

    for (int i = 0; i < 3; i++) {
      guest.send(new byte[16]);
    }

    assertEquals(0, hostTakesPending());
    assertEquals(0, host.doorbells());
    for (int i = 0; i < 3; i++) {
      host.awaitPacket();
    }
  }

  @Test
  void everyOtherWordOfTheSharedPageIsLeftAlone() throws Exception {
    GuestChannel guest = java.util.Objects.requireNonNull(opened);
    hostTakesPending();

    guest.send(new byte[16]);

    assertEquals(PENDING_BIT, hostTakesPending());
    for (int offset = 0; offset < 4096; offset += 4) {
      assertEquals(0, monitorPage.getInt(offset), "u32 at byte " + offset);
    }
    host.awaitPacket();
  }
}
