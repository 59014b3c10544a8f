package dev.vmbkmcl.samples.ic;

/**
 * Body layout of an {@code ICMSGTYPE_NEGOTIATE} message, {@code struct icmsg_negotiate}
 * (vmbus-ring-and-uio.md §5.3). Offsets are relative to the body.
 */
final class NegotiateBody {
  /** {@code icframe_vercnt} (u16). */
  static final int FRAMEWORK_COUNT = 0;

  /** {@code icmsg_vercnt} (u16). */
  static final int MESSAGE_COUNT = 2;

  /** First {@code ic_version}: framework versions, then message versions. */
  static final int VERSIONS = 8;

  /** One {@code {u16 major, u16 minor}} entry. */
  static final int VERSION_SIZE = 4;

  /** The kernel answers "no match" to more versions than this in either list. */
  static final int MAX_COUNT = 100;

  /** Body size of a response: counts, reserved, two version slots. */
  static final int RESPONSE_SIZE = VERSIONS + 2 * VERSION_SIZE;

  /** The counts must be readable before anything is decided (§5.3 step 1). */
  static final int MIN_SIZE = 4;

  private NegotiateBody() {}
}
