package dev.vmbkmcl.samples.fcopy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmbkmcl.samples.ic.IcHeader;
import dev.vmbkmcl.samples.ic.IcMessage;
import dev.vmbkmcl.samples.ic.IcStatus;
import dev.vmbkmcl.samples.ic.IcVersion;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file writer driven end to end through IC payloads as the host sends them: encode, parse,
 * decode, handle, answer. Every hostile case must answer a failure, leave no file behind and leave
 * the session able to receive the next file.
 */
class FcopySessionTest {
  private static final int OVER_WRITE = FcopyLayout.FLAG_OVER_WRITE;
  private static final int CREATE_PATH = FcopyLayout.FLAG_CREATE_PATH;

  @TempDir Path root;
  @TempDir Path outside;

  private FcopySession session;
  private final FcopyRequests host = new FcopyRequests(IcVersion.V3_0, IcVersion.V1_1);
  private final ByteBuffer wire =
      ByteBuffer.allocate(IcHeader.SIZE + FcopyLayout.WRITE_MAX_SIZE + 64)
          .order(ByteOrder.LITTLE_ENDIAN);

  @BeforeEach
  void openSession() throws IOException {
    session = new FcopySession(root);
  }

  @AfterEach
  void closeSession() {
    session.close();
  }

  // ---- host side helpers --------------------------------------------------------------------

  /** Delivers the request in {@code wire[0, length)} and returns the status of the response. */
  private int deliver(int length) {
    IcMessage m = IcMessage.parse(wire, 0, length);
    assertNotNull(m);
    int status = session.handle(FcopyDecoder.decode(m));
    m.answer(status);
    assertEquals(status, m.status());
    assertEquals(IcHeader.FLAGS_GUEST_RESPONSE, m.flags());
    return status;
  }

  private int start(String fileName, String pathName, int flags, long size) {
    return deliver(host.start(wire, 0, fileName, pathName, flags, size));
  }

  private int write(long offset, byte[] data, int from, int count) {
    return deliver(host.write(wire, 0, offset, ByteBuffer.wrap(data, from, count)));
  }

  private int complete() {
    return deliver(host.complete(wire, 0));
  }

  private int cancel() {
    return deliver(host.cancel(wire, 0));
  }

  /** Sends a whole file in 6,144-byte fragments; returns the first status that is not S_OK. */
  private int push(String fileName, String pathName, int flags, byte[] content) {
    int status = start(fileName, pathName, flags, content.length);
    for (int at = 0; status == IcStatus.S_OK && at < content.length; at += FcopyLayout.MAX_DATA) {
      status = write(at, content, at, Math.min(FcopyLayout.MAX_DATA, content.length - at));
    }
    return status == IcStatus.S_OK ? complete() : status;
  }

  private static byte[] content(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  /** Every entry under {@code dir}, as relative paths with '/' (directories end with '/'). */
  private static Set<String> tree(Path dir) throws IOException {
    Set<String> out = new TreeSet<>();
    try (Stream<Path> all = Files.walk(dir)) {
      all.filter(p -> !p.equals(dir))
          .forEach(
              p ->
                  out.add(
                      dir.relativize(p).toString().replace('\\', '/')
                          + (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "/" : "")));
    }
    return out;
  }

  private void assertReceived(String relative, byte[] expected) throws IOException {
    assertArrayEquals(expected, Files.readAllBytes(root.resolve(relative)));
  }

  /** The session is idle and a fresh file still arrives intact. */
  private void assertStillWorks() throws IOException {
    assertFalse(session.isReceiving());
    byte[] probe = content(100, 99);
    assertEquals(IcStatus.S_OK, push("probe.bin", "", OVER_WRITE, probe));
    assertReceived("probe.bin", probe);
    Files.delete(root.resolve("probe.bin"));
  }

  private void assertHostileStart(String fileName, String pathName, int flags) throws IOException {
    Set<String> before = tree(root);
    Set<String> outsideBefore = tree(outside);

    assertEquals(
        IcStatus.E_FAIL, start(fileName, pathName, flags, 3), fileName + " in " + pathName);

    assertEquals(before, tree(root), "nothing created under the root");
    assertEquals(outsideBefore, tree(outside), "nothing created outside the root");
    assertStillWorks();
  }

  // ---- files that must arrive byte for byte ---------------------------------------------------

  @Test
  void emptyFile() throws IOException {
    assertEquals(IcStatus.S_OK, push("empty", "", 0, new byte[0]));
    assertReceived("empty", new byte[0]);
    assertEquals(Set.of("empty"), tree(root));
  }

  @Test
  void oneByteFile() throws IOException {
    assertEquals(IcStatus.S_OK, push("one", "", 0, new byte[] {42}));
    assertReceived("one", new byte[] {42});
  }

  @Test
  void exactlyOneFragment() throws IOException {
    byte[] data = content(6144, 1);
    assertEquals(IcStatus.S_OK, push("fragment.bin", "", 0, data));
    assertReceived("fragment.bin", data);
  }

  @Test
  void tenMebibytesInManyWrites() throws IOException {
    byte[] data = content(10 * 1024 * 1024, 2);
    assertEquals(IcStatus.S_OK, push("big.bin", "", 0, data));
    assertReceived("big.bin", data);
    assertEquals(Set.of("big.bin"), tree(root), "temporary file gone");
  }

  @Test
  void unicodeNameAndNestedPathWithCreatePath() throws IOException {
    byte[] data = "hello".getBytes(StandardCharsets.UTF_8);
    String name = "gr\u00fc\u00dfe-\ud83d\ude00.txt";
    assertEquals(IcStatus.S_OK, push(name, "a/b/c/", CREATE_PATH, data));
    assertReceived("a/b/c/" + name, data);
  }

  @Test
  void fileIsInvisibleUntilComplete() throws IOException {
    byte[] data = content(10, 3);
    assertEquals(IcStatus.S_OK, start("late.bin", "", 0, 10));
    assertEquals(IcStatus.S_OK, write(0, data, 0, 10));

    assertFalse(Files.exists(root.resolve("late.bin")));
    assertTrue(session.isReceiving());
    assertEquals(IcStatus.S_OK, complete());
    assertReceived("late.bin", data);
  }

  @Test
  void existingDirectoryWithoutCreatePath() throws IOException {
    Files.createDirectories(root.resolve("in/here"));
    assertEquals(IcStatus.S_OK, push("f", "in/here", 0, new byte[] {1}));
    assertReceived("in/here/f", new byte[] {1});
  }

  @Test
  void symlinkInsideTheRootIsNotFollowedEither() throws IOException {
    // No link is followed, not even one that stays inside: whether it stays is decided by
    // resolving it, and that resolution is what a local process could race.
    Files.createDirectory(root.resolve("real"));
    Files.createSymbolicLink(root.resolve("alias"), root.resolve("real"));
    assertHostileStart("f", "alias", 0);
    assertHostileStart("f", "alias", CREATE_PATH);
    assertEquals(Set.of("alias", "real/"), tree(root));
  }

  // ---- existing files ---------------------------------------------------------------------------

  @Test
  void existingFileWithoutOverwriteIsAlreadyExists() throws IOException {
    Files.write(root.resolve("keep.txt"), new byte[] {1, 2, 3});

    assertEquals(IcStatus.ALREADY_EXISTS, start("keep.txt", "", 0, 1));

    assertReceived("keep.txt", new byte[] {1, 2, 3});
    assertEquals(Set.of("keep.txt"), tree(root));
    assertStillWorks();
  }

  @Test
  void existingFileWithOverwriteIsReplaced() throws IOException {
    Files.write(root.resolve("swap.txt"), new byte[] {1, 2, 3});
    byte[] data = content(5000, 4);
    assertEquals(IcStatus.S_OK, push("swap.txt", "", OVER_WRITE, data));
    assertReceived("swap.txt", data);
  }

  @Test
  void fileThatAppearsDuringTheCopyIsNotReplacedWithoutOverwrite() throws IOException {
    assertEquals(IcStatus.S_OK, start("race.txt", "", 0, 1));
    assertEquals(IcStatus.S_OK, write(0, new byte[] {9}, 0, 1));
    Files.write(root.resolve("race.txt"), new byte[] {5});

    assertEquals(IcStatus.ALREADY_EXISTS, complete());

    assertReceived("race.txt", new byte[] {5});
    assertEquals(Set.of("race.txt"), tree(root));
    assertStillWorks();
  }

  @Test
  void directoryInPlaceOfTheFile() throws IOException {
    Files.createDirectory(root.resolve("dir"));
    assertHostileStart("dir", "", OVER_WRITE);
  }

  @Test
  void overwritingASymlinkReplacesTheLinkNotItsTarget() throws IOException {
    Path secret = Files.write(outside.resolve("secret"), new byte[] {1});
    Files.createSymbolicLink(root.resolve("link"), secret);

    assertEquals(IcStatus.S_OK, push("link", "", OVER_WRITE, new byte[] {2, 2}));

    assertArrayEquals(new byte[] {1}, Files.readAllBytes(secret));
    assertFalse(Files.isSymbolicLink(root.resolve("link")));
    assertReceived("link", new byte[] {2, 2});
  }

  // ---- hostile names and paths ----------------------------------------------------------------

  @Test
  void dotDotInThePath() throws IOException {
    assertHostileStart("x", "..", CREATE_PATH);
    assertHostileStart("x", "../escape", CREATE_PATH);
    assertHostileStart("x", "a/../../escape", CREATE_PATH);
  }

  @Test
  void dotAndDotDotAsFileName() throws IOException {
    assertHostileStart("..", "", OVER_WRITE);
    assertHostileStart(".", "", OVER_WRITE);
  }

  @Test
  void absolutePath() throws IOException {
    assertHostileStart("x", outside.toString(), CREATE_PATH);
    assertHostileStart("x", "/", 0);
  }

  @Test
  void backslashes() throws IOException {
    assertHostileStart("x", "..\\..\\escape", CREATE_PATH);
    assertHostileStart("a\\..\\..\\x", "", 0);
    assertHostileStart("x", "\\\\server\\share", CREATE_PATH);
  }

  @Test
  void driveLetters() throws IOException {
    assertHostileStart("x", "C:\\Windows", CREATE_PATH);
    assertHostileStart("x", "C:", CREATE_PATH);
    assertHostileStart("C:x", "", 0);
  }

  @Test
  void slashTricks() throws IOException {
    assertHostileStart("x", "a//b", CREATE_PATH);
    assertHostileStart("x", "./a", CREATE_PATH);
    assertHostileStart("x", "a/./b", CREATE_PATH);
    assertHostileStart("x", "//", CREATE_PATH);
    assertHostileStart("a/b", "", CREATE_PATH);
    assertHostileStart("", "", 0);
  }

  @Test
  void controlCharacters() throws IOException {
    assertHostileStart("evil\nname", "", 0);
  }

  @Test
  void symlinkLeadingOutOfTheRoot() throws IOException {
    Files.createSymbolicLink(root.resolve("out"), outside);
    assertHostileStart("x", "out", 0);
    assertHostileStart("x", "out/deeper", CREATE_PATH);
    assertFalse(Files.exists(outside.resolve("deeper")));
    Files.delete(root.resolve("out")); // spares JUnit's warning about links leaving its temp dir
  }

  @Test
  void symlinkOutDeepInThePath() throws IOException {
    Files.createDirectories(root.resolve("a/b"));
    Files.createSymbolicLink(root.resolve("a/b/up"), root.resolve("a/b/../../.."));
    assertHostileStart("x", "a/b/up", CREATE_PATH);
    Files.delete(root.resolve("a/b/up"));
  }

  @Test
  void missingDirectoryWithoutCreatePath() throws IOException {
    assertHostileStart("x", "nowhere", 0);
  }

  @Test
  void nameWithoutTerminatorAbandonsTheOpenFile() throws IOException {
    assertEquals(IcStatus.S_OK, start("open.bin", "", 0, 4));
    assertEquals(IcStatus.S_OK, write(0, new byte[] {1, 2}, 0, 2));

    assertEquals(IcStatus.E_FAIL, start("n".repeat(260), "", 0, 1));

    assertEquals(Set.of(), tree(root));
    assertStillWorks();
  }

  @Test
  void unpairedSurrogateInName() throws IOException {
    assertHostileStart("bad\ud800", "", 0);
    assertHostileStart("x", "dir\udc00", CREATE_PATH);
  }

  @Test
  void fileSizeBeyondSignedRange() throws IOException {
    assertEquals(IcStatus.E_FAIL, start("huge", "", 0, -1L));
    assertEquals(Set.of(), tree(root));
    assertStillWorks();
  }

  // ---- hostile sequences ------------------------------------------------------------------------

  @Test
  void writePastTheAnnouncedSize() throws IOException {
    byte[] data = content(11, 5);
    assertEquals(IcStatus.S_OK, start("short.bin", "", 0, 10));

    assertEquals(IcStatus.E_FAIL, write(0, data, 0, 11));

    assertEquals(Set.of(), tree(root));
    assertEquals(IcStatus.E_FAIL, complete(), "the file was abandoned");
    assertStillWorks();
  }

  @Test
  void secondWritePastTheAnnouncedSize() throws IOException {
    byte[] data = content(12, 5);
    assertEquals(IcStatus.S_OK, start("short.bin", "", 0, 10));
    assertEquals(IcStatus.S_OK, write(0, data, 0, 6));

    assertEquals(IcStatus.E_FAIL, write(6, data, 6, 6));

    assertEquals(Set.of(), tree(root));
    assertStillWorks();
  }

  @Test
  void outOfOrderWrite() throws IOException {
    byte[] data = content(20, 6);
    assertEquals(IcStatus.S_OK, start("gap.bin", "", 0, 20));

    assertEquals(IcStatus.E_FAIL, write(10, data, 10, 10));

    assertEquals(Set.of(), tree(root));
    assertStillWorks();
  }

  @Test
  void repeatedWrite() throws IOException {
    byte[] data = content(20, 6);
    assertEquals(IcStatus.S_OK, start("again.bin", "", 0, 20));
    assertEquals(IcStatus.S_OK, write(0, data, 0, 10));

    assertEquals(IcStatus.E_FAIL, write(0, data, 0, 10));

    assertEquals(Set.of(), tree(root));
    assertStillWorks();
  }

  @Test
  void completeBeforeAllBytesArrived() throws IOException {
    byte[] data = content(20, 7);
    assertEquals(IcStatus.S_OK, start("partial.bin", "", 0, 20));
    assertEquals(IcStatus.S_OK, write(0, data, 0, 19));

    assertEquals(IcStatus.E_FAIL, complete());

    assertEquals(Set.of(), tree(root));
    assertStillWorks();
  }

  @Test
  void cancelMidFile() throws IOException {
    byte[] data = content(9000, 8);
    assertEquals(IcStatus.S_OK, start("cancelled.bin", "", 0, data.length));
    assertEquals(IcStatus.S_OK, write(0, data, 0, 6144));

    assertEquals(IcStatus.E_FAIL, cancel());

    assertEquals(Set.of(), tree(root));
    assertEquals(IcStatus.E_FAIL, write(6144, data, 6144, data.length - 6144));
    assertStillWorks();
  }

  @Test
  void cancelWhenIdleIsHarmless() throws IOException {
    assertEquals(IcStatus.S_OK, cancel());
    assertStillWorks();
  }

  @Test
  void writeAndCompleteWithoutStart() throws IOException {
    assertEquals(IcStatus.E_FAIL, write(0, new byte[] {1}, 0, 1));
    assertEquals(IcStatus.E_FAIL, complete());
    assertStillWorks();
  }

  @Test
  void startWhileAFileIsOpenDiscardsIt() throws IOException {
    assertEquals(IcStatus.S_OK, start("first.bin", "", 0, 5));
    assertEquals(IcStatus.S_OK, write(0, new byte[] {1, 2}, 0, 2));

    byte[] second = content(3, 9);
    assertEquals(IcStatus.S_OK, push("second.bin", "", 0, second));

    assertEquals(Set.of("second.bin"), tree(root));
    assertReceived("second.bin", second);
  }

  @Test
  void oversizedWriteFieldAbandonsTheOpenFile() throws IOException {
    assertEquals(IcStatus.S_OK, start("f.bin", "", 0, 10_000));
    int length = host.write(wire, 0, 0, ByteBuffer.allocate(FcopyLayout.MAX_DATA));
    wire.putInt(IcHeader.SIZE + FcopyLayout.WRITE_SIZE, FcopyLayout.MAX_DATA + 1);

    assertEquals(IcStatus.E_FAIL, deliver(length));

    assertEquals(Set.of(), tree(root));
    assertStillWorks();
  }

  @Test
  void closeDiscardsTheOpenFile() throws IOException {
    assertEquals(IcStatus.S_OK, start("f.bin", "", 0, 10));
    session.close();
    assertEquals(Set.of(), tree(root));
  }

  // ---- status mapping
  // -----------------------------------------------------------------------------

  @Test
  void noSpaceLeftIsDiskFull() {
    assertEquals(
        IcStatus.DISK_FULL, FcopyTransfer.statusOf(new ErrnoException("write", "", Posix.ENOSPC)));
    assertEquals(
        IcStatus.DISK_FULL, FcopyTransfer.statusOf(new ErrnoException("write", "", Posix.EDQUOT)));
    assertEquals(
        IcStatus.E_FAIL, FcopyTransfer.statusOf(new ErrnoException("openat", "x", Posix.ELOOP)));
    assertEquals(IcStatus.E_FAIL, FcopyTransfer.statusOf(new IOException("No space left")));
    assertEquals(IcStatus.E_FAIL, FcopyTransfer.statusOf(new IOException()));
  }
}
