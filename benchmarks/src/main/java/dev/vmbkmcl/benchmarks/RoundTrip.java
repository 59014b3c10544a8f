package dev.vmbkmcl.benchmarks;

import static dev.vmbkmcl.Vmbkmcl.VmbChannelPacketComplete;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelSendSynchronousRequest;

import dev.vmbkmcl.UInt32Ref;
import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.channel.IdleStrategy;
import dev.vmbkmcl.sim.SimChannelPair;
import dev.vmbkmcl.spi.TimeSource;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 7 item 2, the synchronous request round trip: a 64-byte request with completion requested,
 * answered at once by the server with an 8-byte completion. SampleTime, so the report has p50, p99
 * and p99.9. {@code wait} is the row's {@link WakeUp} policy, the same for the SDK and both peers
 * (issue 12 item 6): {@code busy-poll} (every end polls) or {@code park} (every idle end sleeps and
 * is woken by the other end). The SDK alone also runs {@code spin}: its requester polls while both
 * delivery threads park on doorbells, a mixed mode no peer has.
 *
 * <ul>
 *   <li>{@link #sdk}: {@code VmbChannelSendSynchronousRequest} against a KMCL server endpoint whose
 *       {@code EvtVmbChannelProcessPacket} calls {@code VmbChannelPacketComplete} at once.
 *   <li>{@link #agrona}: the same exchange over two Agrona rings ({@link AgronaPingPong}).
 *   <li>{@link #c}: the C ping-pong over two VMBus rings between two pthreads, timed inside C (one
 *       {@code clock_gettime} per round trip) with no JNA call in its loop: one call runs {@value
 *       #C_ROUNDS} round trips. Its score is the mean per round trip (AverageTime); its percentiles
 *       come from the C samples through {@link NativeLatencyProfiler}.
 * </ul>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RoundTrip {
  /** Request payload bytes. */
  static final int REQUEST = 64;
  /** Completion payload bytes. */
  static final int REPLY = 8;
  /** Data area of every ring in this benchmark. */
  static final int RING_BYTES = 64 * 1024;
  /** Round trips per call into C: about 2 ms on a quiet machine, so the JNA call is lost in it. */
  static final int C_ROUNDS = 2_000;

  /** The SDK side: a simulated channel pair whose server completes every request at once. */
  @State(Scope.Benchmark)
  @SuppressWarnings("NullAway.Init") // JMH runs @Setup before any @Benchmark
  public static class Sdk {
    /**
     * How the requesting thread waits: {@code spin} or {@code park} (delivery threads parked on
     * their doorbells), or {@code busy-poll}: both channels' idle strategy, so the delivery threads
     * and the requester poll and no doorbell rings.
     */
    @Param({"spin", "park", "busy-poll"})
    public String wait;

    VMBCHANNEL client;
    final ByteBuffer request = PayloadSink.message(REQUEST);
    final ByteBuffer reply = ByteBuffer.allocate(REPLY);
    final UInt32Ref replySize = new UInt32Ref();
    private final ByteBuffer serverReply = ByteBuffer.allocate(REPLY);
    private SimChannelPair pair;

    /** Opens the pair with the waiting mode's clock. */
    @Setup(Level.Trial)
    public void open() throws InterruptedException {
      TimeSource time = switch (wait) {
        case "spin" -> new SpinningTime();
        case "park", "busy-poll" -> TimeSource.SYSTEM;
        default -> throw new IllegalArgumentException(
            "wait must be spin, park or busy-poll, not " + wait);
      };
      IdleStrategy idle = wait.equals("busy-poll") ? IdleStrategy.BUSY_POLL : IdleStrategy.PARK;
      pair = SdkPair.open(time, idle, RING_BYTES, REQUEST,
          (channel, packet, buffer, length, flags) ->
              VmbChannelPacketComplete(packet, serverReply, REPLY));
      client = pair.client();
    }

    /** Closes both channels. */
    @TearDown(Level.Trial)
    public void close() {
      pair.close();
    }
  }

  /** One synchronous request and its completion. */
  @Benchmark
  public int sdk(Sdk s) {
    return SdkPair.request(s.client, s.request, REQUEST, s.reply, s.replySize);
  }

  /** The Agrona side: request and response rings, a server thread under the row's policy. */
  @State(Scope.Benchmark)
  @SuppressWarnings("NullAway.Init") // JMH runs @Setup before any @Benchmark
  public static class Agrona {
    /** The {@link WakeUp} policy of both ends. */
    @Param({"busy-poll", "park"})
    public String wait;

    AgronaPingPong pingPong;

    /** Starts the server. */
    @Setup(Level.Trial)
    public void open() {
      pingPong = AgronaPingPong.start(RING_BYTES, REQUEST, REPLY, WakeUp.parse(wait));
    }

    /** Stops the server. */
    @TearDown(Level.Trial)
    public void close() throws InterruptedException {
      pingPong.stop();
    }
  }

  /** One request message and its response message. */
  @Benchmark
  public long agrona(Agrona a) {
    return a.pingPong.call();
  }

  /** The C side: nothing held between calls; each call starts its own server thread and rings. */
  @State(Scope.Thread)
  @SuppressWarnings("NullAway.Init") // JMH runs @Setup before any @Benchmark
  public static class C {
    /** The {@link WakeUp} policy of both ends (C: polling, or futex doorbells). */
    @Param({"busy-poll", "park"})
    public String wait;

    int waitCode;
    final long[] samples = new long[C_ROUNDS];

    /** Fails the trial with a readable message when the library was not built. */
    @Setup(Level.Trial)
    public void open() {
      CPeerLibrary.require();
      waitCode = WakeUp.parse(wait).c;
    }
  }

  /**
   * {@value #C_ROUNDS} C round trips, timed in C; their samples go to {@link NativeLatency} for the
   * percentiles, which therefore hold round trips only. The score is JMH's mean per round trip of
   * the whole call, so it also carries the server thread's start, one untimed first round trip
   * and one JNA call per {@value #C_ROUNDS} round trips: small beside them, but the p50 is the
   * figure the targets use.
   */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OperationsPerInvocation(C_ROUNDS)
  public long c(C c) {
    long elapsed = CPeer.vmbr_pingpong_run(RING_BYTES, REQUEST, C_ROUNDS, c.waitCode, c.samples);
    if (elapsed <= 0) {
      throw new IllegalStateException("the C ping-pong failed");
    }
    NativeLatency.add(c.samples, C_ROUNDS);
    return elapsed;
  }
}
