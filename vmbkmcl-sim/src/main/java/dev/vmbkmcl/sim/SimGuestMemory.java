package dev.vmbkmcl.sim;

import dev.vmbkmcl.Mdl;
import dev.vmbkmcl.ring.HvPage;
import java.nio.ByteBuffer;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The simulated guest-physical address space: every Java buffer the guest hands to a GPADL, an MDL
 * or an external-data send gets guest page numbers, and the host side resolves page numbers back to
 * memory. A buffer counts as starting on a page boundary; page {@code i} of a buffer is its bytes
 * {@code [i * 4096, (i + 1) * 4096)}. Page numbers start at 0x100 and are never reused, so a stale
 * number never reaches other memory.
 */
final class SimGuestMemory {
  static final int PAGE = HvPage.SIZE;
  private static final long FIRST_PFN = 0x100;

  /** Where one guest page lives. */
  record Page(ByteBuffer buffer, int index) {}

  // ByteBuffer.equals compares contents; pages belong to a buffer object, so identity it is.
  private final IdentityHashMap<ByteBuffer, long[]> pagesByBuffer = new IdentityHashMap<>();
  private final Map<Long, Page> pageByPfn = new ConcurrentHashMap<>();
  private long nextPfn = FIRST_PFN;

  /**
   * The page numbers of the pages that bytes [offset, offset + length) of {@code buffer} touch,
   * assigning numbers to the buffer's pages on first use.
   */
  synchronized long[] pagesOf(ByteBuffer buffer, int offset, int length) {
    long[] all = pagesByBuffer.get(buffer);
    if (all == null) {
      int count = (buffer.capacity() + PAGE - 1) / PAGE;
      all = new long[count];
      for (int i = 0; i < count; i++) {
        all[i] = nextPfn++;
        pageByPfn.put(all[i], new Page(buffer, i));
      }
      pagesByBuffer.put(buffer, all);
    }
    int first = offset / PAGE;
    int last = (offset + Math.max(length, 1) - 1) / PAGE;
    long[] used = new long[last - first + 1];
    System.arraycopy(all, first, used, 0, used.length);
    return used;
  }

  /** Fresh zeroed guest memory of {@code pages} pages, as KMCL allocates for {@code VmbChannelCreateGpadl}. */
  ByteBuffer allocate(int pages) {
    ByteBuffer b = ByteBuffer.allocate(pages * PAGE);
    pagesOf(b, 0, b.capacity());
    return b;
  }

  /** The memory behind {@code pfn}, or null for a page the guest never gave out. */
  @Nullable Page page(long pfn) {
    return pageByPfn.get(pfn);
  }

  @SuppressWarnings("ReferenceEquality") // pages belong to a buffer object, not to its contents
  private static boolean sameBuffer(Page a, Page b) {
    return a.buffer() == b.buffer();
  }

  /**
   * An MDL chain over {@code byteCount} bytes starting {@code byteOffset} into the first of {@code
   * pfns}: one element per run of consecutive pages of one buffer, each with page numbers and a view
   * of the memory (read-only when asked). Null when a page number is unknown or the pages do not
   * cover the bytes.
   */
  @Nullable Mdl mdl(long[] pfns, int byteOffset, int byteCount, boolean readOnly) {
    if (byteOffset < 0 || byteOffset >= PAGE || byteCount <= 0
        || Mdl.pagesSpanned(byteOffset, byteCount) > pfns.length) {
      return null;
    }
    Mdl head = null;
    Mdl tail = null;
    int remaining = byteCount;
    int pageOffset = byteOffset;
    int i = 0;
    while (remaining > 0) {
      Page first = page(pfns[i]);
      if (first == null) {
        return null;
      }
      int run = 1;
      while (i + run < pfns.length) {
        Page next = page(pfns[i + run]);
        if (next == null || !sameBuffer(next, first) || next.index() != first.index() + run) {
          break;
        }
        run++;
      }
      int start = first.index() * PAGE + pageOffset;
      int available = Math.min(run * PAGE - pageOffset, first.buffer().capacity() - start);
      if (available <= 0) {
        return null;
      }
      int take = Math.min(available, remaining);
      ByteBuffer view = readOnly ? first.buffer().asReadOnlyBuffer() : first.buffer();
      Mdl element = Mdl.IoAllocateMdl(view, start, take);
      long[] used = new long[element.pageCount()];
      System.arraycopy(pfns, i, used, 0, used.length);
      element.assignPfns(used);
      if (head == null) {
        head = element;
      } else if (tail != null) {
        tail.link(element);
      }
      tail = element;
      remaining -= take;
      i += (pageOffset + take + PAGE - 1) / PAGE;
      pageOffset = 0;
      if (remaining > 0 && i >= pfns.length) {
        return null;
      }
    }
    return head;
  }
}
