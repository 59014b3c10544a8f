package dev.vmbkmcl;


/**
 * {@code PDEVICE_OBJECT}: a device object, as passed to {@code VmbChannelAllocate} as the parent and
 * returned by {@code VmbChannelGetTargetDeviceObject} / {@code VmbChannelGetParentDeviceObject}.
 *
 * <p>A device object belongs to one backend; every channel allocated under it is served by that
 * backend. Obtain one from the backend (for example the simulator's host or guest partition, or
 * {@link Vmbkmcl#VmbDefaultDeviceObject()} for the backend chosen by configuration).
 */
public class DeviceObject {
  private final KmclBackend backend;
  private final String name;

  /**
   * For backends: a device object named {@code name} served by {@code backend}.
   *
   * @param backend the backend that creates channels under this device
   * @param name a readable name for messages and {@link #toString()}
   */
  public DeviceObject(KmclBackend backend, String name) {
    this.backend = backend;
    this.name = name;
  }

  /** The backend that serves channels under this device. */
  public final KmclBackend backend() {
    return backend;
  }

  /** The readable name given by the backend. */
  public final String name() {
    return name;
  }

  @Override
  public String toString() {
    return "DEVICE_OBJECT(" + name + ")";
  }
}
