package dev.vmbkmcl.samples.fcopy;

import dev.vmbkmcl.samples.ic.IcHeader;
import dev.vmbkmcl.samples.ic.IcRequestWriter;
import dev.vmbkmcl.samples.ic.IcVersion;
import java.nio.ByteBuffer;

/**
 * Host side: encodes file-copy requests as whole IC payloads (header + body) for the simulated host
 * (vmbus-ring-and-uio.md §5.7). Names are written unit for unit from the Java string, so a test can
 * send what a hostile host would: unpaired surrogates, or exactly 260 units and no terminator.
 */
public final class FcopyRequests {
  private final IcVersion framework;
  private final IcVersion message;

  /**
   * Requests carrying the negotiated versions.
   *
   * @param framework the framework version (normally 3.0)
   * @param message the file-copy message version (normally 1.1)
   */
  public FcopyRequests(IcVersion framework, IcVersion message) {
    this.framework = framework;
    this.message = message;
  }

  /**
   * Writes a START request at absolute index {@code offset} of {@code dst}.
   *
   * @param dst the buffer, little-endian
   * @param offset where the IC header starts
   * @param fileName {@code file_name}, unit for unit
   * @param pathName {@code path_name}, unit for unit
   * @param copyFlags {@code copy_flags}
   * @param fileSize {@code file_size}
   * @return the request's length
   * @throws IllegalArgumentException if a name has more than 260 UTF-16 units
   * @throws IndexOutOfBoundsException if it does not fit below {@code dst}'s limit
   */
  public int start(
      ByteBuffer dst, int offset, String fileName, String pathName, int copyFlags, long fileSize) {
    checkName(fileName);
    checkName(pathName);
    ByteBuffer b = header(dst, offset, FcopyLayout.START_SIZE, FcopyLayout.OP_START);
    int body = offset + IcHeader.SIZE;
    putName(b, body + FcopyLayout.FILE_NAME, fileName);
    putName(b, body + FcopyLayout.PATH_NAME, pathName);
    b.putInt(body + FcopyLayout.COPY_FLAGS, copyFlags);
    b.putLong(body + FcopyLayout.FILE_SIZE, fileSize);
    return IcHeader.SIZE + FcopyLayout.START_SIZE;
  }

  /**
   * Writes a WRITE request carrying {@code data}'s remaining bytes (not consumed) for file offset
   * {@code fileOffset}.
   *
   * @param dst the buffer, little-endian
   * @param offset where the IC header starts
   * @param fileOffset the WRITE's {@code offset}
   * @param data the bytes to carry
   * @return the request's length, {@code 28 + 52 + data.remaining()}
   * @throws IllegalArgumentException if {@code data} has more than 6,144 bytes remaining
   * @throws IndexOutOfBoundsException if it does not fit below {@code dst}'s limit
   */
  public int write(ByteBuffer dst, int offset, long fileOffset, ByteBuffer data) {
    int size = data.remaining();
    if (size > FcopyLayout.MAX_DATA) {
      throw new IllegalArgumentException(
          "WRITE of " + size + " bytes exceeds " + FcopyLayout.MAX_DATA);
    }
    ByteBuffer b = header(dst, offset, FcopyLayout.WRITE_DATA + size, FcopyLayout.OP_WRITE);
    int body = offset + IcHeader.SIZE;
    b.putLong(body + FcopyLayout.WRITE_OFFSET, fileOffset);
    b.putInt(body + FcopyLayout.WRITE_SIZE, size);
    b.put(body + FcopyLayout.WRITE_DATA, data, data.position(), size);
    return IcHeader.SIZE + FcopyLayout.WRITE_DATA + size;
  }

  /**
   * Writes a COMPLETE request.
   *
   * @param dst the buffer, little-endian
   * @param offset where the IC header starts
   * @return the request's length
   */
  public int complete(ByteBuffer dst, int offset) {
    header(dst, offset, FcopyLayout.HEADER_SIZE, FcopyLayout.OP_COMPLETE);
    return IcHeader.SIZE + FcopyLayout.HEADER_SIZE;
  }

  /**
   * Writes a CANCEL request.
   *
   * @param dst the buffer, little-endian
   * @param offset where the IC header starts
   * @return the request's length
   */
  public int cancel(ByteBuffer dst, int offset) {
    header(dst, offset, FcopyLayout.HEADER_SIZE, FcopyLayout.OP_CANCEL);
    return IcHeader.SIZE + FcopyLayout.HEADER_SIZE;
  }

  private ByteBuffer header(ByteBuffer dst, int offset, int bodySize, int operation) {
    ByteBuffer b =
        IcRequestWriter.writeHeader(
            dst, offset, framework, message, IcHeader.TYPE_FCOPY, bodySize, 0);
    b.putInt(offset + IcHeader.SIZE + FcopyLayout.OPERATION, operation);
    return b;
  }

  private static void checkName(String name) {
    if (name.length() > FcopyLayout.NAME_UNITS) {
      throw new IllegalArgumentException(
          "name of " + name.length() + " UTF-16 units exceeds " + FcopyLayout.NAME_UNITS);
    }
  }

  // The field was zeroed by the header writer, so a shorter name is NUL-terminated.
  private static void putName(ByteBuffer b, int index, String name) {
    for (int i = 0; i < name.length(); i++) {
      b.putChar(index + i * Character.BYTES, name.charAt(i));
    }
  }
}
