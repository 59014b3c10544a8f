package dev.vmbkmcl.samples.ic;

/**
 * One IC framework or message version, {@code struct ic_version {u16 major; u16 minor}}
 * (vmbus-ring-and-uio.md §5.2). On the wire: major then minor, each u16 little-endian.
 *
 * @param major the major number, 0..65535
 * @param minor the minor number, 0..65535
 */
public record IcVersion(int major, int minor) {
  /** Version 1.0 (framework of WS2008 hosts; oldest message version of every util IC). */
  public static final IcVersion V1_0 = new IcVersion(1, 0);

  /** Version 1.1 (file copy message version). */
  public static final IcVersion V1_1 = new IcVersion(1, 1);

  /** Version 3.0. */
  public static final IcVersion V3_0 = new IcVersion(3, 0);

  /** Version 3.1 (shutdown). */
  public static final IcVersion V3_1 = new IcVersion(3, 1);

  /** Version 3.2 (shutdown). */
  public static final IcVersion V3_2 = new IcVersion(3, 2);

  /** Version 4.0 (time sync with the v4 body). */
  public static final IcVersion V4_0 = new IcVersion(4, 0);

  /** Checks that both numbers fit in a u16. */
  public IcVersion {
    if ((major & ~0xFFFF) != 0 || (minor & ~0xFFFF) != 0) {
      throw new IllegalArgumentException("IC version out of u16 range: " + major + "." + minor);
    }
  }

  /** The kernel's packed form {@code (major << 16) | minor}. */
  public int packed() {
    return (major << 16) | minor;
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }
}
