package dev.vmbkmcl.benchmarks;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import org.jspecify.annotations.Nullable;

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

  /**
   * Streams {@code packets} inband packets of {@code payload} bytes through one ring with a data area
   * of {@code dsize} bytes, from the calling thread to a consumer thread; both poll. Returns the sum
   * of the sequence numbers received ({@code packets * (packets - 1) / 2} when all arrived in order),
   * or -1.
   */
  static native long vmbr_stream(int dsize, int payload, long packets);

  /** Starts a polling server that completes every request at once; null on failure. */
  static native @Nullable Pointer vmbr_pingpong_start(int dsize);

  /** One request (with COMPLETION_REQUESTED) and its completion; returns the id, or -1. */
  static native long vmbr_pingpong_call(Pointer pingpong, Pointer payload, int length);

  /** Stops the server and frees both rings. */
  static native void vmbr_pingpong_stop(Pointer pingpong);

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
