package dev.vmbkmcl.samples.fcopy;

import com.sun.jna.Memory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * An open directory: every operation names one component relative to this descriptor and never
 * follows a symbolic link ({@code O_NOFOLLOW}, {@code AT_SYMLINK_NOFOLLOW}; {@code rename} and
 * {@code unlink} act on a link itself). Once open, the directory stays the same one whatever a
 * local process later renames or replaces along its path, so no path is resolved twice.
 */
final class DirHandle implements AutoCloseable {
  private static final int DIRECTORY_FLAGS = Posix.O_DIRECTORY | Posix.O_NOFOLLOW | Posix.O_CLOEXEC;

  private final int fd;
  private boolean closed;

  private DirHandle(int fd) {
    this.fd = fd;
  }

  /**
   * Opens {@code path} as the root of a session. Its last component must not be a symbolic link,
   * so what is opened is what the user named; earlier components are the user's own path.
   *
   * @throws IOException if it cannot be opened as a directory; the message says when it is a link
   */
  static DirHandle openRoot(Path path) throws IOException {
    if (!Posix.isSupportedPlatform()) {
      throw new IOException("fcopy writes through directory descriptors on Linux x86_64 or"
          + " aarch64 only");
    }
    String name = path.toAbsolutePath().toString();
    int fd = Posix.open(name, DIRECTORY_FLAGS);
    if (fd < 0) {
      int errno = Posix.errno();
      if (Files.isSymbolicLink(path)) {
        throw new IOException(name + " is a symbolic link: fcopy follows none, so give the"
            + " directory itself (ELOOP)");
      }
      throw new ErrnoException("open", name, errno);
    }
    return new DirHandle(fd);
  }

  /**
   * Opens the child directory {@code name}.
   *
   * @throws ErrnoException ENOENT if missing, ELOOP if it is a link, ENOTDIR if not a directory
   */
  DirHandle openDirectory(String name) throws ErrnoException {
    int child = Posix.openat(fd, name, DIRECTORY_FLAGS, 0);
    if (child < 0) {
      throw new ErrnoException("openat", name, Posix.errno());
    }
    return new DirHandle(child);
  }

  /** {@code mkdirat} with {@code mode}; throws EEXIST if something has that name. */
  void makeDirectory(String name, int mode) throws ErrnoException {
    if (Posix.mkdirat(fd, name, mode) != 0) {
      throw new ErrnoException("mkdirat", name, Posix.errno());
    }
  }

  /** Creates and opens a new regular file for writing; fails if the name exists (even a link). */
  FileHandle createFile(String name, int mode) throws ErrnoException {
    int file =
        Posix.openat(
            fd,
            name,
            Posix.O_WRONLY | Posix.O_CREAT | Posix.O_EXCL | Posix.O_NOFOLLOW | Posix.O_CLOEXEC,
            mode);
    if (file < 0) {
      throw new ErrnoException("openat", name, Posix.errno());
    }
    return new FileHandle(file);
  }

  /**
   * Renames {@code from} to {@code to} in this directory. With {@code replace} an existing {@code
   * to} (a file or a link itself, never what a link points to) is replaced atomically; without it
   * an existing {@code to} fails with EEXIST and is left alone.
   */
  void rename(String from, String to, boolean replace) throws ErrnoException {
    if (replace) {
      if (Posix.renameat(fd, from, fd, to) != 0) {
        throw new ErrnoException("renameat", to, Posix.errno());
      }
      return;
    }
    if (Posix.renameat2(fd, from, fd, to, Posix.RENAME_NOREPLACE) == 0) {
      return;
    }
    int errno = Posix.errno();
    if (errno != Posix.EINVAL && errno != Posix.ENOSYS) {
      throw new ErrnoException("renameat2", to, errno);
    }
    // A file system without RENAME_NOREPLACE: link(2) never replaces either.
    if (Posix.linkat(fd, from, fd, to, 0) != 0) {
      throw new ErrnoException("linkat", to, Posix.errno());
    }
    removeFile(from);
  }

  /** {@code unlinkat} of a non-directory (a link itself, not what it points to). */
  void removeFile(String name) throws ErrnoException {
    if (Posix.unlinkat(fd, name, 0) != 0) {
      throw new ErrnoException("unlinkat", name, Posix.errno());
    }
  }

  /** {@code unlinkat(AT_REMOVEDIR)}: removes an empty directory; fails on anything else. */
  void removeDirectory(String name) throws ErrnoException {
    if (Posix.unlinkat(fd, name, Posix.AT_REMOVEDIR) != 0) {
      throw new ErrnoException("unlinkat", name, Posix.errno());
    }
  }

  /** What {@code name} is, without following a link; {@code null} if nothing has that name. */
  @Nullable Stat stat(String name) throws ErrnoException {
    try (Memory buf = new Memory(Posix.STATX_SIZE)) {
      if (Posix.statx(fd, name, Posix.AT_SYMLINK_NOFOLLOW, Posix.STATX_BASIC, buf) != 0) {
        int errno = Posix.errno();
        if (errno == Posix.ENOENT) {
          return null;
        }
        throw new ErrnoException("statx", name, errno);
      }
      return Stat.of(buf);
    }
  }

  /** This directory itself. */
  Stat stat() throws ErrnoException {
    return Stat.ofDescriptor(fd);
  }

  /** Bytes an unprivileged user may still write on this directory's file system. */
  long freeBytes() throws ErrnoException {
    try (Memory buf = new Memory(Posix.STATVFS_SIZE)) {
      statvfs(buf);
      long available = buf.getLong(Posix.STATVFS_BAVAIL);
      long fragment = buf.getLong(Posix.STATVFS_FRSIZE);
      if (available < 0 || fragment <= 0) {
        return Long.MAX_VALUE;
      }
      return available > Long.MAX_VALUE / fragment ? Long.MAX_VALUE : available * fragment;
    }
  }

  /** The longest name, in bytes, this directory's file system accepts. */
  long nameMax() throws ErrnoException {
    try (Memory buf = new Memory(Posix.STATVFS_SIZE)) {
      statvfs(buf);
      return buf.getLong(Posix.STATVFS_NAMEMAX);
    }
  }

  private void statvfs(Memory buf) throws ErrnoException {
    if (Posix.fstatvfs(fd, buf) != 0) {
      throw new ErrnoException("fstatvfs", ".", Posix.errno());
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      Posix.close(fd);
    }
  }

  /**
   * The parts of {@code struct statx} fcopy judges by.
   *
   * @param mode {@code st_mode}: type and permission bits
   * @param uid the owner
   * @param device major and minor number of the file system, together
   * @param inode the inode number
   */
  record Stat(int mode, int uid, long device, long inode) {
    static Stat of(Memory buf) {
      long device =
          ((long) buf.getInt(Posix.STATX_DEV_MAJOR) << 32)
              | Integer.toUnsignedLong(buf.getInt(Posix.STATX_DEV_MINOR));
      return new Stat(
          Short.toUnsignedInt(buf.getShort(Posix.STATX_MODE)),
          buf.getInt(Posix.STATX_UID),
          device,
          buf.getLong(Posix.STATX_INO));
    }

    static Stat ofDescriptor(int fd) throws ErrnoException {
      try (Memory buf = new Memory(Posix.STATX_SIZE)) {
        if (Posix.statx(fd, "", Posix.AT_EMPTY_PATH, Posix.STATX_BASIC, buf) != 0) {
          throw new ErrnoException("statx", "", Posix.errno());
        }
        return of(buf);
      }
    }

    boolean isDirectory() {
      return (mode & Posix.S_IFMT) == Posix.S_IFDIR;
    }

    /** Same file: device and inode equal. */
    boolean sameFileAs(Stat other) {
      return device == other.device && inode == other.inode;
    }
  }
}
