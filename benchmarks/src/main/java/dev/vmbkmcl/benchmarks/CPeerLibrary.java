package dev.vmbkmcl.benchmarks;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import org.jspecify.annotations.Nullable;

/**
 * Where the C peer's shared library ({@code src/main/c/vmbring.c}, built by {@code run.sh} with gcc
 * -O2) is: the system property {@value #PROPERTY} when set, else {@code native/libvmbring.so} beside
 * the jar or classes folder this class was loaded from ({@code benchmarks/target/}).
 */
final class CPeerLibrary {
  /** System property naming the library file. */
  static final String PROPERTY = "vmbkmcl.cpeer";
  private static final String FILE = "native/libvmbring.so";

  private CPeerLibrary() {}

  /** The library path, existing or not. */
  static Path path() {
    String configured = System.getProperty(PROPERTY);
    if (configured != null && !configured.isEmpty()) {
      return Path.of(configured).toAbsolutePath();
    }
    Path base = codeLocation();
    return base == null ? Path.of(FILE).toAbsolutePath() : base.resolveSibling(FILE);
  }

  /**
   * The library path.
   *
   * @throws IllegalStateException when it is not there, saying how to build it
   */
  static Path require() {
    Path p = path();
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException("C peer library " + p + " is missing: benchmarks/run.sh builds"
          + " it with gcc (skipped where gcc is absent), or set -D" + PROPERTY + "=/path/libvmbring.so");
    }
    return p;
  }

  private static @Nullable Path codeLocation() {
    CodeSource source = CPeerLibrary.class.getProtectionDomain().getCodeSource();
    if (source == null) {
      return null;
    }
    try {
      return Path.of(source.getLocation().toURI());
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null;
    }
  }
}
