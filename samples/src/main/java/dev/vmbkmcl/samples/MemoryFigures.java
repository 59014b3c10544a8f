package dev.vmbkmcl.samples;

import dev.vmbkmcl.Vmbkmcl;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * This machine's memory in 4 KiB pages, the unit of every Dynamic Memory count (reference §6.1),
 * as the JVM's operating-system bean reports it; zeros where a JVM does not report it.
 *
 * @param freePages memory not in use
 * @param usedPages memory in use (what a guest reports as committed)
 */
record MemoryFigures(long freePages, long usedPages) {
  /** The Hyper-V page, {@code PAGE_SIZE} of the facade. */
  private static final int PAGE = Vmbkmcl.PAGE_SIZE;

  /** The figures now. */
  static MemoryFigures now() {
    OperatingSystemMXBean bean = ManagementFactory.getOperatingSystemMXBean();
    if (bean instanceof com.sun.management.OperatingSystemMXBean os) {
      long total = os.getTotalMemorySize();
      long free = os.getFreeMemorySize();
      return new MemoryFigures(free / PAGE, Math.max(0, total - free) / PAGE);
    }
    return new MemoryFigures(0, 0);
  }
}
