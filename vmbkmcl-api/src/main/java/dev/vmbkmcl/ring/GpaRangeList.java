package dev.vmbkmcl.ring;

import java.util.Arrays;

/**
 * A reusable list of GPA ranges (reference §2.7; the kernel's {@code struct vmbus_gpa_range}
 * entries): per range a {@code byte_count}, a {@code byte_offset} into the first page and the page
 * numbers it covers. {@link GpaDirect} encodes from it and decodes into it; it only allocates
 * when it has to grow.
 */
public final class GpaRangeList {
  private int rangeCount;
  private int[] byteCounts = new int[4];
  private int[] byteOffsets = new int[4];
  /** Range i's pages are pfns[firstPage[i] .. firstPage[i + 1]); firstPage[0] is always 0. */
  private int[] firstPage = new int[5];
  private long[] pfns = new long[16];

  /** An empty list. */
  public GpaRangeList() {}

  /** Removes every range. */
  public void clear() {
    rangeCount = 0;
  }

  /**
   * Adds one range.
   *
   * @param byteCount bytes the range covers (not negative)
   * @param byteOffset offset into the first page, 0..4095
   * @param pageNumbers exactly {@link GpaDirect#pageCount}{@code (byteOffset, byteCount)} 4 KiB
   *     guest page numbers
   * @throws IllegalArgumentException when the values break §2.7
   */
  public void add(int byteCount, int byteOffset, long... pageNumbers) {
    if (byteCount < 0 || byteOffset < 0 || byteOffset >= GpaDirect.PAGE_SIZE
        || pageNumbers.length != GpaDirect.pageCount(byteOffset, byteCount)) {
      throw new IllegalArgumentException("GpaRangeList.add: byte_count " + byteCount
          + ", byte_offset " + byteOffset + " (must be < " + GpaDirect.PAGE_SIZE + ") need "
          + GpaDirect.pageCount(Math.max(0, byteOffset), Math.max(0, byteCount))
          + " page numbers, got " + pageNumbers.length);
    }
    startRange(byteCount, byteOffset);
    for (long pfn : pageNumbers) {
      addPage(pfn);
    }
  }

  /** Starts a range whose pages follow via {@link #addPage}; for the decoder (values checked). */
  void startRange(int byteCount, int byteOffset) {
    if (rangeCount == byteCounts.length) {
      byteCounts = Arrays.copyOf(byteCounts, rangeCount * 2);
      byteOffsets = Arrays.copyOf(byteOffsets, rangeCount * 2);
      firstPage = Arrays.copyOf(firstPage, rangeCount * 2 + 1);
    }
    int pagesSoFar = firstPage[rangeCount];
    byteCounts[rangeCount] = byteCount;
    byteOffsets[rangeCount] = byteOffset;
    firstPage[rangeCount] = pagesSoFar;
    rangeCount++;
    firstPage[rangeCount] = pagesSoFar;
  }

  /** Appends a page number to the range started last. */
  void addPage(long pfn) {
    int at = firstPage[rangeCount];
    if (at == pfns.length) {
      pfns = Arrays.copyOf(pfns, at * 2);
    }
    pfns[at] = pfn;
    firstPage[rangeCount] = at + 1;
  }

  /** Number of ranges ({@code range_count}). */
  public int rangeCount() {
    return rangeCount;
  }

  /** {@code byte_count} of range {@code range}. */
  public int byteCount(int range) {
    return byteCounts[checked(range)];
  }

  /** {@code byte_offset} of range {@code range}. */
  public int byteOffset(int range) {
    return byteOffsets[checked(range)];
  }

  /** Number of page numbers of range {@code range}. */
  public int pageCount(int range) {
    checked(range);
    return firstPage[range + 1] - firstPage[range];
  }

  /** Page number {@code page} of range {@code range}. */
  public long pfn(int range, int page) {
    checked(range);
    int at = firstPage[range] + page;
    if (page < 0 || at >= firstPage[range + 1]) {
      throw new IndexOutOfBoundsException("page " + page + " of range " + range + " with "
          + pageCount(range) + " pages");
    }
    return pfns[at];
  }

  /** Bytes of the encoded type header: 8 + per range (8 + 8 per page). */
  public int encodedSize() {
    return GpaDirect.HEADER_SIZE + 8 * rangeCount + 8 * firstPage[rangeCount];
  }

  private int checked(int range) {
    if (range < 0 || range >= rangeCount) {
      throw new IndexOutOfBoundsException("range " + range + " of " + rangeCount);
    }
    return range;
  }
}
