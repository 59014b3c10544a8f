package dev.vmbkmcl.channel;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Sent packets waiting for the peer's completion, indexed by transaction id. An id is {@code
 * (generation << 32) | (slot + 1)}: never 0 (Hyper-V does not answer id 0, reference §2.6), and a
 * stale or forged id from the peer never matches a reused slot. Guarded by the channel's send lock.
 */
final class TransactionTable {
  private EnginePacket[] slots;
  private long[] ids;
  private int[] free;
  private int freeCount;
  private long generation = 1;

  TransactionTable(int initialCapacity) {
    slots = new EnginePacket[initialCapacity];
    ids = new long[initialCapacity];
    free = new int[initialCapacity];
    for (int i = 0; i < initialCapacity; i++) {
      free[i] = initialCapacity - 1 - i;
    }
    freeCount = initialCapacity;
  }

  /** Registers {@code packet} and returns its new transaction id. Grows when full. */
  long register(EnginePacket packet) {
    if (freeCount == 0) {
      grow();
    }
    int slot = free[--freeCount];
    long id = (generation++ << 32) | (slot + 1L);
    slots[slot] = packet;
    ids[slot] = id;
    return id;
  }

  /**
   * Registers {@code packet} under a saved id (restore); false when the id is 0 or its slot is taken.
   * Later ids are generated past it, so they never collide with restored ones.
   */
  boolean registerWithId(EnginePacket packet, long id) {
    long slotPlusOne = id & 0xFFFF_FFFFL;
    if (slotPlusOne == 0 || slotPlusOne > 1 << 24) {
      return false;
    }
    int slot = (int) slotPlusOne - 1;
    while (slot >= slots.length) {
      grow();
    }
    if (slots[slot] != null) {
      return false;
    }
    for (int i = 0; i < freeCount; i++) {
      if (free[i] == slot) {
        free[i] = free[--freeCount];
        break;
      }
    }
    slots[slot] = packet;
    ids[slot] = id;
    generation = Math.max(generation, (id >>> 32) + 1);
    return true;
  }

  /** Every registered packet, in slot order. */
  java.util.List<EnginePacket> snapshot() {
    java.util.List<EnginePacket> list = new java.util.ArrayList<>();
    for (EnginePacket p : slots) {
      if (p != null) {
        list.add(p);
      }
    }
    return list;
  }

  /** Removes and returns the packet of {@code id}, or null for an unknown, stale or forged id. */
  @Nullable EnginePacket remove(long id) {
    long slotPlusOne = id & 0xFFFF_FFFFL;
    if (slotPlusOne == 0 || slotPlusOne > slots.length) {
      return null;
    }
    int slot = (int) slotPlusOne - 1;
    EnginePacket p = slots[slot];
    if (p == null || ids[slot] != id) {
      return null;
    }
    slots[slot] = null;
    ids[slot] = 0;
    free[freeCount++] = slot;
    return p;
  }

  /**
   * Removes and returns one registered packet (with {@code syncOnly}, one of a synchronous
   * request), or null when none is left. Allocation-free, for the poison and teardown paths.
   */
  @Nullable EnginePacket removeAny(boolean syncOnly) {
    for (int i = 0; i < slots.length; i++) {
      EnginePacket p = slots[i];
      if (p != null && (!syncOnly || p.sync != null)) {
        slots[i] = null;
        ids[i] = 0;
        free[freeCount++] = i;
        return p;
      }
    }
    return null;
  }

  int size() {
    return slots.length - freeCount;
  }

  private void grow() {
    int old = slots.length;
    int cap = Math.max(4, old * 2);
    slots = Arrays.copyOf(slots, cap);
    ids = Arrays.copyOf(ids, cap);
    free = Arrays.copyOf(free, cap);
    for (int i = cap - 1; i >= old; i--) {
      free[freeCount++] = i;
    }
  }
}
