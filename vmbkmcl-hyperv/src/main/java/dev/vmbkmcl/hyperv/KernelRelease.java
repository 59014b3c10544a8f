package dev.vmbkmcl.hyperv;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The running kernel's release ({@code uname -r}, e.g. {@code 6.12.38+deb12-amd64}), reduced to what
 * the uio backend decides on: uio_hv_generic drives channels without a monitor page only from Linux
 * 6.10 on (ring reference §4.7).
 *
 * @param text the release as read
 * @param major the major version
 * @param minor the minor version
 */
record KernelRelease(String text, int major, int minor) {

  private static final Pattern VERSION = Pattern.compile("^(\\d{1,4})\\.(\\d{1,4})");

  /** Reads and parses the release file; null when it is missing or does not start with N.M. */
  static @Nullable KernelRelease read(Path file) {
    return parse(SysfsAttributes.text(file));
  }

  /** Parses a release string; null when it does not start with N.M. */
  static @Nullable KernelRelease parse(@Nullable String text) {
    if (text == null) {
      return null;
    }
    Matcher m = VERSION.matcher(text);
    if (!m.find()) {
      return null;
    }
    return new KernelRelease(text, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
  }

  /** Whether this release is {@code major.minor} or newer. */
  boolean isAtLeast(int wantMajor, int wantMinor) {
    return major > wantMajor || (major == wantMajor && minor >= wantMinor);
  }
}
