package dev.vmbkmcl.samples.dm;

/** Bytes typed in from the reference's hex dumps. */
final class Hex {
  private Hex() {}

  /** Parses whitespace-separated hex byte pairs; "0000:"-style row labels are skipped. */
  static byte[] bytes(String dump) {
    StringBuilder digits = new StringBuilder();
    for (String line : dump.strip().lines().toList()) {
      int colon = line.indexOf(':');
      digits.append(colon >= 0 ? line.substring(colon + 1) : line).append(' ');
    }
    String compact = digits.toString().replaceAll("\\s+", "");
    byte[] out = new byte[compact.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(compact.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }
}
