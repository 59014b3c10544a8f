package dev.vmbkmcl.hyperv;

import java.util.HexFormat;

/** Bytes typed in from the reference as space-separated hex, e.g. {@code "06 00 02 00"}. */
final class Hex {
  private Hex() {}

  static byte[] bytes(String spaced) {
    return HexFormat.of().parseHex(spaced.replace(" ", "").replace("|", ""));
  }
}
