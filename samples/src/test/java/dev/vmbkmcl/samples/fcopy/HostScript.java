package dev.vmbkmcl.samples.fcopy;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.vmbkmcl.samples.ic.IcHeader;
import dev.vmbkmcl.samples.ic.IcMessage;
import dev.vmbkmcl.samples.ic.IcStatus;
import dev.vmbkmcl.samples.ic.IcVersion;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/** A host sending file-copy requests to one session through the whole decode path. */
final class HostScript {
  private final FcopySession session;
  private final FcopyRequests host = new FcopyRequests(IcVersion.V3_0, IcVersion.V1_1);
  private final ByteBuffer wire =
      ByteBuffer.allocate(IcHeader.SIZE + FcopyLayout.WRITE_MAX_SIZE + 64)
          .order(ByteOrder.LITTLE_ENDIAN);

  HostScript(FcopySession session) {
    this.session = session;
  }

  int deliver(int length) {
    IcMessage m = IcMessage.parse(wire, 0, length);
    assertNotNull(m);
    return session.handle(FcopyDecoder.decode(m));
  }

  int start(String fileName, String pathName, int flags, long size) {
    return deliver(host.start(wire, 0, fileName, pathName, flags, size));
  }

  int write(long offset, byte[] data) {
    return deliver(host.write(wire, 0, offset, ByteBuffer.wrap(data)));
  }

  int complete() {
    return deliver(host.complete(wire, 0));
  }

  int cancel() {
    return deliver(host.cancel(wire, 0));
  }

  /** START, one WRITE (at most one fragment), COMPLETE; the first status that is not S_OK. */
  int push(String fileName, String pathName, int flags, byte[] content) {
    int status = start(fileName, pathName, flags, content.length);
    if (status == IcStatus.S_OK && content.length > 0) {
      status = write(0, content);
    }
    return status == IcStatus.S_OK ? complete() : status;
  }

  /** Every entry under {@code dir}, relative, '/' after directories; links are not followed. */
  static Set<String> tree(Path dir) throws IOException {
    Set<String> out = new TreeSet<>();
    try (Stream<Path> all = Files.walk(dir)) {
      all.filter(p -> !p.equals(dir))
          .forEach(
              p ->
                  out.add(
                      dir.relativize(p)
                          + (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "/" : "")));
    }
    return out;
  }
}
