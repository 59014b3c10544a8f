package dev.vmbkmcl.hyperv;

import dev.vmbkmcl.NtStatus;

/**
 * One failure of the Hyper-V backend: the {@code NTSTATUS} a KMCL call returned (or an {@link
 * HypervException} carried) together with the reason a person can act on, for example the commands
 * that bind a device to {@code uio_hv_generic}. {@link HypervBackend#lastError(dev.vmbkmcl.VMBCHANNEL)}
 * keeps the last one of each channel.
 *
 * @param status the status, one of {@link NtStatus}'s constants (kmcl-api.md §4.5)
 * @param reason what went wrong and what to do about it, without the status
 */
public record HypervError(NtStatus status, String reason) {
  /**
   * The status followed by the reason.
   *
   * @return for example {@code "STATUS_NOT_FOUND (0xC0000225): no VMBus device of ..."}
   */
  public String message() {
    return status + ": " + reason;
  }

  /** The same as {@link #message()}. */
  @Override
  public String toString() {
    return message();
  }
}
