package dev.vmbkmcl.samples;

import dev.vmbkmcl.DeviceObject;
import dev.vmbkmcl.samples.dm.DmDecoded;
import dev.vmbkmcl.samples.dm.DmDecoder;
import dev.vmbkmcl.samples.dm.DmMalformed;
import dev.vmbkmcl.samples.dm.DmMessage;
import dev.vmbkmcl.samples.dm.DmVersion;
import dev.vmbkmcl.samples.dm.PageRange;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.UUID;

/**
 * The host side of the Dynamic Memory protocol on the simulated VMBus, in the manner of QEMU's
 * {@code hv-balloon} (vmbus-ring-and-uio.md §6.4): it accepts protocol versions from 0.3 up to a
 * newest one it supports, accepts the capabilities report, waits for two status reports, then asks
 * for pages, returns two ranges, offers memory to hot-add, and checks that every answer is the
 * honest "nothing" of a guest that cannot move memory. Status reports may arrive at any moment and
 * are checked wherever they come.
 */
final class BalloonHost {
  /** The Dynamic Memory device's instance on the simulated host. */
  static final UUID INSTANCE = UUID.fromString("0c01d5b2-9603-455e-857f-66c437c1e9ba");

  /** Pages the host asks the guest to give up. */
  static final int BALLOON_PAGES = 256;

  /** What the host returns, in two UNBALLOON_REQUESTs. */
  static final List<PageRange> RETURNED =
      List.of(new PageRange(0x10_0000L, 64), new PageRange(0x10_0040L, 64));

  /** What the host offers to hot-add: 128 MiB at 5 GiB, region = range as QEMU sends it. */
  static final PageRange HOT_ADD = new PageRange(0x14_0000L, 32_768);

  private static final int STATUS_REPORTS_FIRST = 2;

  private final SimHostChannel channel;
  private final PrintStream out;
  private final DmVersion newest;
  private final ByteBuffer request = ByteBuffer.allocate(64);
  private int nextTransId = 0x100;
  private int statusReports;

  /**
   * Prepares the Dynamic Memory offer of a host whose newest protocol is {@code newest}.
   *
   * @throws SampleException when a KMCL call fails
   */
  BalloonHost(DeviceObject host, PrintStream out, DmVersion newest) throws SampleException {
    this.out = out;
    this.newest = newest;
    this.channel = new SimHostChannel(host, BalloonGuest.DM_CLASS, INSTANCE, "dynamic memory");
  }

  /** Publishes the offer. */
  void offer() throws SampleException {
    channel.offer();
    out.println("host: offering the Dynamic Memory device (protocol " + newest + " at most)");
  }

  /** Status reports received so far. */
  int statusReports() {
    return statusReports;
  }

  /**
   * Runs the whole conversation.
   *
   * @return the protocol version agreed
   * @throws SampleException at the first message that is missing, malformed or wrong
   */
  DmVersion run() throws SampleException, InterruptedException {
    channel.awaitGuest();
    DmVersion agreed = negotiate();
    DmMessage.CapabilitiesReport caps = expect(DmMessage.CapabilitiesReport.class,
        "capabilities report");
    out.println("host: guest capabilities: balloon " + caps.balloon() + ", hot add "
        + caps.hotAdd() + ", min_page_cnt " + caps.minPageCount());
    send(new DmMessage.CapabilitiesResponse(caps.transId(), true, false, false));
    while (statusReports < STATUS_REPORTS_FIRST) {
      statusReport(expect(DmMessage.StatusReport.class, "status report"));
    }
    balloon();
    unballoon();
    hotAdd();
    return agreed;
  }

  /** Rescinds the offer. */
  void withdraw() {
    channel.withdraw();
  }

  private DmVersion negotiate() throws SampleException, InterruptedException {
    while (true) {
      DmMessage.VersionRequest r = expect(DmMessage.VersionRequest.class, "version request");
      DmVersion version = DmVersion.fromCode(r.version());
      if (version == null || version.isLastAttempt() != r.lastAttempt()) {
        throw new SampleException("balloon: version request 0x" + Integer.toHexString(r.version())
            + " with is_last_attempt " + r.lastAttempt() + " is not in the fallback sequence");
      }
      // QEMU's rule, capped: any version from 0.3 up to the newest this host speaks.
      boolean accepted = Integer.compareUnsigned(r.version(), newest.code()) <= 0;
      out.println("host: guest proposes " + version + ": " + (accepted ? "accepted" : "refused"));
      send(new DmMessage.VersionResponse(r.transId(), accepted));
      if (accepted) {
        return version;
      }
      if (r.lastAttempt()) {
        throw new SampleException("balloon: the guest's last attempt (" + version
            + ") was refused: no common protocol version");
      }
    }
  }

  private void balloon() throws SampleException, InterruptedException {
    int id = nextTransId++;
    out.println("host: asking for " + BALLOON_PAGES + " pages");
    send(new DmMessage.BalloonRequest(id, BALLOON_PAGES));
    DmMessage.BalloonResponse r = expect(DmMessage.BalloonResponse.class, "balloon response");
    if (r.transId() != id || r.morePages() || !r.ranges().isEmpty()) {
      throw new SampleException("balloon: expected one balloon response with id " + id
          + " and no pages, got " + r);
    }
    out.println("host: guest gave 0 of " + BALLOON_PAGES + " pages (range_count 0: at its floor)");
  }

  private void unballoon() throws SampleException, InterruptedException {
    int id = nextTransId++;
    out.println("host: returning " + RETURNED.size() + " page ranges in " + RETURNED.size()
        + " messages");
    for (int i = 0; i < RETURNED.size(); i++) {
      send(new DmMessage.UnballoonRequest(id, i < RETURNED.size() - 1, List.of(RETURNED.get(i))));
    }
    // Exactly one response, after the last request: a second one would arrive before the
    // hot-add response and fail that expectation.
    expect(DmMessage.UnballoonResponse.class, "unballoon response");
    out.println("host: guest acknowledged the return once");
  }

  private void hotAdd() throws SampleException, InterruptedException {
    int id = nextTransId++;
    out.println("host: offering " + HOT_ADD.pageCount() + " pages to hot-add");
    send(new DmMessage.HotAddRequest(id, HOT_ADD, HOT_ADD));
    DmMessage.HotAddResponse r = expect(DmMessage.HotAddResponse.class, "hot-add response");
    if (r.transId() != id || r.pageCount() != 0 || r.succeeded()) {
      throw new SampleException("balloon: expected a hot-add response with id " + id
          + ", 0 pages and result 0, got " + r);
    }
    out.println("host: guest added 0 pages (result 0), as a user-space guest must");
  }

  private void statusReport(DmMessage.StatusReport report) throws SampleException {
    if (report.numCommitted() <= 0) {
      throw new SampleException("balloon: a status report with no committed memory: " + report);
    }
    statusReports++;
    out.println("host: status report " + statusReports + " received");
  }

  /**
   * The next message that is not a status report (those are checked and counted on the way),
   * unless a status report is what {@code type} asks for.
   */
  private <T extends DmMessage> T expect(Class<T> type, String awaited)
      throws SampleException, InterruptedException {
    while (true) {
      ByteBuffer payload = channel.receive(awaited);
      DmDecoded decoded = DmDecoder.decode(payload, 0, payload.limit());
      if (decoded instanceof DmMalformed bad) {
        throw new SampleException("balloon: the guest sent a malformed message: " + bad.reason());
      }
      if (type.isInstance(decoded)) {
        return type.cast(decoded);
      }
      if (!(decoded instanceof DmMessage.StatusReport report)) {
        throw new SampleException("balloon: expected a " + awaited + ", got " + decoded);
      }
      statusReport(report);
    }
  }

  private void send(DmMessage message) throws SampleException {
    channel.send(request, message.encode(request, 0));
  }
}
