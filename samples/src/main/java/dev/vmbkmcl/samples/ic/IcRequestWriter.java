package dev.vmbkmcl.samples.ic;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Host side: writes the {@code ICMSG_HDR} prefix of a request the way OpenVMM's host frames it
 * (vmbus-ring-and-uio.md §5.1, §8.11): pipe header {@code {1, 20 + bodySize}}, flags 0x03, status
 * 0, reserved 0. The simulated host uses it to speak to guest drivers; guests never send requests.
 */
public final class IcRequestWriter {
  private IcRequestWriter() {}

  /**
   * Writes the 28-byte header at absolute index {@code offset} of {@code dst} and returns a
   * little-endian view of {@code dst} for writing the body at {@code offset + IcHeader.SIZE}. The
   * whole message ({@code 28 + bodySize} bytes) must fit below {@code dst}'s limit; the body bytes
   * are zeroed so reserved fields read 0.
   *
   * @throws IllegalArgumentException if a field does not fit its wire width
   * @throws IndexOutOfBoundsException if the message does not fit in {@code dst}
   */
  public static ByteBuffer writeHeader(
      ByteBuffer dst,
      int offset,
      IcVersion framework,
      IcVersion message,
      int messageType,
      int bodySize,
      int transactionId) {
    if ((messageType & ~0xFFFF) != 0
        || bodySize < 0
        || bodySize > IcHeader.MAX_BODY_SIZE
        || (transactionId & ~0xFF) != 0) {
      throw new IllegalArgumentException(
          "IC request header: type "
              + messageType
              + ", body size "
              + bodySize
              + ", transaction id "
              + transactionId);
    }
    Objects.checkFromIndexSize(offset, IcHeader.SIZE + bodySize, dst.limit());
    ByteBuffer le = dst.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < IcHeader.SIZE + bodySize; i++) {
      le.put(offset + i, (byte) 0);
    }
    le.putInt(offset + IcHeader.PIPE_FLAGS, IcHeader.PIPE_FLAG_DATA);
    le.putInt(
        offset + IcHeader.PIPE_MESSAGE_SIZE, IcHeader.SIZE - IcHeader.PIPE_HEADER_SIZE + bodySize);
    le.putShort(offset + IcHeader.FRAMEWORK_MAJOR, (short) framework.major());
    le.putShort(offset + IcHeader.FRAMEWORK_MINOR, (short) framework.minor());
    le.putShort(offset + IcHeader.MESSAGE_TYPE, (short) messageType);
    le.putShort(offset + IcHeader.MESSAGE_MAJOR, (short) message.major());
    le.putShort(offset + IcHeader.MESSAGE_MINOR, (short) message.minor());
    le.putShort(offset + IcHeader.MESSAGE_SIZE, (short) bodySize);
    le.put(offset + IcHeader.TRANSACTION_ID, (byte) transactionId);
    le.put(offset + IcHeader.FLAGS, (byte) IcHeader.FLAGS_HOST_REQUEST);
    return le;
  }
}
