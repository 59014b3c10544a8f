package dev.vmbkmcl.benchmarks;

import com.sun.jna.Memory;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 7 item 4, second half: the cost of the Hyper-V backend's signal call, a 4-byte {@code
 * write} of the value 1 to the device's file descriptor (reference §3.9), through JNA direct mapping
 * and through interface mapping. {@code /dev/null} stands in for {@code /dev/uioN}, so the figure is
 * the call and a minimal system call, not the hypervisor's work.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SignalCall {
  /** The stand-in descriptor and the 4-byte value 1. */
  @State(Scope.Benchmark)
  public static class StandIn {
    static final String PATH = "/dev/null";
    final Memory one = new Memory(4);
    int fd = -1;

    /** Opens the stand-in and checks both mappings write 4 bytes. */
    @Setup(Level.Trial)
    public void open() {
      one.setInt(0, 1);
      fd = LibcDirect.open(PATH, LibcDirect.O_WRONLY);
      if (fd < 0) {
        throw new IllegalStateException("open(" + PATH + ") failed");
      }
      if (LibcDirect.write(fd, one, 4) != 4 || LibcInterface.INSTANCE.write(fd, one, 4) != 4) {
        throw new IllegalStateException("write(" + PATH + ", 4 bytes) did not write 4 bytes");
      }
    }

    /** Closes it. */
    @TearDown(Level.Trial)
    public void close() {
      LibcDirect.close(fd);
    }
  }

  /** {@code write(fd, &one, 4)} through direct mapping. */
  @Benchmark
  public long jnaDirect(StandIn s) {
    return LibcDirect.write(s.fd, s.one, 4);
  }

  /** {@code write(fd, &one, 4)} through interface mapping. */
  @Benchmark
  public long jnaInterface(StandIn s) {
    return LibcInterface.INSTANCE.write(s.fd, s.one, 4);
  }
}
