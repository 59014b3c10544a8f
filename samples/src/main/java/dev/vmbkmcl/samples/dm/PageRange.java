package dev.vmbkmcl.samples.dm;

/**
 * A run of 4 KiB guest pages, {@code union dm_mem_page_range} (vmbus-ring-and-uio.md §6.3): one u64
 * with {@code start_page} (PFN) in bits 0–39 and {@code page_cnt} in bits 40–63.
 *
 * @param startPage first page frame number, 0 .. 2^40 − 1
 * @param pageCount number of pages, 0 .. 2^24 − 1
 */
public record PageRange(long startPage, long pageCount) {
  /** Bits of {@code start_page}. */
  public static final int START_BITS = 40;

  /** Wire size of one range. */
  public static final int SIZE = 8;

  private static final long START_MASK = (1L << START_BITS) - 1;
  private static final long COUNT_MASK = (1L << (Long.SIZE - START_BITS)) - 1;

  /** Checks that both fields fit their bit widths. */
  public PageRange {
    if ((startPage & ~START_MASK) != 0 || (pageCount & ~COUNT_MASK) != 0) {
      throw new IllegalArgumentException(
          "page range out of bounds: start " + startPage + ", count " + pageCount);
    }
  }

  /** The range packed in one u64 (every u64 is a valid range). */
  public static PageRange fromWire(long packed) {
    return new PageRange(packed & START_MASK, packed >>> START_BITS);
  }

  /** The packed u64. */
  public long toWire() {
    return startPage | (pageCount << START_BITS);
  }
}
