package dev.vmbkmcl.benchmarks;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * The C peer ({@code src/main/c/vmbring.c}): the same VMBus ring format and signalling rules in C,
 * reached through JNA direct mapping (the cheaper of the two JNA call styles, toolchain pitfall 8).
 * Loading this class loads the library; call {@link CPeerLibrary#require()} first for a readable
 * error when it was not built.
 */
@SuppressWarnings("MethodName") // the C symbol names
final class CPeer {
  /** {@code WRITTEN}, as in {@link dev.vmbkmcl.ring.RingWriter#WRITTEN}. */
  static final int WRITTEN = 0;
  /** {@code WRITTEN_SIGNAL}: written, and the reader must be signalled. */
  static final int WRITTEN_SIGNAL = 1;
  /** {@code FULL}: nothing was written. */
  static final int FULL = 2;
  /** {@code PACKET}: one packet was read. */
  static final int PACKET = 0;

  static {
    Native.register(CPeer.class, NativeLibrary.getInstance(CPeerLibrary.require().toString()));
  }

  private CPeer() {}

  /** {@code WAIT_POLL}: both ends poll, the rings stay masked, nobody signals. */
  static final int WAIT_POLL = 0;
  /** {@code WAIT_FUTEX}: an idle end unmasks and sleeps in {@code futex(FUTEX_WAIT)}. */
  static final int WAIT_FUTEX = 1;
  /** {@code CONSUME_COPY}: each packet is copied out of the ring before it is read. */
  static final int CONSUME_COPY = 0;
  /** {@code CONSUME_IN_PLACE}: the payload is read where it lies in the ring. */
  static final int CONSUME_IN_PLACE = 1;

  /**
   * Streams {@code packets} inband packets of {@code payload} bytes through one ring with a data area
   * of {@code dsize} bytes, from the calling thread to a consumer thread, under a wake-up policy
   * ({@link #WAIT_POLL}, {@link #WAIT_FUTEX}) and a consumer policy ({@link #CONSUME_COPY}, {@link
   * #CONSUME_IN_PLACE}). Returns the sum of the sequence numbers received ({@code packets * (packets
   * - 1) / 2} when all arrived in order), or -1.
   */
  static native long vmbr_stream(int dsize, int payload, long packets, int wait, int consume);

  /**
   * Runs {@code rounds} request/completion round trips between the calling thread and a C server
   * thread over two rings, timed in C: {@code samples[i]} gets round trip {@code i} in nanoseconds.
   * No JNA call is inside the loop. Returns the elapsed nanoseconds of all rounds, or -1.
   */
  static native long vmbr_pingpong_run(int dsize, int payload, int rounds, int wait,
      long[] samples);

  /** Writes one packet at the ring's current {@code write_index}; returns the write result. */
  static native int vmbr_write_one(Pointer ring, int dsize, int type, int flags, long transactionId,
      byte[] payload, int length);

  /**
   * Reads and commits one packet at the ring's {@code read_index}: {@code info} gets type, offset8,
   * len8, flags and the commit's signal decision (1 = signal the writer). Returns PACKET, 1 when no
   * complete packet is there, 2 when the ring breaks the format.
   */
  static native int vmbr_read_one(Pointer ring, int dsize, byte[] out, int capacity, int[] info,
      long[] transactionId);
}
