package dev.vmbkmcl.jcstress;

import dev.vmbkmcl.ring.RingWriter;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * §3.5 step 4 against §3.2 steps 2–3: the reader finishes copying a packet before it releases its
 * space by storing read_index (release), and the writer only writes into space it learnt was free
 * from a fresh (acquire) load of read_index. The ring (128 data bytes) holds packets 1 and 2 and
 * has no room for packet 3, whose bytes would land on packet 1's. The reader's copy of packet 1
 * must be whole whether or not the writer got in; afterwards the ring holds exactly what was
 * written (r3: the packets the arbiter reads back whole).
 */
@JCStressTest
@Outcome(id = "1, 2, 1", expect = Expect.ACCEPTABLE, desc = "the writer found the ring full")
@Outcome(id = {"1, 0, 2", "1, 1, 2"}, expect = Expect.ACCEPTABLE,
    desc = "the writer used the space the reader released")
@Outcome(expect = Expect.FORBIDDEN, desc = "space reused while it was still being read")
@State
public class ReadIndexReleaseTest {
  private final TestRing ring = new TestRing(128);

  /** Fills the ring with packets 1 and 2. */
  public ReadIndexReleaseTest() {
    ring.write(1);
    ring.write(2);
  }

  /** The consumer: copies packet 1 out, then releases its space. */
  @Actor
  public void reader(III_Result r) {
    r.r1 = ring.read();
    ring.reader.commit();
  }

  /** The producer: packet 3 fits only in packet 1's space. */
  @Actor
  public void writer(III_Result r) {
    r.r2 = ring.write(3);
  }

  /** Reads back what is left: packet 2, then packet 3 if it was written. */
  @Arbiter
  public void arbiter(III_Result r) {
    int whole = ring.read() == 2 ? 1 : 0;
    if (r.r2 != RingWriter.FULL) {
      whole += ring.read() == 3 ? 1 : 0;
    }
    r.r3 = whole;
  }
}
