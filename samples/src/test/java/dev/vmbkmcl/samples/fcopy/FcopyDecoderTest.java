package dev.vmbkmcl.samples.fcopy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmbkmcl.samples.ic.IcHeader;
import dev.vmbkmcl.samples.ic.IcMessage;
import dev.vmbkmcl.samples.ic.IcRequestWriter;
import dev.vmbkmcl.samples.ic.IcVersion;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * Decoding of file-copy bodies laid out by hand from the offsets of vmbus-ring-and-uio.md §5.7
 * (numbers typed in, not taken from {@link FcopyLayout}), and of hostile variants.
 */
class FcopyDecoderTest {
  private static final int BODY = IcHeader.SIZE;

  /** An IC payload of type FCOPY with a zeroed body of {@code bodySize} bytes. */
  private static ByteBuffer message(int bodySize, int operation) {
    ByteBuffer b = ByteBuffer.allocate(BODY + bodySize).order(ByteOrder.LITTLE_ENDIAN);
    IcRequestWriter.writeHeader(
        b, 0, IcVersion.V3_0, IcVersion.V1_1, IcHeader.TYPE_FCOPY, bodySize, 0);
    b.putInt(BODY, operation);
    return b;
  }

  private static void putUnits(ByteBuffer b, int bodyOffset, String units) {
    for (int i = 0; i < units.length(); i++) {
      b.putChar(BODY + bodyOffset + 2 * i, units.charAt(i));
    }
  }

  private static ByteBuffer start(String fileName, String pathName) {
    ByteBuffer b = message(1088, 0);
    putUnits(b, 36, fileName);
    putUnits(b, 556, pathName);
    b.putInt(BODY + 1076, 0x3);
    b.putLong(BODY + 1080, 123_456_789L);
    return b;
  }

  private static FcopyMessage decode(ByteBuffer b) {
    return decode(b, b.limit());
  }

  private static FcopyMessage decode(ByteBuffer b, int length) {
    IcMessage m = IcMessage.parse(b, 0, length);
    assertNotNull(m);
    return FcopyDecoder.decode(m);
  }

  private static void assertMalformed(ByteBuffer b) {
    assertInstanceOf(FcopyMessage.Malformed.class, decode(b));
  }

  @Test
  void startFields() {
    FcopyMessage.Start s =
        assertInstanceOf(FcopyMessage.Start.class, decode(start("r\u00e9sum\u00e9.txt", "docs/x")));

    assertEquals("r\u00e9sum\u00e9.txt", s.fileName());
    assertEquals("docs/x", s.pathName());
    assertEquals(3, s.copyFlags());
    assertTrue(s.overwrite());
    assertTrue(s.createPath());
    assertEquals(123_456_789L, s.fileSize());
  }

  @Test
  void startAcceptsSurrogatePairsAndEmptyPath() {
    String emoji = "\ud83d\ude00.bin";
    FcopyMessage.Start s = assertInstanceOf(FcopyMessage.Start.class, decode(start(emoji, "")));
    assertEquals(emoji, s.fileName());
    assertEquals("", s.pathName());
  }

  @Test
  void startNameOf259UnitsIsTheLongestAccepted() {
    String longest = "a".repeat(259);
    assertEquals(
        longest, assertInstanceOf(FcopyMessage.Start.class, decode(start(longest, ""))).fileName());
  }

  @Test
  void fileNameWithoutTerminator() {
    assertMalformed(start("a".repeat(260), ""));
  }

  @Test
  void pathNameWithoutTerminator() {
    assertMalformed(start("f", "p".repeat(260)));
  }

  @Test
  void unpairedHighSurrogate() {
    assertMalformed(start("bad\ud83d.txt", ""));
    assertMalformed(start("f", "dir\ud83d"));
  }

  @Test
  void loneLowSurrogate() {
    assertMalformed(start("\ude00", ""));
  }

  @Test
  void reversedSurrogatePair() {
    assertMalformed(start("\ude00\ud83d", ""));
  }

  @Test
  void truncatedStart() {
    ByteBuffer b = start("f", "");
    IcMessage m = IcMessage.parse(b, 0, BODY + 1087);
    // icmsgsize says 1088, so the truncated payload is not even an IC message...
    assertNull(m);
    // ...and with a matching icmsgsize it is a START too short for its fields.
    b.putShort(IcHeader.MESSAGE_SIZE, (short) 1087);
    assertInstanceOf(FcopyMessage.Malformed.class, decode(b, BODY + 1087));
  }

  @Test
  void writeFields() {
    ByteBuffer b = message(52 + 5, 1);
    b.putLong(BODY + 40, 6144L);
    b.putInt(BODY + 48, 5);
    for (int i = 0; i < 5; i++) {
      b.put(BODY + 52 + i, (byte) (i + 1));
    }

    FcopyMessage.Write w = assertInstanceOf(FcopyMessage.Write.class, decode(b));

    assertEquals(6144L, w.offset());
    assertEquals(ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5}), w.data());
    assertTrue(w.data().isReadOnly());
  }

  @Test
  void writeOfFullFragment() {
    ByteBuffer b = message(6196, 1);
    b.putInt(BODY + 48, 6144);
    assertEquals(6144, assertInstanceOf(FcopyMessage.Write.class, decode(b)).data().remaining());
  }

  @Test
  void writeLargerThanAFragment() {
    ByteBuffer b = message(6196 + 8, 1);
    b.putInt(BODY + 48, 6145);
    assertMalformed(b);
  }

  @Test
  void writeSizePastTheReceivedBody() {
    ByteBuffer b = message(52 + 10, 1);
    b.putInt(BODY + 48, 11);
    assertMalformed(b);
  }

  @Test
  void writeSizeWithTheHighBitSet() {
    ByteBuffer b = message(52 + 10, 1);
    b.putInt(BODY + 48, 0x80000004);
    assertMalformed(b);
  }

  @Test
  void writeWithoutDataHeader() {
    assertMalformed(message(51, 1));
  }

  @Test
  void completeAndCancel() {
    assertInstanceOf(FcopyMessage.Complete.class, decode(message(36, 2)));
    assertInstanceOf(FcopyMessage.Cancel.class, decode(message(36, 3)));
  }

  @Test
  void bodyShorterThanTheFcopyHeader() {
    assertMalformed(message(35, 2));
  }

  @Test
  void unknownOperation() {
    assertMalformed(message(36, 4));
    assertMalformed(message(36, -1));
  }

  @Test
  void otherIcTypesAreNotFileCopy() {
    ByteBuffer b = message(36, 2);
    b.putShort(IcHeader.MESSAGE_TYPE, (short) IcHeader.TYPE_HEARTBEAT);
    assertMalformed(b);
  }

  @Test
  void layoutConstantsMatchTheReference() {
    assertEquals(36, FcopyLayout.FILE_NAME);
    assertEquals(556, FcopyLayout.PATH_NAME);
    assertEquals(1076, FcopyLayout.COPY_FLAGS);
    assertEquals(1080, FcopyLayout.FILE_SIZE);
    assertEquals(1088, FcopyLayout.START_SIZE);
    assertEquals(40, FcopyLayout.WRITE_OFFSET);
    assertEquals(48, FcopyLayout.WRITE_SIZE);
    assertEquals(52, FcopyLayout.WRITE_DATA);
    assertEquals(6196, FcopyLayout.WRITE_MAX_SIZE);
  }

  @Test
  void hostEncoderWritesTheDocumentedOffsets() {
    ByteBuffer b = ByteBuffer.allocate(BODY + 1088).order(ByteOrder.LITTLE_ENDIAN);
    FcopyRequests host = new FcopyRequests(IcVersion.V3_0, IcVersion.V1_1);

    assertEquals(BODY + 1088, host.start(b, 0, "ab", "c", 2, 77));
    assertEquals(0, b.getInt(BODY));
    assertEquals('a', b.getChar(BODY + 36));
    assertEquals('b', b.getChar(BODY + 38));
    assertEquals(0, b.getChar(BODY + 40));
    assertEquals('c', b.getChar(BODY + 556));
    assertEquals(2, b.getInt(BODY + 1076));
    assertEquals(77, b.getLong(BODY + 1080));
    assertEquals(IcHeader.FLAGS_HOST_REQUEST, b.get(IcHeader.FLAGS));
    assertEquals(1088, b.getShort(IcHeader.MESSAGE_SIZE));
  }

  @Test
  void hostEncoderRefusesMisuse() {
    FcopyRequests host = new FcopyRequests(IcVersion.V3_0, IcVersion.V1_1);
    ByteBuffer big = ByteBuffer.allocate(8192);
    assertThrows(
        IllegalArgumentException.class, () -> host.start(big, 0, "x".repeat(261), "", 0, 0));
    assertThrows(
        IllegalArgumentException.class, () -> host.write(big, 0, 0, ByteBuffer.allocate(6145)));
  }
}
