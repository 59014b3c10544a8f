package dev.vmbkmcl.sim.reliability;

import static dev.vmbkmcl.Vmbkmcl.VmbChannelDisable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmbkmcl.channel.EngineChannel;
import dev.vmbkmcl.sim.SimFaults;
import dev.vmbkmcl.sim.SimVmbus;
import dev.vmbkmcl.spi.TimeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The fault soak (issue 8): many channels on one simulated VMBus with mixed traffic ({@link
 * SoakTraffic}) while a seeded {@link FaultPlan} rescinds offers, closes and reopens channels,
 * stalls and pauses the host and drops doorbells. Then every fault is undone, everything in flight
 * is allowed to finish, and the invariants are checked: every send the engine reported as
 * successful was received exactly once and nothing twice; every send ended exactly once with a
 * documented status; no channel was poisoned; no exception reached a callback thread; and once all
 * channels are disabled no engine thread is left.
 *
 * <p>Runs about a minute by default. Longer: {@code -Dsoak.minutes=N} (fractions allowed); also
 * {@code -Dsoak.seed}, {@code -Dsoak.channels} (at least 64 by default) and {@code
 * -Dsoak.threads}.
 */
class FaultSoakTest {
  private static final long SEED = Long.getLong("soak.seed", 0x5eed_2025L);
  private static final double MINUTES = Double.parseDouble(System.getProperty("soak.minutes", "1"));
  private static final int CHANNELS = Integer.getInteger("soak.channels", 64);
  private static final int THREADS = Integer.getInteger("soak.threads", 4);

  @Test
  void manyChannelsUnderSeededFaultsLoseNothing() throws Exception {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    List<String> problems = new CopyOnWriteArrayList<>();
    List<Throwable> escaped = new CopyOnWriteArrayList<>();
    Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> escaped.add(e));
    try {
      SimFaults faults = new SimFaults(SEED);
      SimVmbus bus = new SimVmbus(TimeSource.SYSTEM, faults);
      List<SoakChannel> channels = new ArrayList<>();
      for (int i = 0; i < CHANNELS; i++) {
        SoakChannel c = new SoakChannel(bus, i, 2 + i % 3, problems);
        c.pair.open();
        channels.add(c);
      }
      long start = System.nanoTime();
      long deadline = start + (long) (MINUTES * TimeUnit.MINUTES.toNanos(1));
      FaultPlan plan = new FaultPlan(bus, faults, channels, SEED, deadline);
      List<Thread> threads = new ArrayList<>();
      threads.add(thread("soak-faults", plan));
      for (int i = 0; i < THREADS; i++) {
        threads.add(thread("soak-traffic-" + i, new SoakTraffic(channels, SEED + 1 + i, deadline)));
      }
      AtomicBoolean stop = new AtomicBoolean();
      Thread completer = thread("soak-host-completer", () -> {
        while (!stop.get()) {
          channels.forEach(c -> c.releaseHeld(false));
          LockSupport.parkNanos(1_000_000L);
        }
      });
      threads.forEach(Thread::start);
      completer.start();
      for (Thread t : threads) {
        // A sync request without a timeout may outlive the deadline until its fault is undone.
        t.join(TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()) + 60_000);
        assertFalse(t.isAlive(), t.getName() + " did not end");
      }
      channels.forEach(c -> FaultPlan.reopen(c.client()));
      Await.until("every send ended", () -> channels.stream()
          .allMatch(c -> c.ledger.unfinished() == 0));
      stop.set(true);
      completer.join();
      channels.forEach(c -> c.releaseHeld(true));
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);

      for (SoakChannel c : channels) {
        c.ledger.verify();
        String corruption = ((EngineChannel) c.client()).corruption();
        if (corruption != null) {
          problems.add("channel " + c.index + " was poisoned: " + corruption);
        }
      }
      for (SoakChannel c : channels) {
        VmbChannelDisable(c.pair.client());
        VmbChannelDisable(c.pair.server());
      }
      Await.until("no engine thread is left", () -> leftOver(before).isEmpty());

      long sent = channels.stream().mapToLong(c -> c.ledger.sentCount()).sum();
      long received = channels.stream().mapToLong(c -> c.ledger.receivedCount()).sum();
      long confirmed = channels.stream().mapToLong(c -> c.ledger.confirmedCount()).sum();
      Map<FaultPlan.Fault, Integer> injected = plan.injected();
      System.out.printf("fault soak: seed %d, %d s, %d channels, %d sends, %d received,"
          + " %d confirmed and received exactly once, %d faults %s, %d problems%n", SEED, seconds,
          CHANNELS, sent, received, confirmed,
          injected.values().stream().mapToInt(Integer::intValue).sum(), injected, problems.size());
      assertEquals(List.of(), problems);
      assertEquals(List.of(), escaped.stream().map(Throwable::toString).toList(),
          "exceptions that reached a callback thread");
      assertTrue(confirmed > 0 && injected.values().stream().allMatch(n -> n > 0),
          "the soak sent traffic and injected every kind of fault");
    } finally {
      Thread.setDefaultUncaughtExceptionHandler(previous);
    }
  }

  private static Thread thread(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    return t;
  }

  /** Engine and soak threads alive now that were not before. */
  private static Set<String> leftOver(Set<Thread> before) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !before.contains(t) && t.isAlive())
        .map(Thread::getName)
        .filter(n -> n.startsWith("vmbkmcl-") || n.startsWith("soak-"))
        .collect(Collectors.toSet());
  }
}
