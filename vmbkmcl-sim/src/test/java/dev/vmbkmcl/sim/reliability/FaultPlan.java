package dev.vmbkmcl.sim.reliability;

import static dev.vmbkmcl.Vmbkmcl.VmbChannelDisable;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelEnable;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelPause;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelStart;

import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.channel.EngineChannel;
import dev.vmbkmcl.sim.SimFaults;
import dev.vmbkmcl.sim.SimVmbus;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The soak's seeded fault plan, run on one thread: every few milliseconds it picks a healthy
 * channel and a fault, and undoes each fault after a seeded hold time (sometimes almost at once, to
 * race the teardown it started). Faults: the host rescinds the offer, the guest closes and reopens
 * its channel, the host stalls its answers, the host pauses its channel (so the guest's ring fills
 * and flow control must work), and the bus drops doorbells for a while. At the end every fault is
 * undone, so every channel is open again.
 */
final class FaultPlan implements Runnable {
  /** The faults, counted in {@link #injected()}. */
  enum Fault { RESCIND, CLOSE_AND_REOPEN, STALL_ANSWERS, PAUSE_HOST, DROP_DOORBELLS, DELAY_DOORBELLS }

  private final SimVmbus bus;
  private final SimFaults faults;
  private final List<SoakChannel> channels;
  private final SplittableRandom random;
  private final long deadlineNanos;
  /** A fault in force on one channel until {@code healAt}. */
  private record Active(Fault fault, long healAt) {}

  private final Map<Integer, Active> active = new HashMap<>();
  private final Map<Fault, Integer> injected = new EnumMap<>(Fault.class);
  private long doorbellsHealAt;
  private long lateDoorbellsHealAt;

  FaultPlan(SimVmbus bus, SimFaults faults, List<SoakChannel> channels, long seed,
      long deadlineNanos) {
    this.bus = bus;
    this.faults = faults;
    this.channels = channels;
    this.random = new SplittableRandom(seed);
    this.deadlineNanos = deadlineNanos;
    for (Fault f : Fault.values()) {
      injected.put(f, 0);
    }
  }

  /** How many faults of each kind were injected (read after the run). */
  synchronized Map<Fault, Integer> injected() {
    return new EnumMap<>(injected);
  }

  @Override
  public void run() {
    while (System.nanoTime() - deadlineNanos < 0) {
      healDue(false);
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2 + random.nextInt(20)));
      int index = random.nextInt(channels.size());
      if (active.containsKey(index)) {
        continue;
      }
      Fault fault = Fault.values()[random.nextInt(Fault.values().length)];
      // One hold in ten is near zero: the undo races the teardown the fault started.
      long hold = random.nextInt(10) == 0 ? random.nextInt(2_000_000)
          : TimeUnit.MILLISECONDS.toNanos(10 + random.nextInt(300));
      inject(index, fault, hold);
    }
    healDue(true);
  }

  private void inject(int index, Fault fault, long holdNanos) {
    SoakChannel c = channels.get(index);
    switch (fault) {
      case RESCIND -> bus.rescind(c.pair.server());
      case CLOSE_AND_REOPEN -> VmbChannelDisable(c.pair.client());
      case STALL_ANSWERS -> c.stall(holdNanos);
      case PAUSE_HOST -> VmbChannelPause(c.pair.server());
      case DROP_DOORBELLS -> {
        faults.dropDoorbells(0.2 + 0.7 * random.nextDouble());
        doorbellsHealAt = System.nanoTime() + holdNanos;
      }
      case DELAY_DOORBELLS -> {
        faults.delayDoorbells(0.2 + 0.8 * random.nextDouble(), 1 + random.nextInt(5_000));
        lateDoorbellsHealAt = System.nanoTime() + holdNanos;
      }
    }
    synchronized (this) {
      injected.merge(fault, 1, Integer::sum);
    }
    if (fault != Fault.DROP_DOORBELLS && fault != Fault.DELAY_DOORBELLS
        && fault != Fault.STALL_ANSWERS) {
      active.put(index, new Active(fault, System.nanoTime() + holdNanos));
    }
  }

  private void healDue(boolean all) {
    long now = System.nanoTime();
    if (all || now - doorbellsHealAt > 0) {
      faults.dropDoorbells(0);
    }
    if (all || now - lateDoorbellsHealAt > 0) {
      faults.delayDoorbells(0, 1);
    }
    for (Map.Entry<Integer, Active> e : List.copyOf(active.entrySet())) {
      if (all || now - e.getValue().healAt() > 0) {
        active.remove(e.getKey());
        heal(channels.get(e.getKey()), e.getValue().fault());
      }
    }
  }

  private static void heal(SoakChannel c, Fault fault) {
    VMBCHANNEL server = c.pair.server();
    switch (fault) {
      case RESCIND -> {
        // A rescinded client closes on its own; the server stays enabled without an offer until
        // it is disabled, then offers anew.
        Await.until("the rescinded client closed", () -> !isOpen(c.pair.client()));
        VmbChannelDisable(server);
        Await.until("the server could be enabled again",
            () -> VmbChannelEnable(server).equals(NtStatus.STATUS_SUCCESS));
        VmbChannelStart(server);
        reopen(c.pair.client());
      }
      case CLOSE_AND_REOPEN -> reopen(c.pair.client());
      case PAUSE_HOST -> VmbChannelStart(server);
      case STALL_ANSWERS, DROP_DOORBELLS, DELAY_DOORBELLS -> { }
    }
  }

  /**
   * Brings a client back to open: enables it once it is Disabled (a rescinded client gets there
   * on its own) and waits until it opened, whether by that or by finding the offer it waited for.
   */
  static void reopen(VMBCHANNEL client) {
    Await.until(client + " is open again", () -> {
      if (isOpen(client)) {
        return true;
      }
      VmbChannelEnable(client); // STATUS_INVALID_DEVICE_STATE while it is still Enabled
      return false;
    });
  }

  private static boolean isOpen(VMBCHANNEL channel) {
    return ((EngineChannel) channel).isOpen();
  }
}
