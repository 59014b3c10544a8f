package dev.vmbkmcl.sim;

/**
 * Where another thread is now, for tests that must act once it has reached a point (parked in a
 * wait, inside the engine's reap) instead of sleeping and hoping it got there.
 */
public final class ThreadProbe {
  private ThreadProbe() {}

  /**
   * True when {@code method} of {@code className} is on {@code thread}'s stack now.
   *
   * @param thread the thread to look at
   * @param className the binary name of the class, as {@link Class#getName()} gives it
   * @param method the method's name
   */
  public static boolean runsIn(Thread thread, String className, String method) {
    for (StackTraceElement e : thread.getStackTrace()) {
      if (e.getClassName().equals(className) && e.getMethodName().equals(method)) {
        return true;
      }
    }
    return false;
  }
}
