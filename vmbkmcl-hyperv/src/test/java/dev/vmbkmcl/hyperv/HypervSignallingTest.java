package dev.vmbkmcl.hyperv;

import static dev.vmbkmcl.Vmbkmcl.VmbChannelPacketComplete;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmbkmcl.ring.PacketLayout;
import dev.vmbkmcl.ring.RingWriter;
import dev.vmbkmcl.spi.TimeSource;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The signalling rules as they show on the wire of the fake device (ring reference §3.3, §3.6, §3.7,
 * §4.8): every doorbell write of the guest is counted from the FIFO, and the guest side only uses
 * Vmbkmcl calls. Each send returns only after any signal it owes was written, so counts read after
 * a send are exact.
 */
class HypervSignallingTest {

  private static final UUID CLASS = VmbusClasses.DYNAMIC_MEMORY;
  private static final String INSTANCE = "1eccfd72-4b41-45ef-b73a-4a6e44c12924";
  /** Ring bytes of a packet with a 16-byte payload: 16 + 16 + 8 trailer. */
  private static final int PACKET_RING_BYTES = 40;

  @TempDir Path temp;
  private FakeVmbusTree tree;
  private HypervBackend backend;
  private SimulatedHost host;
  private @Nullable GuestChannel opened;

  @BeforeEach
  void hostedDevice() throws Exception {
    tree = new FakeVmbusTree(temp);
    host = tree.hostedDevice(INSTANCE, CLASS, 14, "uio0");
    backend = new HypervBackend(tree.paths, TimeSource.SYSTEM, UioDevice::openWithStandInDoorbells);
  }

  @AfterEach
  void stop() {
    if (opened != null) {
      opened.disableAndCleanup();
    }
    host.close();
  }

  private GuestChannel open(boolean oldKernel, GuestChannel.Handler handler) throws Exception {
    host.openChannel(oldKernel);
    GuestChannel guest = GuestChannel.allocate(backend, CLASS, null, handler);
    opened = guest;
    return guest.start();
  }

  /** A 16-byte payload carrying {@code n}. */
  private static byte[] numbered(int n) {
    return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(0, n).array();
  }

  private static int number(byte[] payload) {
    return ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
  }

  @Test
  void noDoorbellWhileTheHostMasksItsTxRing() throws Exception {
    GuestChannel guest = open(false, GuestChannel.COMPLETE);
    host.setTxInterruptMask(1); // the host is draining and asked not to be interrupted (§3.3 step 2)

    for (int i = 0; i < 3; i++) {
      guest.send(numbered(i));
    }

    assertEquals(0, host.doorbells());
    for (int i = 0; i < 3; i++) {
      assertEquals(i, number(host.awaitPacket().payload()));
    }
    host.setTxInterruptMask(0);
    guest.send(numbered(3));
    assertEquals(1, host.doorbells(), "unmasked and caught up: the next packet rings once");
  }

  @Test
  void oneDoorbellForAnEmptyToNonEmptyBurst() throws Exception {
    GuestChannel guest = open(false, GuestChannel.COMPLETE);

    for (int i = 0; i < 5; i++) {
      guest.send(numbered(i));
    }

    assertEquals(1, host.doorbells(), "only the first packet found the ring empty (§3.3 step 4)");
    for (int i = 0; i < 5; i++) {
      assertEquals(i, number(host.awaitPacket().payload()));
    }
    guest.send(numbered(5));
    assertEquals(2, host.doorbells(), "the host caught up, so the ring went empty to non-empty");
  }

  @Test
  void aDrainingGuestRingsOnceWhenTheBlockedHostHasRoomAgain() throws Exception {
    CountDownLatch inFirstCallback = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger delivered = new AtomicInteger();
    AtomicBoolean inOrder = new AtomicBoolean(true);
    open(false, (packet, payload, flags) -> {
      int n = number(payload);
      if (n != delivered.getAndIncrement()) {
        inOrder.set(false);
      }
      if (n == 0) {
        inFirstCallback.countDown();
        awaitQuietly(release); // bounded: a failed test must not leave Disable waiting for us
      }
      VmbChannelPacketComplete(packet, null, 0);
    });
    try {
      // The guest holds packet 0 in its callback: nothing is committed and the RX ring fills up.
      host.send(PacketLayout.TYPE_INBAND, 0, 0, numbered(0));
      assertTrue(inFirstCallback.await(SimulatedHost.WAIT_SECONDS, TimeUnit.SECONDS));
      int sent = 1;
      while (host.send(PacketLayout.TYPE_INBAND, 0, 0, numbered(sent)) != RingWriter.FULL) {
        sent++;
      }
      assertEquals(4096 / PACKET_RING_BYTES, sent, "a 4096-byte data area holds 102 such packets");
      assertFalse(host.requestSpace(PACKET_RING_BYTES), "still full: the host blocks (§3.4)");
      assertEquals(PACKET_RING_BYTES, host.guestRx().pendingSendSize());
      assertEquals(0, host.doorbells());

      release.countDown();
      host.awaitDoorbells(1); // §3.6: the guest's commit moved free space past pending_send_sz
      assertTrue(host.send(PacketLayout.TYPE_INBAND, 0, 0, numbered(sent)) != RingWriter.FULL,
          "the waiting packet fits now");
      host.clearSpaceRequest();
      int total = sent + 1;

      SimulatedHost.awaitTrue(() -> delivered.get() == total, "every packet to be delivered");
      assertTrue(inOrder.get(), "delivered in ring order");
      SimulatedHost.awaitTrue(
          () -> host.guestRx().readIndex() == host.guestRx().writeIndex(), "the guest to commit");
      assertEquals(1, host.doorbells(), "exactly one signal for the whole drain");
    } finally {
      release.countDown();
    }
  }

  @Test
  void theGuestUnmasksItsRxRingBeforeItWaitsOnAnOldKernel() throws Exception {
    // Kernels before late 2025 mask RX at open and on every interrupt (§4.3): a guest that only
    // waits without unmasking first would never be interrupted again.
    GuestChannel guest = open(true, GuestChannel.COMPLETE);

    for (int round = 0; round < 5; round++) {
      SimulatedHost.awaitTrue(
          () -> host.guestRx().interruptMask() == 0, "the guest to unmask RX while idle");
      host.send(PacketLayout.TYPE_INBAND, 0, 0, numbered(round));
      assertArrayEquals(numbered(round), guest.nextReceived());
    }
    SimulatedHost.awaitTrue(
        () -> host.guestRx().interruptMask() == 0, "the guest to unmask RX after the last packet");
    assertTrue(host.interruptsSent() >= 1, "the host interrupted an unmasked, idle guest");
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(SimulatedHost.WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
