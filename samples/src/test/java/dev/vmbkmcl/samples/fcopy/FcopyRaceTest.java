package dev.vmbkmcl.samples.fcopy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.vmbkmcl.samples.ic.IcStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local attacker racing the session: directories swapped for links while copies run, a
 * temporary or target file replaced by a link before the rename, a root that is or becomes a link.
 * Whatever the interleaving, nothing may appear outside the root, no temporary file or
 * CREATE_PATH directory of a refused copy may stay, and a copy answered S_OK must be in the root
 * with its bytes.
 */
class FcopyRaceTest {
  private static final int COPIES = 300;
  private static final long LIVENESS_NANOS = TimeUnit.SECONDS.toNanos(120);

  @TempDir Path sandbox;

  private Path root;
  private Path outside;

  @BeforeEach
  void layOut() throws IOException {
    root = Files.createDirectory(sandbox.resolve("root"));
    outside = Files.createDirectory(sandbox.resolve("outside"));
    Files.createDirectory(root.resolve("d"));
  }

  /**
   * Cycles {@code root/d}: moved away, a link to {@code outside} in its place, the link removed,
   * the directory moved back. Every step counts, done or failed (the session may have created a
   * {@code d} of its own meanwhile), so the copier can wait for the next one.
   */
  private final class Swapper implements Runnable {
    final AtomicBoolean stop = new AtomicBoolean();
    final AtomicLong steps = new AtomicLong();
    final AtomicReference<Throwable> failure = new AtomicReference<>();

    @Override
    public void run() {
      Path d = root.resolve("d");
      Path away = root.resolve("away");
      try {
        for (int step = 0; !stop.get(); step = (step + 1) % 4) {
          try {
            switch (step) {
              case 0 -> Files.move(d, away);
              case 1 -> Files.createSymbolicLink(d, outside);
              case 2 -> {
                if (Files.isSymbolicLink(d)) {
                  Files.delete(d);
                }
              }
              default -> Files.move(away, d);
            }
          } catch (IOException refusedByTheState) {
            // The session created d, or a move found its target non-empty: the next step goes on.
          }
          steps.incrementAndGet();
        }
      } catch (RuntimeException | Error e) {
        failure.set(e);
      }
    }

    /** Parks until the swapper has taken at least one more step. */
    void awaitStep() {
      long seen = steps.get();
      long deadline = System.nanoTime() + LIVENESS_NANOS;
      while (steps.get() == seen) {
        if (System.nanoTime() > deadline) {
          fail("the swapper stopped making progress");
        }
        Thread.onSpinWait();
      }
    }
  }

  private void swapWhileCopying(boolean createPath) throws Exception {
    Swapper swapper = new Swapper();
    Thread thread = new Thread(swapper, "swapper");
    Map<String, byte[]> received = new HashMap<>();
    List<String> refused = new ArrayList<>();
    try (FcopySession session = new FcopySession(root)) {
      HostScript host = new HostScript(session);
      thread.start();
      for (int i = 0; i < COPIES; i++) {
        String name = "f" + i;
        String path = createPath ? "d/s" + i : "d";
        byte[] content = ("copy " + i).getBytes(StandardCharsets.UTF_8);
        int status =
            host.start(name, path, createPath ? FcopyLayout.FLAG_CREATE_PATH : 0, content.length);
        swapper.awaitStep();
        if (status == IcStatus.S_OK) {
          status = host.write(0, content);
          swapper.awaitStep();
        }
        if (status == IcStatus.S_OK) {
          status = host.complete();
        }
        assertTrue(status == IcStatus.S_OK || status == IcStatus.E_FAIL, "status " + status);
        if (status == IcStatus.S_OK) {
          received.put(name, content);
        } else {
          refused.add(name);
        }
      }
    } finally {
      swapper.stop.set(true);
      thread.join(TimeUnit.NANOSECONDS.toMillis(LIVENESS_NANOS));
    }
    assertNull(swapper.failure.get());
    assertFalse(thread.isAlive());

    assertEquals(List.of(), HostScript.tree(outside).stream().toList(), "written outside");
    Map<String, Integer> copiesFound = new HashMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        String name = String.valueOf(p.getFileName());
        assertFalse(name.endsWith(".part"), () -> "stray temporary file " + p);
        if (Files.isSymbolicLink(p)) {
          assertEquals(root.resolve("d"), p, "a link the test did not make");
        } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          byte[] content = received.get(name);
          assertTrue(content != null, () -> "a file of a refused copy: " + p);
          assertArrayEquals(content, Files.readAllBytes(p));
          copiesFound.merge(name, 1, Integer::sum);
        } else if (createPath && name.startsWith("s")) {
          String file = "f" + name.substring(1);
          assertTrue(received.containsKey(file), () -> "CREATE_PATH directory left by " + file);
        }
      }
    }
    for (String name : received.keySet()) {
      assertEquals(1, copiesFound.getOrDefault(name, 0), () -> name + " answered S_OK");
    }
    // Copies succeed between the swaps. Whether a racing copy met the link depends on thread
    // timing (on an idle machine none may), so the refusal is proven once more deterministically:
    // with the swapper stopped and d a link, a copy is refused and writes nothing outside.
    assertFalse(received.isEmpty(), "no copy succeeded");
    Path link = root.resolve("d");
    if (!Files.isSymbolicLink(link)) {
      if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
        Files.move(link, root.resolve("moved-" + refused.size()));
      }
      Files.createSymbolicLink(link, outside);
    }
    try (FcopySession session = new FcopySession(root)) {
      int status = new HostScript(session)
          .start("last", createPath ? "d/last" : "d", createPath ? FcopyLayout.FLAG_CREATE_PATH : 0, 1);
      assertEquals(IcStatus.E_FAIL, status, "a copy into a linked directory");
    }
    assertEquals(List.of(), HostScript.tree(outside).stream().toList(), "written outside");
    if (Files.isSymbolicLink(link)) {
      Files.delete(link); // spares JUnit's warning about links leaving its temp dir
    }
  }

  @Test
  void directoriesSwappedForLinksDuringManyCopies() throws Exception {
    swapWhileCopying(false);
  }

  @Test
  void directoriesSwappedForLinksDuringManyCreatePathCopies() throws Exception {
    swapWhileCopying(true);
  }

  @Test
  void aDirectorySwappedAfterStartKeepsTheFileInTheOriginal() throws Exception {
    try (FcopySession session = new FcopySession(root)) {
      HostScript host = new HostScript(session);
      assertEquals(IcStatus.S_OK, host.start("f", "d", 0, 3));
      Files.move(root.resolve("d"), root.resolve("away"));
      Files.createSymbolicLink(root.resolve("d"), outside);
      assertEquals(IcStatus.S_OK, host.write(0, new byte[] {1, 2, 3}));
      assertEquals(IcStatus.S_OK, host.complete());
    }
    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(root.resolve("away/f")));
    assertEquals(List.of(), HostScript.tree(outside).stream().toList());
    Files.delete(root.resolve("d"));
  }

  /** The one .part file in {@code dir}. */
  private static Path temporary(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      List<Path> parts = list.filter(p -> p.toString().endsWith(".part")).toList();
      assertEquals(1, parts.size(), parts::toString);
      return parts.get(0);
    }
  }

  @Test
  void aTemporaryFileReplacedByALinkBeforeTheRenameIsRefused() throws Exception {
    Path secret = Files.write(outside.resolve("secret"), new byte[] {42});
    try (FcopySession session = new FcopySession(root)) {
      HostScript host = new HostScript(session);
      assertEquals(IcStatus.S_OK, host.start("f", "", 0, 2));
      assertEquals(IcStatus.S_OK, host.write(0, new byte[] {1, 2}));
      Path part = temporary(root);
      Files.delete(part);
      Files.createSymbolicLink(part, secret);

      assertEquals(IcStatus.E_FAIL, host.complete());

      assertFalse(Files.exists(root.resolve("f"), LinkOption.NOFOLLOW_LINKS));
      assertFalse(Files.exists(part, LinkOption.NOFOLLOW_LINKS), "the planted link is removed");
    }
    assertArrayEquals(new byte[] {42}, Files.readAllBytes(secret));
    assertEquals(Set.of("d/"), HostScript.tree(root));
  }

  @Test
  void aTargetReplacedByALinkBeforeTheRename() throws Exception {
    Path secret = Files.write(outside.resolve("secret"), new byte[] {42});
    try (FcopySession session = new FcopySession(root)) {
      HostScript host = new HostScript(session);
      // With OVER_WRITE the rename replaces the link itself, never the file it points to.
      assertEquals(IcStatus.S_OK, host.start("f", "", FcopyLayout.FLAG_OVER_WRITE, 2));
      assertEquals(IcStatus.S_OK, host.write(0, new byte[] {1, 2}));
      Files.createSymbolicLink(root.resolve("f"), secret);
      assertEquals(IcStatus.S_OK, host.complete());
      assertFalse(Files.isSymbolicLink(root.resolve("f")));
      assertArrayEquals(new byte[] {1, 2}, Files.readAllBytes(root.resolve("f")));

      // Without it the link stays, untouched, and the copy answers ALREADY_EXISTS.
      assertEquals(IcStatus.S_OK, host.start("g", "", 0, 2));
      assertEquals(IcStatus.S_OK, host.write(0, new byte[] {3, 4}));
      Files.createSymbolicLink(root.resolve("g"), secret);
      assertEquals(IcStatus.ALREADY_EXISTS, host.complete());
      assertTrue(Files.isSymbolicLink(root.resolve("g")));
      Files.delete(root.resolve("g"));
    }
    assertArrayEquals(new byte[] {42}, Files.readAllBytes(secret));
    assertEquals(List.of("d/", "f"), HostScript.tree(root).stream().toList());
  }

  @Test
  void aSymlinkedTargetRootIsRefused() throws Exception {
    Path link = Files.createSymbolicLink(sandbox.resolve("link"), outside);
    IOException e = assertThrows(IOException.class, () -> new FcopySession(link));
    assertTrue(String.valueOf(e.getMessage()).contains("ELOOP"), e::getMessage);
    Files.delete(link);
  }

  @Test
  void aRootSwappedForALinkAfterOpeningKeepsReceivingIntoTheOriginal() throws Exception {
    try (FcopySession session = new FcopySession(root)) {
      HostScript host = new HostScript(session);
      Files.move(root, sandbox.resolve("moved"));
      Files.createSymbolicLink(root, outside);
      assertEquals(IcStatus.S_OK, host.push("f", "d", 0, new byte[] {5}));
      assertEquals(IcStatus.S_OK, host.push("g", "new", FcopyLayout.FLAG_CREATE_PATH,
          new byte[] {6}));
    }
    assertArrayEquals(new byte[] {5}, Files.readAllBytes(sandbox.resolve("moved/d/f")));
    assertArrayEquals(new byte[] {6}, Files.readAllBytes(sandbox.resolve("moved/new/g")));
    assertEquals(List.of(), HostScript.tree(outside).stream().toList());
    Files.delete(root);
  }

  @Test
  void aTargetOtherUsersCanWriteToIsRefusedUnlessAllowed() throws Exception {
    for (String mode : List.of("rwxrwxrwx", "rwxrwx---", "rwx-w----", "rwx----w-")) {
      Path shared = Files.createDirectory(sandbox.resolve("shared-" + mode.hashCode()));
      Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString(mode));
      IOException e = assertThrows(IOException.class, () -> new FcopySession(shared));
      assertTrue(String.valueOf(e.getMessage()).contains("is writable by other users"), e::getMessage);
      new FcopySession(shared, FcopyLimits.DEFAULT, true).close();
    }
    new FcopySession(root).close(); // 0755: only its owner writes
  }
}
