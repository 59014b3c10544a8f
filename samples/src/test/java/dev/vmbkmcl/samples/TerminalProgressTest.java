package dev.vmbkmcl.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The progress line: overwritten in place on a terminal and erased at the end. */
class TerminalProgressTest {
  @Test
  void eachLineOverwritesTheLastAndCloseErasesIt() {
    StringWriter text = new StringWriter();
    try (TerminalProgress progress = new TerminalProgress(new PrintWriter(text))) {
      progress.show("serving 10 s");
      progress.show("serving 9\ns"); // shorter, and a stray newline stays on the line
    }
    // The erase covers the line on screen now, the shorter one (its padding was already blank).
    assertEquals("\rserving 10 s" + "\rserving 9 s " + "\r" + " ".repeat(11) + "\r", text.toString());
  }

  @Test
  void closingWithNoLineShownWritesNothing() {
    StringWriter text = new StringWriter();
    new TerminalProgress(new PrintWriter(text)).close();
    assertEquals("", text.toString());
  }
}
