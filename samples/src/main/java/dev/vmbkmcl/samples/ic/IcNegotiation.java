package dev.vmbkmcl.samples.ic;

import org.jspecify.annotations.Nullable;

/**
 * Outcome of one IC version negotiation (vmbus-ring-and-uio.md §5.3), as decided by the guest's
 * {@link IcNegotiator} or as read back by the host's {@link IcNegotiateRequest}.
 *
 * @param outcome what happened
 * @param framework the chosen framework version, non-null exactly when {@code outcome == AGREED}
 * @param message the chosen message version, non-null exactly when {@code outcome == AGREED}
 */
public record IcNegotiation(
    Outcome outcome, @Nullable IcVersion framework, @Nullable IcVersion message) {

  /** Kinds of outcome. */
  public enum Outcome {
    /** Both a framework and a message version were found in the other side's lists. */
    AGREED,
    /** Well-formed lists without a common version (response counts 0/0). */
    NO_COMMON_VERSION,
    /**
     * The body is unusable: too short for the counts, a count above 100, version lists past the
     * received length, or (host side) a response that is not a valid answer to the request. The
     * guest still answers, with counts 0/0 where the body can hold them and status E_FAIL.
     */
    MALFORMED,
    /** Not a negotiate message at all; nothing was edited and nothing should be sent. */
    NOT_NEGOTIATE
  }

  /** Checks that versions are present exactly for {@link Outcome#AGREED}. */
  public IcNegotiation {
    boolean agreed = outcome == Outcome.AGREED;
    if (agreed != (framework != null) || agreed != (message != null)) {
      throw new IllegalArgumentException(outcome + " with versions " + framework + "/" + message);
    }
  }

  static IcNegotiation agreed(IcVersion framework, IcVersion message) {
    return new IcNegotiation(Outcome.AGREED, framework, message);
  }

  static IcNegotiation failed(Outcome outcome) {
    return new IcNegotiation(outcome, null, null);
  }

  /** True when versions were agreed. */
  public boolean agreed() {
    return outcome == Outcome.AGREED;
  }

  /** True when the guest edited the message into a response that must be sent back. */
  public boolean answered() {
    return outcome != Outcome.NOT_NEGOTIATE;
  }
}
