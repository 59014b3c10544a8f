package dev.vmbkmcl.channel;

/**
 * The strings the poison path hands around, made when this class loads. A string literal used
 * directly is resolved (allocated) the first time its instruction runs, which on the poison path
 * could be under OutOfMemoryError; these fields are read with a plain load instead.
 */
final class PoisonReasons {
  static final String CALLBACK_THREW = make("the delivery thread stopped: a callback or the engine threw");
  static final String CORRUPT_RING = make("corrupt incoming ring");
  static final String BAD_READ_INDEX = make("the peer's read index is invalid");
  static final String EVENT_POISONED = make("POISONED");

  private PoisonReasons() {}

  /** Makes sure this class is loaded and initialised (called when the engine's classes load). */
  static void load() {
    // The call itself initialises the class.
  }

  /** Not a compile-time constant, so uses read the field rather than an inlined literal. */
  private static String make(String s) {
    return s;
  }
}
