package dev.vmbkmcl.samples.dm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Decodes one Dynamic Memory message of either direction (vmbus-ring-and-uio.md §6.2, §6.3). The
 * header's {@code size} must be at least the type's fixed size and at most the received length (the
 * VMBus payload may carry padding after it); counts and blob sizes must stay inside {@code size}.
 * Anything else decodes to a {@link DmMalformed}; no byte at or past {@code offset + length} is
 * read.
 */
public final class DmDecoder {
  private DmDecoder() {}

  /**
   * Decodes the message in the {@code length} bytes at absolute index {@code offset} of {@code
   * src}. The buffer's position, limit and byte order are not changed.
   *
   * @throws IndexOutOfBoundsException if the window does not lie within {@code src}'s limit (a
   *     caller bug, not bad input)
   */
  public static DmDecoded decode(ByteBuffer src, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, src.limit());
    if (length < DmHeader.LENGTH) {
      return new DmMalformed("payload of " + length + " bytes is shorter than the DM header");
    }
    ByteBuffer b = src.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    int code = Short.toUnsignedInt(b.getShort(offset + DmHeader.TYPE));
    int size = Short.toUnsignedInt(b.getShort(offset + DmHeader.SIZE));
    int transId = b.getInt(offset + DmHeader.TRANS_ID);
    DmMessageType type = DmMessageType.fromCode(code);
    if (type == null) {
      return new DmMalformed("unknown message type " + code);
    }
    if (size < type.fixedSize() || size > length) {
      return new DmMalformed(
          type + ": size " + size + " outside " + type.fixedSize() + ".." + length);
    }
    Fields f = new Fields(b, offset, size, transId);
    return switch (type) {
      case VERSION_REQUEST ->
          new DmMessage.VersionRequest(
              transId, f.u32(DmLayout.VERSION), (f.u32(DmLayout.VERSION_FLAGS) & 1) != 0);
      case VERSION_RESPONSE ->
          new DmMessage.VersionResponse(transId, (f.u64(DmLayout.FLAGS64) & 1) != 0);
      case CAPABILITIES_REPORT ->
          DmMessage.CapabilitiesReport.fromCaps(
              transId,
              f.u64(DmLayout.FLAGS64),
              f.u64(DmLayout.MIN_PAGE_COUNT),
              f.u64(DmLayout.MAX_PAGE_NUMBER));
      case CAPABILITIES_RESPONSE -> capabilitiesResponse(f);
      case STATUS_REPORT ->
          new DmMessage.StatusReport(
              transId,
              f.u64(DmLayout.NUM_AVAIL),
              f.u64(DmLayout.NUM_COMMITTED),
              f.u64(DmLayout.PAGE_FILE_SIZE),
              f.u64(DmLayout.ZERO_FREE),
              f.u32(DmLayout.PAGE_FILE_WRITES),
              f.u32(DmLayout.IO_DIFF));
      case BALLOON_REQUEST -> new DmMessage.BalloonRequest(transId, f.u32(DmLayout.NUM_PAGES));
      case BALLOON_RESPONSE -> balloonResponse(f);
      case UNBALLOON_REQUEST -> unballoonRequest(f);
      case UNBALLOON_RESPONSE -> new DmMessage.UnballoonResponse(transId);
      case HOT_ADD_REQUEST ->
          new DmMessage.HotAddRequest(
              transId,
              PageRange.fromWire(f.u64(DmLayout.HOT_ADD_RANGE)),
              size >= DmLayout.HOT_ADD_WITH_REGION_SIZE
                  ? PageRange.fromWire(f.u64(DmLayout.HOT_ADD_REGION))
                  : null);
      case HOT_ADD_RESPONSE ->
          new DmMessage.HotAddResponse(
              transId, f.u32(DmLayout.HOT_ADD_PAGE_COUNT), f.u32(DmLayout.HOT_ADD_RESULT));
      case INFO -> info(f);
      case HOT_REMOVE_REQUEST ->
          new DmMessage.HotRemoveRequest(
              transId,
              f.u32(DmLayout.VIRTUAL_NODE),
              f.u32(DmLayout.HOT_REMOVE_PAGE_COUNT),
              f.u32(DmLayout.QOS_FLAGS));
      case HOT_REMOVE_RESPONSE -> hotRemoveResponse(f);
      case ERROR -> new DmMalformed("DM_ERROR has no defined layout");
    };
  }

  private static DmDecoded capabilitiesResponse(Fields f) {
    long bits = f.u64(DmLayout.FLAGS64);
    return new DmMessage.CapabilitiesResponse(
        f.transId, (bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0);
  }

  private static DmDecoded balloonResponse(Fields f) {
    int word = f.u32(DmLayout.BALLOON_COUNT_AND_MORE);
    List<PageRange> ranges = f.ranges(DmLayout.RANGES, Integer.toUnsignedLong(word) >>> 1);
    return ranges == null
        ? f.rangesOverrun(DmMessageType.BALLOON_RESPONSE)
        : new DmMessage.BalloonResponse(f.transId, (word & 1) != 0, ranges);
  }

  private static DmDecoded unballoonRequest(Fields f) {
    long count = Integer.toUnsignedLong(f.u32(DmLayout.UNBALLOON_COUNT));
    List<PageRange> ranges = f.ranges(DmLayout.RANGES, count);
    return ranges == null
        ? f.rangesOverrun(DmMessageType.UNBALLOON_REQUEST)
        : new DmMessage.UnballoonRequest(
            f.transId, (f.u32(DmLayout.UNBALLOON_MORE) & 1) != 0, ranges);
  }

  private static DmDecoded hotRemoveResponse(Fields f) {
    long count = Integer.toUnsignedLong(f.u32(DmLayout.HOT_REMOVE_COUNT));
    List<PageRange> ranges = f.ranges(DmLayout.HOT_REMOVE_RANGES, count);
    return ranges == null
        ? f.rangesOverrun(DmMessageType.HOT_REMOVE_RESPONSE)
        : new DmMessage.HotRemoveResponse(
            f.transId,
            f.u32(DmLayout.HOT_REMOVE_RESULT),
            (f.u64(DmLayout.HOT_REMOVE_MORE) & 1) != 0,
            ranges);
  }

  private static DmDecoded info(Fields f) {
    long infoSize = Integer.toUnsignedLong(f.u32(DmLayout.INFO_SIZE));
    if (infoSize < DmLayout.INFO_BLOB_HEADER || DmLayout.INFO_BLOB + infoSize > f.size) {
      return new DmMalformed("INFO: info_size " + infoSize + " does not fit size " + f.size);
    }
    int blob = DmLayout.INFO_BLOB;
    long dataSize = Integer.toUnsignedLong(f.u32(blob + Integer.BYTES));
    if (DmLayout.INFO_BLOB_HEADER + dataSize > infoSize) {
      return new DmMalformed("INFO: data_size " + dataSize + " exceeds info_size " + infoSize);
    }
    int dataStart = f.offset + blob + DmLayout.INFO_BLOB_HEADER;
    ByteBuffer data = f.b.slice(dataStart, (int) dataSize);
    return new DmMessage.Info(f.transId, f.u32(blob), data);
  }

  /** Reads fields of one message whose {@code size} was already checked against the payload. */
  private static final class Fields {
    final ByteBuffer b;
    final int offset;
    final int size;
    final int transId;

    Fields(ByteBuffer b, int offset, int size, int transId) {
      this.b = b;
      this.offset = offset;
      this.size = size;
      this.transId = transId;
    }

    int u32(int field) {
      return b.getInt(offset + field);
    }

    long u64(int field) {
      return b.getLong(offset + field);
    }

    /** The {@code count} ranges at {@code field}, or null if they run past {@code size}. */
    @Nullable List<PageRange> ranges(int field, long count) {
      if (field + count * PageRange.SIZE > size) {
        return null;
      }
      List<PageRange> out = new ArrayList<>((int) count);
      for (int i = 0; i < count; i++) {
        out.add(PageRange.fromWire(u64(field + i * PageRange.SIZE)));
      }
      return out;
    }

    DmMalformed rangesOverrun(DmMessageType type) {
      return new DmMalformed(type + ": range count runs past size " + size);
    }
  }
}
