package dev.vmbkmcl.samples;

import static dev.vmbkmcl.Vmbkmcl.*;

import dev.vmbkmcl.DeviceObject;
import dev.vmbkmcl.NtStatus;
import java.util.ServiceConfigurationError;

/**
 * The guest device on a real Hyper-V guest, obtained as a ported driver obtains it: {@code
 * VmbDefaultDeviceObject()} with the system property {@value #BACKEND_PROPERTY} set to {@code
 * hyperv}. Nothing here names a hyperv class, so the samples run unchanged whatever state the
 * backend module is in: without it, the user gets the facade's one-line reason.
 */
final class HypervGuest {
  /** The facade's backend-selection property (see {@code Vmbkmcl.VmbDefaultDeviceObject}). */
  static final String BACKEND_PROPERTY = "vmbkmcl.backend";

  private static final String NAME = SampleBackend.HYPERV.cliName();

  private HypervGuest() {}

  /**
   * The device whose client channels open this guest's VMBus devices.
   *
   * @throws SampleException when the hyperv backend is missing or cannot start, or when this JVM
   *     already chose another backend
   */
  static DeviceObject device() throws SampleException {
    System.setProperty(BACKEND_PROPERTY, NAME);
    DeviceObject device;
    try {
      device = VmbDefaultDeviceObject();
    } catch (RuntimeException | ServiceConfigurationError | LinkageError e) {
      throw new SampleException("the hyperv backend is not available: " + e.getMessage());
    }
    String chosen = device.backend().name();
    if (!chosen.equals(NAME)) {
      throw new SampleException("this JVM already runs the '" + chosen + "' backend; start a new"
          + " JVM for --backend hyperv");
    }
    return device;
  }

  /**
   * The failure of {@code VmbChannelEnable} for the {@code device} driver: the status and, when the
   * backend explains itself (for example "not bound to uio_hv_generic" with the command that binds
   * it), that explanation.
   */
  static SampleException enableFailed(DeviceObject device, String driver, NtStatus status) {
    String reason = BackendFailureReason.of(device.backend());
    String failed = driver + ": VmbChannelEnable failed with ";
    if (reason == null) {
      return new SampleException(failed + status);
    }
    // The backend's reason may already start with the status; say it once.
    return new SampleException(failed + (reason.startsWith(status.toString()) ? reason
        : status + ": " + reason));
  }
}
