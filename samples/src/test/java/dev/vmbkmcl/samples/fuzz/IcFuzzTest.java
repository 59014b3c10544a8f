package dev.vmbkmcl.samples.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vmbkmcl.samples.ic.Heartbeat;
import dev.vmbkmcl.samples.ic.HeartbeatRequest;
import dev.vmbkmcl.samples.ic.IcHeader;
import dev.vmbkmcl.samples.ic.IcMessage;
import dev.vmbkmcl.samples.ic.IcNegotiateRequest;
import dev.vmbkmcl.samples.ic.IcNegotiation;
import dev.vmbkmcl.samples.ic.IcNegotiator;
import dev.vmbkmcl.samples.ic.IcStatus;
import dev.vmbkmcl.samples.ic.IcVersion;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The guest's IC code over anything a host can send (vmbus-ring-and-uio.md §5.1–§5.4, §5.8): {@link
 * IcMessage#parse}, {@link IcNegotiator#respond} for every util IC, and {@link Heartbeat#respond}.
 * Nothing throws, nothing outside the received window is read or written, a response never claims
 * more body than it carries, and the negotiation result is the kernel algorithm's, recomputed here
 * from §5.3; only the fields §5.3 / §5.4 name change. An agreed response reads back as agreed on
 * the host side ({@link IcNegotiateRequest#check}).
 *
 * <p>Input: {@code u8 lead} (the payload starts {@code lead % 16} bytes into the window), {@code u8
 * negotiator} (heartbeat, shutdown, time sync, file copy), then the payload.
 */
class IcFuzzTest {
  private static final List<IcVersion> UTIL_FRAMEWORKS = List.of(IcVersion.V3_0, IcVersion.V1_0);
  private static final List<List<IcVersion>> MESSAGES = List.of(
      List.of(IcVersion.V3_0, IcVersion.V1_0),
      List.of(IcVersion.V3_2, IcVersion.V3_1, IcVersion.V3_0, IcVersion.V1_0),
      List.of(IcVersion.V4_0, IcVersion.V3_0, IcVersion.V1_0),
      List.of(IcVersion.V1_1));
  private static final List<IcNegotiator> NEGOTIATORS = List.of(IcNegotiator.HEARTBEAT,
      IcNegotiator.SHUTDOWN, IcNegotiator.TIMESYNC, IcNegotiator.FCOPY);
  private static final int BODY = IcHeader.SIZE;

  @FuzzTest(maxDuration = "2m")
  void guestAnswersAnyHostMessage(byte[] input) {
    FuzzBytes in = new FuzzBytes(input);
    int lead = in.u8() % 16;
    int which = in.u8() % NEGOTIATORS.size();
    byte[] payload = in.rest();
    List<IcVersion> frameworks = which == 3 ? List.of(IcVersion.V3_0) : UTIL_FRAMEWORKS;

    byte[][] results = new byte[2][];
    for (byte guard : new byte[] {0, (byte) 0xFF}) {
      Window negotiate = new Window(payload, lead, guard);
      IcMessage message = IcMessage.parse(negotiate.buffer, negotiate.offset, negotiate.length);
      boolean expectMessage = payload.length >= BODY && u16(payload, 18) <= payload.length - BODY;
      assertEquals(expectMessage, message != null, "IcMessage.parse");
      if (message == null) {
        return;
      }
      IcNegotiation got = NEGOTIATORS.get(which).respond(message);
      assertTrue(negotiate.guardsIntact(), "negotiation wrote outside the payload");
      checkNegotiation(payload, negotiate.payload(), got, frameworks, MESSAGES.get(which));
      results[guard == 0 ? 0 : 1] = negotiate.payload();

      Window heartbeat = new Window(payload, lead, guard);
      IcMessage beat = IcMessage.parse(heartbeat.buffer, heartbeat.offset, heartbeat.length);
      assertNotNull(beat);
      checkHeartbeat(payload, heartbeat, Heartbeat.respond(beat));
    }
    assertArrayEquals(results[0], results[1], "the answer depends on bytes outside the payload");
  }

  private static void checkNegotiation(byte[] request, byte[] response, IcNegotiation got,
      List<IcVersion> ourFrameworks, List<IcVersion> ourMessages) {
    byte[] expected = request.clone();
    ByteBuffer e = ByteBuffer.wrap(expected).order(ByteOrder.LITTLE_ENDIAN);
    int capacity = request.length - BODY;
    if (u16(request, 12) != IcHeader.TYPE_NEGOTIATE) {
      assertEquals(IcNegotiation.Outcome.NOT_NEGOTIATE, got.outcome());
      assertArrayEquals(request, response, "a message that is not NEGOTIATE is left alone");
      return;
    }
    e.put(25, (byte) IcHeader.FLAGS_GUEST_RESPONSE);
    if (capacity < 4) {
      // §5.3 step 1: too short for the counts, the body stays as received.
      e.putInt(20, IcStatus.E_FAIL);
      assertEquals(IcNegotiation.Outcome.MALFORMED, got.outcome());
      assertArrayEquals(expected, response);
      return;
    }
    int fc = u16(request, BODY);
    int mc = u16(request, BODY + 2);
    IcNegotiation.Outcome outcome;
    IcVersion framework = null;
    IcVersion message = null;
    if (fc > 100 || mc > 100 || 8 + 4 * (fc + mc) > capacity) {
      outcome = IcNegotiation.Outcome.MALFORMED;
    } else {
      framework = firstOffered(ourFrameworks, request, BODY + 8, fc);
      message = firstOffered(ourMessages, request, BODY + 8 + 4 * fc, mc);
      outcome = framework != null && message != null
          ? IcNegotiation.Outcome.AGREED : IcNegotiation.Outcome.NO_COMMON_VERSION;
    }
    assertEquals(outcome, got.outcome());
    if (outcome == IcNegotiation.Outcome.AGREED && framework != null && message != null) {
      assertEquals(framework, got.framework());
      assertEquals(message, got.message());
      e.putInt(20, IcStatus.S_OK).putShort(18, (short) 16);
      e.putShort(BODY, (short) 1).putShort(BODY + 2, (short) 1);
      e.putShort(BODY + 8, (short) framework.major()).putShort(BODY + 10, (short) framework.minor());
      e.putShort(BODY + 12, (short) message.major()).putShort(BODY + 14, (short) message.minor());
      assertArrayEquals(expected, response);
      IcMessage answer = IcMessage.parse(ByteBuffer.wrap(response), 0, response.length);
      assertNotNull(answer);
      IcNegotiation host = new IcNegotiateRequest(versions(request, BODY + 8, fc),
          versions(request, BODY + 8 + 4 * fc, mc)).check(answer);
      assertEquals(IcNegotiation.Outcome.AGREED, host.outcome(), "the host reads the answer back");
      assertEquals(framework, host.framework());
      assertEquals(message, host.message());
      return;
    }
    e.putInt(20, IcStatus.E_FAIL).putShort(18, (short) Math.min(16, capacity));
    e.putShort(BODY, (short) 0).putShort(BODY + 2, (short) 0);
    assertArrayEquals(expected, response, "a refusal: counts 0/0, E_FAIL, the rest as received");
  }

  private static void checkHeartbeat(byte[] request, Window window, boolean answered) {
    byte[] response = window.payload();
    assertTrue(window.guardsIntact(), "the heartbeat wrote outside the payload");
    boolean heartbeat = u16(request, 12) == IcHeader.TYPE_HEARTBEAT && request.length - BODY >= 8;
    assertEquals(heartbeat, answered, "§5.4: a heartbeat with an 8-byte sequence is answered");
    if (!heartbeat) {
      assertArrayEquals(request, response, "an unanswered message is left alone");
      return;
    }
    long sequence = ByteBuffer.wrap(request).order(ByteOrder.LITTLE_ENDIAN).getLong(BODY);
    byte[] expected = request.clone();
    ByteBuffer.wrap(expected).order(ByteOrder.LITTLE_ENDIAN).putLong(BODY, sequence + 1)
        .putInt(20, IcStatus.S_OK).put(25, (byte) IcHeader.FLAGS_GUEST_RESPONSE);
    assertArrayEquals(expected, response);
    IcMessage answer = IcMessage.parse(ByteBuffer.wrap(response), 0, response.length);
    assertNotNull(answer);
    assertTrue(HeartbeatRequest.isValidResponse(answer, sequence));
  }

  private static @Nullable IcVersion firstOffered(List<IcVersion> preference, byte[] b, int at, int count) {
    List<IcVersion> offered = versions(b, at, count);
    for (IcVersion wanted : preference) {
      if (offered.contains(wanted)) {
        return wanted;
      }
    }
    return null;
  }

  private static List<IcVersion> versions(byte[] b, int at, int count) {
    List<IcVersion> list = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      list.add(new IcVersion(u16(b, at + 4 * i), u16(b, at + 4 * i + 2)));
    }
    return list;
  }

  private static int u16(byte[] b, int at) {
    return at + 1 < b.length ? (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 : 0;
  }
}
