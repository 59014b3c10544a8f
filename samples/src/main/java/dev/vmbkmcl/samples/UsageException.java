package dev.vmbkmcl.samples;

/** The command line cannot be understood; {@link Main} prints the reason and the usage, exit 2. */
final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A usage error described by {@code reason}. */
  UsageException(String reason) {
    super(reason);
  }
}
