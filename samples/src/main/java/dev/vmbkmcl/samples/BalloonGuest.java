package dev.vmbkmcl.samples;

import static dev.vmbkmcl.Vmbkmcl.*;

import dev.vmbkmcl.DeviceObject;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.VMBPACKETCOMPLETION;
import dev.vmbkmcl.VMB_CHANNEL_STATE_CHANGE_CALLBACKS;
import dev.vmbkmcl.samples.dm.DmDecoded;
import dev.vmbkmcl.samples.dm.DmDecoder;
import dev.vmbkmcl.samples.dm.DmMalformed;
import dev.vmbkmcl.samples.dm.DmMessage;
import dev.vmbkmcl.samples.dm.DmVersion;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The guest driver of the Hyper-V Dynamic Memory protocol (vmbus-ring-and-uio.md §6), written only
 * with KMCL calls. It follows the Linux guest's flow (§6.4) but, being a user-space process that
 * cannot hand pages to the host or take hot-added memory, it answers every memory request honestly
 * with nothing:
 *
 * <ul>
 *   <li>version negotiation: 2.0, then 1.0, then 0.3 marked as the last attempt;
 *   <li>capabilities: balloon 1 (it takes part in ballooning, answering from its floor), hot add 0
 *       (it cannot add memory), alignment 0, {@code min_page_cnt} 0, {@code max_page_number} all
 *       ones as Linux sends;
 *   <li>a status report at once and then every period: {@code num_avail} = free pages, {@code
 *       num_committed} = used pages of this machine, the rest 0; sent even when the host asks to
 *       suppress pressure reports (such a host ignores them);
 *   <li>BALLOON_REQUEST: one BALLOON_RESPONSE, the request's id, {@code range_count} 0 ("at my
 *       floor"), {@code more_pages} 0;
 *   <li>UNBALLOON_REQUEST: nothing to give back; one UNBALLOON_RESPONSE after the request whose
 *       {@code more_pages} is 0;
 *   <li>MEM_HOT_ADD_REQUEST: {@code page_count} 0, {@code result} 0 (failed);
 *   <li>MEM_HOT_REMOVE_REQUEST (2.0): {@code result} 0, no ranges; INFO: logged.
 * </ul>
 */
final class BalloonGuest {
  /** The Dynamic Memory device class (§5.9, §6.1). */
  static final UUID DM_CLASS = UUID.fromString("525074dc-8985-46e2-8057-a307dc18a502");

  private static final int MAX_MESSAGE = 64;
  private static final long ALL_PAGES = -1L;
  private static final int SHOWN_REPORTS = 3;

  private final PrintStream out;
  private final GuestChannel link;
  private final long reportMillis;
  private final GuestProgress progress = new GuestProgress();
  private final AtomicInteger nextTransId = new AtomicInteger(1);
  private final AtomicInteger reports = new AtomicInteger();
  private final ScheduledExecutorService reporter =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "balloon-status-reports");
        t.setDaemon(true);
        return t;
      });
  /** The version proposed last; written by one callback at a time. */
  private volatile DmVersion proposed = DmVersion.first();
  private volatile int proposalId;
  private volatile @Nullable DmVersion agreed;
  private volatile boolean capabilitiesAccepted;
  private volatile @Nullable ScheduledFuture<?> reporting;

  /**
   * Prepares a client channel for the Dynamic Memory device under {@code device}.
   *
   * @param reportMillis period of the status reports
   * @throws SampleException when a KMCL call fails
   */
  BalloonGuest(DeviceObject device, PrintStream out, long reportMillis) throws SampleException {
    this.out = out;
    this.reportMillis = reportMillis;
    VMB_CHANNEL_STATE_CHANGE_CALLBACKS callbacks = GuestChannel.noCallbacks();
    // The guest speaks first (§6.4 step 2), as soon as the channel runs.
    callbacks.EvtChannelPostStarted = c -> propose(DmVersion.first());
    callbacks.EvtChannelClosed = c -> progress.stop("the host closed the Dynamic Memory channel");
    link = new GuestChannel(device, DM_CLASS, null, 0, this::onPacket, callbacks);
  }

  /** {@code VmbChannelEnable}: opens the device; negotiation starts once the channel runs. */
  NtStatus enable() {
    return link.enable();
  }

  /** The driver's channel, for the backend's explanation of a failed Enable. */
  VMBCHANNEL channel() {
    return link.channel();
  }

  /** Stops the status reports, closes the channel if it was enabled and frees it. */
  void disable() throws InterruptedException {
    ScheduledFuture<?> r = reporting;
    if (r != null) {
      r.cancel(false);
    }
    reporter.shutdownNow();
    reporter.awaitTermination(SimHostChannel.WAIT_SECONDS, TimeUnit.SECONDS);
    link.disable();
  }

  /** Requests answered so far, and why the driver stopped if it did. */
  GuestProgress progress() {
    return progress;
  }

  /** The protocol version the host accepted, or null before that. */
  @Nullable DmVersion agreed() {
    return agreed;
  }

  /** True once the host accepted the capabilities report. */
  boolean capabilitiesAccepted() {
    return capabilitiesAccepted;
  }

  /** Status reports sent so far. */
  int reportsSent() {
    return reports.get();
  }

  private void propose(DmVersion version) {
    proposed = version;
    proposalId = nextTransId.getAndIncrement();
    out.println("guest: proposing Dynamic Memory protocol " + version
        + (version.isLastAttempt() ? " (last attempt)" : ""));
    send(DmMessage.VersionRequest.of(proposalId, version));
  }

  private void onPacket(VMBCHANNEL ch, VMBPACKETCOMPLETION packet, ByteBuffer buffer, int length,
      int flags) {
    DmDecoded decoded = DmDecoder.decode(buffer, buffer.position(), length);
    VmbChannelPacketComplete(packet, null, 0);
    if (decoded instanceof DmMalformed bad) {
      out.println("guest: ignored a malformed Dynamic Memory message: " + bad.reason());
    } else if (decoded instanceof DmMessage.VersionResponse r) {
      onVersionResponse(r);
    } else if (decoded instanceof DmMessage.CapabilitiesResponse r) {
      onCapabilitiesResponse(r);
    } else if (decoded instanceof DmMessage.BalloonRequest r) {
      out.println("guest: host asks for " + Integer.toUnsignedLong(r.numPages())
          + " pages; a user-space driver cannot give pages: answering 0 ranges (at my floor)");
      answer(new DmMessage.BalloonResponse(r.transId(), false, List.of()));
    } else if (decoded instanceof DmMessage.UnballoonRequest r) {
      out.println("guest: host returns " + r.ranges().size() + " page range(s)"
          + (r.morePages() ? ", more to come" : "; answering once for the whole return"));
      if (!r.morePages()) {
        answer(new DmMessage.UnballoonResponse(nextTransId.getAndIncrement()));
      }
    } else if (decoded instanceof DmMessage.HotAddRequest r) {
      out.println("guest: host offers " + r.range().pageCount() + " pages to hot-add at page 0x"
          + Long.toHexString(r.range().startPage())
          + "; a user-space driver cannot add memory: answering 0 pages, result 0");
      answer(new DmMessage.HotAddResponse(r.transId(), 0, DmMessage.HotAddResponse.RESULT_FAILED));
    } else if (decoded instanceof DmMessage.HotRemoveRequest r) {
      out.println("guest: host asks to hot-remove " + Integer.toUnsignedLong(r.pageCount())
          + " pages; answering result 0, nothing removed");
      answer(new DmMessage.HotRemoveResponse(r.transId(), 0, false, List.of()));
    } else if (decoded instanceof DmMessage.Info info) {
      out.println("guest: host info: maximum page count " + (info.maxPageCount().isPresent()
          ? Long.toUnsignedString(info.maxPageCount().getAsLong()) : "not given"));
    } else if (decoded instanceof DmMessage m) {
      out.println("guest: ignored " + m.type() + ", which a host does not send");
    }
  }

  private void onVersionResponse(DmMessage.VersionResponse r) {
    if (r.transId() != proposalId || agreed != null) {
      out.println("guest: ignored a version response (id " + r.transId() + ") to no open proposal");
      return;
    }
    if (r.accepted()) {
      DmVersion version = proposed;
      agreed = version;
      out.println("guest: host accepted protocol " + version + "; reporting capabilities");
      send(new DmMessage.CapabilitiesReport(nextTransId.getAndIncrement(), true, false, 0, false, 0,
          ALL_PAGES));
      return;
    }
    DmVersion next = proposed.fallback();
    if (next == null) {
      out.println("guest: the host refused protocols 2.0, 1.0 and 0.3; giving up");
      progress.stop("the host refused every Dynamic Memory protocol version (2.0, 1.0, 0.3)");
      return;
    }
    out.println("guest: host refused protocol " + proposed);
    propose(next);
  }

  private void onCapabilitiesResponse(DmMessage.CapabilitiesResponse r) {
    if (!r.accepted()) {
      out.println("guest: the host refused the capabilities report; giving up");
      progress.stop("the host refused the capabilities report");
      return;
    }
    capabilitiesAccepted = true;
    out.println("guest: host accepted the capabilities (hot remove " + onOff(r.hotRemove())
        + ", pressure reports " + (r.suppressPressureReports() ? "suppressed" : "wanted")
        + "); status report every " + reportMillis + " ms");
    // Runs until disable() shuts the reporter down; report() itself throws nothing.
    reporting = reporter.scheduleAtFixedRate(this::report, 0, reportMillis, TimeUnit.MILLISECONDS);
  }

  private void report() {
    MemoryFigures memory = MemoryFigures.now();
    int n = reports.incrementAndGet();
    // The first few show the figures; after that one line a minute keeps a long run readable.
    if (n <= SHOWN_REPORTS || n % Math.max(1, 60_000 / reportMillis) == 0) {
      out.println("guest: status report " + n + ": " + memory.freePages() + " pages available, "
          + memory.usedPages() + " committed");
    }
    send(new DmMessage.StatusReport(nextTransId.getAndIncrement(), memory.freePages(),
        memory.usedPages(), 0, 0, 0, 0));
  }

  /** Sends an answer to a host request and counts it. */
  private void answer(DmMessage message) {
    send(message);
    progress.advance();
  }

  private void send(DmMessage message) {
    // A fresh buffer per message: status reports and answers are sent from two threads.
    ByteBuffer buffer = ByteBuffer.allocate(MAX_MESSAGE);
    int size = message.encode(buffer, 0);
    NtStatus status = KmclCalls.sendInband(link.channel(), buffer, size);
    if (!NT_SUCCESS(status)) {
      out.println("guest: " + message.type() + " was not sent: " + status);
    }
  }

  private static String onOff(boolean on) {
    return on ? "on" : "off";
  }
}
