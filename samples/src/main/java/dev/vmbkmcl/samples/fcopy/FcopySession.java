package dev.vmbkmcl.samples.fcopy;

import dev.vmbkmcl.samples.ic.IcStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The guest's file writer for the file-copy IC (vmbus-ring-and-uio.md §5.7, the job of the tools/hv
 * fcopy daemon), confined to one root directory. Feed it each decoded request and put the returned
 * status into the response ({@code IcMessage.answer(status)}).
 *
 * <p>Rules, all against an untrusted host:
 *
 * <ul>
 *   <li>START: {@code path_name} is relative to the root; absolute paths, {@code ..}, {@code .},
 *       empty components, backslashes, colons (drive letters) and control characters are refused,
 *       and every directory level must resolve (symbolic links followed) inside the real root.
 *       {@code file_name} must be one such component. CREATE_PATH creates missing levels. An
 *       existing target without OVER_WRITE answers ALREADY_EXISTS; a directory in its place,
 *       E_FAIL. A START while a file is open discards that file first: the host has abandoned it.
 *   <li>WRITE: must continue the file exactly ({@code offset} = bytes written so far) and stay
 *       within {@code file_size}.
 *   <li>COMPLETE: all {@code file_size} bytes must have arrived; the file then appears atomically
 *       under its name.
 *   <li>CANCEL in the middle of a file: the file is discarded and the answer is E_FAIL, because
 *       that copy failed. The tools/hv daemon answers S_OK here. We follow the issue that
 *       specified this sample: a host that reads the status learns that the file did not arrive.
 *       CANCEL with no file open has nothing to undo and answers S_OK.
 *   <li>Any failure answers E_FAIL (DISK_FULL when the disk is full, ALREADY_EXISTS as above),
 *       deletes the temporary file and leaves the session idle, ready for the next START. No
 *       partial file is ever left under a target name. A malformed request counts as a failure.
 * </ul>
 *
 * <p>Received files get owner-only permissions. Not thread-safe: one session per channel, driven
 * from its delivery thread.
 */
public final class FcopySession implements AutoCloseable {
  private final Path root;
  private @Nullable FcopyTransfer transfer;

  /**
   * A session writing under {@code root}, which must be an existing directory.
   *
   * @throws IOException if {@code root} does not exist or is not a directory
   */
  public FcopySession(Path root) throws IOException {
    this.root = root.toRealPath();
    if (!Files.isDirectory(this.root)) {
      throw new NotDirectoryException(root.toString());
    }
  }

  /** Processes one request and returns the IC status for its response. */
  public int handle(FcopyMessage message) {
    if (message instanceof FcopyMessage.Start start) {
      return start(start);
    }
    if (message instanceof FcopyMessage.Write write) {
      return write(write);
    }
    if (message instanceof FcopyMessage.Complete) {
      return complete();
    }
    boolean wasReceiving = transfer != null;
    abandon();
    return message instanceof FcopyMessage.Cancel && !wasReceiving ? IcStatus.S_OK : IcStatus.E_FAIL;
  }

  /** True while a file has been started and neither completed nor abandoned. */
  public boolean isReceiving() {
    return transfer != null;
  }

  /** Discards an unfinished file. */
  @Override
  public void close() {
    abandon();
  }

  private int start(FcopyMessage.Start start) {
    abandon();
    if (start.fileSize() < 0 || !FcopyTarget.isSafeComponent(start.fileName())) {
      return IcStatus.E_FAIL;
    }
    try {
      Path directory = FcopyTarget.directory(root, start.pathName(), start.createPath());
      if (directory == null) {
        return IcStatus.E_FAIL;
      }
      Path target = directory.resolve(start.fileName());
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        if (!start.overwrite()) {
          return IcStatus.ALREADY_EXISTS;
        }
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
          return IcStatus.E_FAIL;
        }
      }
      transfer =
          FcopyTransfer.begin(directory, start.fileName(), start.fileSize(), start.overwrite());
      return IcStatus.S_OK;
    } catch (IOException e) {
      return FcopyTransfer.statusOf(e);
    } catch (InvalidPathException e) {
      return IcStatus.E_FAIL;
    }
  }

  private int write(FcopyMessage.Write write) {
    FcopyTransfer t = transfer;
    if (t == null) {
      return IcStatus.E_FAIL;
    }
    int status = t.write(write.offset(), write.data());
    if (status != IcStatus.S_OK) {
      abandon();
    }
    return status;
  }

  private int complete() {
    FcopyTransfer t = transfer;
    if (t == null) {
      return IcStatus.E_FAIL;
    }
    transfer = null;
    return t.commit();
  }

  private void abandon() {
    FcopyTransfer t = transfer;
    if (t != null) {
      transfer = null;
      t.discard();
    }
  }
}
