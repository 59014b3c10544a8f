package dev.vmbkmcl.samples.dm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every Dynamic Memory vector of vmbus-ring-and-uio.md §8.13, typed in: each message encodes to the
 * reference bytes and the reference bytes decode to the message.
 */
class DmGoldenVectorTest {
  private static final PageRange BALLOONED = new PageRange(0x12345, 256);
  private static final PageRange HOT_ADDED = new PageRange(0x100000, 32768);

  private static void assertGolden(DmMessage message, String reference) {
    byte[] expected = Hex.bytes(reference);
    byte[] encoded = new byte[expected.length + 8];
    Arrays.fill(encoded, (byte) 0x77); // stale bytes around and under the message

    int size = message.encode(ByteBuffer.wrap(encoded), 4);

    assertEquals(expected.length, size, "encoded size");
    assertEquals(expected.length, message.size(), "size()");
    assertArrayEquals(expected, Arrays.copyOfRange(encoded, 4, 4 + size));
    assertEquals(0x77, encoded[3] & 0xFF, "nothing written before the message");
    assertEquals(0x77, encoded[4 + size] & 0xFF, "nothing written after the message");
    assertEquals(message, DmDecoder.decode(ByteBuffer.wrap(expected), 0, expected.length));
  }

  @Test
  void versionRequest() {
    assertGolden(
        DmMessage.VersionRequest.of(1, DmVersion.V2_0),
        "01 00 10 00 01 00 00 00 00 00 02 00 00 00 00 00");
  }

  @Test
  void versionResponse() {
    assertGolden(
        new DmMessage.VersionResponse(1, true), "02 00 10 00 01 00 00 00 01 00 00 00 00 00 00 00");
  }

  @Test
  void capabilitiesReport() {
    assertGolden(
        new DmMessage.CapabilitiesReport(2, true, true, 7, false, 0, -1L),
        """
        03 00 20 00 02 00 00 00 1f 00 00 00 00 00 00 00
        00 00 00 00 00 00 00 00 ff ff ff ff ff ff ff ff
        """);
  }

  @Test
  void capabilitiesResponse() {
    assertGolden(
        new DmMessage.CapabilitiesResponse(2, true, true, true),
        "04 00 10 00 02 00 00 00 07 00 00 00 00 00 00 00");
  }

  @Test
  void statusReport() {
    assertGolden(
        new DmMessage.StatusReport(5, 100_000, 200_000, 0, 0, 0, 0),
        """
        05 00 30 00 05 00 00 00 a0 86 01 00 00 00 00 00
        40 0d 03 00 00 00 00 00 00 00 00 00 00 00 00 00
        00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
        """);
  }

  @Test
  void balloonRequest() {
    assertGolden(
        new DmMessage.BalloonRequest(0, 256), "06 00 10 00 00 00 00 00 00 01 00 00 00 00 00 00");
  }

  @Test
  void balloonResponse() {
    assertGolden(
        new DmMessage.BalloonResponse(3, false, List.of(BALLOONED)),
        """
        07 00 18 00 03 00 00 00 00 00 00 00 02 00 00 00
        45 23 01 00 00 00 01 00
        """);
  }

  @Test
  void unballoonRequest() {
    assertGolden(
        new DmMessage.UnballoonRequest(1, false, List.of(BALLOONED)),
        """
        08 00 18 00 01 00 00 00 00 00 00 00 01 00 00 00
        45 23 01 00 00 00 01 00
        """);
  }

  @Test
  void unballoonResponse() {
    assertGolden(new DmMessage.UnballoonResponse(4), "09 00 08 00 04 00 00 00");
  }

  @Test
  void hotAddRequestWithRegion() {
    assertGolden(
        new DmMessage.HotAddRequest(2, HOT_ADDED, HOT_ADDED),
        """
        0a 00 18 00 02 00 00 00 00 00 10 00 00 00 80 00
        00 00 10 00 00 00 80 00
        """);
  }

  @Test
  void hotAddResponse() {
    assertGolden(
        new DmMessage.HotAddResponse(5, 32768, DmMessage.HotAddResponse.RESULT_OK),
        "0b 00 10 00 05 00 00 00 00 80 00 00 01 00 00 00");
  }

  @Test
  void pageRangePacking() {
    assertEquals(0x0001000000012345L, BALLOONED.toWire());
    assertEquals(BALLOONED, PageRange.fromWire(0x0001000000012345L));
  }

  @Test
  void versionRequestInsideItsInboundPacket() {
    // The reference also shows the request as a whole inband packet (len8 4): payload at byte 16.
    byte[] packet =
        Hex.bytes(
            """
            06 00 02 00 04 00 00 00 00 00 00 00 00 00 00 00
            01 00 10 00 01 00 00 00 00 00 02 00 00 00 00 00
            """);

    assertEquals(
        DmMessage.VersionRequest.of(1, DmVersion.V2_0),
        DmDecoder.decode(ByteBuffer.wrap(packet), 16, 16));
  }
}
