package dev.vmbkmcl.hyperv;

import dev.vmbkmcl.NtStatus;

/**
 * A Hyper-V backend failure the user can act on: an {@link NtStatus} (the real values of
 * kmcl-api.md §4.5, the api's own constants) plus a reason that names the fix, together one {@link
 * HypervError}.
 *
 * <p>The status lets the KMCL layer return the failure unchanged as an {@code NTSTATUS}; the reason
 * is for the person running the program (for example the exact commands that bind a device to
 * {@code uio_hv_generic}).
 */
public final class HypervException extends Exception {

  private static final long serialVersionUID = 2L;

  @SuppressWarnings("serial") // a record of an NtStatus and a String; never serialised in practice
  private final HypervError error;

  /**
   * Creates an exception.
   *
   * @param status the status the failing KMCL call returns, for example {@link
   *     NtStatus#STATUS_NOT_FOUND}
   * @param reason what went wrong and what to do about it
   */
  public HypervException(NtStatus status, String reason) {
    this(new HypervError(status, reason));
  }

  /**
   * Creates an exception that carries {@code error}.
   *
   * @param error the status and reason
   */
  public HypervException(HypervError error) {
    super(error.message());
    this.error = error;
  }

  /**
   * The status and the reason.
   *
   * @return the failure this exception carries
   */
  public HypervError error() {
    return error;
  }

  /**
   * The NTSTATUS.
   *
   * @return the status, for example {@link NtStatus#STATUS_NOT_FOUND}
   */
  public NtStatus status() {
    return error.status();
  }

  /**
   * What went wrong and how to fix it, without the status.
   *
   * @return the reason
   */
  public String reason() {
    return error.reason();
  }

  /**
   * The readable status followed by the reason; never null.
   *
   * @return the message, e.g. {@code "STATUS_NOT_FOUND (0xC0000225): no VMBus device of ..."}
   */
  @Override
  public String getMessage() {
    return error.message();
  }
}
