package dev.vmbkmcl.samples.fcopy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Host-supplied names are printed with every character that could garble a log escaped. */
class LogTextTest {
  @Test
  void controlCharactersAreEscaped() {
    assertEquals("a\\u000ab\\u001b[2Jc\\u007fd\\u0085e", LogText.escape("a\nb\u001b[2Jc\u007fd\u0085e"));
  }

  @Test
  void bidiOverridesIsolatesAndMarksAreEscaped() {
    // "invoice\u202Efdp.exe" shows as "invoiceexe.pdf" in a terminal that honours the override.
    assertEquals("invoice\\u202efdp.exe", LogText.escape("invoice\u202Efdp.exe"));
    for (char c : new char[] {'\u202A', '\u202B', '\u202C', '\u202D', '\u2066', '\u2067',
        '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'}) {
      assertEquals(String.format("x\\u%04xy", (int) c), LogText.escape("x" + c + "y"));
    }
  }

  @Test
  void formatCharactersAndSeparatorsAreEscaped() {
    assertEquals("a\\u200bb\\u200dc\\ufeffd", LogText.escape("a\u200Bb\u200Dc\uFEFFd"));
    assertEquals("a\\u2028b\\u2029c", LogText.escape("a\u2028b\u2029c"));
    // U+E0001 LANGUAGE TAG, a format character outside the BMP: both halves escaped.
    assertEquals("t\\udb40\\udc01", LogText.escape("t\uDB40\uDC01"));
  }

  @Test
  void lonelySurrogatesAndTheBackslashAreEscaped() {
    assertEquals("a\\ud800b\\udc00", LogText.escape("a\uD800b\uDC00"));
    assertEquals("c:\\u005cx", LogText.escape("c:\\x"));
  }

  @Test
  void ordinaryTextIsUnchanged() {
    String text = "r\u00e9sum\u00e9 \u20ac \u65e5\u672c \uD83D\uDE00 a-b_c.txt";
    assertEquals(text, LogText.escape(text));
  }
}
