package dev.vmbkmcl.ring;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One ring (control page and data area) over a little-endian view of memory that the caller owns:
 * Java memory in the simulator, the uio mapping on a Hyper-V guest. Control fields are reached through
 * a {@link VarHandle} so each access has the ordering the ring rules need (reference §3.8); data is
 * copied with bulk absolute get/put, split at the end of the data area (no double mapping, §1.4).
 */
public final class Ring {
  private static final VarHandle INT =
      MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final int MIN_DATA_SIZE = 64;

  final ByteBuffer memory;
  private final int dataSize;

  private Ring(ByteBuffer memory) {
    this.memory = memory;
    this.dataSize = memory.capacity() - RingControlLayout.CONTROL_PAGE_SIZE;
  }

  /**
   * Wraps bytes [position, limit) of {@code memory}. The data area must hold at least 64 bytes and be
   * a multiple of 8. Does not modify the memory.
   *
   * @throws IllegalArgumentException when the size does not make a ring
   */
  public static Ring wrap(ByteBuffer memory) {
    int size = memory.remaining();
    int data = size - RingControlLayout.CONTROL_PAGE_SIZE;
    if (data < MIN_DATA_SIZE || data % 8 != 0) {
      throw new IllegalArgumentException("Ring.wrap: " + size + " bytes is not a 4096-byte control"
          + " page plus a data area of at least " + MIN_DATA_SIZE + " bytes in 8-byte units");
    }
    return new Ring(memory.slice().order(ByteOrder.LITTLE_ENDIAN));
  }

  /** Bytes of the data area ({@code dsize}). */
  public int dataSize() {
    return dataSize;
  }

  /**
   * Zeroes the control page and sets {@code feature_bits}, as the ring's owner does at channel open
   * (§1.7). Only for a ring nobody uses yet.
   */
  public void initialize(boolean supportsPendingSendSize) {
    for (int i = 0; i < RingControlLayout.CONTROL_PAGE_SIZE; i += 8) {
      memory.putLong(i, 0L);
    }
    int features = supportsPendingSendSize ? RingControlLayout.FEATURE_PENDING_SEND_SIZE : 0;
    // Release: the zeroed page is visible before anyone sees the feature bits.
    INT.setRelease(memory, RingControlLayout.FEATURE_BITS, features);
  }

  /** {@code write_index} (a volatile read, for diagnostics and tests). */
  public int writeIndex() {
    return getVolatile(RingControlLayout.WRITE_INDEX);
  }

  /** {@code read_index} (a volatile read). */
  public int readIndex() {
    return getVolatile(RingControlLayout.READ_INDEX);
  }

  /** {@code interrupt_mask} (a volatile read). */
  public int interruptMask() {
    return getVolatile(RingControlLayout.INTERRUPT_MASK);
  }

  /** {@code pending_send_sz} (a volatile read). */
  public int pendingSendSize() {
    return getVolatile(RingControlLayout.PENDING_SEND_SIZE);
  }

  /** {@code feature_bits} (a volatile read). */
  public int featureBits() {
    return getVolatile(RingControlLayout.FEATURE_BITS);
  }

  int getAcquire(int offset) {
    return (int) INT.getAcquire(memory, offset);
  }

  int getVolatile(int offset) {
    return (int) INT.getVolatile(memory, offset);
  }

  void setRelease(int offset, int value) {
    INT.setRelease(memory, offset, value);
  }

  void setVolatile(int offset, int value) {
    INT.setVolatile(memory, offset, value);
  }

  /** Copies {@code length} bytes of {@code src} from {@code srcIndex} into the data area at {@code at}. */
  void copyIn(int at, ByteBuffer src, int srcIndex, int length) {
    int first = Math.min(length, dataSize - at);
    memory.put(RingControlLayout.CONTROL_PAGE_SIZE + at, src, srcIndex, first);
    if (first < length) {
      memory.put(RingControlLayout.CONTROL_PAGE_SIZE, src, srcIndex + first, length - first);
    }
  }

  /** Copies {@code length} bytes of the data area at {@code at} into {@code dst} from {@code dstIndex}. */
  void copyOut(int at, ByteBuffer dst, int dstIndex, int length) {
    int first = Math.min(length, dataSize - at);
    dst.put(dstIndex, memory, RingControlLayout.CONTROL_PAGE_SIZE + at, first);
    if (first < length) {
      dst.put(dstIndex + first, memory, RingControlLayout.CONTROL_PAGE_SIZE, length - first);
    }
  }

  /** Writes {@code length} zero bytes into the data area at {@code at} (wrap-aware, length < 8). */
  void zero(int at, int length) {
    for (int i = 0; i < length; i++) {
      memory.put(RingControlLayout.CONTROL_PAGE_SIZE + (at + i) % dataSize, (byte) 0);
    }
  }

  /** §3.1: free bytes for the producer, counting the slot that must stay empty. */
  int free(int w, int r) {
    return w >= r ? dataSize - (w - r) : r - w;
  }

  boolean validIndex(int index) {
    return index >= 0 && index < dataSize && (index & 7) == 0;
  }

  int advance(int index, int bytes) {
    int n = index + bytes;
    return n >= dataSize ? n - dataSize : n;
  }
}
