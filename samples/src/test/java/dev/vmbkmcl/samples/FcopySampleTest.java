package dev.vmbkmcl.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file-copy sample on the simulated VMBus: files of 0 B, 1 B, 6,144 B and 10 MiB copied, every
 * hostile request refused with nothing left behind, the guest serving on afterwards.
 */
class FcopySampleTest {
  @TempDir Path scratch;

  @Test
  void copiesTheFilesAndRefusesEveryHostileRequest() throws Exception {
    Path target = scratch.resolve("target"); // created by the sample
    SampleRun r = SampleRun.of("fcopy", "--target", target.toString());
    assertEquals(0, r.exitCode(), r::toString);

    for (String pushed : List.of("empty.bin (0 bytes)", "one-byte.bin (1 byte)",
        "one-fragment.bin (6144 bytes)", "nested/deeper/ten-mebibytes.bin (10485760 bytes)",
        "one-byte.bin (3 bytes)", "after-the-hostile-requests.bin (6145 bytes)")) {
      assertTrue(r.hasLine("host: pushed " + pushed + ": the guest's copy is identical"),
          () -> pushed + " missing in\n" + r);
    }
    for (String refused : List.of(
        "a path that climbs out of the target (E_FAIL (0x80004005))",
        "an absolute path (E_FAIL (0x80004005))",
        "a file name that is a path (E_FAIL (0x80004005))",
        "a path through a file (E_FAIL (0x80004005))",
        "a file name with an unpaired surrogate (E_FAIL (0x80004005))",
        "a file name without its NUL terminator (E_FAIL (0x80004005))",
        "a write past the announced size (E_FAIL (0x80004005))",
        "a write out of order (E_FAIL (0x80004005))",
        "a WRITE whose size runs past the message (E_FAIL (0x80004005))",
        "a cancel in the middle of a file (E_FAIL (0x80004005))",
        "a COMPLETE before all bytes arrived (E_FAIL (0x80004005))",
        "an unknown operation (E_FAIL (0x80004005))",
        "an existing file without OVER_WRITE (ALREADY_EXISTS (0x80070050))")) {
      assertTrue(r.hasLine("host: refused as it must be: " + refused + ", nothing left behind"),
          () -> refused + " missing in\n" + r);
    }
    assertTrue(r.hasLine("guest: the host cancelled cancelled.bin; nothing was kept"), r::toString);
    assertTrue(r.hasLine("ok: 5 files identical byte for byte, 13 hostile requests refused with"
        + " nothing left behind, and the guest kept serving"), r::toString);

    assertTrue(r.hasLine("guest: receiving one-byte.bin (1 byte)"), r::toString);
    assertTrue(r.hasLine("guest: refused an 11-byte write at offset 0: E_FAIL (0x80004005);"
        + " the partial file is gone"), r::toString);
    // The run empties the target again, so the README's command can be run twice.
    assertTrue(r.hasLine("fcopy: removed the simulated host's files from " + target), r::toString);
    assertEquals(List.of(), entries(target));
    assertFalse(Files.exists(scratch.resolve("escaped.bin")));
    SampleRun again = SampleRun.of("fcopy", "--target", target.toString());
    assertEquals(0, again.exitCode(), again::toString);
    assertEquals(List.of(), entries(target));
  }

  private static List<Path> entries(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.toList();
    }
  }

  @Test
  void aTargetOtherUsersCanWriteToIsRefusedUnlessAllowed() throws Exception {
    Path shared = Files.createDirectory(scratch.resolve("shared"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
    SampleRun r = SampleRun.of("fcopy", "--target", shared.toString());
    assertEquals(1, r.exitCode(), r::toString);
    assertTrue(r.output().contains("is writable by other users (mode 0777)"), r::toString);
    SampleRun allowed =
        SampleRun.of("fcopy", "--target", shared.toString(), "--allow-shared-target");
    assertEquals(0, allowed.exitCode(), allowed::toString);
  }

  @Test
  void aTargetThatIsNotEmptyIsRefused() throws Exception {
    Files.writeString(scratch.resolve("already-here.txt"), "x");
    SampleRun r = SampleRun.of("fcopy", "--target", scratch.toString());
    assertEquals(1, r.exitCode(), r::toString);
    assertEquals(1, r.lines().size(), r::toString);
    assertTrue(r.output().startsWith("error: fcopy: --target " + scratch + " is not empty"),
        r::toString);
  }

  @Test
  void theComparisonFindsAWrongByteAndAWrongSize() throws IOException {
    Path file = scratch.resolve("f.bin");
    ByteBuffer content = ByteBuffer.allocate(10_000);
    FcopyFiles.fill(content, 3, 0);
    Files.write(file, content.array());
    assertNull(FcopyFiles.difference(file, 3, 10_000));
    assertEquals(file + " has 10000 bytes, expected 10001",
        FcopyFiles.difference(file, 3, 10_001));
    content.put(6_144, (byte) (content.get(6_144) + 1));
    Files.write(file, content.array());
    assertEquals(file + " differs at byte 6144", FcopyFiles.difference(file, 3, 10_000));
    assertEquals(file + " differs at byte 0", FcopyFiles.difference(file, 4, 10_000));
  }

  @Test
  void fragmentsOfOneFileDiffer() {
    ByteBuffer first = ByteBuffer.allocate(6_144);
    ByteBuffer second = ByteBuffer.allocate(6_144);
    FcopyFiles.fill(first, 4, 0);
    FcopyFiles.fill(second, 4, 6_144);
    assertFalse(first.equals(second), "a misplaced fragment must not compare equal");
  }
}
