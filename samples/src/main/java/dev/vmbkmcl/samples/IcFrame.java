package dev.vmbkmcl.samples;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The integration-component framing inside an inband packet's payload (reference §5.1): an 8-byte
 * pipe header, a 20-byte IC header, then the message body at offset 28.
 */
final class IcFrame {
  static final int PIPE_FLAGS = 0;
  static final int PIPE_MSGSIZE = 4;
  static final int FRAMEWORK_MAJOR = 8;
  static final int FRAMEWORK_MINOR = 10;
  static final int MSG_TYPE = 12;
  static final int MSG_MAJOR = 14;
  static final int MSG_MINOR = 16;
  static final int MSG_SIZE = 18;
  static final int STATUS = 20;
  static final int FLAGS = 25;
  static final int BODY = 28;

  static final int TYPE_NEGOTIATE = 0;
  static final int TYPE_HEARTBEAT = 1;
  static final int FLAGS_HOST_REQUEST = 0x03;
  static final int FLAGS_GUEST_RESPONSE = 0x05;
  static final int E_FAIL = 0x80004005;

  private IcFrame() {}

  /** A host request: pipe header {1, 20 + body}, IC header, zeroed body of {@code bodySize} bytes. */
  static ByteBuffer hostRequest(int type, int fwMajor, int msgMajor, int bodySize) {
    ByteBuffer b = ByteBuffer.allocate(BODY + bodySize).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(PIPE_FLAGS, 1).putInt(PIPE_MSGSIZE, 20 + bodySize);
    b.putShort(FRAMEWORK_MAJOR, (short) fwMajor).putShort(MSG_TYPE, (short) type);
    b.putShort(MSG_MAJOR, (short) msgMajor).putShort(MSG_SIZE, (short) bodySize);
    b.put(FLAGS, (byte) FLAGS_HOST_REQUEST);
    return b;
  }

  /** True when {@code length} bytes can hold the header and the body the header announces. */
  static boolean wellFormed(ByteBuffer payload, int length) {
    return length >= BODY && BODY + Short.toUnsignedInt(payload.getShort(MSG_SIZE)) <= length;
  }
}
