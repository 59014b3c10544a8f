package dev.vmbkmcl.samples.ic;

import java.util.Locale;

/**
 * The HRESULT values an IC responder puts into the header's {@code status} field
 * (vmbus-ring-and-uio.md §5.2; kernel {@code HV_S_OK}, {@code HV_E_FAIL}, ...). Values are the
 * 32-bit codes as Java {@code int}s.
 */
public final class IcStatus {
  /** {@code HV_S_OK}. */
  public static final int S_OK = 0x00000000;

  /** {@code HV_E_FAIL}. */
  public static final int E_FAIL = 0x80004005;

  /** {@code HV_S_CONT}. */
  public static final int S_CONT = 0x80070103;

  /** {@code HV_ERROR_NOT_SUPPORTED}. */
  public static final int NOT_SUPPORTED = 0x80070032;

  /** {@code HV_ERROR_MACHINE_LOCKED}. */
  public static final int MACHINE_LOCKED = 0x800704F7;

  /** {@code HV_ERROR_DEVICE_NOT_CONNECTED}. */
  public static final int DEVICE_NOT_CONNECTED = 0x8007048F;

  /** {@code HV_INVALIDARG}. */
  public static final int INVALIDARG = 0x80070057;

  /** {@code HV_GUID_NOTFOUND}. */
  public static final int GUID_NOTFOUND = 0x80041002;

  /** {@code HV_ERROR_ALREADY_EXISTS}. */
  public static final int ALREADY_EXISTS = 0x80070050;

  /** {@code HV_ERROR_DISK_FULL}. */
  public static final int DISK_FULL = 0x80070070;

  private IcStatus() {}

  /**
   * A readable form such as {@code "E_FAIL (0x80004005)"}; unknown codes show only the hex value.
   */
  public static String describe(int status) {
    String hex = String.format(Locale.ROOT, "0x%08X", status);
    String name = nameOf(status);
    return name.isEmpty() ? hex : name + " (" + hex + ")";
  }

  private static String nameOf(int status) {
    return switch (status) {
      case S_OK -> "S_OK";
      case E_FAIL -> "E_FAIL";
      case S_CONT -> "S_CONT";
      case NOT_SUPPORTED -> "NOT_SUPPORTED";
      case MACHINE_LOCKED -> "MACHINE_LOCKED";
      case DEVICE_NOT_CONNECTED -> "DEVICE_NOT_CONNECTED";
      case INVALIDARG -> "INVALIDARG";
      case GUID_NOTFOUND -> "GUID_NOTFOUND";
      case ALREADY_EXISTS -> "ALREADY_EXISTS";
      case DISK_FULL -> "DISK_FULL";
      default -> "";
    };
  }
}
