package dev.vmbkmcl.sim.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.vmbkmcl.channel.EngineChannel;
import dev.vmbkmcl.sim.SimChannelPair;
import dev.vmbkmcl.sim.SimFaults;
import dev.vmbkmcl.sim.SimVmbus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The extension as a test sees it: each inner class is a test run with the extension (through the
 * JUnit Platform test kit), and the outer test asserts on its outcome. The inner classes are static
 * nested classes, so neither Surefire nor Jupiter runs them on their own.
 */
class SimVmbusExtensionTest {
  /** What the last inner test ran on, for the outer test to inspect after the extension. */
  static volatile @Nullable SimVmbus lastBus;

  private static final UUID LEAKED_TYPE = UUID.fromString("0b5e55ed-0000-4000-8000-00000000c0de");

  @ExtendWith(SimVmbusExtension.class)
  static class GivesAndCloses {
    @Test
    void everythingIsOnOneBus(@SimPairSettings(ringPages = 6) SimChannelPair pair, SimPairs pairs,
        SimVmbus bus, SimFaults faults) throws InterruptedException {
      lastBus = bus;
      assertSame(bus, pairs.bus());
      assertTrue(((EngineChannel) pair.server()).isOpen());
      assertTrue(((EngineChannel) pair.client()).isOpen());
      assertEquals(6 * 4096, bus.ringsOf(pair.client())[0].capacity());
      SimChannelPair second = pairs.open(4);
      assertTrue(((EngineChannel) second.client()).isOpen());
      assertEquals(4, bus.liveChannels().size());
      assertEquals(0, faults.droppedDoorbells());
    }
  }

  @ExtendWith(SimVmbusExtension.class)
  static class LeaksAChannel {
    @Test
    void opensAPairItNeverCloses(SimVmbus bus) throws InterruptedException {
      lastBus = bus;
      SimChannelPair.open(bus, LEAKED_TYPE, 4, c -> {}, c -> {});
    }
  }

  @ExtendWith(SimVmbusExtension.class)
  static class PoisonsAChannel {
    @Test
    void theHostWritesAWriteIndexThatIsNoMultipleOf8(SimChannelPair pair, SimVmbus bus) {
      lastBus = bus;
      ByteBuffer hostToGuest = bus.ringsOf(pair.client())[1];
      hostToGuest.putInt(0, 3); // write_index (§1.2)
      bus.signalClient(pair.client());
      EngineChannel client = (EngineChannel) pair.client();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (client.corruption() == null && System.nanoTime() < deadline) {
        LockSupport.parkNanos(1_000_000);
      }
      assertNotNull(client.corruption(), "the ring was not checked within a minute");
    }
  }

  static final CountDownLatch RELEASE_STRAY = new CountDownLatch(1);
  static volatile @Nullable Thread stray;

  @ExtendWith(SimVmbusExtension.class)
  static class LeaksAThread {
    @Test
    void startsAnEngineNamedThreadThatWaits() {
      Thread t = new Thread(() -> {
        try {
          RELEASE_STRAY.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "vmbkmcl-sim-stray");
      t.setDaemon(true);
      stray = t;
      t.start();
    }
  }

  @ExtendWith(SimVmbusExtension.class)
  static class FailsWithAFaultPlan {
    @Test
    @SimFaultPlan(seed = 0x5eedL, dropDoorbells = 0.25)
    void failsOnPurpose(SimChannelPair pair, SimFaults faults) {
      assertNotNull(pair);
      assertNotNull(faults);
      fail("on purpose");
    }
  }

  @ExtendWith(SimVmbusExtension.class)
  @SimFaultPlan
  static class RandomSeeds {
    @Test
    void first(SimFaults faults) {
      fail("on purpose, to print the seed");
    }

    @Test
    void second(SimFaults faults) {
      fail("on purpose, to print the seed");
    }
  }

  private static EngineExecutionResults run(Class<?> testClass, String... configuration) {
    var request = EngineTestKit.engine("junit-jupiter")
        .selectors(DiscoverySelectors.selectClass(testClass));
    for (int i = 0; i + 1 < configuration.length; i += 2) {
      request.configurationParameter(configuration[i], configuration[i + 1]);
    }
    return request.execute();
  }

  private static Throwable onlyFailure(EngineExecutionResults results) {
    results.testEvents().assertStatistics(s -> s.started(1).failed(1));
    Event failed = results.testEvents().failed().list().get(0);
    return failed.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
  }

  @Test
  void aTestThatCleansUpPassesAndEverythingIsClosedAfterIt() {
    EngineExecutionResults results = run(GivesAndCloses.class);
    results.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
    SimVmbus bus = lastBus;
    assertNotNull(bus);
    assertEquals(List.of(), bus.liveChannels(), "the extension closed both pairs");
  }

  @Test
  void aLeakedChannelFailsTheTestAndIsDisabledAfterIt() {
    Throwable failure = onlyFailure(run(LeaksAChannel.class));
    assertTrue(failure instanceof AssertionError, failure::toString);
    assertTrue(String.valueOf(failure.getMessage()).contains("was left enabled"), failure::getMessage);
    SimVmbus bus = lastBus;
    assertNotNull(bus);
    assertEquals(List.of(), bus.liveChannels(), "the extension disabled the leaked channels");
  }

  @Test
  void aPoisonedChannelFailsTheTest() {
    Throwable failure = onlyFailure(run(PoisonsAChannel.class));
    assertTrue(String.valueOf(failure.getMessage()).contains("was poisoned"), failure::getMessage);
  }

  @Test
  void anEngineThreadLeftRunningFailsTheTest() throws InterruptedException {
    try {
      Throwable failure = onlyFailure(
          run(LeaksAThread.class, SimVmbusExtension.THREAD_GRACE_PARAMETER, "50"));
      assertTrue(String.valueOf(failure.getMessage()).contains("engine thread 'vmbkmcl-sim-stray' was still"
          + " running 50 ms after"), failure::getMessage);
    } finally {
      RELEASE_STRAY.countDown();
      Thread t = stray;
      if (t != null) {
        t.join(TimeUnit.SECONDS.toMillis(60));
      }
    }
  }

  @Test
  void aFailedTestWithAFaultPlanPrintsAndReportsItsSeed() {
    PrintStream err = System.err;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    EngineExecutionResults results;
    try {
      System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
      results = run(FailsWithAFaultPlan.class);
    } finally {
      System.setErr(err);
    }
    Throwable failure = onlyFailure(results);
    assertEquals("on purpose", failure.getMessage(), "the test's own failure is kept");
    String text = printed.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("vmbkmcl-sim: fault seed 0x5eed (repeat with"
        + " @SimFaultPlan(seed = 0x5eedL) or -Dvmbkmcl.sim.seed=0x5eed)"), text);
    assertEquals(List.of("0x5eed"), reportedSeeds(results));
  }

  @Test
  void aRandomSeedDiffersBetweenTestsAndIsReported() {
    EngineExecutionResults results = run(RandomSeeds.class);
    results.testEvents().assertStatistics(s -> s.started(2).failed(2));
    List<String> seeds = reportedSeeds(results);
    assertEquals(2, seeds.size(), seeds::toString);
    assertNotEquals(seeds.get(0), seeds.get(1));
  }

  private static List<String> reportedSeeds(EngineExecutionResults results) {
    return results.testEvents().reportingEntryPublished().stream()
        .map(e -> e.getPayload(ReportEntry.class).orElseThrow())
        .map(r -> r.getKeyValuePairs().get(SimVmbusExtension.SEED_ENTRY))
        .toList();
  }
}
