package dev.vmbkmcl.samples;

import static dev.vmbkmcl.Vmbkmcl.*;

import dev.vmbkmcl.DeviceObject;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.VMBPACKETCOMPLETION;
import dev.vmbkmcl.VMB_CHANNEL_STATE_CHANGE_CALLBACKS;
import dev.vmbkmcl.samples.ic.Heartbeat;
import dev.vmbkmcl.samples.ic.IcHeader;
import dev.vmbkmcl.samples.ic.IcMessage;
import dev.vmbkmcl.samples.ic.IcNegotiation;
import dev.vmbkmcl.samples.ic.IcNegotiator;
import dev.vmbkmcl.samples.ic.IcStatus;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * The guest driver of the Hyper-V heartbeat integration component (vmbus-ring-and-uio.md §5.3,
 * §5.4), written only with KMCL calls, so it runs unchanged on the simulated VMBus and on a real
 * guest: it answers the host's version negotiation with the kernel's preference lists and every
 * heartbeat with {@code seq_num + 1}, each answer being the request edited in place and sent back
 * as one inband packet (§5.8).
 */
final class HeartbeatGuest {
  /** The heartbeat device class (§5.9). */
  static final UUID HEARTBEAT_CLASS = UUID.fromString("57164f39-9115-4e78-ab55-382f3bd5422d");

  /** Largest message answered: a negotiate with 100 + 100 versions needs 836 bytes. */
  private static final int MAX_MESSAGE = 4096;

  private final PrintStream out;
  private final GuestChannel link;
  private final GuestProgress progress = new GuestProgress();
  private final IcRequestCopy requests;

  /**
   * Prepares a client channel for the heartbeat device under {@code device}.
   *
   * @throws SampleException when a KMCL call fails
   */
  HeartbeatGuest(DeviceObject device, PrintStream out) throws SampleException {
    this.out = out;
    this.requests = new IcRequestCopy(MAX_MESSAGE, out, "too long for a heartbeat IC");
    VMB_CHANNEL_STATE_CHANGE_CALLBACKS callbacks = GuestChannel.noCallbacks();
    callbacks.EvtChannelClosed = c -> progress.stop("the host closed the heartbeat channel");
    link = new GuestChannel(device, HEARTBEAT_CLASS, null, 0, this::onPacket, callbacks);
  }

  /** {@code VmbChannelEnable}: opens the device; a client is active once enabled. */
  NtStatus enable() {
    return link.enable();
  }

  /** The driver's channel, for the backend's explanation of a failed Enable. */
  VMBCHANNEL channel() {
    return link.channel();
  }

  /** Closes the channel if it was enabled and frees it. */
  void disable() {
    link.disable();
  }

  /** Heartbeats answered so far, and whether the host closed the channel. */
  GuestProgress progress() {
    return progress;
  }

  private void onPacket(VMBCHANNEL ch, VMBPACKETCOMPLETION packet, ByteBuffer buffer, int length,
      int flags) {
    IcMessage message = requests.copyOf(buffer, length);
    if (message != null) {
      answer(message);
    }
    VmbChannelPacketComplete(packet, null, 0);
  }

  private void answer(IcMessage message) {
    switch (message.messageType()) {
      case IcHeader.TYPE_NEGOTIATE -> {
        IcNegotiation n = IcNegotiator.HEARTBEAT.respond(message);
        out.println(n.agreed()
            ? "guest: negotiated framework " + n.framework() + ", heartbeat " + n.message()
            : "guest: no usable version in the host's offer (" + n.outcome() + ")");
        send(message);
      }
      case IcHeader.TYPE_HEARTBEAT -> {
        if (Heartbeat.respond(message)) {
          long answered = message.buffer().getLong(message.bodyOffset() + Heartbeat.SEQUENCE);
          out.printf("guest: heartbeat seq %d -> answered %d%n", answered - 1, answered);
          send(message);
          progress.advance();
        } else {
          out.println("guest: dropped a heartbeat whose body is shorter than 8 bytes");
        }
      }
      default -> {
        message.answer(IcStatus.E_FAIL);
        out.println("guest: answered IC message type " + message.messageType() + " with E_FAIL");
        send(message);
      }
    }
  }

  private void send(IcMessage answer) {
    NtStatus status = KmclCalls.sendInband(link.channel(), answer.buffer(), answer.length());
    if (!NT_SUCCESS(status)) {
      out.println("guest: the answer was not sent: " + status);
    }
  }
}
