package dev.vmbkmcl.samples.fcopy;

import dev.vmbkmcl.samples.ic.IcStatus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * One file being received: data goes to a temporary file created ({@code O_EXCL|O_NOFOLLOW}) in
 * the target's directory through its descriptor, and only a successful {@link #commit()} renames
 * it into place there, so a partial file is never visible under the target name. Every failure
 * path deletes the temporary file and the directories this file's START created.
 */
final class FcopyTransfer {
  private static final int FILE_MODE = 0600;
  private static final int NAME_ATTEMPTS = 8;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final FcopyWalk walk;
  private final String target;
  private final String temp;
  private final FileHandle file;
  private final long fileSize;
  private final boolean overwrite;
  private long written;
  private boolean discarded;

  private FcopyTransfer(
      FcopyWalk walk,
      String target,
      String temp,
      FileHandle file,
      long fileSize,
      boolean overwrite) {
    this.walk = walk;
    this.target = target;
    this.temp = temp;
    this.file = file;
    this.fileSize = fileSize;
    this.overwrite = overwrite;
  }

  /**
   * Creates the temporary file (owner-only permissions) in {@code walk}'s directory; the transfer
   * owns {@code walk} from here on.
   *
   * @throws IOException if it cannot be created; the caller still owns {@code walk} then
   */
  static FcopyTransfer begin(FcopyWalk walk, String fileName, long fileSize, boolean overwrite)
      throws IOException {
    ErrnoException last = null;
    for (int attempt = 0; attempt < NAME_ATTEMPTS; attempt++) {
      byte[] random = new byte[8];
      RANDOM.nextBytes(random);
      String temp = ".fcopy-" + HexFormat.of().formatHex(random) + ".part";
      try {
        FileHandle file = walk.directory().createFile(temp, FILE_MODE);
        return new FcopyTransfer(walk, fileName, temp, file, fileSize, overwrite);
      } catch (ErrnoException e) {
        if (e.errno() != Posix.EEXIST) {
          throw e;
        }
        last = e;
      }
    }
    throw last == null ? new IOException("no temporary name") : last;
  }

  /** The IC status for an I/O failure: DISK_FULL for ENOSPC and EDQUOT, E_FAIL otherwise. */
  static int statusOf(@Nullable IOException e) {
    return e instanceof ErrnoException errno && errno.isDiskFull()
        ? IcStatus.DISK_FULL
        : IcStatus.E_FAIL;
  }

  /** Directories this file's START created. */
  int directoriesCreated() {
    return walk.createdCount();
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
    try {
      file.write(data);
      written += data.remaining();
      return IcStatus.S_OK;
    } catch (ErrnoException e) {
      return statusOf(e);
    }
  }

  /**
   * Checks that all announced bytes arrived, flushes them to disk and renames the temporary file
   * onto the target in one atomic step, in the same directory descriptor; returns an IC status.
   * The temporary name must still be this file (a local process may have replaced it with a link)
   * and the target afterwards too; otherwise E_FAIL and nothing is kept. Without {@code OVER_WRITE}
   * a target that appeared since START gives ALREADY_EXISTS ({@code RENAME_NOREPLACE}).
   */
  int commit() {
    if (written != fileSize) {
      discard();
      return IcStatus.E_FAIL;
    }
    DirHandle dir = walk.directory();
    try {
      file.force();
      DirHandle.Stat mine = file.stat();
      file.close();
      DirHandle.Stat atTemp = dir.stat(temp);
      if (atTemp == null || !atTemp.sameFileAs(mine)) {
        discard();
        return IcStatus.E_FAIL;
      }
      try {
        dir.rename(temp, target, overwrite);
      } catch (ErrnoException e) {
        discard();
        return e.errno() == Posix.EEXIST ? IcStatus.ALREADY_EXISTS : statusOf(e);
      }
      DirHandle.Stat placed = dir.stat(target);
      if (placed == null || !placed.sameFileAs(mine)) {
        // Our temporary name was swapped in the instant before the rename: what we moved is not
        // our file, so it must not stay under the host's name.
        if (placed != null && !placed.isDirectory()) {
          dir.removeFile(target);
        }
        discard();
        return IcStatus.E_FAIL;
      }
      walk.close();
      return IcStatus.S_OK;
    } catch (IOException e) {
      discard();
      return statusOf(e);
    }
  }

  /** Closes and deletes the temporary file and this START's directories; idempotent. */
  void discard() {
    if (discarded) {
      return;
    }
    discarded = true;
    file.close();
    try {
      walk.directory().removeFile(temp);
    } catch (ErrnoException goneOrRenamed) {
      // Nothing more can be done; the name is random and hidden, and the target was never touched.
    }
    walk.undo();
  }
}
