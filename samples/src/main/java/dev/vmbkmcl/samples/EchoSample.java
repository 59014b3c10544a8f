package dev.vmbkmcl.samples;

import dev.vmbkmcl.sim.SimVmbus;
import java.io.PrintStream;

/**
 * {@code echo}: synchronous request/response and a GPADL between the echo guest driver and its
 * simulated host, with round-trip figures. Simulated backend only: no Hyper-V host offers an echo
 * device, and user space on a Linux guest cannot create GPADLs.
 */
final class EchoSample {
  private EchoSample() {}

  /** Runs the sample as {@code options} ask; returns normally on success. */
  static void run(Options options, PrintStream out) throws SampleException, InterruptedException {
    if (options.backend() != SampleBackend.SIM) {
      throw new SampleException("echo needs its simulated host: a Hyper-V host offers no echo"
          + " device and a Linux guest's user space cannot create GPADLs; run it with --backend sim");
    }
    out.println("echo: synchronous requests and a GPADL on the simulated VMBus");
    SimVmbus bus = new SimVmbus();
    EchoHost host = new EchoHost(bus.hostDevice(), out);
    host.offer();
    EchoGuest guest = new EchoGuest(bus.guestDevice(), out);
    RoundTripFigures figures;
    try {
      KmclCalls.require(guest.enable(), "guest: VmbChannelEnable");
      figures = guest.echo(options.count(), options.size());
      guest.checksumThroughGpadl();
    } finally {
      guest.disable();
      host.withdraw();
    }
    out.println("guest: " + figures.describe());
    out.println("ok: " + figures.count() + " echoes identical to their requests, and the GPADL"
        + " checksum matched");
  }
}
