package dev.vmbkmcl.hyperv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmbkmcl.channel.EngineChannel;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.ring.PacketLayout;
import dev.vmbkmcl.ring.RingWriter;
import dev.vmbkmcl.spi.TimeSource;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sub-channels on the hyperv backend (ring reference §4.5) against a simulated host that offers
 * them after the driver enabled them: {@code VmbChannelInitSetPrimaryChannel} and Enable wait for
 * {@code channels/<relid>/ring}, the sub-channel runs over its own rings, its interrupts arrive on
 * the device's one counter and wake every channel, and a sub-channel whose interrupts stay masked
 * is polled.
 */
class HypervSubchannelTest {

  private static final UUID CLASS = VmbusClasses.DYNAMIC_MEMORY;
  private static final String INSTANCE = "1eccfd72-4b41-45ef-b73a-4a6e44c12924";
  private static final int SUB_RELID = 15;
  /** Sub-channel rings: two of 0x2000 bytes, as the primary's. */
  private static final int SUB_RING_FILE = FakeVmbusTree.HOSTED_MAP_SIZE;
  private static final VarHandle INT =
      MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  @TempDir Path temp;
  private FakeVmbusTree tree;
  private SimulatedHost host;
  private HypervBackend backend;

  @BeforeEach
  void primaryOpen() throws Exception {
    tree = new FakeVmbusTree(temp);
    host = tree.hostedDevice(INSTANCE, CLASS, 14, "uio0").openChannel(false);
    tree.device(INSTANCE, CLASS, 14).channel(14, 0, 0);
    backend = new HypervBackend(tree.paths, TimeSource.SYSTEM, UioDevice::openWithStandInDoorbells);
  }

  @AfterEach
  void stop() {
    host.close();
  }

  /**
   * What uio_hv_generic does when the host offers a sub-channel: it opens it (control pages set
   * up, the host's side ready) and only then shows {@code channels/<relid>/} with its ring file,
   * moved into place at once as sysfs shows it.
   */
  private SimulatedHost offerSubchannel(int relid, int subchannelId, int monitorId)
      throws IOException {
    Path staging = temp.resolve("staging-" + relid);
    Files.createDirectories(staging);
    Files.writeString(staging.resolve("subchannel_id"), subchannelId + "\n");
    if (monitorId >= 0) {
      Files.writeString(staging.resolve("monitor_id"), monitorId + "\n");
    }
    Path ring = FakeVmbusTree.sizedFile(staging.resolve("ring"), SUB_RING_FILE);
    SimulatedHost sub = host.subchannel(ring, SUB_RING_FILE).openChannel(false);
    Path channels = tree.paths.devicesDir().resolve(INSTANCE).resolve("channels");
    Files.move(staging, channels.resolve(Integer.toString(relid)), StandardCopyOption.ATOMIC_MOVE);
    return sub;
  }

  /**
   * Sends {@code payload} until one send signals the guest, checking that each is received. The
   * shared uio counter wakes every channel of the device, so another channel's wake-up may have put
   * this one in a read round (ring masked) just after it listened; a write then is rightly read
   * without a signal (§3.3), and the next one, once the round is over, signals.
   */
  private static void sendUntilSignalled(SimulatedHost to, long transactionId, byte[] payload,
      GuestChannel receiver) throws Exception {
    for (int attempt = 1; ; attempt++) {
      assertTrue(attempt <= 100, "no write found the guest listening in 100 attempts");
      to.awaitGuestListening();
      int rc = to.send(PacketLayout.TYPE_INBAND, 0, transactionId, payload);
      assertArrayEquals(payload, receiver.nextReceived(), "received, signalled or not");
      if (rc == RingWriter.WRITTEN_SIGNAL) {
        return;
      }
    }
  }

  @Test
  void aSubchannelEnabledBeforeTheOfferOpensOnItsOwnRingsAndSharesTheInterrupt() throws Exception {
    backend.forceSubchannelPolling(false); // interrupts reach it: only the dispatcher can wake it
    GuestChannel primary = GuestChannel.allocate(backend, CLASS, null, GuestChannel.COMPLETE).start();
    GuestChannel sub =
        GuestChannel.allocateSubchannel(backend, CLASS, primary, 1, GuestChannel.COMPLETE);
    assertEquals(NtStatus.STATUS_SUCCESS, sub.enable()); // returns while the offer is awaited

    try (SimulatedHost subHost = offerSubchannel(SUB_RELID, 1, -1)) {
      assertTrue(sub.awaitStarted(), "the sub-channel opened once its ring file appeared");
      assertFalse(backend.pollsSubchannel((EngineChannel) sub.channel));

      // Host to guest on the sub-channel: the one uio counter wakes it.
      byte[] toSub = Hex.bytes("0a 00 00 00 00 00 00 00");
      sendUntilSignalled(subHost, 3, toSub, sub);
      // ... and on the primary, through the same counter.
      byte[] toPrimary = Hex.bytes("0b 00 00 00 00 00 00 00");
      sendUntilSignalled(host, 4, toPrimary, primary);
      assertEquals(2, host.interruptsSent(), "one interrupt per channel, both on the one counter");

      // Guest to host on the sub-channel lands in the sub-channel's ring, not the primary's.
      int before = host.doorbells();
      byte[] fromSub = Hex.bytes("0c 00 00 00 00 00 00 00");
      sub.send(fromSub);
      assertArrayEquals(fromSub, subHost.awaitPacket().payload());
      assertTrue(host.txEmpty(), "nothing went into the primary's ring");
      host.awaitDoorbells(before + 1);

      sub.disableAndCleanup();
      // The primary goes on after its sub-channel is gone.
      byte[] again = Hex.bytes("0d 00 00 00 00 00 00 00");
      primary.send(again);
      assertArrayEquals(again, host.awaitPacket().payload());
      primary.disableAndCleanup();
      SimulatedHost.awaitTrue(host::guestClosedDoorbell, "the guest to close the uio device");
    }
  }

  @Test
  void aSubchannelWhoseInterruptsStayMaskedIsPolled() throws Exception {
    backend.forceSubchannelPolling(true);
    GuestChannel primary = GuestChannel.allocate(backend, CLASS, null, GuestChannel.COMPLETE).start();
    try (SimulatedHost subHost = offerSubchannel(SUB_RELID, 1, -1)) {
      GuestChannel sub =
          GuestChannel.allocateSubchannel(backend, CLASS, primary, 1, GuestChannel.COMPLETE).start();
      assertTrue(backend.pollsSubchannel((EngineChannel) sub.channel));
      byte[] quiet = Hex.bytes("0e 00 00 00 00 00 00 00");
      int rc = subHost.sendWithoutInterrupt(PacketLayout.TYPE_INBAND, 5, quiet);
      assertTrue(rc >= 0, "written");
      assertArrayEquals(quiet, sub.nextReceived());
      assertEquals(0, host.interruptsSent(), "no interrupt was needed");
      sub.disableAndCleanup();
    }
    primary.disableAndCleanup();
  }

  @Test
  void subchannelsPollOnKernelsBefore618AndNotFrom618On() throws Exception {
    for (String release : new String[] {"6.12.38+deb12-amd64", "6.18.1-azure"}) {
      tree.kernel(release);
      GuestChannel primary =
          GuestChannel.allocate(backend, CLASS, null, GuestChannel.COMPLETE).start();
      int relid = release.startsWith("6.18") ? SUB_RELID + 1 : SUB_RELID;
      try (SimulatedHost subHost = offerSubchannel(relid, relid - 14, -1)) {
        GuestChannel sub = GuestChannel.allocateSubchannel(
            backend, CLASS, primary, relid - 14, GuestChannel.COMPLETE).start();
        assertEquals(!release.startsWith("6.18"),
            backend.pollsSubchannel((EngineChannel) sub.channel), release);
        assertTrue(subHost.txEmpty());
        sub.disableAndCleanup();
      }
      primary.disableAndCleanup();
      SimulatedHost.awaitTrue(host::guestClosedDoorbell, "the guest to close the uio device");
      host.openChannel(false);
    }
  }

  @Test
  void aSubchannelSignalsTheHostThroughItsOwnMonitorBit() throws Exception {
    tree.device(INSTANCE, CLASS, 14).map("uio0", 2, MonitorTrigger.MAP_NAME, 0x1000);
    Path standIn = FakeVmbusTree.sizedFile(
        tree.paths.devDir().resolve("uio0.map2"), NativeMapping.pageSize());
    MappedByteBuffer page;
    try (FileChannel file =
        FileChannel.open(standIn, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      page = file.map(FileChannel.MapMode.READ_WRITE, 0, 4096);
    }
    GuestChannel primary = GuestChannel.allocate(backend, CLASS, null, GuestChannel.COMPLETE).start();
    int monitorId = 40; // group 1, bit 8: the u32 at byte 16
    try (SimulatedHost subHost = offerSubchannel(SUB_RELID, 1, monitorId)) {
      GuestChannel sub =
          GuestChannel.allocateSubchannel(backend, CLASS, primary, 1, GuestChannel.COMPLETE).start();
      int before = host.doorbells();
      sub.send(Hex.bytes("0f 00 00 00 00 00 00 00"));
      subHost.awaitPacket();
      host.awaitDoorbells(before + 1); // the uio write too
      assertEquals(1 << 8, (int) INT.getVolatile(page, MonitorTrigger.pendingOffset(monitorId)));
      assertEquals(0, (int) INT.getVolatile(page, MonitorTrigger.pendingOffset(0)),
          "the primary, which has no monitor, set no bit");
      sub.disableAndCleanup();
    }
    primary.disableAndCleanup();
  }

  @Test
  void aSubchannelTheHostNeverOffersEndsInEvtChannelPnpFailure() throws Exception {
    backend.setSubchannelWaitMillis(100);
    GuestChannel primary = GuestChannel.allocate(backend, CLASS, null, GuestChannel.COMPLETE).start();
    GuestChannel sub =
        GuestChannel.allocateSubchannel(backend, CLASS, primary, 1, GuestChannel.COMPLETE);
    assertEquals(NtStatus.STATUS_SUCCESS, sub.enable());
    assertEquals(NtStatus.STATUS_NOT_FOUND, sub.nextPnpFailure());
    assertTrue(Objects.requireNonNull(backend.lastError(sub.channel)).reason()
        .contains("no sub-channel"), String.valueOf(backend.lastError(sub.channel)));
    assertNull(backend.lastError(primary.channel), "the sub-channel's failure is its own");
    sub.disableAndCleanup();
    // The primary is untouched.
    byte[] payload = Hex.bytes("10 00 00 00 00 00 00 00");
    primary.send(payload);
    assertArrayEquals(payload, host.awaitPacket().payload());
    primary.disableAndCleanup();
  }

  @Test
  void aSubchannelOfAPrimaryThatIsNotOpenIsRefused() throws Exception {
    GuestChannel primary = GuestChannel.allocate(backend, CLASS, null, GuestChannel.COMPLETE);
    GuestChannel sub =
        GuestChannel.allocateSubchannel(backend, CLASS, primary, 1, GuestChannel.COMPLETE);
    assertNotEquals(NtStatus.STATUS_SUCCESS, sub.enable());
    sub.disableAndCleanup();
    primary.disableAndCleanup();
  }
}
