package dev.vmbkmcl.hyperv;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The libc calls the uio backend needs, bound with JNA direct mapping ({@code Native.register}),
 * which costs about a third of interface mapping per call (toolchain-facts pitfall 8).
 *
 * <p>No call throws: each returns the C result, and on failure the caller reads {@code errno} with
 * {@link #errno()} on the same thread before making any other native call. Constants are the Linux
 * values, identical on x86_64 and aarch64 (the two LP64 targets; {@code size_t}, {@code off_t} and
 * {@code nfds_t} are therefore Java {@code long}). Check {@link #isSupportedPlatform()} before the
 * first call: registering loads libc.
 */
final class LibC {

  static final int O_RDONLY = 0x0;
  static final int O_RDWR = 0x2;
  static final int O_NONBLOCK = 0x800;
  static final int O_CLOEXEC = 0x80000;

  static final int PROT_READ = 0x1;
  static final int PROT_WRITE = 0x2;
  static final int MAP_SHARED = 0x1;
  /** {@code MAP_FAILED}, {@code (void *) -1}. */
  static final long MAP_FAILED = -1L;

  static final short POLLIN = 0x1;
  static final short POLLERR = 0x8;
  static final short POLLHUP = 0x10;
  static final short POLLNVAL = 0x20;

  static final int EPERM = 1;
  static final int ENOENT = 2;
  static final int EINTR = 4;
  static final int EIO = 5;
  static final int EAGAIN = 11;
  static final int EACCES = 13;

  /** {@code _SC_PAGESIZE} for {@link #sysconf(int)}. */
  static final int SC_PAGESIZE = 30;

  /** JNA's property for the system library folders; set here only when the user has not. */
  static final String PLATFORM_LIBRARY_PATH = "jna.platform.library.path";

  static {
    // Without this property JNA runs `ldconfig -p` in a child process the first time it loads a
    // library, only to learn these folders. In the nested lab guest that fork took about a minute.
    // libc does not need it: dlopen finds it by name.
    if (System.getProperty(PLATFORM_LIBRARY_PATH) == null) {
      System.setProperty(PLATFORM_LIBRARY_PATH, systemLibraryFolders());
    }
    Native.register(LibC.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
  }

  /** The folders Debian-style and classic Linux systems keep their libraries in, for this CPU. */
  static String systemLibraryFolders() {
    String triplet = ("aarch64".equals(Platform.ARCH) ? "aarch64" : "x86_64") + "-linux-gnu";
    return String.join(java.io.File.pathSeparator, "/usr/lib/" + triplet, "/lib/" + triplet,
        "/usr/lib64", "/lib64", "/usr/lib", "/lib");
  }

  private LibC() {}

  /**
   * Whether the constants above are right for this JVM: Linux on x86_64 or aarch64. Touches no
   * native code.
   */
  static boolean isSupportedPlatform() {
    return Platform.isLinux()
        && ("x86-64".equals(Platform.ARCH) || "aarch64".equals(Platform.ARCH));
  }

  /** {@code errno} of the last failed call on this thread (JNA saves it after every call). */
  static int errno() {
    return Native.getLastError();
  }

  /** Symbolic name of an errno value, for messages. */
  static String errnoName(int errno) {
    return switch (errno) {
      case EPERM -> "EPERM";
      case ENOENT -> "ENOENT";
      case EINTR -> "EINTR";
      case EIO -> "EIO";
      case EAGAIN -> "EAGAIN";
      case EACCES -> "EACCES";
      default -> "errno " + errno;
    };
  }

  /** {@code int open(const char *path, int flags)}. */
  static native int open(String path, int flags);

  /** {@code int close(int fd)}. */
  static native int close(int fd);

  /** {@code int pipe2(int fds[2], int flags)}. */
  static native int pipe2(int[] fds, int flags);

  /** {@code void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset)}. */
  static native long mmap(long addr, long length, int prot, int flags, int fd, long offset);

  /** {@code int munmap(void *addr, size_t length)}. */
  static native int munmap(long addr, long length);

  /** {@code ssize_t read(int fd, void *buf, size_t count)}. */
  static native long read(int fd, Pointer buf, long count);

  /** {@code ssize_t write(int fd, const void *buf, size_t count)}. */
  static native long write(int fd, Pointer buf, long count);

  /** {@code int poll(struct pollfd *fds, nfds_t nfds, int timeout)}. */
  static native int poll(Pointer fds, long nfds, int timeoutMillis);

  /** {@code long sysconf(int name)}. */
  static native long sysconf(int name);
}
