package dev.vmbkmcl.samples;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The parsed command line of {@link Main}.
 *
 * @param sample which sample to run: one of {@link #SAMPLES}
 * @param backend where the guest driver runs
 * @param beats heartbeats to answer before the heartbeat sample succeeds
 * @param seconds how long a guest driver serves the real host on {@code hyperv} (0: until the host
 *     closes the channel or the process is stopped)
 * @param reportMillis period of the balloon sample's status reports
 * @param requests host memory requests the balloon sample answers on {@code hyperv} before it
 *     succeeds (0: serve for {@code seconds} and succeed once negotiated)
 * @param count synchronous requests the echo sample sends
 * @param size payload bytes of each echo request
 * @param target the directory the file-copy sample writes into, or null for a fresh temporary
 *     directory (simulated backend only)
 * @param allowSharedTarget let fcopy write into a target that other users can write to or that
 *     another user owns ({@code --allow-shared-target}); refused by default
 */
record Options(
    String sample,
    SampleBackend backend,
    int beats,
    int seconds,
    int reportMillis,
    int requests,
    int count,
    int size,
    @Nullable Path target,
    boolean allowSharedTarget) {

  /** The sample names, in the order {@code demo} runs them. */
  static final List<String> SAMPLES = List.of("heartbeat", "balloon", "echo", "lsvmbus", "fcopy");

  /** Largest echo payload: one page, well inside the default 16 KiB packet limit. */
  static final int MAX_ECHO_SIZE = 4096;

  /** The synopsis after the command on the usage line ({@link Invocation#usageLine}). */
  static final String SYNOPSIS =
      "[heartbeat|balloon|echo|lsvmbus|fcopy|demo] [--backend sim|hyperv] [options]";

  /** The options, one per line, that {@code --help} and every usage error print. */
  static final String USAGE =
      String.join(
          System.lineSeparator(),
          "  --backend sim|hyperv  simulated VMBus in this JVM (default) or this Linux Hyper-V guest",
          "  --beats N             heartbeat: heartbeats to answer (default 5)",
          "  --seconds N           hyperv: how long a driver serves the host (default 60, 0 = forever)",
          "  --report-ms N         balloon: status report period in milliseconds (default 1000)",
          "  --requests N          balloon on hyperv: succeed once N host memory requests are"
              + " answered",
          "                        (default 0: serve for --seconds)",
          "  --count N             echo: synchronous requests to send (default 1000)",
          "  --size N              echo: payload bytes per request, 1.." + MAX_ECHO_SIZE
              + " (default 64)",
          "  --target DIR          fcopy: directory the received files go to (required on hyperv)",
          "  --allow-shared-target fcopy: accept a target other users can write to (refused by",
          "                        default: they could swap its directories for links mid-copy)",
          "  --trace FILE          record every channel's traffic into FILE (pcapng)",
          "usage: samples trace show FILE   print a capture's packets decoded");

  /**
   * Parses {@code args}.
   *
   * @throws UsageException naming the first argument that is not understood
   */
  static Options parse(String[] args) throws UsageException {
    String sample = "heartbeat";
    SampleBackend backend = SampleBackend.SIM;
    int beats = 5;
    int seconds = 60;
    int reportMillis = 1000;
    int requests = 0;
    int count = 1000;
    int size = 64;
    Path target = null;
    boolean allowSharedTarget = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (SAMPLES.contains(arg) || arg.equals("demo")) {
        sample = arg;
        continue;
      }
      switch (arg) {
        case "--backend" -> backend = SampleBackend.named(value(args, ++i, arg));
        case "--beats" -> beats = number(arg, value(args, ++i, arg), 1);
        case "--seconds" -> seconds = number(arg, value(args, ++i, arg), 0);
        case "--report-ms" -> reportMillis = number(arg, value(args, ++i, arg), 1);
        case "--requests" -> requests = number(arg, value(args, ++i, arg), 0);
        case "--count" -> count = number(arg, value(args, ++i, arg), 1);
        case "--size" -> size = number(arg, value(args, ++i, arg), 1);
        case "--target" -> target = path(value(args, ++i, arg));
        case "--allow-shared-target" -> allowSharedTarget = true;
        default -> throw new UsageException(arg.startsWith("--")
            ? "unknown option '" + arg + "'" : "unknown sample '" + arg + "'");
      }
    }
    if (size > MAX_ECHO_SIZE) {
      throw new UsageException("--size must be at most " + MAX_ECHO_SIZE);
    }
    if (sample.equals("echo") && backend != SampleBackend.SIM) {
      throw new UsageException("echo runs on the simulated backend only: no Hyper-V host offers an"
          + " echo device");
    }
    if (sample.equals("demo") && backend != SampleBackend.SIM) {
      throw new UsageException("demo runs every sample on the simulated backend only");
    }
    if (sample.equals("fcopy") && backend == SampleBackend.HYPERV && target == null) {
      throw new UsageException("fcopy on hyperv needs --target DIR, the directory files go to");
    }
    if (requests > 0 && seconds == 0) {
      throw new UsageException("--requests needs a time limit: give --seconds N as well");
    }
    return new Options(sample, backend, beats, seconds, reportMillis, requests, count, size,
        target, allowSharedTarget);
  }

  private static String value(String[] args, int index, String option) throws UsageException {
    if (index >= args.length) {
      throw new UsageException("option " + option + " needs a value");
    }
    return args[index];
  }

  private static int number(String option, String value, int least) throws UsageException {
    try {
      int n = Integer.parseInt(value);
      if (n >= least) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // reported below with the option's name
    }
    throw new UsageException(
        option + " needs a whole number of at least " + least + ", not '" + value + "'");
  }

  private static Path path(String value) throws UsageException {
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw new UsageException("--target '" + value + "' is not a path: " + e.getReason());
    }
  }
}
