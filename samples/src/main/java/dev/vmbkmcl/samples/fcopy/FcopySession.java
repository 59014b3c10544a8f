package dev.vmbkmcl.samples.fcopy;

import dev.vmbkmcl.samples.ic.IcStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The guest's file writer for the file-copy IC (vmbus-ring-and-uio.md §5.7, the job of the tools/hv
 * fcopy daemon), confined to one root directory. Feed it each decoded request and put the returned
 * status into the response ({@code IcMessage.answer(status)}).
 *
 * <p>Rules, against an untrusted host and an untrusted local user:
 *
 * <ul>
 *   <li>The root is opened once, as a directory descriptor, and must not be a symbolic link itself.
 *       Every later step (walk, mkdir, create, write, rename, delete) acts relative to a descriptor
 *       and never follows a link, so no path is resolved twice: a directory swapped for a link
 *       while a copy runs refuses the copy instead of leading it out. A root that other users can
 *       write to, or that another user owns, is refused unless the caller allows it explicitly:
 *       they could swap its entries while a copy runs.
 *   <li>START: {@code path_name} is relative to the root; absolute paths, {@code ..}, {@code .},
 *       empty components, backslashes, colons (drive letters) and control characters are refused,
 *       and so is any level that is a symbolic link (even one that points inside the root) or not
 *       a directory. {@code file_name} must be one such component. All limits are checked here,
 *       before anything is created: each name at most the file system's {@code NAME_MAX} bytes of
 *       UTF-8 (255), the whole path at most {@link FcopyLimits#maxPathBytes()}, {@code file_size}
 *       at most the free space (else DISK_FULL), the session's file and directory caps ({@link
 *       FcopyLimits}). CREATE_PATH creates missing levels (mode 0700). An existing target without
 *       OVER_WRITE answers ALREADY_EXISTS; a directory in its place, E_FAIL. A START while a file
 *       is open discards that file first: the host has abandoned it.
 *   <li>WRITE: must continue the file exactly ({@code offset} = bytes written so far) and stay
 *       within {@code file_size}.
 *   <li>COMPLETE: all {@code file_size} bytes must have arrived; the file then appears atomically
 *       under its name.
 *   <li>CANCEL in the middle of a file: the file is discarded and the answer is E_FAIL, because
 *       that copy failed. The tools/hv daemon answers S_OK here. We follow the issue that
 *       specified this sample: a host that reads the status learns that the file did not arrive.
 *       CANCEL with no file open has nothing to undo and answers S_OK.
 *   <li>Any failure answers E_FAIL (DISK_FULL when the disk is full, ALREADY_EXISTS as above),
 *       deletes the temporary file and the directories that file's START created, and leaves the
 *       session idle, ready for the next START. No partial file is ever left under a target name.
 *       A malformed request counts as a failure.
 * </ul>
 *
 * <p>Received files get owner-only permissions. Linux only (x86_64, aarch64). Not thread-safe: one
 * session per channel, driven from its delivery thread.
 */
public final class FcopySession implements AutoCloseable {
  private static final int NAME_MAX = 255;

  private final DirHandle root;
  private final FcopyLimits limits;
  private final int rootPathBytes;
  private final long nameMax;
  private int files;
  private int directories;
  private @Nullable FcopyTransfer transfer;

  /**
   * A session writing under {@code root} with the default limits; a root other users can write
   * to is refused.
   *
   * @param root an existing directory, not a symbolic link
   * @throws IOException if {@code root} cannot be opened as a directory or is shared (see {@link
   *     #FcopySession(Path, FcopyLimits, boolean)})
   */
  public FcopySession(Path root) throws IOException {
    this(root, FcopyLimits.DEFAULT, false);
  }

  /**
   * A session writing under {@code root}.
   *
   * @param root an existing directory, not a symbolic link
   * @param limits the session's caps
   * @param allowSharedTarget accept a root that the group or others may write to, or that another
   *     user owns (they could then swap its entries for links while a copy runs; the copy is still
   *     confined, but may fail)
   * @throws IOException if {@code root} cannot be opened as a directory, is a symbolic link, or is
   *     shared without {@code allowSharedTarget}; the message says why
   */
  public FcopySession(Path root, FcopyLimits limits, boolean allowSharedTarget)
      throws IOException {
    this.limits = limits;
    this.root = DirHandle.openRoot(root);
    try {
      DirHandle.Stat stat = this.root.stat();
      if (!allowSharedTarget) {
        refuseShared(root, stat);
      }
      this.nameMax = Math.min(NAME_MAX, Math.max(1, this.root.nameMax()));
    } catch (IOException | RuntimeException e) {
      this.root.close();
      throw e;
    }
    this.rootPathBytes = utf8Length(root.toAbsolutePath().toString());
  }

  private static void refuseShared(Path root, DirHandle.Stat stat) throws IOException {
    if ((stat.mode() & (Posix.S_IWGRP | Posix.S_IWOTH)) != 0) {
      throw new IOException(root + " is writable by other users (mode "
          + String.format("%04o", stat.mode() & 07777) + "): one of them could swap its"
          + " directories for links while a copy runs; use a directory only you can write to, or"
          + " allow a shared target explicitly");
    }
    int me = Posix.geteuid();
    if (stat.uid() != me && stat.uid() != 0) {
      throw new IOException(root + " belongs to user " + stat.uid() + ", not to you (" + me
          + "): its owner could swap its directories for links while a copy runs; use your own"
          + " directory, or allow a shared target explicitly");
    }
  }

  /**
   * Processes one request.
   *
   * @param message a decoded request
   * @return the IC status for its response
   */
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

  /**
   * Whether a file is open.
   *
   * @return true while a file has been started and neither completed nor abandoned
   */
  public boolean isReceiving() {
    return transfer != null;
  }

  /**
   * Files completed in this session, counted against {@link FcopyLimits#maxFiles()}.
   *
   * @return the number of files completed
   */
  public int filesCompleted() {
    return files;
  }

  /** Discards an unfinished file and closes the root's descriptor. */
  @Override
  public void close() {
    abandon();
    root.close();
  }

  private int start(FcopyMessage.Start start) {
    abandon();
    String fileName = start.fileName();
    List<String> components = FcopyTarget.components(start.pathName());
    if (start.fileSize() < 0 || components == null || !FcopyTarget.isSafeComponent(fileName)) {
      return IcStatus.E_FAIL;
    }
    if (files >= limits.maxFiles() || !withinNameLimits(components, fileName)) {
      return IcStatus.E_FAIL;
    }
    FcopyWalk walk;
    try {
      walk =
          FcopyTarget.walk(
              root, components, start.createPath(), limits.maxDirectories() - directories);
    } catch (IOException e) {
      return FcopyTransfer.statusOf(e);
    }
    int status = IcStatus.E_FAIL;
    try {
      status = admit(walk.directory(), fileName, start);
      if (status == IcStatus.S_OK) {
        transfer = FcopyTransfer.begin(walk, fileName, start.fileSize(), start.overwrite());
      }
    } catch (IOException e) {
      status = FcopyTransfer.statusOf(e);
    } finally {
      if (transfer == null) {
        walk.undo();
      }
    }
    return status;
  }

  /** The checks that need the target's directory: what is there now, and the free space. */
  private static int admit(DirHandle directory, String fileName, FcopyMessage.Start start)
      throws IOException {
    DirHandle.Stat existing = directory.stat(fileName);
    if (existing != null) {
      if (!start.overwrite()) {
        return IcStatus.ALREADY_EXISTS;
      }
      if (existing.isDirectory()) {
        return IcStatus.E_FAIL;
      }
    }
    return start.fileSize() > directory.freeBytes() ? IcStatus.DISK_FULL : IcStatus.S_OK;
  }

  private boolean withinNameLimits(List<String> components, String fileName) {
    long path = rootPathBytes + 1L + utf8Length(fileName);
    if (utf8Length(fileName) > nameMax) {
      return false;
    }
    for (String component : components) {
      int bytes = utf8Length(component);
      if (bytes > nameMax) {
        return false;
      }
      path += bytes + 1L;
    }
    return path <= limits.maxPathBytes();
  }

  private static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
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
    int status = t.commit();
    if (status == IcStatus.S_OK) {
      files++;
      directories += t.directoriesCreated();
    }
    return status;
  }

  private void abandon() {
    FcopyTransfer t = transfer;
    if (t != null) {
      transfer = null;
      t.discard();
    }
  }
}
