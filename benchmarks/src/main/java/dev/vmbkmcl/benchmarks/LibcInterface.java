package dev.vmbkmcl.benchmarks;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/** libc's {@code write} through JNA interface mapping: the peer of {@link LibcDirect}. */
interface LibcInterface extends Library {
  /** The loaded library. */
  LibcInterface INSTANCE = Native.load(Platform.C_LIBRARY_NAME, LibcInterface.class);

  /** {@code ssize_t write(int fd, const void *buf, size_t count)}. */
  long write(int fd, Pointer buffer, long count);
}
