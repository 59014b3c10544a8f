package dev.vmbkmcl.hyperv;

import static dev.vmbkmcl.Vmbkmcl.FALSE;
import static dev.vmbkmcl.Vmbkmcl.VMB_CHANNEL_STATE_CHANGE_CALLBACKS_INIT;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelAllocate;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelCleanup;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelDisable;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelEnable;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelInitSetPrimaryChannel;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelInitSetProcessPacketCallbacks;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelInitSetStateChangeCallbacks;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelPacketComplete;
import static dev.vmbkmcl.Vmbkmcl.VmbClientChannelInitSetTargetPnp;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketAllocate;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketSend;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.Ref;
import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.VMBPACKET;
import dev.vmbkmcl.VMBPACKETCOMPLETION;
import dev.vmbkmcl.VMB_CHANNEL_STATE_CHANGE_CALLBACKS;
import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A minimal client driver written only with {@code Vmbkmcl} calls, as a user of the hyperv backend
 * would write it: allocate, target by class (and instance), process-packet and state callbacks,
 * enable, send, disable, clean up.
 */
final class GuestChannel {

  /**
   * What the driver does with one incoming packet; it must end the delivery (complete, defer or
   * fail it), as {@code EvtVmbChannelProcessPacket} must.
   */
  @FunctionalInterface
  interface Handler {
    void handle(VMBPACKETCOMPLETION packet, byte[] payload, int flags);
  }

  /** Completes every packet without a response. */
  static final Handler COMPLETE =
      (packet, payload, flags) -> VmbChannelPacketComplete(packet, null, 0);

  final VMBCHANNEL channel;
  private final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
  /** Counted, so a channel enabled again after a rescind can be waited for again. */
  private final Semaphore postStarted = new Semaphore(0);
  private final Semaphore closed = new Semaphore(0);
  private final BlockingQueue<NtStatus> pnpFailures = new LinkedBlockingQueue<>();

  private GuestChannel(VMBCHANNEL channel) {
    this.channel = channel;
  }

  /** Allocates a client channel of {@code backend} aimed at {@code type} (and {@code instance}). */
  static GuestChannel allocate(
      HypervBackend backend, UUID type, @Nullable UUID instance, Handler handler) {
    return allocate(backend, type, instance, null, 0, handler);
  }

  /**
   * A sub-channel of {@code primary} ({@code VmbChannelInitSetPrimaryChannel} with {@code index}),
   * aimed at the primary's class.
   */
  static GuestChannel allocateSubchannel(
      HypervBackend backend, UUID type, GuestChannel primary, int index, Handler handler) {
    return allocate(backend, type, null, primary, index, handler);
  }

  private static GuestChannel allocate(HypervBackend backend, UUID type, @Nullable UUID instance,
      @Nullable GuestChannel primary, int index, Handler handler) {
    Ref<VMBCHANNEL> ref = new Ref<>();
    check(VmbChannelAllocate(backend.defaultDevice(), FALSE, ref), "VmbChannelAllocate");
    GuestChannel guest = new GuestChannel(ref.require());
    VMBCHANNEL channel = guest.channel;
    check(VmbClientChannelInitSetTargetPnp(channel, type, instance,
        (ch, status) -> guest.pnpFailures.add(status)), "TargetPnp");
    if (primary != null) {
      check(VmbChannelInitSetPrimaryChannel(channel, primary.channel, index), "PrimaryChannel");
    }
    check(
        VmbChannelInitSetProcessPacketCallbacks(
            channel,
            (ch, packet, buffer, length, flags) -> {
              byte[] payload = new byte[length];
              buffer.get(buffer.position(), payload);
              guest.received.add(payload);
              handler.handle(packet, payload, flags);
            },
            null),
        "ProcessPacketCallbacks");
    VMB_CHANNEL_STATE_CHANGE_CALLBACKS callbacks = new VMB_CHANNEL_STATE_CHANGE_CALLBACKS();
    VMB_CHANNEL_STATE_CHANGE_CALLBACKS_INIT(callbacks);
    callbacks.EvtChannelPostStarted = ch -> guest.postStarted.release();
    callbacks.EvtChannelClosed = ch -> guest.closed.release();
    check(VmbChannelInitSetStateChangeCallbacks(channel, callbacks), "StateChangeCallbacks");
    return guest;
  }

  /** Enables the channel and waits until it runs ({@code EvtChannelPostStarted}). */
  GuestChannel start() throws InterruptedException {
    check(VmbChannelEnable(channel), "VmbChannelEnable");
    assertTrue(postStarted.tryAcquire(SimulatedHost.WAIT_SECONDS, TimeUnit.SECONDS), "channel started");
    return this;
  }

  /** Enables the channel without waiting for it to open. */
  NtStatus enable() {
    return VmbChannelEnable(channel);
  }

  /** Waits for {@code EvtChannelPostStarted} after {@link #enable()}. */
  boolean awaitStarted() throws InterruptedException {
    return postStarted.tryAcquire(SimulatedHost.WAIT_SECONDS, TimeUnit.SECONDS);
  }

  /** The status of the next {@code EvtChannelPnpFailure}, waiting for it; null if none came. */
  @Nullable NtStatus nextPnpFailure() throws InterruptedException {
    return pnpFailures.poll(SimulatedHost.WAIT_SECONDS, TimeUnit.SECONDS);
  }

  /** Sends {@code payload} as one inband packet without waiting for a completion. */
  void send(byte[] payload) {
    VMBPACKET packet = VmbPacketAllocate(channel);
    assertNotNull(packet, "VmbPacketAllocate");
    check(VmbPacketSend(packet, ByteBuffer.wrap(payload), payload.length, null, 0), "VmbPacketSend");
  }

  /** The next payload {@code EvtVmbChannelProcessPacket} saw, waiting for it. */
  byte[] nextReceived() throws InterruptedException {
    byte[] payload = received.poll(SimulatedHost.WAIT_SECONDS, TimeUnit.SECONDS);
    assertNotNull(payload, "no packet reached EvtVmbChannelProcessPacket within the deadline");
    return payload;
  }

  /** Waits for {@code EvtChannelClosed}. */
  boolean awaitClosed() throws InterruptedException {
    return closed.tryAcquire(SimulatedHost.WAIT_SECONDS, TimeUnit.SECONDS);
  }

  /** Disables (a no-op when already Disabled) and cleans the channel up. */
  void disableAndCleanup() {
    VmbChannelDisable(channel);
    VmbChannelCleanup(channel);
  }

  /** Disables the channel but keeps it allocated, to enable it again. */
  void disable() {
    VmbChannelDisable(channel);
  }

  static void check(NtStatus status, String what) {
    assertEquals(NtStatus.STATUS_SUCCESS, status, what);
  }
}
