package dev.vmbkmcl.benchmarks;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * libc through JNA direct mapping ({@code Native.register}), the style the Hyper-V backend uses for
 * its doorbell: {@code write(fd, &one, 4)} on the uio file descriptor (reference §3.9).
 */
final class LibcDirect {
  /** {@code O_WRONLY}. */
  static final int O_WRONLY = 1;

  static {
    Native.register(LibcDirect.class, Platform.C_LIBRARY_NAME);
  }

  private LibcDirect() {}

  /** {@code int open(const char *path, int flags)}. */
  static native int open(String path, int flags);

  /** {@code ssize_t write(int fd, const void *buf, size_t count)} (64-bit size_t, Linux x86_64). */
  static native long write(int fd, Pointer buffer, long count);

  /** {@code int close(int fd)}. */
  static native int close(int fd);
}
