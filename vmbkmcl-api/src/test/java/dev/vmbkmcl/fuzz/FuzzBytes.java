package dev.vmbkmcl.fuzz;

import java.util.Arrays;

/**
 * Reads a fuzzer input as little-endian fields, front to back; past the end every field is 0, so
 * any input (the empty one included) is a valid test case and a hand-written seed reads as its
 * bytes say.
 */
final class FuzzBytes {
  private final byte[] input;
  private int at;

  FuzzBytes(byte[] input) {
    this.input = input;
  }

  int u8() {
    return at < input.length ? input[at++] & 0xFF : 0;
  }

  int u16() {
    return u8() | u8() << 8;
  }

  int u32() {
    return u16() | u16() << 16;
  }

  long u64() {
    return Integer.toUnsignedLong(u32()) | (long) u32() << 32;
  }

  /** Everything not read yet. */
  byte[] rest() {
    byte[] rest = at < input.length ? Arrays.copyOfRange(input, at, input.length) : new byte[0];
    at = input.length;
    return rest;
  }
}
