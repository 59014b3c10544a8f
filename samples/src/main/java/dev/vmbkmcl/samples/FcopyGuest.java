package dev.vmbkmcl.samples;

import static dev.vmbkmcl.Vmbkmcl.*;

import dev.vmbkmcl.DeviceObject;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.VMBPACKETCOMPLETION;
import dev.vmbkmcl.VMB_CHANNEL_STATE_CHANGE_CALLBACKS;
import dev.vmbkmcl.samples.fcopy.FcopyDecoder;
import dev.vmbkmcl.samples.fcopy.FcopyLimits;
import dev.vmbkmcl.samples.fcopy.FcopyMessage;
import dev.vmbkmcl.samples.fcopy.FcopySession;
import dev.vmbkmcl.samples.fcopy.LogText;
import dev.vmbkmcl.samples.ic.IcHeader;
import dev.vmbkmcl.samples.ic.IcMessage;
import dev.vmbkmcl.samples.ic.IcNegotiation;
import dev.vmbkmcl.samples.ic.IcNegotiator;
import dev.vmbkmcl.samples.ic.IcStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The guest driver of Hyper-V Guest Services file copy (vmbus-ring-and-uio.md §5.7; the host's
 * {@code Copy-VMFile}, served on Linux by tools/hv's {@code hv_fcopy_uio_daemon}), written only
 * with KMCL calls. It negotiates (framework 3.0, message 1.1), hands every START / WRITE / COMPLETE
 * / CANCEL to an {@link FcopySession} confined to the target directory, and answers each request
 * with the session's status, the request edited in place (§5.8). A refused request never stops
 * the driver: it keeps serving the next one.
 */
final class FcopyGuest {
  /** The file-copy device class (§5.9). */
  static final UUID FCOPY_CLASS = UUID.fromString("34d14be3-dee4-41c8-9ae7-6b174977c192");

  /** The file-copy device's instance, fixed by Hyper-V (§5.7). */
  static final UUID INSTANCE = UUID.fromString("eb765408-105f-49b6-b4aa-c123b64d17d4");

  /** Largest message answered: header and a full WRITE are 6,224 bytes. */
  private static final int MAX_MESSAGE = 8192;

  private final PrintStream out;
  private final FcopySession session;
  private final GuestChannel link;
  private final GuestProgress progress = new GuestProgress();
  /** Only the channel's delivery thread touches it and the session. */
  private final IcRequestCopy requests;
  private String receiving = "";
  private final AtomicInteger refused = new AtomicInteger();

  /**
   * Prepares a client channel for the file-copy device under {@code device}, writing into {@code
   * target}.
   *
   * @throws SampleException when {@code target} is not a directory, is a link, is shared
   *     without {@code allowSharedTarget}, or a KMCL call fails
   */
  FcopyGuest(DeviceObject device, Path target, boolean allowSharedTarget, PrintStream out)
      throws SampleException {
    this.out = out;
    this.requests = new IcRequestCopy(MAX_MESSAGE, out, "longer than any file-copy message");
    try {
      this.session = new FcopySession(target, FcopyLimits.DEFAULT, allowSharedTarget);
    } catch (IOException e) {
      throw new SampleException("fcopy: the target " + target + " is not usable: "
          + e.getMessage());
    }
    VMB_CHANNEL_STATE_CHANGE_CALLBACKS callbacks = GuestChannel.noCallbacks();
    callbacks.EvtChannelClosed = c -> progress.stop("the host closed the file-copy channel");
    link = new GuestChannel(device, FCOPY_CLASS, INSTANCE, 0, this::onPacket, callbacks);
  }

  /** {@code VmbChannelEnable}: opens the device. */
  NtStatus enable() {
    return link.enable();
  }

  /** The driver's channel, for the backend's explanation of a failed Enable. */
  VMBCHANNEL channel() {
    return link.channel();
  }

  /** Closes the channel if it was enabled, frees it and discards an unfinished file. */
  void disable() {
    link.disable();
    session.close(); // delivery has stopped, so the session is ours now
  }

  /** Files written so far, and why the driver stopped if it did. */
  GuestProgress progress() {
    return progress;
  }

  /** Requests answered with a failure so far. */
  int refused() {
    return refused.get();
  }

  private void onPacket(VMBCHANNEL ch, VMBPACKETCOMPLETION packet, ByteBuffer buffer, int length,
      int flags) {
    IcMessage message = requests.copyOf(buffer, length);
    if (message != null) {
      answer(message);
    }
    VmbChannelPacketComplete(packet, null, 0);
  }

  private void answer(IcMessage message) {
    switch (message.messageType()) {
      case IcHeader.TYPE_NEGOTIATE -> {
        IcNegotiation n = IcNegotiator.FCOPY.respond(message);
        out.println(n.agreed()
            ? "guest: negotiated framework " + n.framework() + ", file copy " + n.message()
            : "guest: no usable version in the host's offer (" + n.outcome() + ")");
      }
      case IcHeader.TYPE_FCOPY -> {
        FcopyMessage request = FcopyDecoder.decode(message);
        boolean wasReceiving = session.isReceiving();
        int status = session.handle(request);
        report(request, status, wasReceiving);
        message.answer(status);
      }
      default -> {
        message.answer(IcStatus.E_FAIL);
        out.println("guest: answered IC message type " + message.messageType() + " with E_FAIL");
      }
    }
    NtStatus sent = KmclCalls.sendInband(link.channel(), message.buffer(), message.length());
    if (!NT_SUCCESS(sent)) {
      out.println("guest: the answer was not sent: " + sent);
    }
  }

  private void report(FcopyMessage request, int status, boolean wasReceiving) {
    boolean ok = status == IcStatus.S_OK;
    if (!ok) {
      refused.incrementAndGet();
    }
    String result = IcStatus.describe(status);
    if (request instanceof FcopyMessage.Start start) {
      String name = LogText.escape(start.pathName().isEmpty() ? start.fileName()
          : start.pathName() + "/" + start.fileName());
      receiving = ok ? name : "";
      out.println(ok ? "guest: receiving " + name + " (" + bytes(start.fileSize()) + ")"
          : "guest: refused to start " + name + ": " + result);
    } else if (request instanceof FcopyMessage.Write write && !ok) {
      out.println("guest: refused " + article(write.data().remaining()) + " "
          + write.data().remaining() + "-byte write at offset "
          + write.offset() + ": " + result + (wasReceiving ? "; the partial file is gone" : ""));
    } else if (request instanceof FcopyMessage.Complete) {
      if (ok) {
        out.println("guest: wrote " + receiving);
        progress.advance();
      } else {
        out.println("guest: refused to complete: " + result + "; nothing was kept");
      }
    } else if (request instanceof FcopyMessage.Cancel) {
      out.println(wasReceiving ? "guest: the host cancelled " + receiving + "; nothing was kept"
          : "guest: the host cancelled with no file open");
    } else if (request instanceof FcopyMessage.Malformed bad) {
      out.println("guest: refused a malformed request (" + bad.reason() + "): " + result
          + (wasReceiving ? "; the partial file is gone" : ""));
    }
  }

  /** "1 byte", "2 bytes". */
  static String bytes(long count) {
    return count + (count == 1 ? " byte" : " bytes");
  }

  /** "an" before a number read aloud with a vowel sound (8, 11, 18, 80, 800, 8000...), else "a". */
  static String article(long number) {
    String digits = Long.toString(number);
    boolean eight = digits.startsWith("8");
    boolean eleven = (digits.startsWith("11") || digits.startsWith("18")) && digits.length() % 3 == 2;
    return eight || eleven ? "an" : "a";
  }
}
