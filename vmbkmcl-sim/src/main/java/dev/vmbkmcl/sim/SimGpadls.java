package dev.vmbkmcl.sim;

import dev.vmbkmcl.Mdl;
import dev.vmbkmcl.NtStatus;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The GPADL table of one simulated connection (kmcl-api.md §1.6): the client creates GPADLs over
 * guest pages, the server maps one at a time, and deleting waits while the server has it mapped.
 * Handles start at 0x1000 and are never reused while the connection lives.
 */
final class SimGpadls {
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

  /** Drops every GPADL (the connection is gone) and wakes blocked deletes. */
  synchronized void clear() {
    table.clear();
    notifyAll();
  }

  synchronized int size() {
    return table.size();
  }
}
