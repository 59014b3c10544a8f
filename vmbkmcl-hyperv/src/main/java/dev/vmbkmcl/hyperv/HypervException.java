package dev.vmbkmcl.hyperv;

/**
 * A Hyper-V backend failure the user can act on: an NTSTATUS code (the real values of kmcl-api.md
 * §4.5) plus a message that names the fix.
 *
 * <p>The status lets the KMCL layer return the failure unchanged as an {@code NTSTATUS}; the message
 * is for the person running the program (for example the exact commands that bind a device to
 * {@code uio_hv_generic}).
 */
public final class HypervException extends Exception {

  private static final long serialVersionUID = 1L;

  /** {@code STATUS_UNSUCCESSFUL}: an unexpected operating-system error. */
  public static final int STATUS_UNSUCCESSFUL = 0xC0000001;

  /** {@code STATUS_ACCESS_DENIED}: the process may not open the device or ring file. */
  public static final int STATUS_ACCESS_DENIED = 0xC0000022;

  /** {@code STATUS_NOT_SUPPORTED}: not a Hyper-V guest, kernel too old, or a ring we cannot drive. */
  public static final int STATUS_NOT_SUPPORTED = 0xC00000BB;

  /** {@code STATUS_INVALID_DEVICE_STATE}: the device is not bound to {@code uio_hv_generic}. */
  public static final int STATUS_INVALID_DEVICE_STATE = 0xC0000184;

  /** {@code STATUS_NOT_FOUND}: no such device, uio node, map or ring file. */
  public static final int STATUS_NOT_FOUND = 0xC0000225;

  /** {@code STATUS_INVALID_PARAMETER_3}: a GPADL handle the device does not have. */
  public static final int STATUS_INVALID_PARAMETER_3 = 0xC00000F1;

  /** {@code STATUS_DEVICE_REMOVED}: the host rescinded the channel ({@code EIO} from the uio fd). */
  public static final int STATUS_DEVICE_REMOVED = 0xC00002B6;

  private final int status;
  private final String message;

  /**
   * Creates an exception.
   *
   * @param status one of the {@code STATUS_*} constants of this class
   * @param message what went wrong and what to do about it
   */
  public HypervException(int status, String message) {
    super(statusName(status) + ": " + message);
    this.status = status;
    this.message = statusName(status) + ": " + message;
  }

  /**
   * Returns the readable status followed by what went wrong and how to fix it; never null.
   *
   * @return the message, e.g. {@code "STATUS_NOT_FOUND (0xC0000225): no VMBus device of ..."}
   */
  @Override
  public String getMessage() {
    return message;
  }

  /**
   * Returns the NTSTATUS code.
   *
   * @return the status, one of the {@code STATUS_*} constants of this class
   */
  public int status() {
    return status;
  }

  /**
   * Returns the readable form of a status, for example {@code "STATUS_NOT_FOUND (0xC0000225)"}.
   *
   * @param status an NTSTATUS code
   * @return its symbolic name (when it is one of this class's constants) and hex value
   */
  public static String statusName(int status) {
    String hex = String.format("0x%08X", status);
    String name =
        switch (status) {
          case STATUS_UNSUCCESSFUL -> "STATUS_UNSUCCESSFUL";
          case STATUS_ACCESS_DENIED -> "STATUS_ACCESS_DENIED";
          case STATUS_NOT_SUPPORTED -> "STATUS_NOT_SUPPORTED";
          case STATUS_INVALID_DEVICE_STATE -> "STATUS_INVALID_DEVICE_STATE";
          case STATUS_NOT_FOUND -> "STATUS_NOT_FOUND";
          case STATUS_DEVICE_REMOVED -> "STATUS_DEVICE_REMOVED";
          case STATUS_INVALID_PARAMETER_3 -> "STATUS_INVALID_PARAMETER_3";
          default -> "";
        };
    return name.isEmpty() ? hex : name + " (" + hex + ")";
  }
}
