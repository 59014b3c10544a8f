package dev.vmbkmcl.samples.ic;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Host side of IC version negotiation: writes the request as OpenVMM's host frames it and checks
 * the guest's answer (vmbus-ring-and-uio.md §5.3, §8.11). The request's IC header carries versions
 * 0.0.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class IcNegotiateRequest {
  /** OpenVMM's host offer for every util IC: frameworks 1.0 and 3.0. */
  public static final List<IcVersion> HOST_FRAMEWORKS = List.of(IcVersion.V1_0, IcVersion.V3_0);

  private static final IcVersion NONE = new IcVersion(0, 0);

  private final List<IcVersion> frameworks;
  private final List<IcVersion> messages;

  /**
   * A request offering these framework and message versions, in this order.
   *
   * @throws IllegalArgumentException if a list has more than 100 entries (a guest would refuse it)
   */
  public IcNegotiateRequest(List<IcVersion> frameworks, List<IcVersion> messages) {
    if (frameworks.size() > NegotiateBody.MAX_COUNT || messages.size() > NegotiateBody.MAX_COUNT) {
      throw new IllegalArgumentException(
          "IcNegotiateRequest: " + frameworks.size() + "/" + messages.size() + " versions");
    }
    this.frameworks = List.copyOf(frameworks);
    this.messages = List.copyOf(messages);
  }

  /** Size of the request payload before VMBus padding: {@code 28 + 8 + 4 * (fc + mc)}. */
  public int length() {
    return IcHeader.SIZE + bodySize();
  }

  private int bodySize() {
    return NegotiateBody.VERSIONS
        + NegotiateBody.VERSION_SIZE * (frameworks.size() + messages.size());
  }

  /**
   * Writes the request at absolute index {@code offset} of {@code dst} and returns its length.
   *
   * @throws IndexOutOfBoundsException if it does not fit below {@code dst}'s limit
   */
  public int write(ByteBuffer dst, int offset, int transactionId) {
    ByteBuffer b =
        IcRequestWriter.writeHeader(
            dst, offset, NONE, NONE, IcHeader.TYPE_NEGOTIATE, bodySize(), transactionId);
    int body = offset + IcHeader.SIZE;
    b.putShort(body + NegotiateBody.FRAMEWORK_COUNT, (short) frameworks.size());
    b.putShort(body + NegotiateBody.MESSAGE_COUNT, (short) messages.size());
    int slot = body + NegotiateBody.VERSIONS;
    for (IcVersion v : frameworks) {
      IcNegotiator.putVersion(b, slot, v);
      slot += NegotiateBody.VERSION_SIZE;
    }
    for (IcVersion v : messages) {
      IcNegotiator.putVersion(b, slot, v);
      slot += NegotiateBody.VERSION_SIZE;
    }
    return length();
  }

  /**
   * Checks a guest's answer to this request. {@link IcNegotiation.Outcome#AGREED} needs type
   * NEGOTIATE, flags 0x05, counts 1/1 and two versions this request offered; counts 0/0 give {@link
   * IcNegotiation.Outcome#NO_COMMON_VERSION}; anything else is {@link
   * IcNegotiation.Outcome#MALFORMED}. The status field is not consulted: kernel util drivers leave
   * it 0 on both outcomes.
   */
  public IcNegotiation check(IcMessage response) {
    if (response.messageType() != IcHeader.TYPE_NEGOTIATE) {
      return IcNegotiation.failed(IcNegotiation.Outcome.NOT_NEGOTIATE);
    }
    if (response.flags() != IcHeader.FLAGS_GUEST_RESPONSE
        || response.bodyCapacity() < NegotiateBody.MIN_SIZE) {
      return IcNegotiation.failed(IcNegotiation.Outcome.MALFORMED);
    }
    ByteBuffer b = response.buffer();
    int body = response.bodyOffset();
    int frameworkCount = Short.toUnsignedInt(b.getShort(body + NegotiateBody.FRAMEWORK_COUNT));
    int messageCount = Short.toUnsignedInt(b.getShort(body + NegotiateBody.MESSAGE_COUNT));
    if (frameworkCount == 0 && messageCount == 0) {
      return IcNegotiation.failed(IcNegotiation.Outcome.NO_COMMON_VERSION);
    }
    if (frameworkCount != 1
        || messageCount != 1
        || response.bodyCapacity() < NegotiateBody.RESPONSE_SIZE) {
      return IcNegotiation.failed(IcNegotiation.Outcome.MALFORMED);
    }
    int slot = body + NegotiateBody.VERSIONS;
    IcVersion framework = IcNegotiator.getVersion(b, slot);
    IcVersion message = IcNegotiator.getVersion(b, slot + NegotiateBody.VERSION_SIZE);
    if (!frameworks.contains(framework) || !messages.contains(message)) {
      return IcNegotiation.failed(IcNegotiation.Outcome.MALFORMED);
    }
    return IcNegotiation.agreed(framework, message);
  }
}
