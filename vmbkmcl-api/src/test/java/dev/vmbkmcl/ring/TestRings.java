package dev.vmbkmcl.ring;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/** Ring memory and byte helpers for the ring tests: tests read and poke the bytes directly. */
final class TestRings {
  static final int CONTROL = RingControlLayout.CONTROL_PAGE_SIZE;
  /** Filler for untouched data-area bytes, so stale padding or a missing trailer shows. */
  static final byte FILL = (byte) 0xEE;

  private TestRings() {}

  /** Direct little-endian memory for one ring: control page zero, data area filled with FILL. */
  static ByteBuffer memory(int dataSize) {
    ByteBuffer m = ByteBuffer.allocateDirect(CONTROL + dataSize).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < dataSize; i++) {
      m.put(CONTROL + i, FILL);
    }
    return m;
  }

  /** Wraps and initializes {@code memory} with the feature bit set, then sets w and r. */
  static Ring ring(ByteBuffer memory, int w, int r) {
    Ring ring = Ring.wrap(memory);
    ring.initialize(true);
    memory.putInt(RingControlLayout.WRITE_INDEX, w);
    memory.putInt(RingControlLayout.READ_INDEX, r);
    return ring;
  }

  /** Bytes from whitespace-separated hex pairs, as the reference prints them. */
  static byte[] hex(String text) {
    String digits = text.replaceAll("\\s", "");
    byte[] b = new byte[digits.length() / 2];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
    }
    return b;
  }

  /** {@code length} bytes of the data area from {@code at} (no wrap). */
  static byte[] data(ByteBuffer memory, int at, int length) {
    byte[] b = new byte[length];
    memory.get(CONTROL + at, b);
    return b;
  }

  /** Writes {@code bytes} into the data area at {@code at} (no wrap). */
  static void putData(ByteBuffer memory, int at, byte[] bytes) {
    memory.put(CONTROL + at, bytes);
  }

  /** The whole data area. */
  static byte[] dataArea(ByteBuffer memory) {
    return data(memory, 0, memory.capacity() - CONTROL);
  }

  /** {@code n} copies of FILL. */
  static byte[] filler(int n) {
    byte[] b = new byte[n];
    Arrays.fill(b, FILL);
    return b;
  }

  /** A little-endian heap buffer holding {@code bytes}. */
  static ByteBuffer buffer(byte[] bytes) {
    return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }
}
