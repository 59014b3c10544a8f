package dev.vmbkmcl.benchmarks;

import static dev.vmbkmcl.Vmbkmcl.VmbChannelPacketComplete;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketAllocate;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketSend;

import dev.vmbkmcl.UInt32Ref;
import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.sim.SimChannelPair;
import dev.vmbkmcl.spi.TimeSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
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
 * Issue 16: what the channel tap and the JFR events cost, on and off. The SDK packet stream (64 B,
 * 64 KiB rings) and the synchronous round trip of {@link PacketStream} and {@link RoundTrip}, each
 * under every {@link Observation} ({@code observer} = none, off, capture, jfr). Run with JMH's GC
 * profiler: the {@code off} rows must allocate ~0 B/op and match {@code none}.
 */
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TapCost {
  /** Stream payload bytes. */
  static final int PAYLOAD = 64;
  /** Data area of every ring. */
  static final int RING_BYTES = 64 * 1024;

  /** A pair whose server reads each packet and completes it, as in {@link PacketStream}. */
  @State(Scope.Benchmark)
  @SuppressWarnings("NullAway.Init") // JMH runs @Setup before any @Benchmark
  public static class Stream {
    /** The {@link Observation}. */
    @Param({"none", "off", "capture", "jfr"})
    public String observer;

    /** The {@link WakeUp} policy of both channels. */
    @Param({"busy-poll", "park"})
    public String wait;

    VMBCHANNEL client;
    final ByteBuffer message = PayloadSink.message(PAYLOAD);
    private final PayloadSink sink = new PayloadSink();
    private SimChannelPair pair;
    private Observation observation;

    /** Starts the observation, then opens the pair under it. */
    @Setup(Level.Trial)
    public void open() throws InterruptedException {
      observation = Observation.of(observer);
      pair = SdkPair.open(TimeSource.SYSTEM, WakeUp.parse(wait).sdk, RING_BYTES, PAYLOAD,
          (channel, packet, buffer, length, flags) -> {
            sink.consume(buffer, length);
            VmbChannelPacketComplete(packet, null, 0);
          }, observation::beforeClientEnable);
      observation.opened();
      client = pair.client();
    }

    /** Closes the pair, then the capture or recording. */
    @TearDown(Level.Trial)
    public void close() throws IOException {
      pair.close();
      observation.close();
      sink.requireSeen("the SDK server channel");
    }
  }

  /** One {@code VmbPacketAllocate} + {@code VmbPacketSend}, as {@link PacketStream#sdk}. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public void stream(Stream s) {
    SdkPair.sendOne(s.client, s.message, PAYLOAD);
  }

  /** A pair whose server completes every request at once, as in {@link RoundTrip}. */
  @State(Scope.Benchmark)
  @SuppressWarnings("NullAway.Init") // JMH runs @Setup before any @Benchmark
  public static class Requests {
    /** The {@link Observation}. */
    @Param({"none", "off", "capture", "jfr"})
    public String observer;

    /** The {@link WakeUp} policy of both channels and of the requester. */
    @Param({"busy-poll", "park"})
    public String wait;

    VMBCHANNEL client;
    final ByteBuffer request = PayloadSink.message(RoundTrip.REQUEST);
    final ByteBuffer reply = ByteBuffer.allocate(RoundTrip.REPLY);
    final UInt32Ref replySize = new UInt32Ref();
    private final ByteBuffer serverReply = ByteBuffer.allocate(RoundTrip.REPLY);
    private SimChannelPair pair;
    private Observation observation;

    /** Starts the observation, then opens the pair under it. */
    @Setup(Level.Trial)
    public void open() throws InterruptedException {
      observation = Observation.of(observer);
      pair = SdkPair.open(TimeSource.SYSTEM, WakeUp.parse(wait).sdk, RING_BYTES, RoundTrip.REQUEST,
          (channel, packet, buffer, length, flags) ->
              VmbChannelPacketComplete(packet, serverReply, RoundTrip.REPLY),
          observation::beforeClientEnable);
      observation.opened();
      client = pair.client();
    }

    /** Closes the pair, then the capture or recording. */
    @TearDown(Level.Trial)
    public void close() throws IOException {
      pair.close();
      observation.close();
    }
  }

  /** One synchronous request and its completion, as {@link RoundTrip#sdk}. */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public int roundTrip(Requests s) {
    return SdkPair.request(s.client, s.request, RoundTrip.REQUEST, s.reply, s.replySize);
  }
}
