package dev.vmbkmcl.samples.ic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The IC vectors of vmbus-ring-and-uio.md §8.11 and §8.12, typed in. The dumps are whole inband
 * packets; the IC payload starts after the 16-byte descriptor ({@code offset8 = 2}).
 */
class IcGoldenVectorTest {
  private static final int DESCRIPTOR = 16;

  private static final String NEGOTIATE_REQUEST =
      """
      0000: 06 00 02 00 09 00 00 00 00 00 00 00 00 00 00 00
      0010: 01 00 00 00 2c 00 00 00 00 00 00 00 00 00 00 00
      0020: 00 00 18 00 00 00 00 00 00 03 00 00 02 00 02 00
      0030: 00 00 00 00 01 00 00 00 03 00 00 00 01 00 00 00
      0040: 03 00 00 00 00 00 00 00
      """;

  private static final String NEGOTIATE_RESPONSE =
      """
      0000: 06 00 02 00 09 00 00 00 00 00 00 00 00 00 00 00
      0010: 01 00 00 00 2c 00 00 00 00 00 00 00 00 00 00 00
      0020: 00 00 10 00 00 00 00 00 00 05 00 00 01 00 01 00
      0030: 00 00 00 00 03 00 00 00 03 00 00 00 01 00 00 00
      0040: 03 00 00 00 00 00 00 00
      """;

  private static final String HEARTBEAT_REQUEST =
      """
      0000: 06 00 02 00 0b 00 00 00 00 00 00 00 00 00 00 00
      0010: 01 00 00 00 3c 00 00 00 03 00 00 00 01 00 03 00
      0020: 00 00 28 00 00 00 00 00 00 03 00 00 10 00 00 00
      0030: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
      0040: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
      0050: 00 00 00 00 00 00 00 00
      """;

  private static byte[] payload(String packet) {
    byte[] all = Hex.bytes(packet);
    return Arrays.copyOfRange(all, DESCRIPTOR, all.length);
  }

  private static IcMessage message(byte[] payload) {
    IcMessage m = IcMessage.parse(ByteBuffer.wrap(payload), 0, payload.length);
    assertNotNull(m);
    return m;
  }

  private static final IcNegotiateRequest OPENVMM_HEARTBEAT_OFFER =
      new IcNegotiateRequest(
          IcNegotiateRequest.HOST_FRAMEWORKS, List.of(IcVersion.V1_0, IcVersion.V3_0));

  @Test
  void negotiateRequestWriterMatchesReference() {
    byte[] expected = payload(NEGOTIATE_REQUEST);
    byte[] written = new byte[expected.length];
    Arrays.fill(written, (byte) 0x5A); // stale bytes must not leak into the message
    int length = OPENVMM_HEARTBEAT_OFFER.write(ByteBuffer.wrap(written), 0, 0);

    assertEquals(52, length);
    assertArrayEquals(
        Arrays.copyOf(expected, 52), Arrays.copyOf(written, 52), "payload before padding");
  }

  @Test
  void negotiateRequestFieldsReadAsDocumented() {
    IcMessage m = message(payload(NEGOTIATE_REQUEST));

    assertEquals(1, m.pipeFlags());
    assertEquals(44, m.pipeMessageSize());
    assertEquals(new IcVersion(0, 0), m.framework());
    assertEquals(new IcVersion(0, 0), m.messageVersion());
    assertEquals(IcHeader.TYPE_NEGOTIATE, m.messageType());
    assertEquals(0x18, m.bodySize());
    assertEquals(IcHeader.FLAGS_HOST_REQUEST, m.flags());
    assertEquals(0, m.transactionId());
    assertEquals(IcStatus.S_OK, m.status());
    assertEquals(56 - 28, m.bodyCapacity());
  }

  @Test
  void heartbeatNegotiatorAnswersReferenceRequestInPlace() {
    byte[] received = payload(NEGOTIATE_REQUEST);

    IcNegotiation result = IcNegotiator.HEARTBEAT.respond(message(received));

    assertEquals(IcNegotiation.Outcome.AGREED, result.outcome());
    assertEquals(IcVersion.V3_0, result.framework());
    assertEquals(IcVersion.V3_0, result.message());
    assertArrayEquals(payload(NEGOTIATE_RESPONSE), received);
  }

  @Test
  void hostAcceptsReferenceResponse() {
    IcNegotiation result = OPENVMM_HEARTBEAT_OFFER.check(message(payload(NEGOTIATE_RESPONSE)));

    assertTrue(result.agreed());
    assertEquals(IcVersion.V3_0, result.framework());
    assertEquals(IcVersion.V3_0, result.message());
  }

  @Test
  void hostRejectsTheUnansweredRequest() {
    assertEquals(
        IcNegotiation.Outcome.MALFORMED,
        OPENVMM_HEARTBEAT_OFFER.check(message(payload(NEGOTIATE_REQUEST))).outcome());
  }

  @Test
  void heartbeatRequestWriterMatchesReference() {
    byte[] expected = payload(HEARTBEAT_REQUEST);
    byte[] written = new byte[expected.length];
    Arrays.fill(written, (byte) 0x5A);
    int length =
        HeartbeatRequest.write(ByteBuffer.wrap(written), 0, IcVersion.V3_0, IcVersion.V3_0, 0x10);

    assertEquals(68, length);
    assertArrayEquals(Arrays.copyOf(expected, 68), Arrays.copyOf(written, 68));
  }

  @Test
  void heartbeatResponseMatchesReference() {
    byte[] received = payload(HEARTBEAT_REQUEST);
    byte[] expected = payload(HEARTBEAT_REQUEST);
    expected[0x29 - DESCRIPTOR] = 0x05;
    expected[0x2C - DESCRIPTOR] = 0x11;

    assertTrue(Heartbeat.respond(message(received)));

    assertArrayEquals(expected, received);
    assertTrue(HeartbeatRequest.isValidResponse(message(received), 0x10));
    assertFalse(HeartbeatRequest.isValidResponse(message(received), 0x11), "wrong sequence");
  }

  @Test
  void hostRejectsAnUnansweredHeartbeat() {
    assertFalse(HeartbeatRequest.isValidResponse(message(payload(HEARTBEAT_REQUEST)), 0x0F));
  }
}
