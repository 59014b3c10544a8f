package dev.vmbkmcl.samples;

import java.io.Console;
import java.io.PrintWriter;
import org.jspecify.annotations.Nullable;

/**
 * A one-line progress display for long work (a driver serving the real host): on a terminal each
 * {@link #show} overwrites the line with a carriage return, and {@link #close} erases it; without
 * a terminal (output piped or in a log) it writes nothing, so logs hold only the result lines.
 */
final class TerminalProgress implements AutoCloseable {
  private final @Nullable PrintWriter terminal;
  private int shownWidth;

  /** A display on {@code terminal}, or one that writes nothing when it is null. */
  TerminalProgress(@Nullable PrintWriter terminal) {
    this.terminal = terminal;
  }

  /** A display on this process's terminal, silent when there is none. */
  @SuppressWarnings("SystemConsoleNull") // null is JDK 17's "no terminal"; isTerminal asks 22+
  static TerminalProgress onConsole() {
    Console console = System.console();
    return new TerminalProgress(console != null && isTerminal(console) ? console.writer() : null);
  }

  /**
   * On JDK 17 a console exists only on a terminal; from JDK 22 it may exist without one, and
   * {@code Console.isTerminal()} (not in 17, so looked up) tells.
   */
  private static boolean isTerminal(Console console) {
    try {
      return Boolean.TRUE.equals(Console.class.getMethod("isTerminal").invoke(console));
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  /** Replaces the line shown with {@code line} (kept to one line). */
  void show(String line) {
    if (terminal == null) {
      return;
    }
    String oneLine = line.replace('\n', ' ').replace('\r', ' ');
    // Pad over the rest of a longer previous line.
    String pad = " ".repeat(Math.max(0, shownWidth - oneLine.length()));
    terminal.print("\r" + oneLine + pad);
    terminal.flush();
    shownWidth = oneLine.length();
  }

  /** Erases the line shown, so the next output starts on a clean line. */
  @Override
  public void close() {
    if (terminal == null || shownWidth == 0) {
      return;
    }
    terminal.print("\r" + " ".repeat(shownWidth) + "\r");
    terminal.flush();
    shownWidth = 0;
  }
}
