package dev.vmbkmcl.hyperv;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A channel's doorbell says whether a ring or the timeout ended a wait, so the engine reports the
 * host's signals to an observer and not its own idle wake-ups or a polled channel's poll ticks.
 */
@Timeout(60)
class ChannelDoorbellTest {
  private static final long FOREVER = Long.MAX_VALUE;

  @Test
  void aRingBeforeTheWaitEndsItAsASignal() throws InterruptedException {
    ChannelDoorbell bell = new ChannelDoorbell(0);
    bell.ring();
    bell.ring();
    assertTrue(bell.await(FOREVER), "two rings collapse into one signalled wake-up");
    assertFalse(bell.await(1_000_000), "both rings were consumed by the wait before");
  }

  @Test
  void aPolledChannelsPollTickIsNoSignal() throws InterruptedException {
    ChannelDoorbell bell = new ChannelDoorbell(ChannelDoorbell.defaultPollNanos());
    assertFalse(bell.await(FOREVER), "the poll interval, not a ring, ended the wait");
    bell.ring();
    assertTrue(bell.await(FOREVER));
  }
}
