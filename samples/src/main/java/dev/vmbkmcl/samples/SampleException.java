package dev.vmbkmcl.samples;

/**
 * A sample could not do its job. The message is the one-line reason {@link Main} prints after
 * {@code error:} before exiting with status 1, so it says what went wrong and, where there is one,
 * what fixes it.
 */
final class SampleException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A failure with this reason; line breaks are folded so the reason stays one line. */
  SampleException(String reason) {
    super(reason.replaceAll("\\s*\\R\\s*", " ").strip());
  }
}
