package dev.vmbkmcl.samples.fcopy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vmbkmcl.samples.ic.IcStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every limit is checked at START, the first message that can know it, and a refused START leaves
 * nothing behind, CREATE_PATH directories included. One test per limit.
 */
class FcopyLimitsTest {
  private static final int CREATE_PATH = FcopyLayout.FLAG_CREATE_PATH;

  @TempDir Path root;

  private HostScript host(FcopySession session) {
    return new HostScript(session);
  }

  private void assertRefusedAtStart(FcopySession session, int status, String name, String path,
      long size) throws IOException {
    Set<String> before = HostScript.tree(root);
    assertEquals(status, host(session).start(name, path, CREATE_PATH, size), name + " in " + path);
    assertEquals(before, HostScript.tree(root), "a refused START left something behind");
    assertEquals(false, session.isReceiving());
  }

  @Test
  void aFileNameOverNameMaxBytesIsRefusedAtStart() throws IOException {
    try (FcopySession session = new FcopySession(root)) {
      assertRefusedAtStart(session, IcStatus.E_FAIL, "n".repeat(256), "new/dir", 1);
      // 86 three-byte characters are 258 bytes of UTF-8 in only 86 UTF-16 units.
      assertRefusedAtStart(session, IcStatus.E_FAIL, "\u20ac".repeat(86), "new/dir", 1);
      assertEquals(IcStatus.S_OK, host(session).push("\u20ac".repeat(85), "", 0, new byte[] {1}));
      assertEquals(IcStatus.S_OK, host(session).push("n".repeat(255), "", 0, new byte[] {1}));
    }
  }

  @Test
  void aPathComponentOverNameMaxBytesIsRefusedAtStart() throws IOException {
    try (FcopySession session = new FcopySession(root)) {
      assertRefusedAtStart(session, IcStatus.E_FAIL, "f", "ok/" + "d".repeat(256), 1);
      assertRefusedAtStart(session, IcStatus.E_FAIL, "f", "\u00e9".repeat(128) + "/x", 1);
    }
  }

  @Test
  void aPathOverTheLimitIsRefusedAtStart() throws IOException {
    int rootBytes = root.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8).length;
    // root + "/ab/cd/f" is exactly rootBytes + 8 bytes.
    FcopyLimits limits = new FcopyLimits(10, 10, rootBytes + 8);
    try (FcopySession session = new FcopySession(root, limits, false)) {
      assertRefusedAtStart(session, IcStatus.E_FAIL, "fg", "ab/cd", 1);
      assertEquals(IcStatus.S_OK, host(session).push("f", "ab/cd", CREATE_PATH, new byte[] {1}));
    }
    assertEquals(Set.of("ab/", "ab/cd/", "ab/cd/f"), HostScript.tree(root));
  }

  @Test
  void aFileLargerThanTheFreeSpaceIsDiskFullAtStart() throws IOException {
    try (FcopySession session = new FcopySession(root)) {
      assertRefusedAtStart(session, IcStatus.DISK_FULL, "huge.bin", "made/for/it", 1L << 62);
      assertRefusedAtStart(session, IcStatus.DISK_FULL, "huge.bin", "", Long.MAX_VALUE);
    }
  }

  @Test
  void theSessionFileCapRefusesTheNextStart() throws IOException {
    try (FcopySession session = new FcopySession(root, new FcopyLimits(2, 10, 4095), false)) {
      // A refused or cancelled file does not count.
      assertEquals(IcStatus.S_OK, host(session).start("cancelled", "", 0, 5));
      assertEquals(IcStatus.E_FAIL, host(session).cancel());
      assertEquals(IcStatus.S_OK, host(session).push("a", "", 0, new byte[] {1}));
      assertEquals(IcStatus.S_OK, host(session).push("b", "", 0, new byte[] {2}));
      assertEquals(2, session.filesCompleted());
      assertRefusedAtStart(session, IcStatus.E_FAIL, "c", "in/dir", 1);
    }
    assertEquals(Set.of("a", "b"), HostScript.tree(root));
  }

  @Test
  void theSessionDirectoryCapRefusesAStartThatNeedsMore() throws IOException {
    try (FcopySession session = new FcopySession(root, new FcopyLimits(10, 3, 4095), false)) {
      // Four missing levels against a cap of three: refused, and the three made are removed.
      assertRefusedAtStart(session, IcStatus.E_FAIL, "f", "a/b/c/d", 1);
      assertEquals(IcStatus.S_OK, host(session).push("f", "a/b", CREATE_PATH, new byte[] {1}));
      // Walking existing directories costs nothing; one more new one is within the cap.
      assertEquals(IcStatus.S_OK, host(session).push("g", "a/b/c", CREATE_PATH, new byte[] {1}));
      assertRefusedAtStart(session, IcStatus.E_FAIL, "h", "x", 1);
      assertEquals(IcStatus.S_OK, host(session).push("h", "a", CREATE_PATH, new byte[] {1}));
    }
    assertEquals(Set.of("a/", "a/b/", "a/b/f", "a/b/c/", "a/b/c/g", "a/h"),
        HostScript.tree(root));
  }

  @Test
  void aCancelledCreatePathFileTakesItsDirectoriesWithIt() throws IOException {
    Files.createDirectory(root.resolve("kept"));
    try (FcopySession session = new FcopySession(root)) {
      assertEquals(IcStatus.S_OK, host(session).start("f", "kept/new/newer", CREATE_PATH, 4));
      assertEquals(IcStatus.S_OK, host(session).write(0, new byte[] {1, 2}));
      assertEquals(IcStatus.E_FAIL, host(session).cancel());
      assertEquals(Set.of("kept/"), HostScript.tree(root));
      // The same for a COMPLETE that comes too early, and for a START that replaces the file.
      assertEquals(IcStatus.S_OK, host(session).start("f", "kept/new", CREATE_PATH, 4));
      assertEquals(IcStatus.E_FAIL, host(session).complete());
      assertEquals(IcStatus.S_OK, host(session).start("f", "kept/other", CREATE_PATH, 4));
      assertEquals(IcStatus.S_OK, host(session).start("f", "", 0, 4));
      assertEquals(Set.of("kept/"), HostScript.tree(root).stream()
          .filter(e -> !e.endsWith(".part")).collect(java.util.stream.Collectors.toSet()));
    }
    assertEquals(Set.of("kept/"), HostScript.tree(root));
  }

  @Test
  void limitsMustNotBeNegative() {
    assertThrows(IllegalArgumentException.class, () -> new FcopyLimits(-1, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new FcopyLimits(1, -1, 1));
    assertThrows(IllegalArgumentException.class, () -> new FcopyLimits(1, 1, 0));
  }
}
