package dev.vmbkmcl.samples.fcopy;

/**
 * Makes a host-supplied string safe to print: a hostile name must not move the cursor, end the
 * line, reorder the text around it or hide characters. Escaped as {@code \}{@code uXXXX}: control
 * characters (C0, DEL, C1), format characters (Unicode category Cf: the bidi embeddings, overrides
 * and isolates U+202A–U+202E and U+2066–U+2069, the marks U+200E, U+200F and U+061C, zero-width
 * joiners, the BOM), line and paragraph separators, unpaired surrogates, and the backslash itself
 * so an escape in the output is always ours.
 */
public final class LogText {
  private LogText() {}

  /**
   * {@code text} with every character above escaped.
   *
   * @param text any string, usually a name the host sent
   * @return the same characters with the unsafe ones written as {@code \}{@code uXXXX}
   */
  public static String escape(String text) {
    StringBuilder b = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean pair =
          Character.isHighSurrogate(c)
              && i + 1 < text.length()
              && Character.isLowSurrogate(text.charAt(i + 1));
      if (pair) {
        int codePoint = text.codePointAt(i);
        if (isUnsafe(codePoint)) {
          b.append(String.format("\\u%04x\\u%04x", (int) c, (int) text.charAt(i + 1)));
        } else {
          b.append(c).append(text.charAt(i + 1));
        }
        i++;
      } else if (isUnsafe(c) || c == '\\' || Character.isSurrogate(c)) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static boolean isUnsafe(int codePoint) {
    int type = Character.getType(codePoint);
    return Character.isISOControl(codePoint)
        || type == Character.FORMAT
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }
}
