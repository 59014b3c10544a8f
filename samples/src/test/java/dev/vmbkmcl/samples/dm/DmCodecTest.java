package dev.vmbkmcl.samples.dm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Round trips of the messages without reference vectors, and hostile input for the decoder. */
class DmCodecTest {
  private static ByteBuffer encoded(DmMessage m) {
    ByteBuffer b = ByteBuffer.allocate(m.size()).order(ByteOrder.LITTLE_ENDIAN);
    m.encode(b, 0);
    return b;
  }

  private static DmDecoded decode(ByteBuffer b) {
    return DmDecoder.decode(b, 0, b.limit());
  }

  private static void assertRoundTrip(DmMessage m) {
    assertEquals(m, decode(encoded(m)));
  }

  private static void assertMalformed(ByteBuffer b, int length) {
    assertInstanceOf(DmMalformed.class, DmDecoder.decode(b, 0, length));
  }

  @Test
  void infoWithMaxPageCount() {
    ByteBuffer count = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 0x40000L);
    DmMessage.Info info = new DmMessage.Info(9, DmMessage.Info.TYPE_MAX_PAGE_COUNT, count);
    ByteBuffer b = encoded(info);

    assertEquals(32, info.size());
    assertEquals(16, b.getInt(12), "info_size = blob header + data");
    assertEquals(8, b.getInt(20), "data_size");
    DmMessage.Info decoded = assertInstanceOf(DmMessage.Info.class, decode(b));
    assertEquals(info, decoded);
    assertEquals(OptionalLong.of(0x40000L), decoded.maxPageCount());
  }

  @Test
  void infoOfUnknownTypeHasNoMaxPageCount() {
    DmMessage.Info info = new DmMessage.Info(1, 5, ByteBuffer.wrap(new byte[] {1, 2, 3}));
    assertRoundTrip(info);
    assertEquals(OptionalLong.empty(), info.maxPageCount());
  }

  @Test
  void hotRemoveMessages() {
    assertRoundTrip(new DmMessage.HotRemoveRequest(3, 1, 65536, 0b11));
    DmMessage.HotRemoveResponse response =
        new DmMessage.HotRemoveResponse(
            3, 1, true, List.of(new PageRange(0x200000, 512), new PageRange(0x300000, 1)));
    ByteBuffer b = encoded(response);

    assertEquals(40, b.limit());
    assertEquals(2, b.getInt(12), "range_count");
    assertEquals(1L, b.getLong(16), "more_pages");
    assertEquals(response, decode(b));
  }

  @Test
  void hotAddRequestWithoutRegionIs16Bytes() {
    DmMessage.HotAddRequest request = new DmMessage.HotAddRequest(7, new PageRange(1, 2), null);
    assertEquals(16, request.size());
    assertRoundTrip(request);
  }

  @Test
  void capabilityAndFlagBitsRoundTrip() {
    assertRoundTrip(new DmMessage.CapabilitiesReport(1, false, true, 15, true, 10, 20));
    assertRoundTrip(new DmMessage.CapabilitiesResponse(1, true, false, true));
    assertRoundTrip(new DmMessage.VersionResponse(2, false));
    assertRoundTrip(new DmMessage.BalloonResponse(8, true, List.of()));
    assertRoundTrip(new DmMessage.StatusReport(1, 1, 2, 3, 4, -1, 6));
  }

  @Test
  void guestFallbackOrder() {
    List<DmMessage.VersionRequest> sequence = new ArrayList<>();
    int transId = 1;
    for (DmVersion v = DmVersion.first(); v != null; v = v.fallback()) {
      sequence.add(DmMessage.VersionRequest.of(transId++, v));
    }

    assertEquals(
        List.of(
            new DmMessage.VersionRequest(1, 0x00020000, false),
            new DmMessage.VersionRequest(2, 0x00010000, false),
            new DmMessage.VersionRequest(3, 0x00000003, true)),
        sequence);
    assertEquals(DmVersion.V1_0, DmVersion.fromCode(0x00010000));
    assertNull(DmVersion.fromCode(0x00030000));
    assertEquals("0.3", DmVersion.V0_3.toString());
  }

  @Test
  void payloadShorterThanHeader() {
    assertMalformed(ByteBuffer.allocate(7), 7);
  }

  @Test
  void sizeLargerThanPayload() {
    ByteBuffer b = encoded(new DmMessage.BalloonRequest(1, 10));
    assertMalformed(b, 15);
  }

  @Test
  void sizeSmallerThanTheTypeNeeds() {
    ByteBuffer b = encoded(new DmMessage.StatusReport(1, 1, 2, 3, 4, 5, 6));
    b.putShort(2, (short) 40);
    assertMalformed(b, 48);
  }

  @Test
  void paddingAfterSizeIsIgnored() {
    DmMessage m = new DmMessage.UnballoonResponse(4);
    ByteBuffer b = ByteBuffer.allocate(16);
    m.encode(b, 0);
    assertEquals(m, DmDecoder.decode(b, 0, 16));
  }

  @Test
  void unknownAndErrorTypes() {
    ByteBuffer b = encoded(new DmMessage.UnballoonResponse(4));
    b.putShort(0, (short) 15);
    assertMalformed(b, 8);
    b.putShort(0, (short) 0);
    assertMalformed(b, 8);
  }

  @Test
  void balloonResponseCountPastSize() {
    ByteBuffer b = encoded(new DmMessage.BalloonResponse(3, false, List.of(new PageRange(1, 1))));
    b.putInt(12, 2 << 1);
    assertMalformed(b, b.limit());
    b.putInt(12, -2); // 2^31 - 1 ranges: must not overflow into a small number
    assertMalformed(b, b.limit());
  }

  @Test
  void unballoonRequestHugeCount() {
    ByteBuffer b = encoded(new DmMessage.UnballoonRequest(3, false, List.of(new PageRange(1, 1))));
    b.putInt(12, 0x20000001); // 8 * count wraps to 8 in 32-bit arithmetic
    assertMalformed(b, b.limit());
  }

  @Test
  void hotRemoveResponseCountPastSize() {
    ByteBuffer b = encoded(new DmMessage.HotRemoveResponse(3, 0, false, List.of()));
    b.putInt(12, 1);
    assertMalformed(b, b.limit());
  }

  @Test
  void infoSizesOutsideTheMessage() {
    ByteBuffer b = encoded(new DmMessage.Info(1, 0, ByteBuffer.allocate(8)));
    b.putInt(12, 17);
    assertMalformed(b, b.limit());
    b.putInt(12, 7);
    assertMalformed(b, b.limit());
    b.putInt(12, 16);
    b.putInt(20, 9);
    assertMalformed(b, b.limit());
    b.putInt(20, -1);
    assertMalformed(b, b.limit());
  }

  @Test
  void decodedInfoDataIsAViewWithinTheMessage() {
    ByteBuffer b = ByteBuffer.allocate(40);
    new DmMessage.Info(1, 3, ByteBuffer.wrap(new byte[] {1, 2, 3, 4})).encode(b, 4);

    DmMessage.Info info = assertInstanceOf(DmMessage.Info.class, DmDecoder.decode(b, 4, 28));

    assertEquals(4, info.data().remaining());
    assertEquals(3, info.data().get(2));
    assertTrue(info.data().isReadOnly());
  }

  @Test
  void encoderRefusesMisuse() {
    assertThrows(IllegalArgumentException.class, () -> new PageRange(1L << 40, 1));
    assertThrows(IllegalArgumentException.class, () -> new PageRange(0, 1L << 24));
    assertThrows(
        IllegalArgumentException.class,
        () -> new DmMessage.CapabilitiesReport(1, true, true, 16, false, 0, 0));
    List<PageRange> tooMany = new ArrayList<>();
    for (int i = 0; i <= DmMessage.MAX_RANGES; i++) {
      tooMany.add(new PageRange(i, 1));
    }
    assertThrows(
        IllegalArgumentException.class, () -> new DmMessage.BalloonResponse(1, false, tooMany));
    assertThrows(
        IndexOutOfBoundsException.class,
        () -> new DmMessage.BalloonRequest(1, 1).encode(ByteBuffer.allocate(15), 0));
  }

  @Test
  void hotAddResultFlag() {
    assertTrue(new DmMessage.HotAddResponse(1, 1, DmMessage.HotAddResponse.RESULT_OK).succeeded());
    assertFalse(
        new DmMessage.HotAddResponse(1, 0, DmMessage.HotAddResponse.RESULT_FAILED).succeeded());
  }
}
