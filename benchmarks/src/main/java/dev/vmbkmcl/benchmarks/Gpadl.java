package dev.vmbkmcl.benchmarks;

import static dev.vmbkmcl.Vmbkmcl.NT_SUCCESS;
import static dev.vmbkmcl.Vmbkmcl.PAGE_SIZE;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelCreateGpadlFromBuffer;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelDeleteGpadl;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelPacketComplete;

import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.UInt32Ref;
import dev.vmbkmcl.VMBCHANNEL;
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
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 7 item 5: {@code VmbChannelCreateGpadlFromBuffer} and {@code VmbChannelDeleteGpadl} on an
 * open simulated channel, for buffers of 1, 16, 256 and 4096 pages. The buffer is the same each
 * time, as a driver reuses its receive buffer; no peer (the simulator's cost is what it measures).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class Gpadl {
  /** An open client channel and the buffer it describes. */
  @State(Scope.Benchmark)
  @SuppressWarnings("NullAway.Init") // JMH runs @Setup before any @Benchmark
  public static class Channel {
    /** Buffer size in pages. */
    @Param({"1", "16", "256", "4096"})
    public int pages;

    VMBCHANNEL client;
    ByteBuffer buffer;
    final UInt32Ref handle = new UInt32Ref();
    private SimChannelPair pair;

    /**
     * Opens a channel pair and checks that the simulator supports GPADLs.
     *
     * @throws IllegalStateException when it does not
     */
    @Setup(Level.Trial)
    public void open() throws InterruptedException {
      pair = SdkPair.open(TimeSource.SYSTEM, 64 * 1024, 64,
          (channel, packet, data, length, flags) -> VmbChannelPacketComplete(packet, null, 0));
      client = pair.client();
      buffer = ByteBuffer.allocateDirect(pages * PAGE_SIZE);
      NtStatus status = cycle(this);
      if (!NT_SUCCESS(status)) {
        throw new IllegalStateException("VmbChannelCreateGpadlFromBuffer returned " + status);
      }
    }

    /** Closes both channels. */
    @TearDown(Level.Trial)
    public void close() {
      pair.close();
    }
  }

  /** One GPADL made over the buffer and torn down again. */
  @Benchmark
  public int createAndDelete(Channel c) {
    NtStatus status = cycle(c);
    if (!NT_SUCCESS(status)) {
      throw new IllegalStateException("VmbChannelCreateGpadlFromBuffer returned " + status);
    }
    return c.handle.get();
  }

  private static NtStatus cycle(Channel c) {
    NtStatus status = VmbChannelCreateGpadlFromBuffer(c.client, 0, c.buffer, c.buffer.capacity(),
        c.handle);
    if (NT_SUCCESS(status)) {
      VmbChannelDeleteGpadl(c.client, c.handle.get());
    }
    return status;
  }
}
