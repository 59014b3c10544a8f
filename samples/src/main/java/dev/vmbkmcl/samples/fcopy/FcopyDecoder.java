package dev.vmbkmcl.samples.fcopy;

import dev.vmbkmcl.samples.ic.IcHeader;
import dev.vmbkmcl.samples.ic.IcMessage;
import java.nio.ByteBuffer;

/**
 * Decodes the body of a file-copy IC message (vmbus-ring-and-uio.md §5.7). Every bound is checked
 * against the bytes received after the IC header ({@link IcMessage#bodyCapacity()}); names must be
 * NUL-terminated within 260 units and well-formed UTF-16 (unpaired surrogates are refused); a WRITE
 * may carry at most 6,144 bytes. Bad input decodes to {@link FcopyMessage.Malformed}.
 */
public final class FcopyDecoder {
  private FcopyDecoder() {}

  /**
   * Decodes {@code message}.
   *
   * @param message an IC message of type {@code ICMSGTYPE_FCOPY}
   * @return the request, or {@link FcopyMessage.Malformed} with the reason
   */
  public static FcopyMessage decode(IcMessage message) {
    if (message.messageType() != IcHeader.TYPE_FCOPY) {
      return malformed("IC message type " + message.messageType() + " is not FCOPY");
    }
    int capacity = message.bodyCapacity();
    if (capacity < FcopyLayout.HEADER_SIZE) {
      return malformed("body of " + capacity + " bytes is shorter than hv_fcopy_hdr");
    }
    ByteBuffer b = message.buffer();
    int body = message.bodyOffset();
    int operation = b.getInt(body + FcopyLayout.OPERATION);
    return switch (operation) {
      case FcopyLayout.OP_START -> start(b, body, capacity);
      case FcopyLayout.OP_WRITE -> write(b, body, capacity);
      case FcopyLayout.OP_COMPLETE -> new FcopyMessage.Complete();
      case FcopyLayout.OP_CANCEL -> new FcopyMessage.Cancel();
      default -> malformed("unknown operation " + Integer.toUnsignedString(operation));
    };
  }

  private static FcopyMessage start(ByteBuffer b, int body, int capacity) {
    if (capacity < FcopyLayout.START_SIZE) {
      return malformed("START body of " + capacity + " bytes, need " + FcopyLayout.START_SIZE);
    }
    String fileName = Utf16Name.decode(b, body + FcopyLayout.FILE_NAME);
    if (fileName == null) {
      return malformed("file_name is not NUL-terminated UTF-16");
    }
    String pathName = Utf16Name.decode(b, body + FcopyLayout.PATH_NAME);
    if (pathName == null) {
      return malformed("path_name is not NUL-terminated UTF-16");
    }
    return new FcopyMessage.Start(
        fileName,
        pathName,
        b.getInt(body + FcopyLayout.COPY_FLAGS),
        b.getLong(body + FcopyLayout.FILE_SIZE));
  }

  private static FcopyMessage write(ByteBuffer b, int body, int capacity) {
    if (capacity < FcopyLayout.WRITE_DATA) {
      return malformed("WRITE body of " + capacity + " bytes has no data header");
    }
    long size = Integer.toUnsignedLong(b.getInt(body + FcopyLayout.WRITE_SIZE));
    if (size > FcopyLayout.MAX_DATA) {
      return malformed("WRITE size " + size + " exceeds " + FcopyLayout.MAX_DATA);
    }
    if (FcopyLayout.WRITE_DATA + size > capacity) {
      return malformed("WRITE size " + size + " runs past the " + capacity + "-byte body");
    }
    ByteBuffer data = b.slice(body + FcopyLayout.WRITE_DATA, (int) size).asReadOnlyBuffer();
    return new FcopyMessage.Write(b.getLong(body + FcopyLayout.WRITE_OFFSET), data);
  }

  private static FcopyMessage malformed(String reason) {
    return new FcopyMessage.Malformed(reason);
  }
}
