package dev.vmbkmcl.samples;

import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.sim.SimVmbus;
import java.io.PrintStream;

/**
 * Runs the samples: {@code heartbeat} (default) with {@code --backend sim} (default). Exits 0 on
 * success and 1 with a one-line reason on failure, 2 on a usage error.
 */
public final class Main {
  private Main() {}

  /** Command line: {@code [heartbeat] [--backend sim|hyperv] [--beats N]}. */
  public static void main(String[] args) throws InterruptedException {
    System.exit(run(args, System.out));
  }

  /** Runs a sample, printing to {@code out}; returns the exit code. */
  public static int run(String[] args, PrintStream out) throws InterruptedException {
    String sample = "heartbeat";
    String backend = "sim";
    int beats = 5;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--backend" -> backend = i + 1 < args.length ? args[++i] : "";
        case "--beats" -> beats = i + 1 < args.length ? parse(args[++i]) : -1;
        case "heartbeat" -> sample = args[i];
        default -> {
          out.println("usage: samples [heartbeat] [--backend sim|hyperv] [--beats N]");
          return 2;
        }
      }
    }
    if (beats <= 0) {
      out.println("error: --beats needs a positive number");
      return 2;
    }
    if (!backend.equals("sim")) {
      out.println("error: backend '" + backend + "' cannot run the " + sample + " sample in this "
          + "build: the hyperv backend is not finished yet (see the README's feature matrix)");
      return 1;
    }
    return heartbeat(out, beats);
  }

  private static int parse(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static int heartbeat(PrintStream out, int beats) throws InterruptedException {
    SimVmbus bus = new SimVmbus();
    out.println("heartbeat sample on the simulated VMBus (" + beats + " heartbeats)");
    HeartbeatHost host = new HeartbeatHost(bus.hostDevice(), out, beats);
    HeartbeatGuest guest = new HeartbeatGuest(bus.guestDevice(), out);
    host.offer();
    NtStatus enabled = guest.enable();
    if (!NtStatus.NT_SUCCESS(enabled)) {
      out.println("error: the guest channel could not be enabled: " + enabled);
      return 1;
    }
    String problem = host.await(60);
    guest.disable();
    host.withdraw();
    if (!problem.isEmpty()) {
      out.println("error: " + problem);
      return 1;
    }
    out.printf("ok: %d heartbeats answered by the guest and checked by the host%n", guest.answered());
    return 0;
  }
}
