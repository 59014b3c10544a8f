package dev.vmbkmcl.samples.dm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * One Dynamic Memory message (vmbus-ring-and-uio.md §6.3), one record per message type, each able
 * to encode itself. u32 fields are Java {@code int}s holding the unsigned value (read them with
 * {@link Integer#toUnsignedLong}); reserved fields are written as 0 and ignored when decoded.
 */
public sealed interface DmMessage extends DmDecoded {
  /** {@code dm_header.trans_id}. */
  int transId();

  /** The message type. */
  DmMessageType type();

  /** Encoded size in bytes, header included (the header's {@code size}). */
  int size();

  /**
   * Writes the message at absolute index {@code offset} of {@code dst} (position, limit and byte
   * order of {@code dst} are not changed) and returns {@link #size()}.
   *
   * @throws IndexOutOfBoundsException if it does not fit below {@code dst}'s limit
   */
  int encode(ByteBuffer dst, int offset);

  /** Most page ranges one message can carry after a 16-byte fixed part ({@code size} is a u16). */
  int MAX_RANGES = (DmHeader.MAX_MESSAGE_SIZE - DmLayout.RANGES) / PageRange.SIZE;

  private static List<PageRange> checkedRanges(List<PageRange> ranges, int fixedSize) {
    if (fixedSize + (long) ranges.size() * PageRange.SIZE > DmHeader.MAX_MESSAGE_SIZE) {
      throw new IllegalArgumentException(ranges.size() + " page ranges do not fit in one message");
    }
    return List.copyOf(ranges);
  }

  /**
   * {@code DM_VERSION_REQUEST}, guest to host.
   *
   * @param transId guest-chosen transaction id
   * @param version packed {@code major << 16 | minor}
   * @param lastAttempt {@code is_last_attempt}
   */
  record VersionRequest(int transId, int version, boolean lastAttempt) implements DmMessage {
    /**
     * The request for {@code version} in the fallback sequence ({@code is_last_attempt} on 0.3).
     */
    public static VersionRequest of(int transId, DmVersion version) {
      return new VersionRequest(transId, version.code(), version.isLastAttempt());
    }

    @Override
    public DmMessageType type() {
      return DmMessageType.VERSION_REQUEST;
    }

    @Override
    public int size() {
      return type().fixedSize();
    }

    @Override
    public int encode(ByteBuffer dst, int offset) {
      ByteBuffer b = DmWriter.begin(dst, offset, type(), size(), transId);
      b.putInt(offset + DmLayout.VERSION, version);
      b.putInt(offset + DmLayout.VERSION_FLAGS, DmWriter.bit(lastAttempt));
      return size();
    }
  }

  /**
   * {@code DM_VERSION_RESPONSE}, host to guest.
   *
   * @param transId echo of the request's id
   * @param accepted {@code is_accepted}
   */
  record VersionResponse(int transId, boolean accepted) implements DmMessage {
    @Override
    public DmMessageType type() {
      return DmMessageType.VERSION_RESPONSE;
    }

    @Override
    public int size() {
      return type().fixedSize();
    }

    @Override
    public int encode(ByteBuffer dst, int offset) {
      ByteBuffer b = DmWriter.begin(dst, offset, type(), size(), transId);
      b.putLong(offset + DmLayout.FLAGS64, DmWriter.bit(accepted));
      return size();
    }
  }

  /**
   * {@code DM_CAPABILITIES_REPORT}, guest to host.
   *
   * @param transId guest-chosen transaction id
   * @param balloon caps bit 0
   * @param hotAdd caps bit 1
   * @param hotAddAlignment caps bits 2–5: hot-add alignment is 2^n MiB, 0..15
   * @param hotRemove caps bit 6
   * @param minPageCount {@code min_page_cnt}
   * @param maxPageNumber {@code max_page_number}
   */
  record CapabilitiesReport(
      int transId,
      boolean balloon,
      boolean hotAdd,
      int hotAddAlignment,
      boolean hotRemove,
      long minPageCount,
      long maxPageNumber)
      implements DmMessage {
    private static final int ALIGNMENT_SHIFT = 2;
    private static final int ALIGNMENT_MASK = 0xF;
    private static final int HOT_REMOVE_BIT = 6;

    /** Checks that the alignment fits its four bits. */
    public CapabilitiesReport {
      if ((hotAddAlignment & ~ALIGNMENT_MASK) != 0) {
        throw new IllegalArgumentException("hot-add alignment " + hotAddAlignment + " not 0..15");
      }
    }

    static CapabilitiesReport fromCaps(
        int transId, long caps, long minPageCount, long maxPageNumber) {
      return new CapabilitiesReport(
          transId,
          (caps & 1) != 0,
          (caps & 2) != 0,
          (int) (caps >>> ALIGNMENT_SHIFT) & ALIGNMENT_MASK,
          (caps & (1L << HOT_REMOVE_BIT)) != 0,
          minPageCount,
          maxPageNumber);
    }

    long caps() {
      return DmWriter.bit(balloon)
          | DmWriter.bit(hotAdd) << 1
          | hotAddAlignment << ALIGNMENT_SHIFT
          | DmWriter.bit(hotRemove) << HOT_REMOVE_BIT;
    }

    @Override
    public DmMessageType type() {
      return DmMessageType.CAPABILITIES_REPORT;
    }

    @Override
    public int size() {
      return type().fixedSize();
    }

    @Override
    public int encode(ByteBuffer dst, int offset) {
      ByteBuffer b = DmWriter.begin(dst, offset, type(), size(), transId);
      b.putLong(offset + DmLayout.FLAGS64, caps());
      b.putLong(offset + DmLayout.MIN_PAGE_COUNT, minPageCount);
      b.putLong(offset + DmLayout.MAX_PAGE_NUMBER, maxPageNumber);
      return size();
    }
  }

  /**
   * {@code DM_CAPABILITIES_RESPONSE}, host to guest.
   *
   * @param transId echo of the report's id
   * @param accepted bit 0 {@code is_accepted}
   * @param hotRemove bit 1: the host may send hot-remove requests
   * @param suppressPressureReports bit 2: the guest need not send status reports
   */
  record CapabilitiesResponse(
      int transId, boolean accepted, boolean hotRemove, boolean suppressPressureReports)
      implements DmMessage {
    @Override
    public DmMessageType type() {
      return DmMessageType.CAPABILITIES_RESPONSE;
    }

    @Override
    public int size() {
      return type().fixedSize();
    }

    @Override
    public int encode(ByteBuffer dst, int offset) {
      ByteBuffer b = DmWriter.begin(dst, offset, type(), size(), transId);
      b.putLong(
          offset + DmLayout.FLAGS64,
          DmWriter.bit(accepted)
              | DmWriter.bit(hotRemove) << 1
              | DmWriter.bit(suppressPressureReports) << 2);
      return size();
    }
  }

  /**
   * {@code DM_STATUS_REPORT}, guest to host; all counts in 4 KiB pages.
   *
   * @param transId guest-chosen transaction id
   * @param numAvail {@code num_avail}
   * @param numCommitted {@code num_committed}
   * @param pageFileSize {@code page_file_size}
   * @param zeroFree {@code zero_free}
   * @param pageFileWrites {@code page_file_writes} (u32)
   * @param ioDiff {@code io_diff} (u32)
   */
  record StatusReport(
      int transId,
      long numAvail,
      long numCommitted,
      long pageFileSize,
      long zeroFree,
      int pageFileWrites,
      int ioDiff)
      implements DmMessage {
    @Override
    public DmMessageType type() {
      return DmMessageType.STATUS_REPORT;
    }

    @Override
    public int size() {
      return type().fixedSize();
    }

    @Override
    public int encode(ByteBuffer dst, int offset) {
      ByteBuffer b = DmWriter.begin(dst, offset, type(), size(), transId);
      b.putLong(offset + DmLayout.NUM_AVAIL, numAvail);
      b.putLong(offset + DmLayout.NUM_COMMITTED, numCommitted);
      b.putLong(offset + DmLayout.PAGE_FILE_SIZE, pageFileSize);
      b.putLong(offset + DmLayout.ZERO_FREE, zeroFree);
      b.putInt(offset + DmLayout.PAGE_FILE_WRITES, pageFileWrites);
      b.putInt(offset + DmLayout.IO_DIFF, ioDiff);
      return size();
    }
  }

  /**
   * {@code DM_BALLOON_REQUEST}, host to guest.
   *
   * @param transId host-chosen transaction id
   * @param numPages {@code num_pages} (u32) to give back
   */
  record BalloonRequest(int transId, int numPages) implements DmMessage {
    @Override
    public DmMessageType type() {
      return DmMessageType.BALLOON_REQUEST;
    }

    @Override
    public int size() {
      return type().fixedSize();
    }

    @Override
    public int encode(ByteBuffer dst, int offset) {
      ByteBuffer b = DmWriter.begin(dst, offset, type(), size(), transId);
      b.putInt(offset + DmLayout.NUM_PAGES, numPages);
      return size();
    }
  }

  /**
   * {@code DM_BALLOON_RESPONSE}, guest to host.
   *
   * @param transId the request's id
   * @param morePages more responses follow for this request
   * @param ranges pages given up (empty: the guest is at its floor); at most {@link #MAX_RANGES}
   */
  record BalloonResponse(int transId, boolean morePages, List<PageRange> ranges)
      implements DmMessage {
    /** Copies the ranges and checks that they fit in one message. */
    public BalloonResponse {
      ranges = checkedRanges(ranges, DmLayout.RANGES);
    }

    @Override
    public DmMessageType type() {
      return DmMessageType.BALLOON_RESPONSE;
    }

    @Override
    public int size() {
      return DmLayout.RANGES + ranges.size() * PageRange.SIZE;
    }

    @Override
    public int encode(ByteBuffer dst, int offset) {
      ByteBuffer b = DmWriter.begin(dst, offset, type(), size(), transId);
      b.putInt(
          offset + DmLayout.BALLOON_COUNT_AND_MORE, ranges.size() << 1 | DmWriter.bit(morePages));
      DmWriter.putRanges(b, offset + DmLayout.RANGES, ranges);
      return size();
    }
  }

  /**
   * {@code DM_UNBALLOON_REQUEST}, host to guest.
   *
   * @param transId host-chosen transaction id
   * @param morePages more requests follow in this transaction
   * @param ranges pages returned to the guest; at most {@link #MAX_RANGES}
   */
  record UnballoonRequest(int transId, boolean morePages, List<PageRange> ranges)
      implements DmMessage {
    /** Copies the ranges and checks that they fit in one message. */
    public UnballoonRequest {
      ranges = checkedRanges(ranges, DmLayout.RANGES);
    }

    @Override
    public DmMessageType type() {
      return DmMessageType.UNBALLOON_REQUEST;
    }

    @Override
    public int size() {
      return DmLayout.RANGES + ranges.size() * PageRange.SIZE;
    }

    @Override
    public int encode(ByteBuffer dst, int offset) {
      ByteBuffer b = DmWriter.begin(dst, offset, type(), size(), transId);
      b.putInt(offset + DmLayout.UNBALLOON_MORE, DmWriter.bit(morePages));
      b.putInt(offset + DmLayout.UNBALLOON_COUNT, ranges.size());
      DmWriter.putRanges(b, offset + DmLayout.RANGES, ranges);
      return size();
    }
  }

  /**
   * {@code DM_UNBALLOON_RESPONSE}, guest to host, sent after the last unballoon request.
   *
   * @param transId guest-chosen transaction id
   */
  record UnballoonResponse(int transId) implements DmMessage {
    @Override
    public DmMessageType type() {
      return DmMessageType.UNBALLOON_RESPONSE;
    }

    @Override
    public int size() {
      return type().fixedSize();
    }

    @Override
    public int encode(ByteBuffer dst, int offset) {
      DmWriter.begin(dst, offset, type(), size(), transId);
      return size();
    }
  }

  /**
   * {@code DM_MEM_HOT_ADD_REQUEST}, host to guest.
   *
   * @param transId host-chosen transaction id
   * @param range pages to add
   * @param region host-chosen region to add, or {@code null} for the 16-byte form without it
   */
  record HotAddRequest(int transId, PageRange range, @Nullable PageRange region)
      implements DmMessage {
    @Override
    public DmMessageType type() {
      return DmMessageType.HOT_ADD_REQUEST;
    }

    @Override
    public int size() {
      return region == null ? type().fixedSize() : DmLayout.HOT_ADD_WITH_REGION_SIZE;
    }

    @Override
    public int encode(ByteBuffer dst, int offset) {
      ByteBuffer b = DmWriter.begin(dst, offset, type(), size(), transId);
      b.putLong(offset + DmLayout.HOT_ADD_RANGE, range.toWire());
      PageRange r = region;
      if (r != null) {
        b.putLong(offset + DmLayout.HOT_ADD_REGION, r.toWire());
      }
      return size();
    }
  }

  /**
   * {@code DM_MEM_HOT_ADD_RESPONSE}, guest to host.
   *
   * @param transId the request's id
   * @param pageCount pages actually added (u32)
   * @param result {@link #RESULT_OK} or {@link #RESULT_FAILED}
   */
  record HotAddResponse(int transId, int pageCount, int result) implements DmMessage {
    /** {@code result} of a successful add. */
    public static final int RESULT_OK = 1;

    /** {@code result} of a failed add. */
    public static final int RESULT_FAILED = 0;

    /** True when {@code result} is {@link #RESULT_OK}. */
    public boolean succeeded() {
      return result == RESULT_OK;
    }

    @Override
    public DmMessageType type() {
      return DmMessageType.HOT_ADD_RESPONSE;
    }

    @Override
    public int size() {
      return type().fixedSize();
    }

    @Override
    public int encode(ByteBuffer dst, int offset) {
      ByteBuffer b = DmWriter.begin(dst, offset, type(), size(), transId);
      b.putInt(offset + DmLayout.HOT_ADD_PAGE_COUNT, pageCount);
      b.putInt(offset + DmLayout.HOT_ADD_RESULT, result);
      return size();
    }
  }

  /**
   * {@code DM_INFO_MESSAGE}, host to guest (protocol 1.0 and later): one blob {@code {type u32,
   * data_size u32, data}}. A decoded message's {@code data} is a read-only view of the received
   * bytes, valid while they are.
   *
   * @param transId host-chosen transaction id
   * @param infoType blob {@code type}; {@link #TYPE_MAX_PAGE_COUNT} is the only one defined
   * @param data blob {@code data} (its remaining bytes)
   */
  record Info(int transId, int infoType, ByteBuffer data) implements DmMessage {
    /** {@code INFO_TYPE_MAX_PAGE_CNT}: data is a u64 page count. */
    public static final int TYPE_MAX_PAGE_COUNT = 0;

    /** Takes a read-only view of {@code data}'s remaining bytes and checks they fit. */
    public Info {
      data = data.slice().asReadOnlyBuffer();
      if (data.remaining()
          > DmHeader.MAX_MESSAGE_SIZE - DmLayout.INFO_BLOB - DmLayout.INFO_BLOB_HEADER) {
        throw new IllegalArgumentException("info data of " + data.remaining() + " bytes too big");
      }
    }

    /** The announced maximum page count, if this is a MAX_PAGE_CNT blob with 8 data bytes. */
    public OptionalLong maxPageCount() {
      if (infoType != TYPE_MAX_PAGE_COUNT || data.remaining() != Long.BYTES) {
        return OptionalLong.empty();
      }
      return OptionalLong.of(data.duplicate().order(ByteOrder.LITTLE_ENDIAN).getLong(0));
    }

    @Override
    public DmMessageType type() {
      return DmMessageType.INFO;
    }

    @Override
    public int size() {
      return DmLayout.INFO_BLOB + DmLayout.INFO_BLOB_HEADER + data.remaining();
    }

    @Override
    public int encode(ByteBuffer dst, int offset) {
      ByteBuffer b = DmWriter.begin(dst, offset, type(), size(), transId);
      int blob = offset + DmLayout.INFO_BLOB;
      b.putInt(offset + DmLayout.INFO_SIZE, DmLayout.INFO_BLOB_HEADER + data.remaining());
      b.putInt(blob, infoType);
      b.putInt(blob + Integer.BYTES, data.remaining());
      b.put(blob + DmLayout.INFO_BLOB_HEADER, data, 0, data.remaining());
      return size();
    }
  }

  /**
   * {@code DM_MEM_HOT_REMOVE_REQUEST}, host to guest (protocol 2.0).
   *
   * @param transId host-chosen transaction id
   * @param virtualNode {@code virtual_node} (u32)
   * @param pageCount {@code page_count} (u32)
   * @param qosFlags {@code qos_flags}: bit 0 large pages, bit 1 local
   */
  record HotRemoveRequest(int transId, int virtualNode, int pageCount, int qosFlags)
      implements DmMessage {
    @Override
    public DmMessageType type() {
      return DmMessageType.HOT_REMOVE_REQUEST;
    }

    @Override
    public int size() {
      return type().fixedSize();
    }

    @Override
    public int encode(ByteBuffer dst, int offset) {
      ByteBuffer b = DmWriter.begin(dst, offset, type(), size(), transId);
      b.putInt(offset + DmLayout.VIRTUAL_NODE, virtualNode);
      b.putInt(offset + DmLayout.HOT_REMOVE_PAGE_COUNT, pageCount);
      b.putInt(offset + DmLayout.QOS_FLAGS, qosFlags);
      return size();
    }
  }

  /**
   * {@code DM_MEM_HOT_REMOVE_RESPONSE}, guest to host (protocol 2.0).
   *
   * @param transId the request's id
   * @param result {@code result} (u32)
   * @param morePages more responses follow
   * @param ranges pages removed
   */
  record HotRemoveResponse(int transId, int result, boolean morePages, List<PageRange> ranges)
      implements DmMessage {
    /** Copies the ranges and checks that they fit in one message. */
    public HotRemoveResponse {
      ranges = checkedRanges(ranges, DmLayout.HOT_REMOVE_RANGES);
    }

    @Override
    public DmMessageType type() {
      return DmMessageType.HOT_REMOVE_RESPONSE;
    }

    @Override
    public int size() {
      return DmLayout.HOT_REMOVE_RANGES + ranges.size() * PageRange.SIZE;
    }

    @Override
    public int encode(ByteBuffer dst, int offset) {
      ByteBuffer b = DmWriter.begin(dst, offset, type(), size(), transId);
      b.putInt(offset + DmLayout.HOT_REMOVE_RESULT, result);
      b.putInt(offset + DmLayout.HOT_REMOVE_COUNT, ranges.size());
      b.putLong(offset + DmLayout.HOT_REMOVE_MORE, DmWriter.bit(morePages));
      DmWriter.putRanges(b, offset + DmLayout.HOT_REMOVE_RANGES, ranges);
      return size();
    }
  }
}
