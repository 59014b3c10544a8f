package dev.vmbkmcl.samples.ic;

import java.nio.ByteBuffer;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Guest side of IC version negotiation, the algorithm of the kernel's {@code
 * vmbus_prep_negotiate_resp} (vmbus-ring-and-uio.md §5.3): our preference lists are searched in
 * order against the host's offers, and the received message is edited in place into the response.
 *
 * <p>Response on agreement: counts 1/1, {@code versions[0]} = framework, {@code versions[1]} =
 * message version, {@code icmsgsize} 16, status S_OK, flags 0x05; the rest of the payload stays as
 * received. On failure: counts 0/0, status E_FAIL, flags 0x05. Two deliberate departures from the
 * kernel, both only on failure paths: the version slots are left as received instead of being
 * filled with the kernel's {@code (fc).0 / (mc).0} artefact, and {@code icmsgsize} is never set
 * beyond the received body ({@code min(16, bodyCapacity)}), so a response never claims bytes it
 * does not carry. A body too short to hold the counts (under 4 bytes) is answered E_FAIL without
 * touching the body, as the kernel does.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class IcNegotiator {
  private static final List<IcVersion> UTIL_FRAMEWORKS = List.of(IcVersion.V3_0, IcVersion.V1_0);

  /** Heartbeat: framework 3.0, 1.0; message 3.0, 1.0. */
  public static final IcNegotiator HEARTBEAT =
      new IcNegotiator(UTIL_FRAMEWORKS, List.of(IcVersion.V3_0, IcVersion.V1_0));

  /** Shutdown: framework 3.0, 1.0; message 3.2, 3.1, 3.0, 1.0. */
  public static final IcNegotiator SHUTDOWN =
      new IcNegotiator(
          UTIL_FRAMEWORKS, List.of(IcVersion.V3_2, IcVersion.V3_1, IcVersion.V3_0, IcVersion.V1_0));

  /** Time sync: framework 3.0, 1.0; message 4.0, 3.0, 1.0. */
  public static final IcNegotiator TIMESYNC =
      new IcNegotiator(UTIL_FRAMEWORKS, List.of(IcVersion.V4_0, IcVersion.V3_0, IcVersion.V1_0));

  /** File copy (the tools/hv daemon's lists): framework 3.0 only; message 1.1. */
  public static final IcNegotiator FCOPY =
      new IcNegotiator(List.of(IcVersion.V3_0), List.of(IcVersion.V1_1));

  private final List<IcVersion> frameworkPreference;
  private final List<IcVersion> messagePreference;

  /**
   * A negotiator with our own preference lists, most preferred first.
   *
   * @throws IllegalArgumentException if a list is empty
   */
  public IcNegotiator(List<IcVersion> frameworkPreference, List<IcVersion> messagePreference) {
    if (frameworkPreference.isEmpty() || messagePreference.isEmpty()) {
      throw new IllegalArgumentException("IcNegotiator: empty preference list");
    }
    this.frameworkPreference = List.copyOf(frameworkPreference);
    this.messagePreference = List.copyOf(messagePreference);
  }

  /**
   * Answers a host's negotiate request in place and reports the chosen versions. Send the payload
   * back (same length, request's {@code trans_id}) whenever the result is {@link
   * IcNegotiation#answered()}.
   */
  public IcNegotiation respond(IcMessage request) {
    if (request.messageType() != IcHeader.TYPE_NEGOTIATE) {
      return IcNegotiation.failed(IcNegotiation.Outcome.NOT_NEGOTIATE);
    }
    int capacity = request.bodyCapacity();
    if (capacity < NegotiateBody.MIN_SIZE) {
      request.answer(IcStatus.E_FAIL);
      return IcNegotiation.failed(IcNegotiation.Outcome.MALFORMED);
    }
    ByteBuffer b = request.buffer();
    int body = request.bodyOffset();
    int frameworkCount = Short.toUnsignedInt(b.getShort(body + NegotiateBody.FRAMEWORK_COUNT));
    int messageCount = Short.toUnsignedInt(b.getShort(body + NegotiateBody.MESSAGE_COUNT));
    if (frameworkCount > NegotiateBody.MAX_COUNT
        || messageCount > NegotiateBody.MAX_COUNT
        || NegotiateBody.VERSIONS + NegotiateBody.VERSION_SIZE * (frameworkCount + messageCount)
            > capacity) {
      return refuse(request, IcNegotiation.Outcome.MALFORMED);
    }
    int frameworks = body + NegotiateBody.VERSIONS;
    int messages = frameworks + NegotiateBody.VERSION_SIZE * frameworkCount;
    IcVersion framework = firstOffered(frameworkPreference, b, frameworks, frameworkCount);
    IcVersion message = firstOffered(messagePreference, b, messages, messageCount);
    if (framework == null || message == null) {
      return refuse(request, IcNegotiation.Outcome.NO_COMMON_VERSION);
    }
    b.putShort(body + NegotiateBody.FRAMEWORK_COUNT, (short) 1);
    b.putShort(body + NegotiateBody.MESSAGE_COUNT, (short) 1);
    putVersion(b, frameworks, framework);
    putVersion(b, frameworks + NegotiateBody.VERSION_SIZE, message);
    request.setBodySize(NegotiateBody.RESPONSE_SIZE);
    request.answer(IcStatus.S_OK);
    return IcNegotiation.agreed(framework, message);
  }

  private static IcNegotiation refuse(IcMessage request, IcNegotiation.Outcome outcome) {
    ByteBuffer b = request.buffer();
    int body = request.bodyOffset();
    b.putShort(body + NegotiateBody.FRAMEWORK_COUNT, (short) 0);
    b.putShort(body + NegotiateBody.MESSAGE_COUNT, (short) 0);
    request.setBodySize(Math.min(NegotiateBody.RESPONSE_SIZE, request.bodyCapacity()));
    request.answer(IcStatus.E_FAIL);
    return IcNegotiation.failed(outcome);
  }

  private static @Nullable IcVersion firstOffered(
      List<IcVersion> preference, ByteBuffer b, int first, int count) {
    for (IcVersion wanted : preference) {
      for (int i = 0; i < count; i++) {
        if (getVersion(b, first + i * NegotiateBody.VERSION_SIZE).equals(wanted)) {
          return wanted;
        }
      }
    }
    return null;
  }

  static IcVersion getVersion(ByteBuffer b, int index) {
    return new IcVersion(
        Short.toUnsignedInt(b.getShort(index)), Short.toUnsignedInt(b.getShort(index + 2)));
  }

  static void putVersion(ByteBuffer b, int index, IcVersion version) {
    b.putShort(index, (short) version.major());
    b.putShort(index + 2, (short) version.minor());
  }
}
