package dev.vmbkmcl.hyperv;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The ring pair of one channel in mapped kernel memory (ring reference §1.5): the Guest TX ring
 * (guest to host, kernel "outbound") in the first half, the Guest RX ring (host to guest, "inbound")
 * in the second half, each a 4096-byte control page followed by the data area.
 *
 * <p>Owned by the {@link UioDevice} that mapped it and unmapped when that device closes; the buffers
 * must not be touched after that (see {@link UioDevice#close()}).
 */
public final class ChannelRings {

  /** Size of a ring's control page (one Hyper-V page, §1.1). */
  static final int CONTROL_PAGE_SIZE = 4096;

  private final int relid;
  private final NativeMapping mapping;
  private final int ringSize;

  ChannelRings(int relid, NativeMapping mapping, int ringSize) {
    this.relid = relid;
    this.mapping = mapping;
    this.ringSize = ringSize;
  }

  /**
   * Checks the size of a ring-pair mapping and returns the size of one ring (§1.5: both rings are
   * equal, each a control page plus a data area whose size is a multiple of 8).
   *
   * @param totalBytes size of the whole mapping (uio map size or ring file size)
   * @param what what the size belongs to, for the message
   * @return {@code totalBytes / 2}
   * @throws HypervException {@code STATUS_NOT_SUPPORTED} naming the size when it is odd, too small,
   *     has a data area that is not a multiple of 8, or does not fit a ByteBuffer
   */
  static int checkedRingSize(long totalBytes, String what) throws HypervException {
    long half = totalBytes / 2;
    boolean usable =
        totalBytes > 0
            && totalBytes <= Integer.MAX_VALUE
            && totalBytes % 2 == 0
            && half > CONTROL_PAGE_SIZE
            && (half - CONTROL_PAGE_SIZE) % 8 == 0;
    if (!usable) {
      throw new HypervException(
          HypervException.STATUS_NOT_SUPPORTED,
          "unexpected ring size: "
              + what
              + " is "
              + totalBytes
              + " bytes (0x"
              + Long.toHexString(totalBytes)
              + "); expected two equal rings, each a 4096-byte control page plus a data area that is"
              + " a non-empty multiple of 8 bytes, 2 GiB in total at most");
    }
    return (int) half;
  }

  /**
   * The channel's relid.
   *
   * @return the relid from sysfs ({@code id} for the primary channel, -1 if sysfs had none)
   */
  public int relid() {
    return relid;
  }

  /**
   * Size of each ring in bytes, control page included.
   *
   * @return half the mapping size
   */
  public int ringSize() {
    return ringSize;
  }

  /**
   * The Guest TX ring (guest to host): bytes {@code [0, ringSize)} of the mapping. Each call returns
   * a new little-endian view of the same memory.
   *
   * @return the outgoing ring
   */
  public ByteBuffer outgoingRing() {
    return mapping.buffer().slice(0, ringSize).order(ByteOrder.LITTLE_ENDIAN);
  }

  /**
   * The Guest RX ring (host to guest): bytes {@code [ringSize, 2 * ringSize)} of the mapping. Each
   * call returns a new little-endian view of the same memory.
   *
   * @return the incoming ring
   */
  public ByteBuffer incomingRing() {
    return mapping.buffer().slice(ringSize, ringSize).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Unmaps the rings; the views above must no longer be used. */
  void unmap() {
    mapping.close();
  }
}
