package dev.vmbkmcl.samples.fcopy;

import java.nio.ByteBuffer;

/**
 * One decoded file-copy request from the host (vmbus-ring-and-uio.md §5.7), or {@link Malformed}
 * when the bytes are not a valid one. Produced by {@link FcopyDecoder}, consumed by {@link
 * FcopySession}.
 */
public sealed interface FcopyMessage {
  /**
   * {@code START_FILE_COPY}.
   *
   * @param fileName {@code file_name}, valid UTF-16 without the terminator
   * @param pathName {@code path_name}, valid UTF-16 without the terminator (may be empty)
   * @param copyFlags {@code copy_flags} ({@code FcopyLayout.FLAG_*})
   * @param fileSize {@code file_size}; negative when the host sent a u64 of 2^63 or more
   */
  record Start(String fileName, String pathName, int copyFlags, long fileSize)
      implements FcopyMessage {
    /**
     * Whether the host allows replacing an existing file.
     *
     * @return true when {@code OVER_WRITE} is set
     */
    public boolean overwrite() {
      return (copyFlags & FcopyLayout.FLAG_OVER_WRITE) != 0;
    }

    /**
     * Whether the host asks for missing directories to be created.
     *
     * @return true when {@code CREATE_PATH} is set
     */
    public boolean createPath() {
      return (copyFlags & FcopyLayout.FLAG_CREATE_PATH) != 0;
    }
  }

  /**
   * {@code WRITE_TO_FILE}.
   *
   * @param offset {@code offset} in the file; negative when the host sent 2^63 or more
   * @param data the {@code size} data bytes: a read-only view of the received payload, valid while
   *     it is (zero-copy)
   */
  record Write(long offset, ByteBuffer data) implements FcopyMessage {}

  /** {@code COMPLETE_FCOPY}: the whole file was sent. */
  record Complete() implements FcopyMessage {}

  /** {@code CANCEL_FCOPY}: the host gave up on the file. */
  record Cancel() implements FcopyMessage {}

  /**
   * Bytes that are not a valid file-copy request.
   *
   * @param reason what was wrong, for logs
   */
  record Malformed(String reason) implements FcopyMessage {}
}
