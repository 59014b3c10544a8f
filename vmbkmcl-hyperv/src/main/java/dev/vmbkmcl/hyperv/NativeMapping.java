package dev.vmbkmcl.hyperv;

import com.sun.jna.Pointer;
import dev.vmbkmcl.NtStatus;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Owns one {@code mmap(MAP_SHARED, PROT_READ|PROT_WRITE)} region and the direct {@link ByteBuffer}
 * over it (ring reference §4.4; toolchain-facts pitfalls 9 and 10: {@code FileChannel.map} cannot map
 * {@code /dev/uioN}, and a ByteBuffer is the fast way to reach mapped memory).
 *
 * <p><b>Use-after-unmap hazard:</b> the buffers handed out keep pointing at the address after
 * {@link #close()}; touching them then crashes the JVM (SIGSEGV) or, if the kernel reused the
 * address, corrupts unrelated memory. The owner must therefore stop every user of the buffers before
 * it closes the mapping, and close the mapping last.
 */
final class NativeMapping implements AutoCloseable {

  private final long address;
  private final int length;
  private final ByteBuffer buffer;
  private final AtomicBoolean closed = new AtomicBoolean();

  private NativeMapping(long address, int length) {
    this.address = address;
    this.length = length;
    this.buffer = new Pointer(address).getByteBuffer(0, length).order(ByteOrder.LITTLE_ENDIAN);
  }

  /**
   * Maps {@code length} bytes of {@code fd} starting at {@code offset}.
   *
   * @param fd an open descriptor, readable and writable
   * @param offset file offset, a multiple of the page size
   * @param length bytes to map; at most {@link Integer#MAX_VALUE} because a ByteBuffer is int-indexed
   * @param what what is being mapped, for the error message
   * @throws HypervException {@code STATUS_UNSUCCESSFUL} naming errno when mmap fails
   */
  static NativeMapping map(int fd, long offset, int length, String what) throws HypervException {
    long address =
        LibC.mmap(0L, length, LibC.PROT_READ | LibC.PROT_WRITE, LibC.MAP_SHARED, fd, offset);
    if (address == LibC.MAP_FAILED) {
      int errno = LibC.errno();
      throw new HypervException(
          NtStatus.STATUS_UNSUCCESSFUL,
          "mmap of "
              + what
              + " ("
              + length
              + " bytes at offset "
              + offset
              + ") failed with "
              + LibC.errnoName(errno));
    }
    return new NativeMapping(address, length);
  }

  /** The system page size, {@code sysconf(_SC_PAGESIZE)}: uio map N lives at N times this. */
  static long pageSize() {
    return LibC.sysconf(LibC.SC_PAGESIZE);
  }

  /**
   * A little-endian view of the whole mapping; each call returns a new view of the same memory.
   * Valid only until {@link #close()}.
   *
   * @throws IllegalStateException after {@link #close()}
   */
  ByteBuffer buffer() {
    if (closed.get()) {
      throw new IllegalStateException("the mapping was unmapped");
    }
    return buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Unmaps the region; later calls do nothing. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true) && LibC.munmap(address, length) != 0) {
      // Only bad arguments make munmap fail, which would be a bug here, not a runtime condition.
      throw new IllegalStateException(
          "munmap(0x" + Long.toHexString(address) + ", " + length + ") failed with "
              + LibC.errnoName(LibC.errno()));
    }
  }
}
