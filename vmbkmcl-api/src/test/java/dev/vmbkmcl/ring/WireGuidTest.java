package dev.vmbkmcl.ring;

import static dev.vmbkmcl.ring.TestRings.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The mixed-endian GUID wire form against §8.9. */
class WireGuidTest {
  @ParameterizedTest
  @CsvSource({
    "f8615163-df3e-46c5-913f-f2d2f965ed0e, 63 51 61 f8 3e df c5 46 91 3f f2 d2 f9 65 ed 0e,"
        + " vmbus:635161f83edfc546913ff2d2f965ed0e",
    "34d14be3-dee4-41c8-9ae7-6b174977c192, e3 4b d1 34 e4 de c8 41 9a e7 6b 17 49 77 c1 92,"
        + " vmbus:e34bd134e4dec8419ae76b174977c192",
    "57164f39-9115-4e78-ab55-382f3bd5422d, 39 4f 16 57 15 91 78 4e ab 55 38 2f 3b d5 42 2d,"
        + " vmbus:394f16571591784eab55382f3bd5422d",
    "525074dc-8985-46e2-8057-a307dc18a502, dc 74 50 52 85 89 e2 46 80 57 a3 07 dc 18 a5 02,"
        + " vmbus:dc7450528589e2468057a307dc18a502"
  })
  void matchesTheReferenceEncodings(String canonical, String wire, String modalias) {
    UUID guid = UUID.fromString(canonical);
    for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
      ByteBuffer b = ByteBuffer.allocate(20).order(order);
      WireGuid.write(b, 3, guid);
      byte[] written = new byte[16];
      b.get(3, written);
      assertArrayEquals(hex(wire), written);
      assertEquals(0, b.position());
      assertEquals(guid, WireGuid.read(b, 3));
    }
    assertEquals(modalias, WireGuid.modalias(guid));
  }
}
