package dev.vmbkmcl.samples.ic;

import java.nio.ByteBuffer;

/**
 * Host side of the heartbeat IC (vmbus-ring-and-uio.md §5.4, §8.12): writes a request and checks
 * the guest's response.
 */
public final class HeartbeatRequest {
  /** Request payload size before VMBus padding: header + 40-byte body. */
  public static final int LENGTH = IcHeader.SIZE + Heartbeat.BODY_SIZE;

  private HeartbeatRequest() {}

  /**
   * Writes a heartbeat request carrying {@code sequence} with the negotiated versions at absolute
   * index {@code offset} of {@code dst}; returns {@link #LENGTH}. Transaction id and the reserved
   * body bytes are 0.
   *
   * @throws IndexOutOfBoundsException if it does not fit below {@code dst}'s limit
   */
  public static int write(
      ByteBuffer dst, int offset, IcVersion framework, IcVersion message, long sequence) {
    ByteBuffer b =
        IcRequestWriter.writeHeader(
            dst, offset, framework, message, IcHeader.TYPE_HEARTBEAT, Heartbeat.BODY_SIZE, 0);
    b.putLong(offset + IcHeader.SIZE + Heartbeat.SEQUENCE, sequence);
    return LENGTH;
  }

  /**
   * True when {@code response} answers a request that carried {@code requestSequence}: type
   * HEARTBEAT, flags 0x05, status S_OK, a body of at least 8 bytes and {@code seq_num ==
   * requestSequence + 1}.
   */
  public static boolean isValidResponse(IcMessage response, long requestSequence) {
    return response.messageType() == IcHeader.TYPE_HEARTBEAT
        && response.flags() == IcHeader.FLAGS_GUEST_RESPONSE
        && response.status() == IcStatus.S_OK
        && response.bodyCapacity() >= Heartbeat.MIN_BODY_SIZE
        && response.buffer().getLong(response.bodyOffset() + Heartbeat.SEQUENCE)
            == requestSequence + 1;
  }
}
