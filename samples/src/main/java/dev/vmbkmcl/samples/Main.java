package dev.vmbkmcl.samples;

import java.io.PrintStream;
import java.util.List;

/**
 * Runs the samples: {@code heartbeat} (the default), {@code balloon}, {@code echo}, {@code
 * lsvmbus}, {@code fcopy}, or {@code demo} (all of them), each on {@code --backend sim} (the
 * default: the guest driver and a simulated host in this JVM) or {@code --backend hyperv} (the
 * guest driver on this Linux Hyper-V guest, through {@code uio_hv_generic}). Exit status 0 on
 * success, 1 with a one-line reason on failure, 2 on a usage error.
 */
public final class Main {
  private Main() {}

  /**
   * The command line entry; see {@link #run}.
   *
   * @param args {@code [sample] [--backend sim|hyperv] [options]}, as {@code --help} lists them
   */
  public static void main(String[] args) throws InterruptedException {
    System.exit(run(args, System.out));
  }

  /**
   * Runs a sample as {@code args} ask, printing what it does to {@code out}.
   *
   * @param args the command line
   * @param out where progress and the result go
   * @return the exit status: 0 success, 1 failure, 2 usage error
   */
  public static int run(String[] args, PrintStream out) throws InterruptedException {
    if (List.of(args).contains("--help")) {
      out.println(usage());
      return 0;
    }
    if (args.length > 0 && args[0].equals("trace")) {
      return TraceShow.run(args, out);
    }
    Options options;
    try {
      options = Options.parse(TraceOption.apply(args));
    } catch (UsageException e) {
      out.println("error: " + e.getMessage());
      out.println(usage());
      return 2;
    }
    try {
      runOne(options.sample(), options, out);
      return 0;
    } catch (SampleException e) {
      out.println("error: " + e.getMessage());
      return 1;
    } catch (RuntimeException e) {
      // A bug, not a usage error: still exit 1 with one line, and the trace for the report.
      out.println("error: unexpected " + e);
      e.printStackTrace(System.err);
      return 1;
    }
  }

  /** The usage line for the way this process was started, then the options. */
  static String usage() {
    return Invocation.usageLine(Options.SYNOPSIS) + System.lineSeparator() + Options.USAGE;
  }

  /** Runs {@code sample} (one of {@link Options#SAMPLES} or {@code demo}). */
  static void runOne(String sample, Options options, PrintStream out)
      throws SampleException, InterruptedException {
    switch (sample) {
      case "heartbeat" -> HeartbeatSample.run(options, out);
      case "balloon" -> BalloonSample.run(options, out);
      case "echo" -> EchoSample.run(options, out);
      case "lsvmbus" -> LsvmbusSample.run(options, out);
      case "fcopy" -> FcopySample.run(options, out);
      case "demo" -> DemoSample.run(options, out);
      default -> throw new IllegalArgumentException("no sample named " + sample);
    }
  }
}
