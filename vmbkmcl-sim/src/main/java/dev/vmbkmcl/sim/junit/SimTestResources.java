package dev.vmbkmcl.sim.junit;

import static dev.vmbkmcl.Vmbkmcl.VmbChannelCleanup;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelDisable;

import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.channel.EngineChannel;
import dev.vmbkmcl.sim.SimChannelPair;
import dev.vmbkmcl.sim.SimFaults;
import dev.vmbkmcl.sim.SimVmbus;
import dev.vmbkmcl.spi.TimeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * What one test got from {@link SimVmbusExtension}: its bus (made on first use), fault plan and
 * pairs, and the engine threads that ran before it. {@link #close} releases everything and lists
 * what the test left wrong.
 */
final class SimTestResources {
  /** Engine threads are named "vmbkmcl-" + backend + "-" + role (Engine.newThread). */
  static final String ENGINE_THREAD_PREFIX = "vmbkmcl-";

  private final long seed;
  private final @Nullable SimFaultPlan plan;
  private final Set<Thread> threadsBefore;
  private @Nullable SimFaults faults;
  private @Nullable SimVmbus bus;
  private @Nullable SimPairs pairs;

  SimTestResources(long seed, @Nullable SimFaultPlan plan) {
    this.seed = seed;
    this.plan = plan;
    this.threadsBefore = engineThreads();
  }

  /** The seed of the fault plan. */
  long seed() {
    return seed;
  }

  /** Whether the test asked for faults, so that its seed is worth printing. */
  synchronized boolean seeded() {
    return plan != null || faults != null;
  }

  synchronized SimFaults faults() {
    SimFaults f = faults;
    if (f == null) {
      f = new SimFaults(seed);
      SimFaultPlan p = plan;
      if (p != null) {
        f.dropDoorbells(p.dropDoorbells());
        if (p.delayDoorbells() > 0) {
          f.delayDoorbells(p.delayDoorbells(), p.maxDelayMicros());
        }
      }
      faults = f;
    }
    return f;
  }

  synchronized SimVmbus bus() {
    SimVmbus b = bus;
    if (b == null) {
      b = new SimVmbus(TimeSource.SYSTEM, plan != null ? faults() : faultsIfMade());
      bus = b;
    }
    return b;
  }

  synchronized SimPairs pairs() {
    SimPairs p = pairs;
    if (p == null) {
      p = new SimPairs(bus());
      pairs = p;
    }
    return p;
  }

  /** Without a plan the bus is fault-free unless the test asked for its SimFaults first. */
  private SimFaults faultsIfMade() {
    SimFaults f = faults;
    return f != null ? f : SimFaults.none();
  }

  /**
   * Closes every pair, disables what the test left enabled, and waits up to {@code threadGrace}
   * for the engine threads started during the test to end.
   *
   * @return one line per problem: a poisoned channel, a channel left enabled, a thread left running
   */
  List<String> close(long threadGraceMillis) throws InterruptedException {
    List<String> problems = new ArrayList<>();
    SimVmbus b;
    List<SimChannelPair> opened;
    synchronized (this) {
      b = bus;
      opened = pairs == null ? List.of() : pairs.opened();
    }
    Set<VMBCHANNEL> ours = new LinkedHashSet<>();
    for (SimChannelPair pair : opened) {
      ours.add(pair.server());
      ours.add(pair.client());
    }
    List<VMBCHANNEL> live = b == null ? List.of() : b.liveChannels();
    Set<VMBCHANNEL> all = new LinkedHashSet<>(ours);
    all.addAll(live);
    for (VMBCHANNEL channel : all) {
      String corruption = ((EngineChannel) channel).corruption();
      if (corruption != null) {
        problems.add("channel " + channel + " was poisoned: " + corruption);
      }
    }
    List<VMBCHANNEL> leaked = new ArrayList<>();
    for (VMBCHANNEL channel : live) {
      if (!ours.contains(channel)) {
        leaked.add(channel);
        problems.add("channel " + channel + " was left enabled: the test must call"
            + " VmbChannelDisable and VmbChannelCleanup on every channel it enables");
      }
    }
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
    for (VMBCHANNEL channel : leaked) { // so that the leak does not spill into the next test
      VmbChannelDisable(channel);
      VmbChannelCleanup(channel);
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(threadGraceMillis);
    for (Thread t : engineThreads()) {
      if (threadsBefore.contains(t)) {
        continue;
      }
      long left = deadline - System.nanoTime();
      if (left > 0) {
        TimeUnit.NANOSECONDS.timedJoin(t, left);
      }
      if (t.isAlive()) {
        problems.add("engine thread '" + t.getName() + "' was still running " + threadGraceMillis
            + " ms after the test's channels were closed: a channel or a thread leaked");
      }
    }
    return problems;
  }

  private static Set<Thread> engineThreads() {
    Set<Thread> threads = new LinkedHashSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith(ENGINE_THREAD_PREFIX)) {
        threads.add(t);
      }
    }
    return threads;
  }
}
