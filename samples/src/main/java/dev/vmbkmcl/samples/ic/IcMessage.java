package dev.vmbkmcl.samples.ic;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A validated, zero-copy view of one received IC message: the {@code ICMSG_HDR} prefix and body of
 * a VMBus inband payload (vmbus-ring-and-uio.md §5.1). Reading a field reads the caller's bytes;
 * {@link #answer(int)} and the responders of this package edit them in place, because an IC
 * response is the received payload sent back (§5.8).
 *
 * <p>{@link #parse} accepts a payload only if it holds the 28-byte header and the announced {@code
 * icmsgsize} fits in it. Body decoders use {@link #bodyCapacity()}, the bytes actually received
 * after the header (VMBus padding included), as their bound: the kernel checks received lengths,
 * not {@code icmsgsize}, so a host that under-reports {@code icmsgsize} still interoperates, and
 * nothing past the given length is ever read.
 */
public final class IcMessage {
  private final ByteBuffer bytes;
  private final int offset;
  private final int length;

  private IcMessage(ByteBuffer bytes, int offset, int length) {
    this.bytes = bytes;
    this.offset = offset;
    this.length = length;
  }

  /**
   * Wraps {@code length} payload bytes starting at absolute index {@code offset} of {@code
   * payload}, or returns {@code null} when they are not an IC message (shorter than {@link
   * IcHeader#SIZE}, or {@code icmsgsize} larger than the bytes after the header). The buffer's
   * position, limit and byte order are not changed; editing requires a writable buffer.
   *
   * @throws IndexOutOfBoundsException if the window does not lie within {@code payload}'s limit (a
   *     caller bug, not bad input)
   */
  public static @Nullable IcMessage parse(ByteBuffer payload, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, payload.limit());
    if (length < IcHeader.SIZE) {
      return null;
    }
    ByteBuffer le = payload.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    int bodySize = Short.toUnsignedInt(le.getShort(offset + IcHeader.MESSAGE_SIZE));
    if (bodySize > length - IcHeader.SIZE) {
      return null;
    }
    return new IcMessage(le, offset, length);
  }

  /**
   * A little-endian view sharing the payload's bytes; index it with {@link #offset()} or {@link
   * #bodyOffset()}. Writes through it change the payload.
   */
  public ByteBuffer buffer() {
    return bytes;
  }

  /** Absolute index of the payload's first byte (the pipe header) in {@link #buffer()}. */
  public int offset() {
    return offset;
  }

  /** Payload length as received, padding included. */
  public int length() {
    return length;
  }

  /** Absolute index of the body's first byte in {@link #buffer()}. */
  public int bodyOffset() {
    return offset + IcHeader.SIZE;
  }

  /** Bytes received after the header: the bound every body decoder checks against. */
  public int bodyCapacity() {
    return length - IcHeader.SIZE;
  }

  /** Pipe header {@code flags}. */
  public int pipeFlags() {
    return bytes.getInt(offset + IcHeader.PIPE_FLAGS);
  }

  /** Pipe header {@code msgsize}. */
  public int pipeMessageSize() {
    return bytes.getInt(offset + IcHeader.PIPE_MESSAGE_SIZE);
  }

  /** {@code icverframe}. */
  public IcVersion framework() {
    return new IcVersion(u16(IcHeader.FRAMEWORK_MAJOR), u16(IcHeader.FRAMEWORK_MINOR));
  }

  /** {@code icvermsg}. */
  public IcVersion messageVersion() {
    return new IcVersion(u16(IcHeader.MESSAGE_MAJOR), u16(IcHeader.MESSAGE_MINOR));
  }

  /** {@code icmsgtype} ({@code IcHeader.TYPE_*}). */
  public int messageType() {
    return u16(IcHeader.MESSAGE_TYPE);
  }

  /** {@code icmsgsize}: the body size the sender announced (always {@code <= bodyCapacity()}). */
  public int bodySize() {
    return u16(IcHeader.MESSAGE_SIZE);
  }

  /** {@code status} (an {@link IcStatus} code). */
  public int status() {
    return bytes.getInt(offset + IcHeader.STATUS);
  }

  /** {@code ictransaction_id}, 0..255. */
  public int transactionId() {
    return Byte.toUnsignedInt(bytes.get(offset + IcHeader.TRANSACTION_ID));
  }

  /** {@code icflags}, 0..255. */
  public int flags() {
    return Byte.toUnsignedInt(bytes.get(offset + IcHeader.FLAGS));
  }

  /**
   * Turns the received request into its response in place: {@code status} = {@code status} and
   * {@code icflags} = TRANSACTION | RESPONSE (0x05). Everything else stays as received, as the
   * kernel does before echoing the packet (§5.8).
   */
  public void answer(int status) {
    bytes.putInt(offset + IcHeader.STATUS, status);
    bytes.put(offset + IcHeader.FLAGS, (byte) IcHeader.FLAGS_GUEST_RESPONSE);
  }

  void setBodySize(int size) {
    bytes.putShort(offset + IcHeader.MESSAGE_SIZE, (short) size);
  }

  private int u16(int field) {
    return Short.toUnsignedInt(bytes.getShort(offset + field));
  }

  @Override
  public String toString() {
    return "IcMessage{type="
        + messageType()
        + ", framework="
        + framework()
        + ", message="
        + messageVersion()
        + ", icmsgsize="
        + bodySize()
        + ", length="
        + length
        + ", flags=0x"
        + Integer.toHexString(flags())
        + ", status="
        + IcStatus.describe(status())
        + "}";
  }
}
