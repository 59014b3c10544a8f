package dev.vmbkmcl.observe;

import java.nio.ByteBuffer;

/**
 * What one channel's engine reports as traffic crosses it: an SDK extension with no KMCL twin (the
 * Windows library has no tap; a kernel debugger is the nearest thing).
 *
 * <p>An observer is fixed before {@code VmbChannelEnable} and stays for the channel's life, so the
 * engine reads it from a plain field; {@link #NONE} is the default and costs one call to an empty
 * method that the JIT removes. Calls come from the engine's own threads (senders, the delivery
 * thread, the state thread), possibly at once: an implementation must be thread-safe, must not block
 * and must not call back into the channel. The buffers are only valid during the call: copy what you
 * keep, and do not change them.
 */
public interface ChannelObserver {
  /** The observer that observes nothing. */
  ChannelObserver NONE = new ChannelObserver() {};

  /**
   * This side wrote one packet into its outgoing ring.
   *
   * @param ringData the outgoing ring's data area (after the control page), absolute indexing
   * @param offset the packet's first byte (its descriptor) in {@code ringData}
   * @param length the packet's length from the descriptor through its padding, without the 8-byte
   *     trailer; the bytes wrap from {@code ringData.capacity()} back to 0
   * @param writeIndexBefore the ring's write_index before this packet
   * @param writeIndexAfter the ring's write_index after this packet (and its trailer)
   */
  default void packetSent(
      ByteBuffer ringData, int offset, int length, long writeIndexBefore, long writeIndexAfter) {}

  /**
   * This side took one packet out of its incoming ring.
   *
   * @param packet the engine's private copy of the packet as it stood in the ring, from the
   *     descriptor through its padding (no trailer), between position and limit
   * @param readIndexBefore the ring's read_index before this packet
   * @param readIndexAfter the read_index after this packet (and its trailer)
   */
  default void packetReceived(ByteBuffer packet, long readIndexBefore, long readIndexAfter) {}

  /** This side rang the peer's doorbell (after a send, or to wake a writer waiting for room). */
  default void signalSent() {}

  /**
   * A sender found the outgoing ring full and waited for room (or gave up).
   *
   * @param waitedNanos how long it waited, in nanoseconds
   */
  default void ringFullWaited(long waitedNanos) {}

  /** The peer's doorbell woke this side's delivery (one call per wake-up the engine saw). */
  default void signalReceived() {}

  /**
   * The channel changed state.
   *
   * @param event what happened: {@code ENABLED}, {@code OPENED}, {@code STARTED}, {@code PAUSED},
   *     {@code RESUMED}, {@code CLOSED}, {@code RESCINDED}, {@code DISABLED} or {@code POISONED}
   * @param detail more about it (the poison reason, the close status), or the empty string
   */
  default void stateChanged(String event, String detail) {}
}
