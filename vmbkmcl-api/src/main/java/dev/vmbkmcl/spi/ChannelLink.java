package dev.vmbkmcl.spi;

import java.nio.ByteBuffer;

/**
 * One open VMBus connection as a backend hands it to the channel engine: the memory of the two rings
 * and a doorbell in each direction. The engine runs the same ring code over it whatever the backend:
 * Java memory in the simulator, the uio mapping on a Hyper-V guest.
 *
 * <p>The rings arrive initialised (control pages set up as at channel open, reference §1.7). The
 * engine owns the memory until {@link #close()}; after that it never touches it again.
 */
public interface ChannelLink {
  /** The ring this endpoint produces into (control page + data area), little-endian. */
  ByteBuffer outgoingRing();

  /** The ring this endpoint consumes (control page + data area), little-endian. */
  ByteBuffer incomingRing();

  /**
   * Size of each ring's control page, where the data area starts (reference §0, §1.1): one guest
   * page. 4096 unless the backend's rings come from a kernel with larger pages (64 KiB on some
   * arm64 guests).
   *
   * @return a positive multiple of 4096
   */
  default int ringHeaderSize() {
    return dev.vmbkmcl.ring.RingControlLayout.CONTROL_PAGE_SIZE;
  }

  /** Rings the peer's doorbell. Called only when the ring rules say the peer must be signalled. */
  void signalPeer();

  /**
   * Blocks until the peer rings this endpoint's doorbell, {@link #wakeup()} is called, or {@code
   * timeoutNanos} pass. A signal that arrived since the last call returns at once (signals are
   * counted, not lost).
   *
   * @return true when a doorbell or a {@link #wakeup()} ended the wait, false when the timeout did
   *     (so an observer counts real signals, not the engine's idle wake-ups)
   * @throws InterruptedException when the waiting thread is interrupted
   */
  boolean awaitSignal(long timeoutNanos) throws InterruptedException;

  /** Makes a current or the next {@link #awaitSignal} return; callable from any thread. */
  void wakeup();

  /** Releases the connection's resources; the engine calls it once, after its last ring access. */
  void close();
}
