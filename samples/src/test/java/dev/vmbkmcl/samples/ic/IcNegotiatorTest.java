package dev.vmbkmcl.samples.ic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Negotiation and header validation with hostile or unusual host input. */
class IcNegotiatorTest {
  private static final int BODY = IcHeader.SIZE;

  private static ByteBuffer request(List<IcVersion> frameworks, List<IcVersion> messages) {
    IcNegotiateRequest r = new IcNegotiateRequest(frameworks, messages);
    ByteBuffer b = ByteBuffer.allocate(r.length()).order(ByteOrder.LITTLE_ENDIAN);
    r.write(b, 0, 7);
    return b;
  }

  private static IcMessage parse(ByteBuffer b) {
    IcMessage m = IcMessage.parse(b, 0, b.limit());
    assertNotNull(m);
    return m;
  }

  private static void assertRefused(ByteBuffer b, IcMessage m) {
    assertEquals(0, b.getShort(BODY), "framework count");
    assertEquals(0, b.getShort(BODY + 2), "message count");
    assertEquals(IcStatus.E_FAIL, m.status());
    assertEquals(IcHeader.FLAGS_GUEST_RESPONSE, m.flags());
    assertEquals(7, m.transactionId(), "transaction id echoed");
  }

  @Test
  void noCommonVersionAnswersZeroCounts() {
    ByteBuffer b = request(List.of(IcVersion.V1_0, IcVersion.V3_0), List.of(IcVersion.V4_0));
    IcMessage m = parse(b);

    IcNegotiation result = IcNegotiator.HEARTBEAT.respond(m);

    assertEquals(IcNegotiation.Outcome.NO_COMMON_VERSION, result.outcome());
    assertNull(result.framework());
    assertRefused(b, m);
    assertEquals(16, m.bodySize());
  }

  @Test
  void noCommonFrameworkAlsoRefuses() {
    ByteBuffer b = request(List.of(new IcVersion(2, 0)), List.of(IcVersion.V3_0));
    IcMessage m = parse(b);

    assertEquals(
        IcNegotiation.Outcome.NO_COMMON_VERSION, IcNegotiator.HEARTBEAT.respond(m).outcome());
    assertRefused(b, m);
  }

  @Test
  void ourPreferenceOrderWinsOverTheHostOrder() {
    ByteBuffer b =
        request(
            List.of(IcVersion.V1_0, IcVersion.V3_0),
            List.of(IcVersion.V1_0, IcVersion.V3_0, IcVersion.V3_1, IcVersion.V3_2));

    IcNegotiation result = IcNegotiator.SHUTDOWN.respond(parse(b));

    assertEquals(IcVersion.V3_0, result.framework());
    assertEquals(IcVersion.V3_2, result.message());
    assertEquals(3, b.getShort(BODY + 8));
    assertEquals(0, b.getShort(BODY + 10));
    assertEquals(3, b.getShort(BODY + 12));
    assertEquals(2, b.getShort(BODY + 14));
  }

  @Test
  void fcopyNeedsFramework3AndMessage11() {
    ByteBuffer offered = request(List.of(IcVersion.V3_0), List.of(IcVersion.V1_1));
    assertEquals(
        IcNegotiation.agreed(IcVersion.V3_0, IcVersion.V1_1),
        IcNegotiator.FCOPY.respond(parse(offered)));

    ByteBuffer oldHost = request(List.of(IcVersion.V1_0), List.of(IcVersion.V1_1));
    assertFalse(IcNegotiator.FCOPY.respond(parse(oldHost)).agreed());
  }

  @Test
  void messageVersionIsOnlySearchedAmongMessageEntries() {
    // 4.0 is offered, but as a framework version; it must not be taken as a message version.
    ByteBuffer b = request(List.of(IcVersion.V3_0, IcVersion.V4_0), List.of(IcVersion.V1_0));

    IcNegotiation result = IcNegotiator.TIMESYNC.respond(parse(b));

    assertEquals(IcVersion.V1_0, result.message());
  }

  @Test
  void countsAbove100AreRefused() {
    ByteBuffer b = ByteBuffer.allocate(IcHeader.SIZE + 8 + 4 * 202).order(ByteOrder.LITTLE_ENDIAN);
    IcRequestWriter.writeHeader(
        b, 0, IcVersion.V1_0, IcVersion.V1_0, IcHeader.TYPE_NEGOTIATE, 8 + 4 * 202, 7);
    b.putShort(BODY, (short) 101);
    b.putShort(BODY + 2, (short) 101);
    IcMessage m = parse(b);

    assertEquals(IcNegotiation.Outcome.MALFORMED, IcNegotiator.HEARTBEAT.respond(m).outcome());
    assertRefused(b, m);
  }

  @Test
  void versionListPastReceivedLengthIsRefused() {
    ByteBuffer full = request(List.of(IcVersion.V3_0), List.of(IcVersion.V3_0));
    full.putShort(BODY + 2, (short) 2); // claims one more message version than was sent
    full.putShort(IcHeader.MESSAGE_SIZE, (short) 16);
    IcMessage m = parse(full);

    assertEquals(IcNegotiation.Outcome.MALFORMED, IcNegotiator.HEARTBEAT.respond(m).outcome());
    assertRefused(full, m);
  }

  @Test
  void bodyTooShortForCountsIsAnsweredWithoutTouchingTheBody() {
    byte[] bytes = new byte[IcHeader.SIZE + 3];
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    IcRequestWriter.writeHeader(
        b, 0, IcVersion.V1_0, IcVersion.V1_0, IcHeader.TYPE_NEGOTIATE, 3, 0);
    bytes[BODY] = 9;
    bytes[BODY + 1] = 9;
    bytes[BODY + 2] = 9;
    IcMessage m = parse(b);

    assertEquals(IcNegotiation.Outcome.MALFORMED, IcNegotiator.HEARTBEAT.respond(m).outcome());
    assertArrayEquals(new byte[] {9, 9, 9}, Arrays.copyOfRange(bytes, BODY, BODY + 3));
    assertEquals(3, m.bodySize());
    assertEquals(IcStatus.E_FAIL, m.status());
    assertEquals(IcHeader.FLAGS_GUEST_RESPONSE, m.flags());
  }

  @Test
  void refusalNeverClaimsMoreBodyThanReceived() {
    ByteBuffer b = ByteBuffer.allocate(IcHeader.SIZE + 8).order(ByteOrder.LITTLE_ENDIAN);
    IcRequestWriter.writeHeader(
        b, 0, IcVersion.V1_0, IcVersion.V1_0, IcHeader.TYPE_NEGOTIATE, 8, 0);
    IcMessage m = parse(b);

    assertEquals(
        IcNegotiation.Outcome.NO_COMMON_VERSION, IcNegotiator.HEARTBEAT.respond(m).outcome());
    assertEquals(8, m.bodySize());
  }

  @Test
  void otherMessageTypesAreNotTouched() {
    ByteBuffer b = ByteBuffer.allocate(HeartbeatRequest.LENGTH);
    HeartbeatRequest.write(b, 0, IcVersion.V3_0, IcVersion.V3_0, 5);
    byte[] before = b.array().clone();

    IcNegotiation result = IcNegotiator.HEARTBEAT.respond(parse(b));

    assertEquals(IcNegotiation.Outcome.NOT_NEGOTIATE, result.outcome());
    assertFalse(result.answered());
    assertArrayEquals(before, b.array());
  }

  @Test
  void payloadShorterThanTheHeaderIsNoMessage() {
    assertNull(IcMessage.parse(ByteBuffer.allocate(27), 0, 27));
  }

  @Test
  void announcedBodyLargerThanPayloadIsNoMessage() {
    ByteBuffer b = request(List.of(IcVersion.V3_0), List.of(IcVersion.V3_0));
    assertNull(IcMessage.parse(b, 0, b.limit() - 1), "truncated by one byte");
  }

  @Test
  void parseHonoursTheWindowInsideALargerBuffer() {
    ByteBuffer inner = request(List.of(IcVersion.V3_0), List.of(IcVersion.V3_0));
    ByteBuffer outer = ByteBuffer.allocate(inner.limit() + 20);
    for (int i = 0; i < inner.limit(); i++) {
      outer.put(10 + i, inner.get(i));
    }
    IcMessage m = IcMessage.parse(outer, 10, inner.limit());
    assertNotNull(m);

    assertEquals(IcNegotiation.Outcome.AGREED, IcNegotiator.HEARTBEAT.respond(m).outcome());
    assertEquals(0, outer.get(9));
    assertEquals(IcHeader.FLAGS_GUEST_RESPONSE, outer.get(10 + IcHeader.FLAGS));
    assertEquals(0, outer.position(), "caller's position unchanged");
  }

  @Test
  void windowOutsideTheBufferIsACallerBug() {
    assertThrows(
        IndexOutOfBoundsException.class, () -> IcMessage.parse(ByteBuffer.allocate(40), 20, 28));
  }

  @Test
  void hostCheckRejectsVersionsItDidNotOffer() {
    IcNegotiateRequest offer =
        new IcNegotiateRequest(List.of(IcVersion.V3_0), List.of(IcVersion.V1_0));
    ByteBuffer b = request(List.of(IcVersion.V3_0), List.of(IcVersion.V3_0));
    IcNegotiator.HEARTBEAT.respond(parse(b)); // guest agreed to 3.0/3.0, which `offer` never sent

    assertEquals(IcNegotiation.Outcome.MALFORMED, offer.check(parse(b)).outcome());
  }

  @Test
  void hostCheckReportsRefusal() {
    ByteBuffer b = request(List.of(IcVersion.V1_0), List.of(IcVersion.V4_0));
    IcNegotiator.HEARTBEAT.respond(parse(b));
    IcNegotiateRequest offer =
        new IcNegotiateRequest(List.of(IcVersion.V1_0), List.of(IcVersion.V4_0));

    assertEquals(IcNegotiation.Outcome.NO_COMMON_VERSION, offer.check(parse(b)).outcome());
  }

  @Test
  void heartbeatBodyShorterThanSequenceIsDropped() {
    ByteBuffer b = ByteBuffer.allocate(IcHeader.SIZE + 7);
    IcRequestWriter.writeHeader(
        b, 0, IcVersion.V3_0, IcVersion.V3_0, IcHeader.TYPE_HEARTBEAT, 7, 0);
    byte[] before = b.array().clone();

    assertFalse(Heartbeat.respond(parse(b)));
    assertArrayEquals(before, b.array());
  }

  @Test
  void heartbeatSequenceWraps() {
    ByteBuffer b = ByteBuffer.allocate(HeartbeatRequest.LENGTH);
    HeartbeatRequest.write(b, 0, IcVersion.V3_0, IcVersion.V3_0, -1L);

    Heartbeat.respond(parse(b));

    assertEquals(0L, b.order(ByteOrder.LITTLE_ENDIAN).getLong(BODY));
  }

  @Test
  void statusNamesAreReadable() {
    assertEquals("E_FAIL (0x80004005)", IcStatus.describe(IcStatus.E_FAIL));
    assertEquals("DISK_FULL (0x80070070)", IcStatus.describe(IcStatus.DISK_FULL));
    assertEquals("0x12345678", IcStatus.describe(0x12345678));
  }
}
