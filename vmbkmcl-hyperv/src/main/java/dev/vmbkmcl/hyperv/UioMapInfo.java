package dev.vmbkmcl.hyperv;

/**
 * One uio memory map as sysfs describes it in {@code /sys/class/uio/uioN/maps/mapK/} (ring reference
 * §4.2, §4.4). It is mmapped from {@code /dev/uioN} at file offset {@code index * PAGE_SIZE}.
 *
 * @param index K of {@code mapK}
 * @param name the {@code name} attribute, e.g. {@code txrx_rings}, {@code int_page}, {@code recv:42}
 * @param size the {@code size} attribute in bytes
 */
public record UioMapInfo(int index, String name, long size) {

  /** Map name of the primary channel's ring pair (map 0 on every kernel so far). */
  public static final String TXRX_RINGS = "txrx_rings";
}
