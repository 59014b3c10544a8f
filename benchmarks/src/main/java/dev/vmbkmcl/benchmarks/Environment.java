package dev.vmbkmcl.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The machine and JDK a run measured, as the results table's header states them.
 *
 * @param cpu the CPU model ({@code /proc/cpuinfo})
 * @param cores available processors
 * @param memoryGiB physical memory, GiB (0 when unknown)
 * @param os operating system name and version
 * @param jdk JVM name and runtime version
 * @param loadAtStart the 1-minute load average when the suite started ("?" when unknown)
 */
record Environment(String cpu, int cores, long memoryGiB, String os, String jdk, String loadAtStart) {
  /** What this machine and JVM are now. */
  static Environment current() {
    return new Environment(readCpuModel(), Runtime.getRuntime().availableProcessors(), readMemoryGiB(),
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
            + System.getProperty("os.arch"),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
        loadAverage());
  }

  /** The 1-minute load average now, or "?" off Linux. */
  static String loadAverage() {
    List<String> lines = read(Path.of("/proc/loadavg"));
    if (lines.isEmpty()) {
      return "?";
    }
    String first = lines.get(0);
    int space = first.indexOf(' ');
    return space < 0 ? first : first.substring(0, space);
  }

  private static String readCpuModel() {
    for (String line : read(Path.of("/proc/cpuinfo"))) {
      if (line.startsWith("model name")) {
        return line.substring(line.indexOf(':') + 1).trim();
      }
    }
    return System.getProperty("os.arch");
  }

  private static long readMemoryGiB() {
    for (String line : read(Path.of("/proc/meminfo"))) {
      if (line.startsWith("MemTotal:")) {
        String kib = line.replaceAll("[^0-9]", "");
        return kib.isEmpty() ? 0 : Math.round(Long.parseLong(kib) / (1024.0 * 1024.0));
      }
    }
    return 0;
  }

  private static List<String> read(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException | SecurityException e) {
      return List.of();
    }
  }

  /** One line: "AMD EPYC, 2 cores, 23 GiB, Linux 6.1 amd64". */
  String machine() {
    return String.format(Locale.ROOT, "%s, %d cores, %s, %s", cpu, cores,
        memoryGiB > 0 ? memoryGiB + " GiB" : "memory unknown", os);
  }
}
