package dev.vmbkmcl.benchmarks;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * Voluntary plus involuntary context switches of this whole process so far, from {@code
 * getrusage(RUSAGE_SELF)} (through JNA direct mapping): it sums every thread, those that already
 * ended included, so the C peer's pthreads and the SDK's delivery threads all count.
 */
final class ContextSwitches {
  private static final int RUSAGE_SELF = 0;
  /** {@code struct rusage} on 64-bit Linux: two {@code timeval}s, then 14 {@code long}s. */
  private static final int RUSAGE_BYTES = 144;
  /** {@code ru_nvcsw}: the 13th long after the two 16-byte timevals. */
  private static final int NVCSW = 32 + 12 * 8;
  /** {@code ru_nivcsw}, right after it. */
  private static final int NIVCSW = NVCSW + 8;

  private static final boolean AVAILABLE = register();

  private ContextSwitches() {}

  private static boolean register() {
    if (!Platform.isLinux() || !Platform.is64Bit()) {
      return false;
    }
    try {
      Native.register(ContextSwitches.class, Platform.C_LIBRARY_NAME);
      return true;
    } catch (UnsatisfiedLinkError e) {
      return false;
    }
  }

  @SuppressWarnings("MethodName") // the C symbol name
  private static native int getrusage(int who, Memory usage);

  /** The process's context switches so far, or -1 where {@code getrusage} is not available. */
  static long now() {
    if (!AVAILABLE) {
      return -1;
    }
    Memory usage = new Memory(RUSAGE_BYTES);
    if (getrusage(RUSAGE_SELF, usage) != 0) {
      return -1;
    }
    return usage.getLong(NVCSW) + usage.getLong(NIVCSW);
  }
}
