package dev.vmbkmcl.hyperv;

import java.nio.file.Path;
import java.util.Properties;

/**
 * Where the Hyper-V backend looks for the kernel's files (ring reference §4.2): the VMBus sysfs root,
 * the uio class root, the device directory and the kernel release file. Every path is configurable
 * so that tests and unusual systems can point at another tree.
 *
 * @param vmbusRoot the VMBus bus directory, normally {@code /sys/bus/vmbus}
 * @param uioClassRoot the uio class directory, normally {@code /sys/class/uio}
 * @param devDir the directory holding {@code uioN} device nodes, normally {@code /dev}
 * @param kernelRelease the file holding the kernel release, normally {@code /proc/sys/kernel/osrelease}
 */
public record HypervPaths(Path vmbusRoot, Path uioClassRoot, Path devDir, Path kernelRelease) {

  /** System property overriding {@link #vmbusRoot()}. */
  public static final String SYSFS_PROPERTY = "vmbkmcl.hyperv.sysfs";

  /** System property overriding {@link #uioClassRoot()}. */
  public static final String UIO_CLASS_PROPERTY = "vmbkmcl.hyperv.uioClass";

  /** System property overriding {@link #devDir()}. */
  public static final String DEV_PROPERTY = "vmbkmcl.hyperv.dev";

  /** System property overriding {@link #kernelRelease()}. */
  public static final String OSRELEASE_PROPERTY = "vmbkmcl.hyperv.osrelease";

  private static final String DEFAULT_VMBUS = "/sys/bus/vmbus";
  private static final String DEFAULT_UIO_CLASS = "/sys/class/uio";
  private static final String DEFAULT_DEV = "/dev";
  private static final String DEFAULT_OSRELEASE = "/proc/sys/kernel/osrelease";

  /**
   * The real system's paths.
   *
   * @return {@code /sys/bus/vmbus}, {@code /sys/class/uio}, {@code /dev} and
   *     {@code /proc/sys/kernel/osrelease}
   */
  public static HypervPaths defaults() {
    return fromProperties(new Properties());
  }

  /**
   * The defaults, each overridden by its system property when set.
   *
   * @return the configured paths
   */
  public static HypervPaths fromSystemProperties() {
    return fromProperties(System.getProperties());
  }

  /**
   * The defaults, each overridden by its entry in {@code properties} when present ({@link
   * #SYSFS_PROPERTY}, {@link #UIO_CLASS_PROPERTY}, {@link #DEV_PROPERTY}, {@link
   * #OSRELEASE_PROPERTY}).
   *
   * @param properties where to look the overrides up
   * @return the configured paths
   */
  public static HypervPaths fromProperties(Properties properties) {
    return new HypervPaths(
        Path.of(properties.getProperty(SYSFS_PROPERTY, DEFAULT_VMBUS)),
        Path.of(properties.getProperty(UIO_CLASS_PROPERTY, DEFAULT_UIO_CLASS)),
        Path.of(properties.getProperty(DEV_PROPERTY, DEFAULT_DEV)),
        Path.of(properties.getProperty(OSRELEASE_PROPERTY, DEFAULT_OSRELEASE)));
  }

  /**
   * The directory of VMBus devices, {@code <vmbusRoot>/devices}.
   *
   * @return the devices directory
   */
  public Path devicesDir() {
    return vmbusRoot.resolve("devices");
  }

  /**
   * The directory of VMBus drivers, {@code <vmbusRoot>/drivers}.
   *
   * @return the drivers directory
   */
  public Path driversDir() {
    return vmbusRoot.resolve("drivers");
  }
}
