package dev.vmbkmcl.samples;

import dev.vmbkmcl.DeviceObject;
import dev.vmbkmcl.samples.ic.HeartbeatRequest;
import dev.vmbkmcl.samples.ic.IcMessage;
import dev.vmbkmcl.samples.ic.IcNegotiateRequest;
import dev.vmbkmcl.samples.ic.IcNegotiation;
import dev.vmbkmcl.samples.ic.IcVersion;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The host side of the heartbeat integration component on the simulated VMBus: offers the device,
 * negotiates as OpenVMM's host frames it (frameworks 1.0 and 3.0, heartbeat 1.0 and 3.0;
 * vmbus-ring-and-uio.md §8.11), then sends heartbeats starting at sequence 16 and checks that each
 * answer carries the sequence + 1 with flags 0x05 and S_OK (§5.4).
 */
final class HeartbeatHost {
  /** The heartbeat device's instance on the simulated host. */
  static final UUID INSTANCE = UUID.fromString("fd149e91-82e0-4a7d-afa6-2a4166cbd7c0");

  /** The first sequence number sent, as in §8.12. */
  static final long FIRST_SEQUENCE = 0x10;

  private static final IcNegotiateRequest NEGOTIATE =
      new IcNegotiateRequest(IcNegotiateRequest.HOST_FRAMEWORKS,
          List.of(IcVersion.V1_0, IcVersion.V3_0));

  private final SimHostChannel channel;
  private final PrintStream out;
  private final ByteBuffer request = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);

  /**
   * Prepares the heartbeat offer under the simulated host's device.
   *
   * @throws SampleException when a KMCL call fails
   */
  HeartbeatHost(DeviceObject host, PrintStream out) throws SampleException {
    this.out = out;
    this.channel = new SimHostChannel(host, HeartbeatGuest.HEARTBEAT_CLASS, INSTANCE, "heartbeat");
  }

  /** Publishes the offer. */
  void offer() throws SampleException {
    channel.offer();
    out.println("host: offering the heartbeat device (class " + HeartbeatGuest.HEARTBEAT_CLASS
        + ")");
  }

  /**
   * Negotiates with the guest driver, then sends {@code beats} heartbeats one at a time.
   *
   * @throws SampleException at the first answer that is missing or wrong
   */
  void run(int beats) throws SampleException, InterruptedException {
    channel.awaitGuest();
    out.println("host: negotiating: frameworks 1.0, 3.0; heartbeat versions 1.0, 3.0");
    channel.send(request, NEGOTIATE.write(request, 0, 0));
    IcMessage answer = receive("negotiate answer");
    IcNegotiation agreed = NEGOTIATE.check(answer);
    if (!agreed.agreed()) {
      throw new SampleException("heartbeat: the guest's negotiate answer is "
          + agreed.outcome() + ": " + answer);
    }
    IcVersion framework = Objects.requireNonNull(agreed.framework());
    IcVersion message = Objects.requireNonNull(agreed.message());
    out.println("host: guest chose framework " + framework + ", heartbeat " + message);
    for (long seq = FIRST_SEQUENCE; seq < FIRST_SEQUENCE + beats; seq++) {
      channel.send(request, HeartbeatRequest.write(request, 0, framework, message, seq));
      IcMessage reply = receive("heartbeat answer");
      if (!HeartbeatRequest.isValidResponse(reply, seq)) {
        String carried = reply.bodyCapacity() < Long.BYTES ? "no sequence"
            : "sequence " + reply.buffer().getLong(reply.bodyOffset());
        throw new SampleException("heartbeat: wrong answer to sequence " + seq + ": " + reply
            + " carrying " + carried + ", expected " + (seq + 1));
      }
    }
  }

  /** Rescinds the offer. */
  void withdraw() {
    channel.withdraw();
  }

  private IcMessage receive(String awaited) throws SampleException, InterruptedException {
    ByteBuffer payload = channel.receive(awaited);
    IcMessage message = IcMessage.parse(payload, 0, payload.limit());
    if (message == null) {
      throw new SampleException("heartbeat: the guest's " + awaited + " is not an IC message ("
          + payload.limit() + " bytes)");
    }
    return message;
  }
}
