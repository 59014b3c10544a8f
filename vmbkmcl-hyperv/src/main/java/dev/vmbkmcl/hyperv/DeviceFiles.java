package dev.vmbkmcl.hyperv;

import dev.vmbkmcl.NtStatus;
import java.nio.file.Path;

/**
 * Opens {@code /dev/uioN} and channel {@code ring} files read-write and turns the errno of a failed
 * open into an exception that says what to do (ring reference §4.6: both are root-only by default).
 */
final class DeviceFiles {

  private DeviceFiles() {}

  /**
   * Opens {@code file} with {@code O_RDWR | O_CLOEXEC}.
   *
   * @param file the device node or ring file
   * @param ifMissing the fix to print when the file does not exist
   * @return the descriptor; the caller closes it
   */
  static int openReadWrite(Path file, String ifMissing) throws HypervException {
    int fd = LibC.open(file.toString(), LibC.O_RDWR | LibC.O_CLOEXEC);
    if (fd >= 0) {
      return fd;
    }
    throw openFailure(file, LibC.errno(), ifMissing);
  }

  /** The exception for a failed open of {@code file} with {@code errno}. */
  static HypervException openFailure(Path file, int errno, String ifMissing) {
    return switch (errno) {
      case LibC.EACCES, LibC.EPERM -> new HypervException(
          NtStatus.STATUS_ACCESS_DENIED,
          "permission denied opening "
              + file
              + " ("
              + LibC.errnoName(errno)
              + "). Run as root, or give your user the file: chown $USER "
              + file
              + " (until the device is re-created), or for /dev/uioN a udev rule such as"
              + " SUBSYSTEM==\"uio\", KERNEL==\"uio*\", MODE=\"0660\", GROUP=\"<your group>\" in"
              + " /etc/udev/rules.d/99-vmbus-uio.rules");
      case LibC.ENOENT -> new HypervException(
          NtStatus.STATUS_NOT_FOUND, file + " does not exist. " + ifMissing);
      default -> new HypervException(
          NtStatus.STATUS_UNSUCCESSFUL,
          "open(" + file + ", O_RDWR) failed with " + LibC.errnoName(errno));
    };
  }
}
