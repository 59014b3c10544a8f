package dev.vmbkmcl.samples;

import java.io.PrintStream;

/** {@code demo}: every sample in turn on the simulated backend, stopping at the first failure. */
final class DemoSample {
  private DemoSample() {}

  /** Runs heartbeat, balloon, echo, lsvmbus and fcopy with the options given. */
  static void run(Options options, PrintStream out) throws SampleException, InterruptedException {
    for (String sample : Options.SAMPLES) {
      out.println("== " + sample + " ==");
      Main.runOne(sample, options, out);
    }
    out.println("ok: all " + Options.SAMPLES.size() + " samples passed on the simulated VMBus");
  }
}
