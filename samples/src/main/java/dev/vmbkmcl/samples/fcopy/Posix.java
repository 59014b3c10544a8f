package dev.vmbkmcl.samples.fcopy;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The few libc calls that act relative to a directory descriptor ({@code openat}, {@code mkdirat},
 * {@code renameat2}, {@code unlinkat}, {@code statx}, {@code fstatvfs}), which {@code java.nio.file}
 * does not offer for every step fcopy needs ({@code SecureDirectoryStream} has no {@code mkdirat}).
 * Bound with JNA direct mapping; no call throws: each returns the C result and {@link #errno()}
 * tells why it failed. Only Linux on x86_64 and aarch64 (LP64) is supported: the flag values below
 * are the two architectures' own, the structures ({@code statx}, {@code statvfs}) have the same
 * layout on both.
 */
final class Posix {
  static final boolean AARCH64 = "aarch64".equals(Platform.ARCH);

  static final int O_WRONLY = 0x1;
  static final int O_CREAT = 0x40;
  static final int O_EXCL = 0x80;
  static final int O_DIRECTORY = AARCH64 ? 0x4000 : 0x10000;
  static final int O_NOFOLLOW = AARCH64 ? 0x8000 : 0x20000;
  static final int O_CLOEXEC = 0x80000;

  static final int AT_FDCWD = -100;
  static final int AT_SYMLINK_NOFOLLOW = 0x100;
  static final int AT_REMOVEDIR = 0x200;
  static final int AT_EMPTY_PATH = 0x1000;
  static final int RENAME_NOREPLACE = 0x1;

  static final int ENOENT = 2;
  static final int EINTR = 4;
  static final int EEXIST = 17;
  static final int ENOTDIR = 20;
  static final int EISDIR = 21;
  static final int EINVAL = 22;
  static final int ENOSPC = 28;
  static final int ENAMETOOLONG = 36;
  static final int ENOSYS = 38;
  static final int ELOOP = 40;
  static final int EDQUOT = 122;

  /** {@code statx} mask: type, mode, uid and inode. */
  static final int STATX_BASIC = 0x1 | 0x2 | 0x8 | 0x100;
  /** Size of {@code struct statx}. */
  static final int STATX_SIZE = 256;
  static final int STATX_UID = 20;
  static final int STATX_MODE = 28;
  static final int STATX_INO = 32;
  static final int STATX_DEV_MAJOR = 136;
  static final int STATX_DEV_MINOR = 140;

  /** Size of {@code struct statvfs} on LP64 glibc. */
  static final int STATVFS_SIZE = 112;
  static final int STATVFS_FRSIZE = 8;
  static final int STATVFS_BAVAIL = 32;
  static final int STATVFS_NAMEMAX = 80;

  static final int S_IFMT = 0170000;
  static final int S_IFDIR = 0040000;
  static final int S_IWGRP = 0020;
  static final int S_IWOTH = 0002;

  static {
    Native.register(Posix.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
  }

  private Posix() {}

  /** Whether these bindings are right for this JVM; touches no native code. */
  static boolean isSupportedPlatform() {
    return Platform.isLinux() && ("x86-64".equals(Platform.ARCH) || AARCH64);
  }

  /** {@code errno} of the last failed call on this thread. */
  static int errno() {
    return Native.getLastError();
  }

  static native int open(String path, int flags);

  static native int openat(int dirfd, String name, int flags, int mode);

  static native int mkdirat(int dirfd, String name, int mode);

  static native int renameat(int olddirfd, String oldName, int newdirfd, String newName);

  static native int renameat2(
      int olddirfd, String oldName, int newdirfd, String newName, int flags);

  static native int linkat(int olddirfd, String oldName, int newdirfd, String newName, int flags);

  static native int unlinkat(int dirfd, String name, int flags);

  static native int statx(int dirfd, String name, int flags, int mask, Pointer statx);

  static native int fstatvfs(int fd, Pointer statvfs);

  static native long write(int fd, Pointer buf, long count);

  static native int fsync(int fd);

  static native int close(int fd);

  static native int geteuid();
}
