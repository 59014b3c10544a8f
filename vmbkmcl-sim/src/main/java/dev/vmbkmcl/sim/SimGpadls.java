package dev.vmbkmcl.sim;

import dev.vmbkmcl.Mdl;
import dev.vmbkmcl.NtStatus;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The GPADL table of one simulated connection (kmcl-api.md §1.6): the client creates GPADLs over
 * guest pages, the server maps one at a time, and deleting waits while the server has it mapped.
 * Handles start at 0x1000 and are never reused while the connection lives.
 *
 * <p>It is also the record of what the guest shared with this connection's host, which decides
 * what a guest-side {@code VmbChannelPacketGetExternalData} may map ({@link #checkHostNamed}):
 * the bytes of this connection's live GPADLs (read-only ones only for reading) and the bytes of
 * MDLs the guest sent as external data on it (the most recent {@value #PACKET_PAGES} pages).
 */
final class SimGpadls {
  /** Pages remembered from the guest's external-data sends; the oldest are forgotten first. */
  static final int PACKET_PAGES = 65_536;

  private static final class Gpadl {
    final long[] pfns;
    final int byteOffset;
    final int byteCount;
    final boolean readOnly;
    final @Nullable ByteBuffer owned;
    boolean mapped;

    Gpadl(long[] pfns, int byteOffset, int byteCount, boolean readOnly, @Nullable ByteBuffer owned) {
      this.pfns = pfns;
      this.byteOffset = byteOffset;
      this.byteCount = byteCount;
      this.readOnly = readOnly;
      this.owned = owned;
    }
  }

  private final SimGuestMemory memory;
  private final Map<Integer, Gpadl> table = new HashMap<>();
  /** pfn to the {@code [from, to)} bytes of that page the guest sent in packets. */
  private final Map<Long, int[]> packetPages =
      new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, int[]> eldest) {
          return size() > PACKET_PAGES;
        }
      };
  private int nextHandle = 0x1000;

  SimGpadls(SimGuestMemory memory) {
    this.memory = memory;
  }

  /** Registers a GPADL over {@code pfns}; returns its handle. */
  synchronized int create(long[] pfns, int byteOffset, int byteCount, boolean readOnly,
      @Nullable ByteBuffer owned) {
    int handle = nextHandle++;
    table.put(handle, new Gpadl(pfns.clone(), byteOffset, byteCount, readOnly, owned));
    return handle;
  }

  /** The buffer KMCL allocated for a GPADL made by {@code VmbChannelCreateGpadl}, or null. */
  synchronized @Nullable ByteBuffer ownedBuffer(int handle) {
    Gpadl g = table.get(handle);
    return g == null ? null : g.owned;
  }

  synchronized boolean exists(int handle) {
    return table.containsKey(handle);
  }

  /**
   * {@code VmbChannelMapGpadl}: an MDL over the GPADL's pages (with a view of the guest memory, read
   * only when mapped read-only). One mapping at a time; a write mapping of a read-only GPADL fails.
   */
  synchronized NtStatus map(int handle, boolean readOnlyMapping, dev.vmbkmcl.Ref<Mdl> out) {
    Gpadl g = table.get(handle);
    if (g == null) {
      return NtStatus.STATUS_INVALID_PARAMETER_3;
    }
    if (g.mapped) {
      return NtStatus.STATUS_INVALID_DEVICE_STATE;
    }
    if (g.readOnly && !readOnlyMapping) {
      return NtStatus.STATUS_ACCESS_DENIED;
    }
    Mdl mdl = memory.mdl(g.pfns, g.byteOffset, g.byteCount, readOnlyMapping);
    if (mdl == null) {
      return NtStatus.STATUS_INVALID_PARAMETER_3;
    }
    g.mapped = true;
    out.set(mdl);
    return NtStatus.STATUS_SUCCESS;
  }

  synchronized void unmap(int handle) {
    Gpadl g = table.get(handle);
    if (g != null && g.mapped) {
      g.mapped = false;
      notifyAll();
    }
  }

  /** {@code VmbChannelDeleteGpadl}: blocks while the server has the GPADL mapped (§2.H #67). */
  synchronized void delete(int handle) {
    Gpadl g = table.get(handle);
    while (g != null && g.mapped) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      g = table.get(handle);
    }
    table.remove(handle);
  }

  /**
   * The guest sent bytes {@code [byteOffset, byteOffset + byteCount)} of the pages {@code pfns} as a
   * packet's external data on this connection: its host may now name them back.
   */
  synchronized void sharedByPacket(long[] pfns, int byteOffset, int byteCount) {
    for (int i = 0; i < pfns.length; i++) {
      int from = from(i, byteOffset);
      int to = to(i, byteOffset, byteCount);
      if (from >= to) {
        continue;
      }
      int[] range = packetPages.get(pfns[i]);
      if (range == null) {
        packetPages.put(pfns[i], new int[] {from, to});
      } else {
        range[0] = Math.min(range[0], from);
        range[1] = Math.max(range[1], to);
      }
    }
  }

  /**
   * Whether the host may have the guest map bytes {@code [byteOffset, byteOffset + byteCount)} of
   * the pages {@code pfns}: every byte must lie in what the guest shared on this connection (see
   * the class comment), and for writing in a GPADL that is not read-only or in a packet's MDL.
   * The range must already be well formed (offset below a page, enough page numbers).
   *
   * @return STATUS_SUCCESS, or STATUS_ACCESS_DENIED for a page never shared here (another
   *     channel's GPADL, a deleted one, memory the guest never gave out), bytes past what was
   *     shared, or a write through a read-only GPADL
   */
  synchronized NtStatus checkHostNamed(long[] pfns, int byteOffset, int byteCount,
      boolean write) {
    int pages = Mdl.pagesSpanned(byteOffset, byteCount);
    for (int i = 0; i < pages; i++) {
      int from = from(i, byteOffset);
      int to = to(i, byteOffset, byteCount);
      if (!shared(pfns[i], from, to, write)) {
        return NtStatus.STATUS_ACCESS_DENIED;
      }
    }
    return NtStatus.STATUS_SUCCESS;
  }

  private boolean shared(long pfn, int from, int to, boolean write) {
    int[] sent = packetPages.get(pfn);
    if (sent != null && sent[0] <= from && to <= sent[1]) {
      return true;
    }
    for (Gpadl g : table.values()) {
      if (write && g.readOnly) {
        continue;
      }
      for (int j = 0; j < g.pfns.length; j++) {
        if (g.pfns[j] == pfn && from(j, g.byteOffset) <= from && to <= to(j, g.byteOffset,
            g.byteCount)) {
          return true;
        }
      }
    }
    return false;
  }

  /** First byte of page {@code i} of a range that starts {@code byteOffset} into page 0. */
  private static int from(int i, int byteOffset) {
    return i == 0 ? byteOffset : 0;
  }

  /** End (exclusive) within page {@code i} of such a range of {@code byteCount} bytes. */
  private static int to(int i, int byteOffset, int byteCount) {
    long end = (long) byteOffset + byteCount - (long) i * SimGuestMemory.PAGE;
    return (int) Math.max(0, Math.min(SimGuestMemory.PAGE, end));
  }

  /** Drops every GPADL (the connection is gone) and wakes blocked deletes. */
  synchronized void clear() {
    table.clear();
    packetPages.clear();
    notifyAll();
  }

  synchronized int size() {
    return table.size();
  }
}
