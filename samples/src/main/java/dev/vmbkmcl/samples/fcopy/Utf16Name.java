package dev.vmbkmcl.samples.fcopy;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/** Decodes a fixed {@code u16[260]} name field: NUL-terminated, well-formed UTF-16LE. */
final class Utf16Name {
  private Utf16Name() {}

  /**
   * The name at absolute index {@code index} of the little-endian {@code b}, or {@code null} when
   * no NUL terminator appears within {@link FcopyLayout#NAME_UNITS} units or a surrogate is
   * unpaired.
   */
  static @Nullable String decode(ByteBuffer b, int index) {
    char[] units = new char[FcopyLayout.NAME_UNITS];
    int length = 0;
    while (true) {
      if (length == FcopyLayout.NAME_UNITS) {
        return null;
      }
      char c = b.getChar(index + length * Character.BYTES);
      if (c == 0) {
        break;
      }
      units[length++] = c;
    }
    for (int i = 0; i < length; i++) {
      if (Character.isHighSurrogate(units[i])
          && i + 1 < length
          && Character.isLowSurrogate(units[i + 1])) {
        i++;
      } else if (Character.isSurrogate(units[i])) {
        return null;
      }
    }
    return new String(units, 0, length);
  }
}
