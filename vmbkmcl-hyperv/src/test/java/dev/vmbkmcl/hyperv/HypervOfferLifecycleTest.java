package dev.vmbkmcl.hyperv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.ring.PacketLayout;
import dev.vmbkmcl.spi.TimeSource;
import java.nio.file.Path;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Offers that come and go (ring reference §4.6, kmcl-api.md #25): with an offer wait, {@code
 * VmbChannelEnable} of a client channel returns at once and the channel opens when the device is
 * offered and bound; a device that does not come within the bound ends in {@code
 * EvtChannelPnpFailure}; after a rescind the same channel enables again once the host offers the
 * device again. Without a wait, Enable fails at once as before.
 */
class HypervOfferLifecycleTest {

  private static final UUID CLASS = VmbusClasses.DYNAMIC_MEMORY;
  private static final String INSTANCE = "1eccfd72-4b41-45ef-b73a-4a6e44c12924";
  private static final byte[] REQUEST = Hex.bytes("01 00 10 00 01 00 00 00 00 00 02 00 00 00 00 00");
  private static final byte[] RESPONSE = Hex.bytes("02 00 10 00 01 00 00 00 01 00 00 00 00 00 00 00");

  @TempDir Path temp;

  private static HypervBackend backend(FakeVmbusTree tree) {
    return new HypervBackend(tree.paths, TimeSource.SYSTEM, UioDevice::openWithStandInDoorbells);
  }

  /** One request and answer: proves the channel runs against {@code host}. */
  private static void negotiate(GuestChannel guest, SimulatedHost host) throws Exception {
    guest.send(REQUEST);
    assertArrayEquals(REQUEST, host.awaitPacket().payload());
    host.send(PacketLayout.TYPE_INBAND, 0, 1, RESPONSE);
    assertArrayEquals(RESPONSE, guest.nextReceived());
  }

  @Test
  void enableWaitsForADeviceOfferedLater() throws Exception {
    FakeVmbusTree tree = new FakeVmbusTree(temp);
    HypervBackend backend = backend(tree);
    backend.setOfferWaitMillis(SimulatedHost.WAIT_SECONDS * 1000L);
    GuestChannel guest = GuestChannel.allocate(backend, CLASS, null, GuestChannel.COMPLETE);
    assertEquals(NtStatus.STATUS_SUCCESS, guest.enable());
    assertNull(backend.lastError(guest.channel));
    try (SimulatedHost host = tree.hostedDevice(INSTANCE, CLASS, 14, "uio0").openChannel(false)) {
      assertTrue(guest.awaitStarted(), "the channel opened once the device was offered");
      negotiate(guest, host);
      guest.disableAndCleanup();
    }
  }

  @Test
  void aDeviceThatIsNotOfferedWithinTheBoundRunsEvtChannelPnpFailure() throws Exception {
    FakeVmbusTree tree = new FakeVmbusTree(temp);
    HypervBackend backend = backend(tree);
    backend.setOfferWaitMillis(100);
    GuestChannel guest = GuestChannel.allocate(backend, CLASS, null, GuestChannel.COMPLETE);
    assertEquals(NtStatus.STATUS_SUCCESS, guest.enable());
    assertEquals(NtStatus.STATUS_NOT_FOUND, guest.nextPnpFailure());
    HypervError failure = Objects.requireNonNull(backend.lastError(guest.channel));
    assertEquals(NtStatus.STATUS_NOT_FOUND, failure.status());
    String error = failure.message();
    assertTrue(error.contains("offer wait of 100 ms") && error.contains(CLASS.toString()), error);
    // The channel stayed Enabled (kmcl-api.md: the driver disables it); after that and the offer
    // it enables again.
    guest.disable();
    try (SimulatedHost host = tree.hostedDevice(INSTANCE, CLASS, 14, "uio0").openChannel(false)) {
      guest.start();
      assertNull(backend.lastError(guest.channel), "a successful enable clears its channel's error");
      negotiate(guest, host);
      guest.disableAndCleanup();
    }
  }

  @Test
  void theOfferWaitRunsOnTheBackendsInjectedClock() throws Exception {
    FakeVmbusTree tree = new FakeVmbusTree(temp);
    AtomicLong now = new AtomicLong();
    TimeSource virtual = new TimeSource() {
      @Override
      public long nanoTime() {
        return now.get();
      }

      @Override
      public long currentTimeMillis() {
        return now.get() / 1_000_000L;
      }

      @Override
      public void parkNanos(Object blocker, long nanos) {
        now.addAndGet(nanos); // each rescan pause "passes" at once
      }
    };
    HypervBackend backend = new HypervBackend(tree.paths, virtual, UioDevice::openWithStandInDoorbells);
    long tenMinutes = 600_000L; // far beyond nextPnpFailure's own real-time bound
    backend.setOfferWaitMillis(tenMinutes);
    GuestChannel guest = GuestChannel.allocate(backend, CLASS, null, GuestChannel.COMPLETE);
    assertEquals(NtStatus.STATUS_SUCCESS, guest.enable());
    // Ten minutes of the injected clock: on the machine's clock nextPnpFailure would give up first.
    assertEquals(NtStatus.STATUS_NOT_FOUND, guest.nextPnpFailure());
    assertTrue(now.get() >= tenMinutes * 1_000_000L, "the wait ended by the injected clock: " + now.get());
    assertTrue(Objects.requireNonNull(backend.lastError(guest.channel)).message()
        .contains("offer wait of " + tenMinutes + " ms"));
    guest.disableAndCleanup();
  }

  @Test
  void aDeviceBoundToItsKernelDriverIsWaitedForUntilTheBoundThenReported() throws Exception {
    FakeVmbusTree tree = new FakeVmbusTree(temp);
    tree.device(INSTANCE, CLASS, 14).boundTo("hv_balloon");
    HypervBackend backend = backend(tree);
    backend.setOfferWaitMillis(100);
    GuestChannel guest = GuestChannel.allocate(backend, CLASS, null, GuestChannel.COMPLETE);
    assertEquals(NtStatus.STATUS_SUCCESS, guest.enable());
    assertEquals(NtStatus.STATUS_INVALID_DEVICE_STATE, guest.nextPnpFailure());
    assertTrue(Objects.requireNonNull(backend.lastError(guest.channel)).reason()
        .contains("hv_balloon"), String.valueOf(backend.lastError(guest.channel)));
    guest.disableAndCleanup();
  }

  @Test
  void withoutAnOfferWaitEnableFailsAtOnceAsBefore() throws Exception {
    FakeVmbusTree tree = new FakeVmbusTree(temp);
    HypervBackend backend = backend(tree);
    GuestChannel guest = GuestChannel.allocate(backend, CLASS, null, GuestChannel.COMPLETE);
    assertEquals(NtStatus.STATUS_NOT_FOUND, guest.enable());
    assertThrows(IllegalArgumentException.class, () -> backend.setOfferWaitMillis(-1));
    guest.disableAndCleanup();
  }

  @Test
  void afterARescindTheSameChannelEnablesAgainWhenTheDeviceIsOfferedAgain() throws Exception {
    FakeVmbusTree tree = new FakeVmbusTree(temp);
    HypervBackend backend = backend(tree);
    backend.setOfferWaitMillis(SimulatedHost.WAIT_SECONDS * 1000L);
    GuestChannel guest = GuestChannel.allocate(backend, CLASS, null, GuestChannel.COMPLETE);
    try (SimulatedHost first = tree.hostedDevice(INSTANCE, CLASS, 14, "uio0").openChannel(false)) {
      guest.start();
      negotiate(guest, first);
      first.rescind();
      assertTrue(guest.awaitClosed(), "EvtChannelClosed after the rescind");
      SimulatedHost.awaitTrue(first::guestClosedDoorbell, "the guest to close the uio device");
    }
    tree.removeDevice(INSTANCE, "uio0");

    // The driver enables again while the device is gone; the host then offers it anew (a new
    // relid and uio node, as after a real re-offer).
    assertEquals(NtStatus.STATUS_SUCCESS, guest.enable());
    try (SimulatedHost second = tree.hostedDevice(INSTANCE, CLASS, 20, "uio1").openChannel(false)) {
      assertTrue(guest.awaitStarted(), "the channel opened on the re-offered device");
      negotiate(guest, second);
      guest.disableAndCleanup();
    }
  }
}
