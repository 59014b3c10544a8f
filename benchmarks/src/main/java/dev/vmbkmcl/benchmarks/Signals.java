package dev.vmbkmcl.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 7 item 4, first half: how many signals a saturated packet stream issues, with the ring's
 * {@code interrupt_mask} / {@code pending_send_sz} rules honoured ({@code ring-rules}) against the
 * naive pair that signals after every packet and every commit ({@code every-packet}). The score is
 * packets per second; the secondary results {@code writerSignals} and {@code readerSignals} are
 * signals per second, so signals per 1,000 packets = 1000 x signals / score.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class Signals {
  /** Payload bytes per packet. */
  static final int PAYLOAD = 64;
  /** Data area of the ring. */
  static final int RING_BYTES = 64 * 1024;

  /** The ring, its reader thread and the policy. */
  @State(Scope.Benchmark)
  @SuppressWarnings("NullAway.Init") // JMH runs @Setup before any @Benchmark
  public static class Stream {
    /** {@code ring-rules} or {@code every-packet}. */
    @Param({"ring-rules", "every-packet"})
    public String policy;

    SignalledRing ring;

    /** Starts the reader thread. */
    @Setup(Level.Trial)
    public void open() {
      ring = SignalledRing.start(SignalPolicy.parse(policy), RING_BYTES, PAYLOAD);
    }

    /** Stops it and checks every packet arrived in order. */
    @TearDown(Level.Trial)
    public void close() throws InterruptedException {
      ring.stop();
    }
  }

  /** The signal counts of one iteration, reported as rates beside the packet rate. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  @SuppressWarnings("NullAway.Init") // JMH runs @Setup before any @Benchmark
  public static class Counts {
    private SignalledRing ring;

    /** Starts counting for this iteration. */
    @Setup(Level.Iteration)
    public void reset(Stream stream) {
      ring = stream.ring;
      ring.resetCounts();
    }

    /** Writer-to-reader signals. */
    public long writerSignals() {
      return ring.writerSignals();
    }

    /** Reader-to-writer signals. */
    public long readerSignals() {
      return ring.readerSignals();
    }
  }

  /** One packet into the ring ({@code counts} is named so that JMH collects the signal counts). */
  @Benchmark
  public void write(Stream stream, Counts counts) throws InterruptedException {
    stream.ring.write();
  }
}
