package dev.vmbkmcl.samples;

import java.util.List;

/**
 * A sample could not do its job. The message is the one-line reason {@link Main} prints after
 * {@code error:} before exiting with status 1, so it says what went wrong and, where there is one,
 * what fixes it.
 */
final class SampleException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A failure with this reason, folded to one line by {@link #oneLine}. */
  SampleException(String reason) {
    super(oneLine(reason));
  }

  /**
   * Folds a reason of several lines into one. A line that ends in ':' introduces the next one and
   * is joined with a space. Every other break becomes "; ", so a list of shell commands (the
   * hyperv backend prints the bind commands one per line) stays a sequence that can be pasted.
   */
  static String oneLine(String reason) {
    List<String> lines = reason.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    StringBuilder folded = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      if (i > 0) {
        folded.append(lines.get(i - 1).endsWith(":") ? " " : "; ");
      }
      folded.append(lines.get(i));
    }
    return folded.toString();
  }
}
