package dev.vmbkmcl;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * {@code MDL} / {@code PMDL}: a memory descriptor list, one buffer region per element, chained through
 * {@link #next()} as C chains them through {@code Mdl->Next}.
 *
 * <p>An element describes {@link #byteCount()} bytes that start {@link #byteOffset()} bytes into its
 * first page. It has a virtual address ({@link #systemAddress()}, a {@link ByteBuffer} view) when it
 * describes Java memory, and page frame numbers ({@link #pfns()}) when the backend knows them: the
 * simulator gives every buffer it sees guest page numbers, and MDLs returned by {@code
 * VmbChannelMapGpadl} or {@code VmbChannelPacketGetExternalData} may carry pages only ("locked, no
 * VA", as in KMCL). A Java buffer is treated as starting on a page boundary, so an element that starts
 * {@code offset} bytes into its buffer has {@code byteOffset = offset % PAGE_SIZE}.
 */
public final class Mdl {
  /** {@code PAGE_SIZE}: 4096 bytes, the Hyper-V page ({@link dev.vmbkmcl.ring.HvPage#SIZE}). */
  public static final int PAGE_SIZE = dev.vmbkmcl.ring.HvPage.SIZE;

  private final @Nullable ByteBuffer buffer;
  private final int bufferOffset;
  private final int byteOffset;
  private final int byteCount;
  private long @Nullable [] pfns;
  private @Nullable Mdl next;

  private Mdl(@Nullable ByteBuffer buffer, int bufferOffset, int byteOffset, int byteCount,
      long @Nullable [] pfns) {
    this.buffer = buffer;
    this.bufferOffset = bufferOffset;
    this.byteOffset = byteOffset;
    this.byteCount = byteCount;
    this.pfns = pfns;
  }

  /**
   * {@code IoAllocateMdl} + {@code MmBuildMdlForNonPagedPool}: describes bytes {@code [offset, offset +
   * length)} of {@code buffer} (absolute indices; the buffer's position and limit are ignored).
   *
   * @throws IllegalArgumentException when the region lies outside the buffer or is empty
   */
  public static Mdl IoAllocateMdl(ByteBuffer buffer, int offset, int length) {
    if (offset < 0 || length <= 0 || offset > buffer.capacity() - length) {
      throw new IllegalArgumentException("IoAllocateMdl: region [" + offset + ", +" + length
          + ") is empty or outside a buffer of capacity " + buffer.capacity());
    }
    return new Mdl(buffer, offset, offset % PAGE_SIZE, length, null);
  }

  /** Describes a whole buffer (from index 0 to its capacity). */
  public static Mdl forBuffer(ByteBuffer buffer) {
    return IoAllocateMdl(buffer, 0, buffer.capacity());
  }

  /**
   * An MDL of physical pages only (no virtual address): {@code byteCount} bytes starting {@code
   * byteOffset} bytes into the first of {@code pfns}.
   *
   * @throws IllegalArgumentException when the pages do not cover the bytes or the offset is not in
   *     the first page
   */
  public static Mdl forPages(long[] pfns, int byteOffset, int byteCount) {
    if (byteOffset < 0 || byteOffset >= PAGE_SIZE || byteCount <= 0
        || pagesSpanned(byteOffset, byteCount) > pfns.length) {
      throw new IllegalArgumentException("forPages: " + pfns.length + " pages cannot hold "
          + byteCount + " bytes at page offset " + byteOffset);
    }
    return new Mdl(null, 0, byteOffset, byteCount, pfns.clone());
  }

  /** Pages touched by {@code byteCount} bytes that start {@code byteOffset} into the first page. */
  public static int pagesSpanned(int byteOffset, int byteCount) {
    return (int) (((long) byteOffset + byteCount + PAGE_SIZE - 1) / PAGE_SIZE);
  }

  /** {@code Mdl->Next}: the next element of the chain, or null. */
  public @Nullable Mdl next() {
    return next;
  }

  /** Sets {@code Mdl->Next}; returns {@code next} so chains can be built fluently. */
  public Mdl link(@Nullable Mdl nextElement) {
    this.next = nextElement;
    return nextElement == null ? this : nextElement;
  }

  /** {@code MmGetMdlByteCount}: bytes this element describes. */
  public int byteCount() {
    return byteCount;
  }

  /** {@code MmGetMdlByteOffset}: offset of the first byte inside the first page. */
  public int byteOffset() {
    return byteOffset;
  }

  /** {@code ADDRESS_AND_SIZE_TO_SPAN_PAGES}: pages this element touches. */
  public int pageCount() {
    return pagesSpanned(byteOffset, byteCount);
  }

  /** Total bytes of this element and every element after it. */
  public long chainByteCount() {
    long total = 0;
    for (Mdl m = this; m != null; m = m.next) {
      total += m.byteCount;
    }
    return total;
  }

  /** Elements in the chain starting here. */
  public int chainLength() {
    int n = 0;
    for (Mdl m = this; m != null; m = m.next) {
      n++;
    }
    return n;
  }

  /**
   * {@code MmGetSystemAddressForMdlSafe}: a view of exactly this element's bytes (position 0, limit
   * {@link #byteCount()}, the backing buffer's byte order), or null when the element describes
   * pages without a virtual address.
   */
  public @Nullable ByteBuffer systemAddress() {
    ByteBuffer b = buffer;
    if (b == null) {
      return null;
    }
    // The element's indices are absolute, so slice from a view whose limit is the capacity.
    return b.duplicate().clear().slice(bufferOffset, byteCount).order(b.order());
  }

  /** The buffer and index this element starts at, for backends; null for a pages-only element. */
  public @Nullable ByteBuffer backingBuffer() {
    return buffer;
  }

  /** The absolute index in {@link #backingBuffer()} where this element starts. */
  public int backingOffset() {
    return bufferOffset;
  }

  /** {@code MmGetMdlPfnArray}: a copy of the page frame numbers, or null when unknown. */
  public long @Nullable [] pfns() {
    long[] p = pfns;
    return p == null ? null : p.clone();
  }

  /**
   * For backends: records the page frame numbers of this element (one per page it touches).
   *
   * @throws IllegalArgumentException when the count does not match {@link #pageCount()}
   */
  public void assignPfns(long[] pageNumbers) {
    if (pageNumbers.length != pageCount()) {
      throw new IllegalArgumentException("assignPfns: " + pageNumbers.length
          + " page numbers for an element spanning " + pageCount() + " pages");
    }
    this.pfns = pageNumbers.clone();
  }

  @Override
  public String toString() {
    long[] p = pfns;
    return "MDL(byteOffset=" + byteOffset + ", byteCount=" + byteCount
        + (p == null ? "" : ", pfns=" + Arrays.toString(p))
        + (buffer == null ? ", no VA" : "") + (next == null ? "" : ", next=" + next) + ")";
  }
}
