package dev.vmbkmcl.samples;

import static dev.vmbkmcl.Vmbkmcl.*;

import dev.vmbkmcl.DeviceObject;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.hyperv.HypervBackend;
import dev.vmbkmcl.hyperv.HypervError;
import java.util.ServiceConfigurationError;

/**
 * The guest device on a real Hyper-V guest, obtained as a ported driver obtains it: {@code
 * VmbDefaultDeviceObject()} with the system property {@value #BACKEND_PROPERTY} set to {@code
 * hyperv}; a failed Enable is explained by {@link HypervBackend#lastError(VMBCHANNEL)}, called
 * directly (samples depend on vmbkmcl-hyperv).
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
   * The failure of {@code VmbChannelEnable} of {@code channel} for the {@code driver}: the status
   * and, when the backend is hyperv (for example "not bound to uio_hv_generic" with the command that
   * binds it), the reason it recorded for that channel.
   */
  static SampleException enableFailed(DeviceObject device, VMBCHANNEL channel, String driver,
      NtStatus status) {
    HypervBackend hyperv = HypervBackend.of(device);
    HypervError error = hyperv != null ? hyperv.lastError(channel) : null;
    String failed = driver + ": VmbChannelEnable failed with " + status;
    return new SampleException(error == null ? failed : failed + ": " + error.reason());
  }
}
