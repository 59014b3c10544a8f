package dev.vmbkmcl.samples.fcopy;

import dev.vmbkmcl.samples.ic.IcStatus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * One file being received: data goes to a temporary file in the target's directory and only a
 * successful {@link #commit()} renames it into place, so a partial file is never visible under the
 * target name. Every failure path deletes the temporary file.
 */
final class FcopyTransfer {
  private static final String NO_SPACE = "No space left";

  private final Path target;
  private final Path temp;
  private final FileChannel channel;
  private final long fileSize;
  private final boolean overwrite;
  private long written;

  private FcopyTransfer(
      Path target, Path temp, FileChannel channel, long fileSize, boolean overwrite) {
    this.target = target;
    this.temp = temp;
    this.channel = channel;
    this.fileSize = fileSize;
    this.overwrite = overwrite;
  }

  /**
   * Creates the temporary file (owner-only permissions) next to {@code directory/fileName}.
   *
   * @throws IOException if it cannot be created or opened; nothing is left behind then
   */
  static FcopyTransfer begin(Path directory, String fileName, long fileSize, boolean overwrite)
      throws IOException {
    Path temp = Files.createTempFile(directory, ".fcopy-", ".part");
    try {
      FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
      return new FcopyTransfer(directory.resolve(fileName), temp, channel, fileSize, overwrite);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
  }

  /** The IC status for an I/O failure: DISK_FULL for ENOSPC, E_FAIL otherwise. */
  static int statusOf(IOException e) {
    String message = e.getMessage();
    return message != null && message.contains(NO_SPACE) ? IcStatus.DISK_FULL : IcStatus.E_FAIL;
  }

  /**
   * Appends {@code data}'s remaining bytes (not consumed) if they continue the file exactly at
   * {@code offset} and stay within the announced size; returns an IC status. The caller discards
   * the transfer on any status other than S_OK.
   */
  int write(long offset, ByteBuffer data) {
    if (offset != written || data.remaining() > fileSize - written) {
      return IcStatus.E_FAIL;
    }
    ByteBuffer src = data.duplicate();
    try {
      while (src.hasRemaining()) {
        written += channel.write(src);
      }
      return IcStatus.S_OK;
    } catch (IOException e) {
      return statusOf(e);
    }
  }

  /**
   * Checks that all announced bytes arrived, flushes them to disk and renames the temporary file
   * onto the target in one atomic step; returns an IC status. On any failure the temporary file is
   * deleted. Without {@code OVER_WRITE} a target that appeared since START gives ALREADY_EXISTS.
   */
  int commit() {
    if (written != fileSize) {
      discard();
      return IcStatus.E_FAIL;
    }
    try {
      channel.force(true);
      channel.close();
      if (!overwrite && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        discard();
        return IcStatus.ALREADY_EXISTS;
      }
      // rename(2): replaces a file or a symbolic link itself, never what a link points to.
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      return IcStatus.S_OK;
    } catch (IOException e) {
      discard();
      return statusOf(e);
    }
  }

  /** Closes and deletes the temporary file; safe to call more than once. */
  void discard() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // Closing a file we only wrote to can fail only with data we are throwing away anyway.
    }
    try {
      Files.deleteIfExists(temp);
    } catch (IOException ignored) {
      // Nothing more can be done; the name is random and hidden, and the target was never touched.
    }
  }
}
