package dev.vmbkmcl;

import java.nio.ByteBuffer;

/**
 * The argument rules {@link Vmbkmcl} shares between several functions: buffer sizes against their
 * {@link ByteBuffer}, unsigned ranges, page multiples, endpoint roles and the format flags of the
 * send functions. Every method is allocation-free unless it throws, because the send path runs
 * through here for every packet.
 */
final class FacadeChecks {
  /** {@code PAGE_SIZE} of the bounce-buffer and channel-storage rules. */
  static final int PAGE_SIZE = dev.vmbkmcl.ring.HvPage.SIZE;

  private static final int DATA_DIRECTION = KmclConstants.VMBUS_CHANNEL_FORMAT_FLAG_DATA_IN_ONLY
      | KmclConstants.VMBUS_CHANNEL_FORMAT_FLAG_DATA_OUT_ONLY;

  private FacadeChecks() {}

  /**
   * Enforces the facade's buffer convention: {@code size} (a C {@code UINT32}, so read unsigned)
   * bytes starting at the buffer's position must lie before its limit.
   *
   * @throws IllegalArgumentException naming the function, both parameters and both numbers
   */
  static void bufferHolds(ByteBuffer buffer, int size, String function, String bufferName,
      String sizeName) {
    if (Integer.toUnsignedLong(size) > buffer.remaining()) {
      throw new IllegalArgumentException(function + ": " + sizeName + " "
          + Integer.toUnsignedString(size) + " is larger than the " + buffer.remaining()
          + " bytes remaining in " + bufferName);
    }
  }

  /** True when the C {@code UINT32} {@code value} is above {@code limit}. */
  static boolean above(int value, long limit) {
    return Integer.toUnsignedLong(value) > limit;
  }

  /** True when {@code value} is a whole number of pages (0 included). */
  static boolean pageMultiple(int value) {
    return (value & (PAGE_SIZE - 1)) == 0;
  }

  /** {@code InitSet*} for either endpoint: legal only while Disabled (kmcl-api.md §5 item 4). */
  static boolean initSettable(VMBCHANNEL channel) {
    return channel.isDisabled();
  }

  /** A client-only {@code InitSet*}: Disabled and a client endpoint. */
  static boolean clientInitSettable(VMBCHANNEL channel) {
    return channel.isDisabled() && !channel.isServerEndpoint();
  }

  /** A server-only {@code InitSet*}: Disabled and a server endpoint. */
  static boolean serverInitSettable(VMBCHANNEL channel) {
    return channel.isDisabled() && channel.isServerEndpoint();
  }

  /**
   * The {@code VMBUS_CHANNEL_FORMAT_FLAG_*} rules of the send functions: no bit outside the mask;
   * {@code FORCE_MDL_LENGTH} only where an MDL length exists; {@code DATA_IN_ONLY} and {@code
   * DATA_OUT_ONLY} describe external data, so they need some and exclude each other; and external
   * data needs a call that waits for the peer's completion, because its memory must stay pinned
   * until then (kmcl-api.md §5 items 13 and 16).
   *
   * @param externalData whether the call carries an MDL or PFNs
   * @param mdlLengthParameter whether the call has an {@code MdlLength} for FORCE_MDL_LENGTH
   * @param completionAwaited whether the transaction lasts until the peer completes it
   */
  static boolean sendFlagsValid(int flags, boolean externalData, boolean mdlLengthParameter,
      boolean completionAwaited) {
    if ((flags & ~KmclConstants.VMBUS_CHANNEL_FORMAT_FLAGS) != 0) {
      return false;
    }
    if (!mdlLengthParameter
        && (flags & KmclConstants.VMBUS_CHANNEL_FORMAT_FLAG_FORCE_MDL_LENGTH) != 0) {
      return false;
    }
    int direction = flags & DATA_DIRECTION;
    if (direction == DATA_DIRECTION || (direction != 0 && !externalData)) {
      return false;
    }
    return !externalData || completionAwaited;
  }

  /** True when {@code flags} has {@code VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION}. */
  static boolean waitsForCompletion(int flags) {
    return (flags & KmclConstants.VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION) != 0;
  }
}
