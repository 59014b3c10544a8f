package dev.vmbkmcl.hyperv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Platform;
import org.junit.jupiter.api.Test;

/** Loading libc through JNA without JNA's {@code ldconfig -p} child process. */
class LibCTest {
  @Test
  void loadingLibcSetsJnasPlatformPathSoJnaSpawnsNoLdconfig() {
    assumeTrue(LibC.isSupportedPlatform(), "Linux on x86_64 or aarch64 only");

    long pageSize = LibC.sysconf(LibC.SC_PAGESIZE);

    assertTrue(pageSize >= 4096 && Long.bitCount(pageSize) == 1, "page size " + pageSize);
    // Surefire sets no such property, so the value is ours; JNA skips ldconfig when it is set.
    assertEquals(LibC.systemLibraryFolders(), System.getProperty(LibC.PLATFORM_LIBRARY_PATH));
  }

  @Test
  void theFoldersStartWithThisCpusMultiarchFolder() {
    String expected = "/usr/lib/" + (Platform.ARCH.equals("aarch64") ? "aarch64" : "x86_64")
        + "-linux-gnu:";
    assertTrue(LibC.systemLibraryFolders().startsWith(expected), LibC.systemLibraryFolders());
    assertTrue(LibC.systemLibraryFolders().endsWith(":/usr/lib:/lib"),
        LibC.systemLibraryFolders());
  }
}
