package dev.vmbkmcl.samples.fcopy;

import java.io.IOException;

/** A failed libc call of {@link Posix}: the call, the name it acted on, and {@code errno}. */
final class ErrnoException extends IOException {
  private static final long serialVersionUID = 1L;

  private final int errno;

  ErrnoException(String call, String name, int errno) {
    super(call + "(" + LogText.escape(name) + "): " + describe(errno));
    this.errno = errno;
  }

  /** The {@code errno} value. */
  int errno() {
    return errno;
  }

  /** True for ENOSPC and EDQUOT: the disk or the user's quota is full. */
  boolean isDiskFull() {
    return errno == Posix.ENOSPC || errno == Posix.EDQUOT;
  }

  private static String describe(int errno) {
    return switch (errno) {
      case Posix.ENOENT -> "ENOENT";
      case Posix.EEXIST -> "EEXIST";
      case Posix.ENOTDIR -> "ENOTDIR (not a directory)";
      case Posix.EISDIR -> "EISDIR";
      case Posix.ELOOP -> "ELOOP (a symbolic link, not followed)";
      case Posix.ENOSPC -> "ENOSPC";
      case Posix.EDQUOT -> "EDQUOT";
      case Posix.ENAMETOOLONG -> "ENAMETOOLONG";
      default -> "errno " + errno;
    };
  }
}
