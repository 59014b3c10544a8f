package dev.vmbkmcl.hyperv;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Reads and parses single sysfs attribute files (ring reference §4.2). A missing or unreadable
 * attribute yields null or a fallback: sysfs hides attributes by kernel version and state, so
 * absence is normal, not an error.
 */
final class SysfsAttributes {

  private SysfsAttributes() {}

  /** The attribute's text without surrounding white space, or null when it cannot be read. */
  static @Nullable String text(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).strip();
    } catch (IOException | SecurityException e) {
      return null;
    }
  }

  /** A decimal attribute such as {@code id}, or {@code fallback} when missing or malformed. */
  static int decimal(Path file, int fallback) {
    String text = text(file);
    if (text == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /**
   * A uio map {@code size}/{@code offset}, printed as {@code 0x} plus hex digits (possibly
   * zero-padded), or -1 when missing or malformed.
   */
  static long hex(Path file) {
    String text = text(file);
    if (text == null) {
      return -1;
    }
    String digits = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
    try {
      return Long.parseUnsignedLong(digits, 16);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * A GUID in sysfs form, {@code {xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}} with a newline, or the bare
   * 36-character form (a directory name); null when malformed.
   */
  static @Nullable UUID guid(@Nullable String text) {
    if (text == null) {
      return null;
    }
    String bare = text.strip();
    if (bare.startsWith("{") && bare.endsWith("}")) {
      bare = bare.substring(1, bare.length() - 1);
    }
    if (bare.length() != 36) {
      return null; // UUID.fromString accepts short groups like "1-2-3-4-5", sysfs never prints them
    }
    try {
      return UUID.fromString(bare);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
