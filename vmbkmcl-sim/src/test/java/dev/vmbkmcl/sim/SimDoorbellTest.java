package dev.vmbkmcl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmbkmcl.spi.TimeSource;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The doorbell keeps a ring that arrived before the wait, wakes a waiter that is already waiting,
 * and answers an interrupt. Waits are "forever", so a lost ring hangs the test until its generous
 * timeout (a hang guard, not a timing assertion) rather than passing late.
 */
@Timeout(60)
class SimDoorbellTest {
  private static final long FOREVER = Long.MAX_VALUE;

  @ParameterizedTest
  @EnumSource(SimWait.class)
  void aRingBeforeTheWaitIsKept(SimWait wait) throws InterruptedException {
    SimDoorbell bell = new SimDoorbell(wait, TimeSource.SYSTEM);
    bell.ring();
    bell.ring();
    // Returns at once: the two rings collapse into this one wake-up.
    assertTrue(bell.await(FOREVER), "a ring ended the wait");
  }

  @ParameterizedTest
  @EnumSource(SimWait.class)
  void aWaitThatTimesOutSaysSo(SimWait wait) throws InterruptedException {
    SimDoorbell bell = new SimDoorbell(wait, TimeSource.SYSTEM);
    assertFalse(bell.await(1_000_000), "nobody rang: the timeout ended the wait");
    bell.ring();
    assertTrue(bell.await(FOREVER));
    assertFalse(bell.await(0), "the ring was consumed by the wait before");
  }

  @ParameterizedTest
  @EnumSource(SimWait.class)
  void aTimeoutRunsOnTheInjectedClock(SimWait wait) throws InterruptedException {
    long hour = 3_600_000_000_000L;
    AtomicLong now = new AtomicLong(-hour); // a negative start, as System.nanoTime may have
    AtomicLong parked = new AtomicLong();
    // A spinning waiter never parks, so its clock moves a minute at every look.
    long tick = wait == SimWait.SPIN ? 60_000_000_000L : 0;
    TimeSource virtual = new TimeSource() {
      @Override
      public long nanoTime() {
        return now.getAndAdd(tick);
      }

      @Override
      public long currentTimeMillis() {
        return 0;
      }

      @Override
      public void parkNanos(Object blocker, long nanos) {
        parked.addAndGet(nanos);
        now.addAndGet(nanos); // the wait "passes" at once
      }
    };
    SimDoorbell bell = new SimDoorbell(wait, virtual);
    // An hour of the injected clock ends the wait; on the machine's clock this test would hang.
    assertFalse(bell.await(hour), "the injected clock's timeout ended the wait");
    if (wait == SimWait.PARK) {
      assertEquals(hour, parked.get(), "the park asked the injected clock for exactly the time left");
    }
    bell.ring();
    assertTrue(bell.await(hour), "a ring still ends a wait on the injected clock");
  }

  @ParameterizedTest
  @EnumSource(SimWait.class)
  @SuppressWarnings("ThreadPriorityCheck") // yield, not spin, while the waiter gets going
  void aRingWakesAWaitingThread(SimWait wait) throws InterruptedException {
    SimDoorbell bell = new SimDoorbell(wait, TimeSource.SYSTEM);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread waiter = new Thread(() -> {
      try {
        if (!bell.await(FOREVER)) {
          failure.set(new AssertionError("a wait without timeout reported a timeout"));
        }
      } catch (Throwable t) {
        failure.set(t);
      }
    });
    waiter.start();
    // Ring only once the waiter is inside await (parked or spinning), so the wake-up path is used.
    while (!insideAwait(waiter)) {
      Thread.yield();
    }
    bell.ring();
    waiter.join();
    assertNull(failure.get(), "the waiter failed");
  }

  @ParameterizedTest
  @EnumSource(value = SimWait.class, names = "PARK")
  void anInterruptedWaiterThrows(SimWait wait) {
    SimDoorbell bell = new SimDoorbell(wait, TimeSource.SYSTEM);
    Thread.currentThread().interrupt();
    assertThrows(InterruptedException.class, () -> bell.await(FOREVER));
    assertFalse(Thread.interrupted(), "the interrupt was consumed by the exception");
  }

  private static boolean insideAwait(Thread t) {
    return ThreadProbe.runsIn(t, SimDoorbell.class.getName(), "await");
  }
}
