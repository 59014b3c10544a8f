package dev.vmbkmcl.samples.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vmbkmcl.samples.fcopy.FcopyDecoder;
import dev.vmbkmcl.samples.fcopy.FcopyLayout;
import dev.vmbkmcl.samples.fcopy.FcopyMessage;
import dev.vmbkmcl.samples.fcopy.FcopyRequests;
import dev.vmbkmcl.samples.fcopy.FcopySession;
import dev.vmbkmcl.samples.ic.IcHeader;
import dev.vmbkmcl.samples.ic.IcMessage;
import dev.vmbkmcl.samples.ic.IcStatus;
import dev.vmbkmcl.samples.ic.IcVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;

/**
 * {@link FcopySession} driven by a hostile host through the whole guest path (encode, {@link
 * IcMessage#parse}, {@link FcopyDecoder}, {@link FcopySession#handle}) with names and paths built
 * from the pieces that break confinement: {@code ..}, {@code .}, absolute and empty components,
 * backslashes, drive colons, NULs, lone surrogates, over-long names, and symbolic links inside the
 * root that lead out of it (relative, absolute, to a file and dangling). After every request:
 * nothing outside the root exists or changed, every link still in the root is one the test made,
 * pointing where it did, and the status is one §5.7 names. After close: no temporary file is left.
 *
 * <p>Input: up to 24 requests, each {@code u8 kind % 5}: 0 START ({@code u8 copy_flags % 4, u8
 * file_size}, a name and a path of {@code u8 count} pieces, each {@code u8} picking a piece), 1
 * WRITE ({@code u16 offset, u8 size} in 25-byte units), 2 COMPLETE, 3 CANCEL, 4 raw body ({@code u8
 * length}, then the bytes of a file-copy IC body).
 */
class FcopySessionFuzzTest {
  private static final List<String> PIECES = List.of("a", "b", "..", ".", "", "/", "\\", ":",
      "C:", "\0", "\uD800", "\uDC00", "\u0001", "~", "up", "abs", "secret-link", "dangling",
      ".fcopy-x.part", "n".repeat(200), "d/e", "../outside", "/tmp");
  private static final Set<Integer> STATUSES =
      Set.of(IcStatus.S_OK, IcStatus.E_FAIL, IcStatus.ALREADY_EXISTS, IcStatus.DISK_FULL);
  private static final byte[] SECRET = "the host must never touch this".getBytes(
      StandardCharsets.US_ASCII);
  private static final Sandbox SANDBOX = new Sandbox();

  /** {@code sandbox/root} for the session and {@code sandbox/outside} that it must not reach. */
  private static final class Sandbox {
    final Path top;
    final Path root;
    final Path outside;
    final Map<String, Path> links = new TreeMap<>();

    Sandbox() {
      try {
        top = Files.createTempDirectory("fcopy-fuzz").toRealPath();
        root = Files.createDirectory(top.resolve("root"));
        outside = Files.createDirectory(top.resolve("outside"));
        Files.write(outside.resolve("secret"), SECRET);
        links.put("up", Path.of("../outside"));
        links.put("abs", outside);
        links.put("secret-link", Path.of("../outside/secret"));
        links.put("dangling", Path.of("../outside/made-by-the-host"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Empties the root and lays the links anew. */
    void reset() throws IOException {
      deleteBelow(root);
      for (Map.Entry<String, Path> link : links.entrySet()) {
        Files.createSymbolicLink(root.resolve(link.getKey()), link.getValue());
      }
    }

    /** Deletes everything below {@code dir} (links themselves, never what they point to). */
    static void deleteBelow(Path dir) throws IOException {
      try (Stream<Path> all = Files.walk(dir)) {
        for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
          if (!p.equals(dir)) {
            Files.delete(p);
          }
        }
      }
    }
  }

  @AfterAll
  static void removeSandbox() throws IOException {
    Sandbox.deleteBelow(SANDBOX.top);
    Files.delete(SANDBOX.top);
  }

  @FuzzTest(maxDuration = "5m")
  void sessionStaysInsideItsRoot(byte[] input) throws IOException {
    SANDBOX.reset();
    FuzzBytes in = new FuzzBytes(input);
    FcopyRequests host = new FcopyRequests(IcVersion.V3_0, IcVersion.V1_1);
    ByteBuffer wire = ByteBuffer.allocate(IcHeader.SIZE + FcopyLayout.WRITE_MAX_SIZE)
        .order(ByteOrder.LITTLE_ENDIAN);
    // Files the session said it received: the host may name one like a temporary file (and a
    // directory too, with CREATE_PATH).
    Set<String> received = new HashSet<>();
    try (FcopySession session = new FcopySession(SANDBOX.root)) {
      String started = "";
      for (int i = 0; i < 24; i++) {
        int length = request(in, host, wire);
        if (length < 0) {
          break;
        }
        IcMessage message = IcMessage.parse(wire, 0, length);
        if (message == null) {
          fail("the host's request does not parse");
          return;
        }
        FcopyMessage request = FcopyDecoder.decode(message);
        int status = session.handle(request);
        assertTrue(STATUSES.contains(status), () -> "status 0x" + Integer.toHexString(status));
        if (request instanceof FcopyMessage.Start start) {
          started = start.fileName();
        } else if (request instanceof FcopyMessage.Complete && status == IcStatus.S_OK) {
          received.add(started);
        }
        assertConfined();
      }
    }
    try (Stream<Path> all = Files.walk(SANDBOX.root)) {
      assertEquals(List.of(), all.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith(".fcopy-") && n.endsWith(".part") && !received.contains(n))
          .toList(), "a closed session leaves no temporary file");
    }
  }

  /** Writes the next request into {@code wire}; returns its length, or -1 at the input's end. */
  private static int request(FuzzBytes in, FcopyRequests host, ByteBuffer wire) {
    if (in.atEnd()) {
      return -1;
    }
    wire.clear();
    return switch (in.u8() % 5) {
      case 0 -> {
        int flags = in.u8() % 4;
        long size = in.u8();
        String name = name(in);
        yield host.start(wire, 0, name, name(in), flags, size);
      }
      case 1 -> {
        long offset = in.u16();
        byte[] data = new byte[Math.min(FcopyLayout.MAX_DATA, 25 * in.u8())];
        yield host.write(wire, 0, offset, ByteBuffer.wrap(data));
      }
      case 2 -> host.complete(wire, 0);
      case 3 -> host.cancel(wire, 0);
      default -> {
        byte[] body = in.bytes(in.u8());
        host.complete(wire, 0);
        wire.put(IcHeader.SIZE, body);
        wire.putShort(IcHeader.MESSAGE_SIZE, (short) body.length);
        yield IcHeader.SIZE + body.length;
      }
    };
  }

  /** A name of {@code u8 % 6} pieces, cut to the 260 units the field holds. */
  private static String name(FuzzBytes in) {
    StringBuilder name = new StringBuilder();
    int pieces = in.u8() % 6;
    for (int i = 0; i < pieces; i++) {
      name.append(PIECES.get(in.u8() % PIECES.size()));
    }
    return name.length() > FcopyLayout.NAME_UNITS
        ? name.substring(0, FcopyLayout.NAME_UNITS) : name.toString();
  }

  /** Nothing outside the root changed; every link in the root is one of ours, unchanged. */
  private static void assertConfined() throws IOException {
    try (Stream<Path> top = Files.list(SANDBOX.top)) {
      assertEquals(Set.of(SANDBOX.root, SANDBOX.outside), Set.copyOf(top.toList()));
    }
    try (Stream<Path> outside = Files.list(SANDBOX.outside)) {
      assertEquals(List.of(SANDBOX.outside.resolve("secret")), outside.toList());
    }
    assertArrayEquals(SECRET, Files.readAllBytes(SANDBOX.outside.resolve("secret")));
    try (Stream<Path> all = Files.walk(SANDBOX.root)) {
      for (Path p : all.toList()) {
        if (Files.isSymbolicLink(p)) {
          Path target = SANDBOX.links.get(p.getFileName().toString());
          assertTrue(SANDBOX.root.equals(p.getParent()) && target != null
              && target.equals(Files.readSymbolicLink(p)), () -> "a link the host made: " + p);
        } else {
          assertTrue(Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
              || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS), () -> "not a file: " + p);
          assertTrue(p.toRealPath().startsWith(SANDBOX.root), () -> "outside the root: " + p);
        }
      }
    }
  }
}
