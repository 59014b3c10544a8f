package dev.vmbkmcl.benchmarks;

import static dev.vmbkmcl.Vmbkmcl.VmbChannelPacketComplete;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketAllocate;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketSend;

import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.sim.SimChannelPair;
import dev.vmbkmcl.spi.TimeSource;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
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
 * Issue 7 item 1, the packet stream: one thread sends inband packets without completion, another
 * drains them; one operation is one packet, so the score is packets per second (payload GB/s =
 * score x payload). Every ring has a data area of {@code ringKiB} KiB. Two parameters make each
 * row compare the same work (issue 12 item 6): {@code wait} ({@link WakeUp}: every end polls, or
 * every idle end parks and is woken) and {@code consumer} ({@link ConsumerWork}: every consumer
 * copies the packet out, or every consumer reads in place; the SDK only copies).
 *
 * <ul>
 *   <li>{@link #sdk}: {@code VmbPacketSend} on the benchmark thread into a simulated channel; the
 *       server channel's {@code EvtVmbChannelProcessPacket} on its delivery thread reads the payload
 *       (the engine's copy) and completes the packet. Both channels use the idle strategy of {@code
 *       wait} ({@code ext.ChannelIdle}).
 *   <li>{@link #agrona}: Agrona's {@code OneToOneRingBuffer} with the same payloads and capacity and
 *       a consumer thread ({@link AgronaDrain}).
 *   <li>{@link #c}: the C peer ({@code vmbring.c}) over the same VMBus ring format, polling or
 *       sleeping on futex doorbells, one JNA call per {@value #C_PACKETS} packets.
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PacketStream {
  /** Packets per call into the C peer: at least 20 ms of work, so the JNA call is lost in it. */
  static final int C_PACKETS = 200_000;
  /** The largest payload the benchmarks send. */
  static final int MAX_PAYLOAD = 16 * 1024;

  /** The SDK side: a simulated client/server channel pair. */
  @State(Scope.Benchmark)
  @SuppressWarnings("NullAway.Init") // JMH runs @Setup before any @Benchmark
  public static class Sdk {
    /** Payload bytes per packet. */
    @Param({"64", "256", "4096", "16384"})
    public int payload;

    /** Data area of each ring, KiB. */
    @Param({"64", "256"})
    public int ringKiB;

    /** The {@link WakeUp} policy of both channels. */
    @Param({"busy-poll", "park"})
    public String wait;

    /** {@code copy} only: the engine copies every payload out of the ring ({@link ConsumerWork}). */
    @Param({"copy"})
    public String consumer;

    VMBCHANNEL client;
    ByteBuffer message;
    private SimChannelPair pair;
    private final PayloadSink sink = new PayloadSink();

    /** Opens the channel pair; the server's callback reads each payload and completes it. */
    @Setup(Level.Trial)
    public void open() throws InterruptedException {
      if (ConsumerWork.parse(consumer) != ConsumerWork.COPY) {
        throw new IllegalArgumentException("the SDK has no in-place consumer: its engine copies each"
            + " payload out of shared memory, so a driver never sees bytes the host can change");
      }
      message = PayloadSink.message(payload);
      pair = SdkPair.open(TimeSource.SYSTEM, WakeUp.parse(wait).sdk, ringKiB * 1024, MAX_PAYLOAD,
          (channel, packet, buffer, length, flags) -> {
            sink.consume(buffer, length);
            VmbChannelPacketComplete(packet, null, 0);
          });
      client = pair.client();
    }

    /** Closes both channels. */
    @TearDown(Level.Trial)
    public void close() {
      pair.close();
      sink.requireSeen("the SDK server channel");
    }
  }

  /** One {@code VmbPacketAllocate} + {@code VmbPacketSend} ({@link SdkPair#sendOne}). */
  @Benchmark
  public void sdk(Sdk s) {
    SdkPair.sendOne(s.client, s.message, s.payload);
  }

  /** The Agrona side: one ring and a consumer thread under the row's policies. */
  @State(Scope.Benchmark)
  @SuppressWarnings("NullAway.Init") // JMH runs @Setup before any @Benchmark
  public static class Agrona {
    /** Payload bytes per message. */
    @Param({"64", "256", "4096", "16384"})
    public int payload;

    /** Ring capacity, KiB. */
    @Param({"64", "256"})
    public int ringKiB;

    /** The {@link WakeUp} policy of both ends. */
    @Param({"busy-poll", "park"})
    public String wait;

    /** The consumer's {@link ConsumerWork}. */
    @Param({"copy", "in-place"})
    public String consumer;

    UnsafeBuffer message;
    AgronaDrain drain;

    /**
     * Makes the ring and starts the consumer.
     *
     * @throws IllegalStateException when the payload exceeds Agrona's limit of capacity / 8
     */
    @Setup(Level.Trial)
    public void open() {
      int capacity = ringKiB * 1024;
      OneToOneRingBuffer ring = new OneToOneRingBuffer(new UnsafeBuffer(
          ByteBuffer.allocateDirect(capacity + RingBufferDescriptor.TRAILER_LENGTH)));
      if (payload > ring.maxMsgLength()) {
        throw new IllegalStateException("Agrona's OneToOneRingBuffer takes messages up to capacity / 8"
            + " = " + ring.maxMsgLength() + " bytes; " + payload + " does not fit a " + ringKiB
            + " KiB ring");
      }
      message = new UnsafeBuffer(PayloadSink.message(payload));
      drain = AgronaDrain.start(ring, WakeUp.parse(wait), ConsumerWork.parse(consumer), payload);
    }

    /** Stops the consumer. */
    @TearDown(Level.Trial)
    public void close() throws InterruptedException {
      drain.stop();
    }
  }

  /** One {@code OneToOneRingBuffer.write}, waiting under the policy while the ring is full. */
  @Benchmark
  public void agrona(Agrona a) {
    a.drain.send(a.message, a.payload);
  }

  /** The C side: nothing to hold between calls, each call makes its own ring and consumer. */
  @State(Scope.Benchmark)
  @SuppressWarnings("NullAway.Init") // JMH sets @Param fields before any @Setup
  public static class C {
    /** Payload bytes per packet. */
    @Param({"64", "256", "4096", "16384"})
    public int payload;

    /** Data area of the ring, KiB. */
    @Param({"64", "256"})
    public int ringKiB;

    /** The {@link WakeUp} policy of both ends. */
    @Param({"busy-poll", "park"})
    public String wait;

    /** The consumer's {@link ConsumerWork}. */
    @Param({"copy", "in-place"})
    public String consumer;

    int waitCode;
    int consumeCode;

    /** Fails the trial with a readable message when the library was not built. */
    @Setup(Level.Trial)
    public void requireLibrary() {
      CPeerLibrary.require();
      waitCode = WakeUp.parse(wait).c;
      consumeCode = ConsumerWork.parse(consumer).c;
    }
  }

  /** {@value #C_PACKETS} packets through the C ring; the checksum proves each arrived, in order. */
  @Benchmark
  @OperationsPerInvocation(C_PACKETS)
  public long c(C c) {
    long sum = CPeer.vmbr_stream(c.ringKiB * 1024, c.payload, C_PACKETS, c.waitCode,
        c.consumeCode);
    if (sum != (long) C_PACKETS * (C_PACKETS - 1) / 2) {
      throw new IllegalStateException("the C stream lost or reordered packets: checksum " + sum);
    }
    return sum;
  }
}
