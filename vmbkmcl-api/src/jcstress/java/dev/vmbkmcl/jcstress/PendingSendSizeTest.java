package dev.vmbkmcl.jcstress;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZ_Result;

/**
 * §3.4 against §3.6: a writer blocked on a full ring publishes pending_send_sz, fences and
 * re-checks the free space; the reader releases a packet's space, fences and reads
 * pending_send_sz to decide on a signal. Either the writer sees the space (r1) or the reader
 * signals (r2): never neither, the lost wake-up that would leave the writer waiting forever.
 */
@JCStressTest
@Outcome(id = "true, false", expect = Expect.ACCEPTABLE,
    desc = "the writer saw the space before asking; the reader saw no request")
@Outcome(id = "false, true", expect = Expect.ACCEPTABLE, desc = "the writer waits and is woken")
@Outcome(id = "true, true", expect = Expect.ACCEPTABLE_INTERESTING,
    desc = "both saw each other: a signal the writer no longer needs")
@Outcome(id = "false, false", expect = Expect.FORBIDDEN, desc = "lost wake-up")
@State
public class PendingSendSizeTest {
  private final TestRing ring = new TestRing(128);

  /** Packets 1 and 2 fill the ring: packet 3 does not fit. */
  public PendingSendSizeTest() {
    ring.write(1);
    ring.write(2);
  }

  /** The blocked producer: true when packet 3 fits now (it retries instead of waiting). */
  @Actor
  public void writer(ZZ_Result r) {
    r.r1 = ring.writer.requestSpace(TestRing.PACKET_RING_BYTES);
  }

  /** The consumer: reads packet 1 and releases its space; true when it signals the writer. */
  @Actor
  public void reader(ZZ_Result r) {
    ring.read();
    r.r2 = ring.reader.commit();
  }
}
