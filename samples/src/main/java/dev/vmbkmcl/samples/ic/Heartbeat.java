package dev.vmbkmcl.samples.ic;

/**
 * Guest side of the heartbeat IC (vmbus-ring-and-uio.md §5.4, kernel {@code
 * heartbeat_onchannelcallback}): the response is the request with {@code seq_num} incremented by
 * one and flags 0x05.
 *
 * <p>Body: {@code seq_num u64}@0 followed by 32 reserved bytes (OpenVMM reads bytes 8–11 as an
 * application state); only the first 8 bytes are required, the rest is echoed untouched.
 */
public final class Heartbeat {
  /** Body offset of {@code seq_num} (u64). */
  public static final int SEQUENCE = 0;

  /** Full body size a host sends: {@code seq_num} and 32 reserved bytes. */
  public static final int BODY_SIZE = 40;

  /** Smallest body the guest answers (the kernel's {@code sizeof(seq_num)} check). */
  public static final int MIN_BODY_SIZE = 8;

  private Heartbeat() {}

  /**
   * Edits a heartbeat request into its response in place: {@code seq_num + 1} (wrapping), status
   * S_OK, flags 0x05. Returns false, leaving the bytes untouched, when the message is not a
   * heartbeat or its body is shorter than 8 bytes; such a message is dropped, as the kernel drops
   * it.
   */
  public static boolean respond(IcMessage request) {
    if (request.messageType() != IcHeader.TYPE_HEARTBEAT
        || request.bodyCapacity() < MIN_BODY_SIZE) {
      return false;
    }
    int seq = request.bodyOffset() + SEQUENCE;
    request.buffer().putLong(seq, request.buffer().getLong(seq) + 1);
    request.answer(IcStatus.S_OK);
    return true;
  }
}
