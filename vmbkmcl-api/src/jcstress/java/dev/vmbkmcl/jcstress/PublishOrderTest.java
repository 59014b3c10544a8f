package dev.vmbkmcl.jcstress;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;

/**
 * §3.2 step 6 / §3.5 step 2: the writer stores the packet's bytes, then publishes write_index with
 * release; the reader loads write_index with acquire, then copies. A reader that sees the new index
 * must see every byte of the packet.
 */
@JCStressTest
@Outcome(id = "0", expect = Expect.ACCEPTABLE, desc = "read before the index was published")
@Outcome(id = "7", expect = Expect.ACCEPTABLE, desc = "read the whole packet")
@Outcome(expect = Expect.FORBIDDEN, desc = "saw the index before the bytes")
@State
public class PublishOrderTest {
  private final TestRing ring = new TestRing(128);

  /** The producer. */
  @Actor
  public void writer() {
    ring.write(7);
  }

  /** The consumer. */
  @Actor
  public void reader(I_Result r) {
    r.r1 = ring.read();
  }
}
