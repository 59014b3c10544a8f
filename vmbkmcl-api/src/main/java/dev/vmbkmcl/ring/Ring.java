package dev.vmbkmcl.ring;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One VMBus ring (reference §1): a 4096-byte control page ({@link RingControlLayout}) followed by
 * the data area, over a little-endian view of memory the caller owns: Java memory in the simulator,
 * the uio mapping of map 0 on a Hyper-V guest (§1.5). Mirrors the kernel's {@code struct
 * hv_ring_buffer} plus {@code ring_datasize}.
 *
 * <p>Control fields are reached through a {@link VarHandle} so that every access can carry the
 * ordering the ring rules need (§3.8); data is copied with bulk absolute get/put, split at the end
 * of the data area because uio memory is not double-mapped (§1.4). The ring holds no state of its
 * own: {@link RingWriter} and {@link RingReader} are the state machines.
 */
public final class Ring {
  private static final VarHandle INT =
      MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final int MIN_DATA_SIZE = 64;
  private static final int HV_PAGE = RingControlLayout.CONTROL_PAGE_SIZE;

  private final ByteBuffer memory;
  /** Where the data area starts: the control page is one guest page (§1.1, 64 KiB on some arm64). */
  private final int dataStart;
  private final int dataSize;

  private Ring(ByteBuffer memory, int dataStart) {
    this.memory = memory;
    this.dataStart = dataStart;
    this.dataSize = memory.capacity() - dataStart;
  }

  /**
   * Wraps bytes [position, limit) of {@code memory} as one ring: the control page, then a data area
   * of at least 64 bytes whose size is a multiple of 8. A direct buffer must start on an 8-byte
   * boundary (ordered 32-bit accesses must be aligned). Does not modify the memory or the buffer's
   * position, limit or byte order.
   *
   * @throws IllegalArgumentException when the size or alignment does not make a ring
   */
  public static Ring wrap(ByteBuffer memory) {
    return wrap(memory, HV_PAGE);
  }

  /**
   * As {@link #wrap(ByteBuffer)} with a control page of {@code controlPageSize} bytes: the kernel
   * pads the control page to its own page size (reference §0, §1.1), so on a 64 KiB-page guest the
   * data area starts at 65536. Only the first 4096 bytes hold fields.
   *
   * @param memory the ring's bytes [position, limit)
   * @param controlPageSize the size of the control page, a positive multiple of 4096
   * @return the ring
   * @throws IllegalArgumentException when the control page size, the size or the alignment does
   *     not make a ring
   */
  public static Ring wrap(ByteBuffer memory, int controlPageSize) {
    if (controlPageSize < HV_PAGE || controlPageSize % HV_PAGE != 0) {
      throw new IllegalArgumentException("Ring.wrap: a control page of " + controlPageSize
          + " bytes is not a positive multiple of " + HV_PAGE);
    }
    int size = memory.remaining();
    long data = (long) size - controlPageSize;
    if (data < MIN_DATA_SIZE || data % 8 != 0) {
      throw new IllegalArgumentException("Ring.wrap: " + size + " bytes is not a " + controlPageSize
          + "-byte control page plus a data area of at least " + MIN_DATA_SIZE
          + " bytes in 8-byte units (data area would be " + data + " bytes)");
    }
    if (memory.isDirect() && memory.alignmentOffset(memory.position(), 8) != 0) {
      throw new IllegalArgumentException("Ring.wrap: the ring at position " + memory.position()
          + " is not 8-byte aligned (alignment offset "
          + memory.alignmentOffset(memory.position(), 8) + ")");
    }
    return new Ring(memory.slice().order(ByteOrder.LITTLE_ENDIAN), controlPageSize);
  }

  /**
   * A view of the data area alone (after the control page), little-endian, sharing this ring's
   * memory; made once per call, so callers keep it.
   *
   * @return the data area as a buffer of {@link #dataSize()} bytes
   */
  public ByteBuffer dataArea() {
    return memory.slice(dataStart, dataSize).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Bytes in the data area ({@code dsize}, the kernel's {@code ring_datasize}). */
  public int dataSize() {
    return dataSize;
  }

  /**
   * Zeroes the control page and sets {@code feature_bits}, as the ring's owner does at channel open
   * (§1.7, the kernel's {@code hv_ringbuffer_init}). Only for a ring that nobody uses yet.
   */
  public void initialize(boolean supportsPendingSendSize) {
    for (int i = 0; i < dataStart; i += 8) {
      memory.putLong(i, 0L);
    }
    int features = supportsPendingSendSize ? RingControlLayout.FEATURE_PENDING_SEND_SIZE : 0;
    // Release: whoever sees the feature bits also sees the zeroed indices.
    INT.setRelease(memory, RingControlLayout.FEATURE_BITS, features);
  }

  /** {@code write_index}, a volatile read (diagnostics and tests). */
  public int writeIndex() {
    return getVolatile(RingControlLayout.WRITE_INDEX);
  }

  /** {@code read_index}, a volatile read (diagnostics and tests). */
  public int readIndex() {
    return getVolatile(RingControlLayout.READ_INDEX);
  }

  /** {@code interrupt_mask}, a volatile read (diagnostics and tests). */
  public int interruptMask() {
    return getVolatile(RingControlLayout.INTERRUPT_MASK);
  }

  /** {@code pending_send_sz}, a volatile read (diagnostics and tests). */
  public int pendingSendSize() {
    return getVolatile(RingControlLayout.PENDING_SEND_SIZE);
  }

  /** {@code feature_bits}, a volatile read (diagnostics and tests). */
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

  /** Copies {@code length} bytes of {@code src} from {@code srcIndex} into the data area at at. */
  void copyIn(int at, ByteBuffer src, int srcIndex, int length) {
    int first = Math.min(length, dataSize - at);
    memory.put(dataStart + at, src, srcIndex, first);
    if (first < length) {
      memory.put(dataStart, src, srcIndex + first, length - first);
    }
  }

  /** Copies {@code length} bytes of the data area from at into {@code dst} at {@code dstIndex}. */
  void copyOut(int at, ByteBuffer dst, int dstIndex, int length) {
    int first = Math.min(length, dataSize - at);
    dst.put(dstIndex, memory, dataStart + at, first);
    if (first < length) {
      dst.put(dstIndex + first, memory, dataStart, length - first);
    }
  }

  /**
   * Stores one little-endian 64-bit word at {@code at} of the data area, a multiple of 8: it never
   * straddles the end (dsize is a multiple of 8 too) and is 8-byte aligned in memory.
   */
  void putWord(int at, long value) {
    memory.putLong(dataStart + at, value);
  }

  /** Writes {@code length} (0..7) zero bytes into the data area at {@code at}, wrap-aware. */
  void zero(int at, int length) {
    for (int i = 0, p = at; i < length; i++, p = p + 1 == dataSize ? 0 : p + 1) {
      memory.put(dataStart + p, (byte) 0);
    }
  }

  /** §3.1 {@code free(w, r)}: bytes the producer could still use, counting the slot kept empty. */
  int free(int w, int r) {
    return w >= r ? dataSize - (w - r) : r - w;
  }

  /** §3.1 {@code avail_to_read(w, r)}: bytes published beyond {@code r}. */
  int used(int w, int r) {
    return w >= r ? w - r : dataSize - r + w;
  }

  /** §1.4 / §2.10 item 1: an index inside the data area and a multiple of 8. */
  boolean validIndex(int index) {
    return index >= 0 && index < dataSize && (index & 7) == 0;
  }

  /** {@code (index + bytes) mod dsize} for {@code bytes <= dsize}. */
  int advance(int index, int bytes) {
    int n = index + bytes;
    return n >= dataSize ? n - dataSize : n;
  }
}
