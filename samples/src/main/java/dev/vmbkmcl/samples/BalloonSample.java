package dev.vmbkmcl.samples;

import static dev.vmbkmcl.Vmbkmcl.*;

import dev.vmbkmcl.DeviceObject;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.samples.dm.DmVersion;
import dev.vmbkmcl.sim.SimVmbus;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * {@code balloon}: the Dynamic Memory guest driver against the simulated host, or serving the real
 * Hyper-V (or QEMU) host for {@code --seconds}, or until it answered {@code --requests} memory
 * requests (the lab test makes QEMU send one; a host only sends them when its memory target changes,
 * and QEMU waits 50 s after the capabilities exchange before it acts on one, §6.4).
 */
final class BalloonSample {
  /**
   * The simulated host speaks protocol 1.0 at most, as Windows Server 2012 does, so the run shows
   * the guest falling back from 2.0.
   */
  static final DmVersion SIMULATED_HOST_NEWEST = DmVersion.V1_0;

  private BalloonSample() {}

  /** Runs the sample as {@code options} ask; returns normally on success. */
  static void run(Options options, PrintStream out) throws SampleException, InterruptedException {
    if (options.backend() == SampleBackend.SIM) {
      onSim(SIMULATED_HOST_NEWEST, options.reportMillis(), out);
    } else {
      onHyperv(options.seconds(), options.requests(), options.reportMillis(), out);
    }
  }

  /** The simulated run against a host whose newest protocol is {@code hostNewest}. */
  static void onSim(DmVersion hostNewest, long reportMillis, PrintStream out)
      throws SampleException, InterruptedException {
    out.println("balloon: the Dynamic Memory protocol on the simulated VMBus");
    SimVmbus bus = new SimVmbus();
    BalloonHost host = new BalloonHost(bus.hostDevice(), out, hostNewest);
    host.offer();
    BalloonGuest guest = new BalloonGuest(bus.guestDevice(), out, reportMillis);
    DmVersion agreed;
    try {
      KmclCalls.require(guest.enable(), "guest: VmbChannelEnable");
      agreed = host.run();
    } finally {
      guest.disable();
      host.withdraw();
    }
    out.println("ok: protocol " + agreed + " negotiated, capabilities accepted, "
        + host.statusReports() + " status reports checked, balloon / unballoon / hot-add "
        + "answered with nothing, honestly");
  }

  private static void onHyperv(int seconds, int requests, long reportMillis, PrintStream out)
      throws SampleException, InterruptedException {
    DeviceObject device = HypervGuest.device();
    BalloonGuest guest = new BalloonGuest(device, out, reportMillis);
    NtStatus enabled = guest.enable();
    if (!NT_SUCCESS(enabled)) {
      guest.disable();
      throw HypervGuest.enableFailed(device, guest.channel(), "balloon", enabled);
    }
    out.println("balloon: serving the host's Dynamic Memory device through uio_hv_generic"
        + (requests > 0 ? " until " + requests + " memory request(s) are answered, at most "
            + seconds + " s"
            : seconds == 0 ? " until it closes the channel" : " for " + seconds + " s"));
    GuestProgress progress = guest.progress();
    int answered;
    @Nullable String stopped;
    try {
      serve(guest, requests > 0 ? requests : Integer.MAX_VALUE, seconds);
      answered = progress.count();
      stopped = progress.stopReason(); // read before Disable, which closes the channel itself
    } finally {
      guest.disable();
    }
    DmVersion agreed = guest.agreed();
    if (agreed == null || !guest.capabilitiesAccepted()) {
      throw new SampleException("balloon: " + (stopped != null ? stopped
          : "the host did not finish negotiating within " + seconds + " s"));
    }
    if (answered < requests) {
      throw new SampleException("balloon: answered " + answered + " of " + requests
          + " memory requests: " + (stopped != null ? stopped
          : "the host sent no more within " + seconds + " s"));
    }
    out.println("ok: protocol " + agreed + ", capabilities accepted, " + guest.reportsSent()
        + " status reports sent, " + answered + " host requests answered"
        + (stopped == null ? "" : "; then " + stopped));
  }

  /**
   * Waits as {@link GuestProgress#await} does, in one-second steps that update the progress line
   * on a terminal.
   */
  private static void serve(BalloonGuest guest, int goal, int seconds)
      throws InterruptedException {
    GuestProgress progress = guest.progress();
    long start = System.nanoTime();
    try (TerminalProgress line = TerminalProgress.onConsole()) {
      while (progress.count() < goal && progress.stopReason() == null) {
        long elapsed = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        if (seconds != 0 && elapsed >= seconds) {
          return;
        }
        line.show("balloon: serving for " + elapsed + " s" + (seconds == 0 ? "" : " of " + seconds)
            + ", " + guest.reportsSent() + " status reports sent, " + progress.count()
            + " host requests answered");
        progress.await(goal, 1);
      }
    }
  }
}
