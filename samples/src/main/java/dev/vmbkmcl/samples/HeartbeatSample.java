package dev.vmbkmcl.samples;

import static dev.vmbkmcl.Vmbkmcl.*;

import dev.vmbkmcl.DeviceObject;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.sim.SimVmbus;
import java.io.PrintStream;
import org.jspecify.annotations.Nullable;

/**
 * {@code heartbeat}: the heartbeat guest driver against the simulated host, or against the real
 * Hyper-V host until it has answered {@code --beats} heartbeats.
 */
final class HeartbeatSample {
  private HeartbeatSample() {}

  /** Runs the sample as {@code options} ask; returns normally on success. */
  static void run(Options options, PrintStream out) throws SampleException, InterruptedException {
    if (options.backend() == SampleBackend.SIM) {
      onSim(options.beats(), out);
    } else {
      onHyperv(options.beats(), options.seconds(), out);
    }
  }

  private static void onSim(int beats, PrintStream out)
      throws SampleException, InterruptedException {
    out.println("heartbeat: the heartbeat integration component on the simulated VMBus ("
        + beats + " heartbeats)");
    SimVmbus bus = new SimVmbus();
    HeartbeatHost host = new HeartbeatHost(bus.hostDevice(), out);
    host.offer();
    HeartbeatGuest guest = new HeartbeatGuest(bus.guestDevice(), out);
    try {
      KmclCalls.require(guest.enable(), "guest: VmbChannelEnable");
      host.run(beats);
    } finally {
      guest.disable();
      host.withdraw();
    }
    out.println("ok: " + guest.progress().count()
        + " heartbeats answered by the guest driver and checked by the host");
  }

  private static void onHyperv(int beats, int seconds, PrintStream out)
      throws SampleException, InterruptedException {
    DeviceObject device = HypervGuest.device();
    HeartbeatGuest guest = new HeartbeatGuest(device, out);
    NtStatus enabled = guest.enable();
    if (!NT_SUCCESS(enabled)) {
      guest.disable();
      throw HypervGuest.enableFailed(device, guest.channel(), "heartbeat", enabled);
    }
    out.println("heartbeat: answering the Hyper-V host's heartbeats through uio_hv_generic (until "
        + beats + " are answered" + (seconds == 0 ? ")" : ", at most " + seconds + " s)"));
    GuestProgress progress = guest.progress();
    int answered;
    @Nullable String stopped;
    try {
      progress.await(beats, seconds);
      answered = progress.count();
      stopped = progress.stopReason(); // read before Disable, which closes the channel itself
    } finally {
      guest.disable();
    }
    if (answered < beats) {
      throw new SampleException("heartbeat: answered " + answered + " of " + beats
          + " heartbeats: " + (stopped != null ? stopped : "none came within " + seconds + " s"));
    }
    out.println("ok: " + answered + " heartbeats of the Hyper-V host answered");
  }
}
