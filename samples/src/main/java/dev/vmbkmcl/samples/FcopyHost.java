package dev.vmbkmcl.samples;

import dev.vmbkmcl.DeviceObject;
import dev.vmbkmcl.samples.fcopy.FcopyLayout;
import dev.vmbkmcl.samples.fcopy.FcopyRequests;
import dev.vmbkmcl.samples.ic.IcHeader;
import dev.vmbkmcl.samples.ic.IcMessage;
import dev.vmbkmcl.samples.ic.IcNegotiateRequest;
import dev.vmbkmcl.samples.ic.IcNegotiation;
import dev.vmbkmcl.samples.ic.IcStatus;
import dev.vmbkmcl.samples.ic.IcVersion;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The host side of Guest Services file copy on the simulated VMBus: what {@code Copy-VMFile}
 * would send, plus what a hostile host could. It pushes files of 0 B, 1 B, 6,144 B (one fragment)
 * and 10 MiB (in a directory it has the guest create) and compares each copy byte for byte; then
 * it sends requests the guest must refuse (paths out of the target, bad names, writes past the
 * size or out of order, a cancel mid-file, an existing file without OVER_WRITE, malformed
 * requests), checks each status and that the target holds exactly the files pushed so far and
 * nothing else; and finally pushes one more file to show the guest still serves.
 */
final class FcopyHost {
  private static final IcNegotiateRequest NEGOTIATE =
      new IcNegotiateRequest(IcNegotiateRequest.HOST_FRAMEWORKS, List.of(IcVersion.V1_1));
  private static final String ESCAPED = "escaped.bin";
  private static final long TEN_MIB = 10L << 20;
  private static final int FRAGMENT = FcopyLayout.MAX_DATA;

  /** A file the target must hold. */
  private record Expected(int seed, long size) {}

  private final SimHostChannel channel;
  private final PrintStream out;
  private final Path root;
  private final boolean escapedExistedBefore;
  private final ByteBuffer request =
      ByteBuffer.allocate(IcHeader.SIZE + FcopyLayout.WRITE_MAX_SIZE).order(ByteOrder.LITTLE_ENDIAN);
  private final ByteBuffer fragment = ByteBuffer.allocate(FRAGMENT);
  private final Map<String, Expected> expected = new TreeMap<>();
  private FcopyRequests requests = new FcopyRequests(IcVersion.V3_0, IcVersion.V1_1);
  private int refusedCases;

  /**
   * Prepares the file-copy offer; the guest writes into {@code root}, which this host checks.
   *
   * @throws SampleException when a KMCL call fails
   */
  FcopyHost(DeviceObject host, PrintStream out, Path root) throws SampleException {
    this.out = out;
    this.root = root;
    Path parent = root.toAbsolutePath().getParent();
    this.escapedExistedBefore = parent != null && Files.exists(parent.resolve(ESCAPED));
    this.channel = new SimHostChannel(host, FcopyGuest.FCOPY_CLASS, FcopyGuest.INSTANCE,
        "file copy");
  }

  /** Publishes the offer. */
  void offer() throws SampleException {
    channel.offer();
    out.println("host: offering the file-copy device (instance " + FcopyGuest.INSTANCE + ")");
  }

  /** Rescinds the offer. */
  void withdraw() {
    channel.withdraw();
  }

  /** Files the target holds and that were checked byte for byte. */
  int filesChecked() {
    return expected.size();
  }

  /** Hostile cases the guest refused as it must. */
  int refusedCases() {
    return refusedCases;
  }

  /**
   * Negotiates, pushes the files, runs the hostile cases and checks everything.
   *
   * @throws SampleException at the first answer or file that is not what it must be
   */
  void run() throws SampleException, InterruptedException {
    channel.awaitGuest();
    negotiate();
    push("", "empty.bin", 0, 1, 0);
    push("", "one-byte.bin", 1, 2, 0);
    push("", "one-fragment.bin", FRAGMENT, 3, 0);
    push("nested/deeper", "ten-mebibytes.bin", TEN_MIB, 4, FcopyLayout.FLAG_CREATE_PATH);
    refuseStart("a path that climbs out of the target", ESCAPED, "..");
    refuseStart("an absolute path", ESCAPED, "/tmp");
    refuseStart("a file name that is a path", "../" + ESCAPED, "");
    refuseStart("a path through a file", ESCAPED, "one-byte.bin");
    refuseStart("a file name with an unpaired surrogate", "bad-\uD800.bin", "");
    refuseStart("a file name without its NUL terminator", "n".repeat(FcopyLayout.NAME_UNITS), "");
    writePastTheSize();
    writeOutOfOrder();
    writeWithAnOverrunningSize();
    cancelMidFile();
    completeTooEarly();
    unknownOperation();
    refuse("an existing file without OVER_WRITE",
        () -> requests.start(request, 0, "one-byte.bin", "", 0, 1), IcStatus.ALREADY_EXISTS);
    push("", "one-byte.bin", 3, 5, FcopyLayout.FLAG_OVER_WRITE);
    push("", "after-the-hostile-requests.bin", FRAGMENT + 1, 6, 0);
    for (Map.Entry<String, Expected> e : expected.entrySet()) {
      checkContent(e.getKey(), e.getValue());
    }
    checkTree("the end");
  }

  private void negotiate() throws SampleException, InterruptedException {
    out.println("host: negotiating: frameworks 1.0, 3.0; file copy 1.1");
    channel.send(request, NEGOTIATE.write(request, 0, 0));
    IcMessage answer = receive("negotiate answer");
    IcNegotiation agreed = NEGOTIATE.check(answer);
    if (!agreed.agreed()) {
      throw new SampleException("fcopy: the guest's negotiate answer is " + agreed.outcome()
          + ": " + answer);
    }
    requests = new FcopyRequests(Objects.requireNonNull(agreed.framework()),
        Objects.requireNonNull(agreed.message()));
  }

  /** START, the WRITEs in order, COMPLETE; then the copy must be identical. */
  private void push(String path, String name, long size, int seed, int flags)
      throws SampleException, InterruptedException {
    String where = path.isEmpty() ? name : path + "/" + name;
    exchange("START " + where, requests.start(request, 0, name, path, flags, size),
        IcStatus.S_OK);
    for (long offset = 0; offset < size; offset += FRAGMENT) {
      writeFragment(where, seed, offset, (int) Math.min(FRAGMENT, size - offset), IcStatus.S_OK);
    }
    exchange("COMPLETE " + where, requests.complete(request, 0), IcStatus.S_OK);
    Expected file = new Expected(seed, size);
    checkContent(where, file);
    expected.put(where, file);
    out.println("host: pushed " + where + " (" + FcopyGuest.bytes(size)
        + "): the guest's copy is identical");
  }

  private void refuseStart(String what, String name, String path)
      throws SampleException, InterruptedException {
    refuse(what, () -> requests.start(request, 0, name, path, FcopyLayout.FLAG_CREATE_PATH, 1),
        IcStatus.E_FAIL);
  }

  private void writePastTheSize() throws SampleException, InterruptedException {
    String what = "a write past the announced size";
    exchange(what, requests.start(request, 0, "past-size.bin", "", 0, 10), IcStatus.S_OK);
    writeFragment(what, 7, 0, 11, IcStatus.E_FAIL);
    refuse(what, () -> requests.complete(request, 0), IcStatus.E_FAIL);
  }

  private void writeOutOfOrder() throws SampleException, InterruptedException {
    String what = "a write out of order";
    exchange(what, requests.start(request, 0, "out-of-order.bin", "", 0, 2 * FRAGMENT),
        IcStatus.S_OK);
    writeFragment(what, 7, FRAGMENT, FRAGMENT, IcStatus.E_FAIL);
    refuse(what, () -> requests.complete(request, 0), IcStatus.E_FAIL);
  }

  private void writeWithAnOverrunningSize() throws SampleException, InterruptedException {
    String what = "a WRITE whose size runs past the message";
    exchange(what, requests.start(request, 0, "overrun.bin", "", 0, 100), IcStatus.S_OK);
    fragment.clear().limit(100);
    FcopyFiles.fill(fragment, 7, 0);
    int length = requests.write(request, 0, 0, fragment);
    // 6,000 bytes announced, 100 carried: past the message even with VMBus padding.
    request.putInt(IcHeader.SIZE + FcopyLayout.WRITE_SIZE, 6000);
    exchange(what, length, IcStatus.E_FAIL);
    refuse(what, () -> requests.complete(request, 0), IcStatus.E_FAIL);
  }

  private void cancelMidFile() throws SampleException, InterruptedException {
    String what = "a cancel in the middle of a file";
    exchange(what, requests.start(request, 0, "cancelled.bin", "", 0, 2 * FRAGMENT),
        IcStatus.S_OK);
    writeFragment(what, 7, 0, FRAGMENT, IcStatus.S_OK);
    // The copy failed, so the CANCEL answers E_FAIL; the file must be gone.
    refuse(what, () -> requests.cancel(request, 0), IcStatus.E_FAIL);
    exchange("a COMPLETE after that cancel", requests.complete(request, 0), IcStatus.E_FAIL);
  }

  private void completeTooEarly() throws SampleException, InterruptedException {
    String what = "a COMPLETE before all bytes arrived";
    exchange(what, requests.start(request, 0, "short.bin", "", 0, 100), IcStatus.S_OK);
    writeFragment(what, 7, 0, 50, IcStatus.S_OK);
    refuse(what, () -> requests.complete(request, 0), IcStatus.E_FAIL);
  }

  private void unknownOperation() throws SampleException, InterruptedException {
    refuse("an unknown operation", () -> {
      int length = requests.complete(request, 0);
      request.putInt(IcHeader.SIZE + FcopyLayout.OPERATION, 9);
      return length;
    }, IcStatus.E_FAIL);
  }

  /** The last request of a hostile case: its status, then nothing may have been left behind. */
  private void refuse(String what, Encoder last, int status)
      throws SampleException, InterruptedException {
    exchange(what, last.encode(), status);
    checkTree(what);
    refusedCases++;
    out.println("host: refused as it must be: " + what + " (" + IcStatus.describe(status)
        + "), nothing left behind");
  }

  private void writeFragment(String what, int seed, long offset, int size, int status)
      throws SampleException, InterruptedException {
    fragment.clear().limit(size);
    FcopyFiles.fill(fragment, seed, offset);
    exchange(what + ": WRITE at " + offset, requests.write(request, 0, offset, fragment), status);
  }

  private void exchange(String what, int length, int status)
      throws SampleException, InterruptedException {
    channel.send(request, length);
    IcMessage answer = receive("answer to " + what);
    if (answer.messageType() != IcHeader.TYPE_FCOPY
        || answer.flags() != IcHeader.FLAGS_GUEST_RESPONSE) {
      throw new SampleException("fcopy: " + what + ": the answer is not a file-copy response: "
          + answer);
    }
    if (answer.status() != status) {
      throw new SampleException("fcopy: " + what + ": the guest answered "
          + IcStatus.describe(answer.status()) + ", expected " + IcStatus.describe(status));
    }
  }

  private IcMessage receive(String awaited) throws SampleException, InterruptedException {
    ByteBuffer payload = channel.receive(awaited);
    IcMessage message = IcMessage.parse(payload, 0, payload.limit());
    if (message == null) {
      throw new SampleException("fcopy: the guest's " + awaited + " is not an IC message");
    }
    return message;
  }

  private void checkContent(String where, Expected file) throws SampleException {
    try {
      String difference = FcopyFiles.difference(root.resolve(where), file.seed(), file.size());
      if (difference != null) {
        throw new SampleException("fcopy: " + difference);
      }
    } catch (IOException e) {
      throw new SampleException("fcopy: cannot read the guest's copy of " + where + ": " + e);
    }
  }

  /** The target holds exactly the files pushed so far, with their sizes; nothing escaped it. */
  private void checkTree(String after) throws SampleException {
    Map<String, Long> found = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (!Files.isDirectory(p)) {
          found.put(root.relativize(p).toString(), Files.size(p));
        }
      }
    } catch (IOException e) {
      throw new SampleException("fcopy: cannot list the target " + root + ": " + e);
    }
    Map<String, Long> wanted = new TreeMap<>();
    expected.forEach((name, file) -> wanted.put(name, file.size()));
    if (!found.equals(wanted)) {
      throw new SampleException("fcopy: after " + after + " the target holds " + found
          + ", expected " + wanted);
    }
    Path parent = root.toAbsolutePath().getParent();
    if (!escapedExistedBefore && parent != null && Files.exists(parent.resolve(ESCAPED))) {
      throw new SampleException("fcopy: after " + after + " a file escaped the target: "
          + parent.resolve(ESCAPED));
    }
  }

  /** Writes one request into {@code request} and returns its length. */
  @FunctionalInterface
  private interface Encoder {
    int encode();
  }
}
