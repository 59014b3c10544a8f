package dev.vmbkmcl.sim.reliability;

import static dev.vmbkmcl.Vmbkmcl.VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelDisable;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelSendSynchronousRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmbkmcl.LargeInteger;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.UInt32Ref;
import dev.vmbkmcl.sim.SimVmbus;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Synchronous requests whose timeouts are about as long as the round trip, so that timing out and
 * the answer arriving race each other every few requests (kmcl-api.md §1.8: the timeout cancels
 * unless the completion won). Whichever wins, the caller gets STATUS_SUCCESS with its own answer
 * or STATUS_CANCELLED, and a request object that goes back to the pool is never finished by the
 * answer of the request it served before.
 */
class SyncTimeoutRaceTest {
  private static final int THREADS = 4;
  private static final int REQUESTS = 5_000;
  private static final int UNTIMED_EVERY = 100;

  @Test
  void anAnswerRacingItsTimeoutNeverReachesTheNextRequest() throws Exception {
    List<String> problems = new CopyOnWriteArrayList<>();
    SoakChannel c = new SoakChannel(new SimVmbus(), 0, 4, problems);
    c.pair.open();
    List<Thread> threads = new ArrayList<>();
    int[] successes = new int[THREADS];
    for (int t = 0; t < THREADS; t++) {
      int id = t;
      threads.add(new Thread(() -> {
        SplittableRandom random = new SplittableRandom(id);
        for (int i = 0; i < REQUESTS; i++) {
          long seq = c.ledger.begin(SoakLedger.Kind.SYNC);
          ByteBuffer answer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
          UInt32Ref size = new UInt32Ref(8);
          // 2 to 300 µs, in 100 ns units (negative: relative). Every 100th request waits without
          // a timeout, so some answers are certain however slow the machine.
          boolean untimed = i % UNTIMED_EVERY == 0;
          NtStatus s = VmbChannelSendSynchronousRequest(c.client(), c.request(seq, 16), 16, null,
              VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION, answer, size,
              untimed ? null : new LargeInteger(-20 - random.nextInt(3_000)));
          c.ledger.ended(seq, s, size.get() == 8 && answer.getLong(0) == seq);
          if (s.equals(NtStatus.STATUS_SUCCESS)) {
            successes[id]++;
          } else if (untimed) {
            problems.add("request " + seq + " without a timeout ended " + s);
          }
        }
      }, "sync-race-" + t));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    Await.until("the last answers arrived", () -> c.ledger.unfinished() == 0);
    c.ledger.verify();
    VmbChannelDisable(c.pair.client());
    VmbChannelDisable(c.pair.server());
    assertEquals(List.of(), problems);
    int total = 0;
    for (int n : successes) {
      total += n;
    }
    assertTrue(total >= THREADS * REQUESTS / UNTIMED_EVERY, total + " answered: at least every"
        + " request without a timeout must be");
  }
}
