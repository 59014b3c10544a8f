package dev.vmbkmcl.channel;

import dev.vmbkmcl.Mdl;
import dev.vmbkmcl.ring.GpaDirect;
import dev.vmbkmcl.ring.GpaRangeList;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jspecify.annotations.Nullable;

/**
 * Builds the GPA-direct type header (reference §2.7) that carries a packet's external data: {@code
 * u32 reserved; u32 range_count}, then per range {@code u32 byte_count; u32 byte_offset; u64
 * pfn[ceil((byte_offset + byte_count) / 4096)]}. One range per MDL element (or one for a PFN array),
 * as the kernel's multi-page-buffer form does.
 */
final class ExternalData {
  private static final int FORCE_MDL_LENGTH = 0x2;
  private static final int PAGE = Mdl.PAGE_SIZE;

  private ExternalData() {}

  /**
   * The header for {@code mdl} from {@code mdlOffset} for {@code mdlLength} bytes (0 = to the end),
   * or for whole pages {@code pfns}; null when the backend does not know the pages of an element.
   */
  static @Nullable ByteBuffer encode(Engine backend, EngineChannel channel, @Nullable Mdl mdl,
      int mdlOffset, int mdlLength, long @Nullable [] pfns, int flags) {
    GpaRangeList ranges = new GpaRangeList();
    if (pfns != null) {
      ranges.add(pfns.length * PAGE, 0, pfns);
    } else if (mdl != null) {
      if (!collect(backend, channel, mdl, mdlOffset, mdlLength, (flags & FORCE_MDL_LENGTH) != 0,
          ranges)) {
        return null;
      }
    }
    ByteBuffer header = ByteBuffer.allocate(ranges.encodedSize()).order(ByteOrder.LITTLE_ENDIAN);
    GpaDirect.encode(header, ranges);
    return header.flip();
  }

  private static boolean collect(Engine backend, EngineChannel channel, Mdl first,
      int mdlOffset, int mdlLength, boolean force, GpaRangeList out) {
    if (force) {
      // Only the first MDL is used, and its length may only be rounded up to its last page.
      long[] pages = backend.pagesOf(channel, first);
      if (pages == null) {
        return false;
      }
      int start = first.byteOffset() + mdlOffset;
      int limit = first.pageCount() * PAGE - start;
      int count = mdlLength == 0 ? first.byteCount() - mdlOffset : Math.min(mdlLength, limit);
      addSlice(out, pages, start, count);
      return true;
    }
    long skip = mdlOffset;
    long want = mdlLength == 0 ? Long.MAX_VALUE : mdlLength;
    for (Mdl m = first; m != null && want > 0; m = m.next()) {
      if (skip >= m.byteCount()) {
        skip -= m.byteCount();
        continue;
      }
      long[] pages = backend.pagesOf(channel, m);
      if (pages == null) {
        return false;
      }
      int start = m.byteOffset() + (int) skip;
      int count = (int) Math.min(m.byteCount() - skip, want);
      addSlice(out, pages, start, count);
      want -= count;
      skip = 0;
    }
    return true;
  }

  /** Adds the range of {@code count} bytes at byte {@code start} of the pages. */
  private static void addSlice(GpaRangeList out, long[] pages, int start, int count) {
    int firstPage = start / PAGE;
    int offset = start % PAGE;
    int n = Mdl.pagesSpanned(offset, count);
    long[] used = new long[n];
    System.arraycopy(pages, firstPage, used, 0, Math.min(n, pages.length - firstPage));
    out.add(count, offset, used);
  }
}
