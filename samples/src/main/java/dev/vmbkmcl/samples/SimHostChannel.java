package dev.vmbkmcl.samples;

import static dev.vmbkmcl.Vmbkmcl.*;

import dev.vmbkmcl.DeviceObject;
import dev.vmbkmcl.Ref;
import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.VMBPACKETCOMPLETION;
import dev.vmbkmcl.VMB_CHANNEL_STATE_CHANGE_CALLBACKS;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One device offered by a simulated host, written with the KMCL server API (kmcl-api.md §1.2:
 * allocate with {@code IsServer = TRUE}, set the interface id, enable, start). Every packet the
 * guest sends is completed at once and handed to the host's script as a copy, so a simulated host
 * reads as a conversation: send a request, receive the answer, check it.
 */
final class SimHostChannel {
  /** How long the host waits for the guest before it gives up: generous, it only ends a hang. */
  static final long WAIT_SECONDS = 30;

  private final String device;
  private final VMBCHANNEL channel;
  private final CountDownLatch started = new CountDownLatch(1);
  private final BlockingQueue<ByteBuffer> received = new LinkedBlockingQueue<>();

  /**
   * Allocates the server channel of {@code device} (a readable name, also its friendly name).
   *
   * @throws SampleException when a KMCL call fails
   */
  SimHostChannel(DeviceObject host, UUID classId, UUID instance, String device)
      throws SampleException {
    this.device = device;
    Ref<VMBCHANNEL> ch = new Ref<>();
    KmclCalls.require(VmbChannelAllocate(host, TRUE, ch), "host: VmbChannelAllocate");
    channel = ch.require();
    KmclCalls.require(VmbServerChannelInitSetTargetInterfaceId(channel, classId, instance),
        "host: VmbServerChannelInitSetTargetInterfaceId");
    KmclCalls.require(VmbChannelInitSetFriendlyName(channel, device),
        "host: VmbChannelInitSetFriendlyName");
    KmclCalls.require(VmbChannelInitSetProcessPacketCallbacks(channel, this::onPacket, null),
        "host: VmbChannelInitSetProcessPacketCallbacks");
    VMB_CHANNEL_STATE_CHANGE_CALLBACKS callbacks = new VMB_CHANNEL_STATE_CHANGE_CALLBACKS();
    VMB_CHANNEL_STATE_CHANGE_CALLBACKS_INIT(callbacks);
    callbacks.EvtChannelPostStarted = c -> started.countDown();
    KmclCalls.require(VmbChannelInitSetStateChangeCallbacks(channel, callbacks),
        "host: VmbChannelInitSetStateChangeCallbacks");
  }

  /**
   * Publishes the offer: {@code VmbChannelEnable}, then {@code VmbChannelStart}, which a server
   * calls itself.
   *
   * @throws SampleException when the channel cannot be enabled
   */
  void offer() throws SampleException {
    KmclCalls.require(VmbChannelEnable(channel), "host: VmbChannelEnable");
    VmbChannelStart(channel);
  }

  /**
   * Waits until a guest driver has opened the channel and it runs.
   *
   * @throws SampleException when no guest came within {@value #WAIT_SECONDS} s
   */
  void awaitGuest() throws SampleException, InterruptedException {
    if (!started.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
      throw new SampleException(device + ": no guest driver opened the channel within "
          + WAIT_SECONDS + " s");
    }
  }

  /**
   * Sends {@code length} bytes from {@code payload}'s position as one inband packet.
   *
   * @throws SampleException when the send fails
   */
  void send(ByteBuffer payload, int length) throws SampleException {
    KmclCalls.require(KmclCalls.sendInband(channel, payload, length), "host: VmbPacketSend");
  }

  /**
   * The next payload the guest sent (little-endian, position 0, limit = its length).
   *
   * @param awaited what the host waits for, for the failure message
   * @throws SampleException when nothing arrives within {@value #WAIT_SECONDS} s
   */
  ByteBuffer receive(String awaited) throws SampleException, InterruptedException {
    ByteBuffer payload = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    if (payload == null) {
      throw new SampleException(device + ": the guest sent no " + awaited + " within "
          + WAIT_SECONDS + " s");
    }
    return payload;
  }

  /** Rescinds the offer and frees the channel. */
  void withdraw() {
    VmbChannelDisable(channel);
    VmbChannelCleanup(channel);
  }

  private void onPacket(VMBCHANNEL ch, VMBPACKETCOMPLETION packet, ByteBuffer buffer, int length,
      int flags) {
    ByteBuffer copy = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    copy.put(0, buffer, buffer.position(), length);
    VmbChannelPacketComplete(packet, null, 0);
    received.add(copy);
  }
}
