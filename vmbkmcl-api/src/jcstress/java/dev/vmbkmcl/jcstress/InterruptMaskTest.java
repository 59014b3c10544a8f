package dev.vmbkmcl.jcstress;

import dev.vmbkmcl.ring.RingWriter;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZ_Result;

/**
 * §3.7 against §3.3: a reader that drained the ring while masked unmasks, fences and re-checks
 * before it blocks; the writer publishes, fences and reads the mask to decide on a signal. At
 * least one of them must see the other: never "the reader blocks" (r1) with "no signal" (r2
 * false), the lost wake-up of reference §3.7.
 */
@JCStressTest
@Outcome(id = "true, true", expect = Expect.ACCEPTABLE, desc = "the reader blocks and is woken")
@Outcome(id = "false, true", expect = Expect.ACCEPTABLE_INTERESTING,
    desc = "the reader saw the packet; the writer signalled anyway")
@Outcome(id = "false, false", expect = Expect.ACCEPTABLE,
    desc = "the reader saw the packet; no signal needed")
@Outcome(id = "true, false", expect = Expect.FORBIDDEN, desc = "lost wake-up")
@State
public class InterruptMaskTest {
  private final TestRing ring = new TestRing(128);

  /** The reader has drained the empty ring with interrupts masked. */
  public InterruptMaskTest() {
    ring.reader.maskInterrupts();
  }

  /** The consumer about to block: true when it would block. */
  @Actor
  public void reader(ZZ_Result r) {
    r.r1 = ring.reader.unmaskAndCheckEmpty();
  }

  /** The producer: true when it signals. */
  @Actor
  public void writer(ZZ_Result r) {
    r.r2 = ring.write(7) == RingWriter.WRITTEN_SIGNAL;
  }
}
