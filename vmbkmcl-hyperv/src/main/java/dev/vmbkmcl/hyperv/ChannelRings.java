package dev.vmbkmcl.hyperv;

import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.ring.HvPage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The ring pair of one channel in mapped kernel memory (ring reference §1.5): the Guest TX ring
 * (guest to host, kernel "outbound") in the first half, the Guest RX ring (host to guest, "inbound")
 * in the second half, each a control page of one kernel page (4096 bytes, 64 KiB on 64 KiB-page
 * arm64 guests: the kernel pads the header to its page size, §0) followed by the data area.
 *
 * <p>Owned by the {@link UioDevice} that mapped it and unmapped when that device closes; the buffers
 * must not be touched after that (see {@link UioDevice#close()}).
 */
public final class ChannelRings {

  /** Size of a Hyper-V page, the smallest control page (§1.1). */
  static final int HV_PAGE_SIZE = HvPage.SIZE;

  private final int relid;
  private final NativeMapping mapping;
  private final int ringSize;
  private final int headerSize;

  ChannelRings(int relid, NativeMapping mapping, int ringSize, int headerSize) {
    this.relid = relid;
    this.mapping = mapping;
    this.ringSize = ringSize;
    this.headerSize = headerSize;
  }

  /**
   * The ring header size of a kernel with pages of {@code pageSize} bytes: the page size itself.
   *
   * @param pageSize {@code sysconf(_SC_PAGESIZE)}
   * @return the header size
   * @throws HypervException {@code STATUS_NOT_SUPPORTED} when the page size is not a multiple of
   *     4096 between 4 KiB and 1 MiB
   */
  static int headerSizeFor(long pageSize) throws HypervException {
    if (pageSize < HV_PAGE_SIZE || pageSize > (1 << 20) || pageSize % HV_PAGE_SIZE != 0) {
      throw new HypervException(NtStatus.STATUS_NOT_SUPPORTED,
          "unexpected kernel page size " + pageSize + ": the ring header is one kernel page, which"
              + " must be a multiple of " + HV_PAGE_SIZE + " bytes up to 1 MiB");
    }
    return (int) pageSize;
  }

  /**
   * Checks the size of a ring-pair mapping and returns the size of one ring (§1.5: both rings are
   * equal, each a control page plus a data area whose size is a multiple of 8).
   *
   * @param totalBytes size of the whole mapping (uio map size or ring file size)
   * @param headerSize size of each ring's control page (the kernel's page size)
   * @param what what the size belongs to, for the message
   * @return {@code totalBytes / 2}
   * @throws HypervException {@code STATUS_NOT_SUPPORTED} naming the size when it is odd, too small,
   *     has a data area that is not a multiple of 8, or does not fit a ByteBuffer
   */
  static int checkedRingSize(long totalBytes, int headerSize, String what) throws HypervException {
    long half = totalBytes / 2;
    boolean usable =
        totalBytes > 0
            && totalBytes <= Integer.MAX_VALUE
            && totalBytes % 2 == 0
            && half > headerSize
            && (half - headerSize) % 8 == 0;
    if (!usable) {
      throw new HypervException(
          NtStatus.STATUS_NOT_SUPPORTED,
          "unexpected ring size: "
              + what
              + " is "
              + totalBytes
              + " bytes (0x"
              + Long.toHexString(totalBytes)
              + "); expected two equal rings, each a "
              + headerSize
              + "-byte control page (the kernel's page size) plus a data area that is"
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
   * Size of each ring's control page: where the data area starts.
   *
   * @return the kernel's page size when the rings were mapped
   */
  public int headerSize() {
    return headerSize;
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
