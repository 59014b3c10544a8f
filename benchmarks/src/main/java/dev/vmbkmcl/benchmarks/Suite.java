package dev.vmbkmcl.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The entry point of {@code benchmarks/run.sh}: runs the issue-7 suite in one of the {@link
 * SuiteMode}s, every SDK configuration right beside its peers (so both see the same machine state),
 * with JMH's GC profiler, then writes {@code results.md} and prints it. Per-plan JMH JSON goes to
 * {@code jmh/} beside it.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.vmbkmcl.benchmarks.Suite [--mode
 * smoke|default|full] [--out DIR]}
 */
public final class Suite {
  static final String[] PAYLOADS = {"64", "256", "4096", "16384"};
  static final String[] RINGS_KIB = {"64", "256"};

  /** One JMH run: benchmarks matching {@code regex}, each {@code params} entry {name, values...}. */
  record Plan(String label, String regex, List<String[]> params) {}

  private Suite() {}

  /**
   * Runs the suite.
   *
   * @param args {@code --mode smoke|default|full} (default {@code default}), {@code --out DIR}
   *     (default {@code results})
   */
  public static void main(String[] args) throws RunnerException, IOException {
    SuiteMode mode = SuiteMode.DEFAULT;
    Path out = Path.of("results");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--mode" -> mode = SuiteMode.parse(value(args, ++i));
        case "--out" -> out = Path.of(value(args, ++i));
        default -> throw new IllegalArgumentException("unknown argument " + args[i]
            + "; usage: Suite [--mode smoke|default|full] [--out DIR]");
      }
    }
    Path jmh = Files.createDirectories(out.resolve("jmh"));
    // One run's files only: a smaller earlier run would leave files this run does not overwrite.
    try (DirectoryStream<Path> old = Files.newDirectoryStream(jmh, "*.json")) {
      for (Path p : old) {
        Files.delete(p);
      }
    }
    Environment environment = Environment.current();
    List<String> notes = new ArrayList<>();
    Path library = CPeerLibrary.path();
    boolean cPeer = Files.isRegularFile(library);
    if (!cPeer) {
      notes.add("C peer skipped: " + library + " was not built (gcc absent?); run.sh builds it.");
    }
    List<Measurement> results = new ArrayList<>();
    List<Plan> plans = plans(mode, cPeer);
    for (int i = 0; i < plans.size(); i++) {
      Plan plan = plans.get(i);
      System.out.printf(Locale.ROOT, "%n=== %d/%d: %s ===%n", i + 1, plans.size(), plan.label());
      Path json = jmh.resolve(String.format(Locale.ROOT, "%02d-%s.json", i + 1,
          plan.label().replaceAll("[^A-Za-z0-9]+", "-")));
      for (RunResult r : new Runner(options(mode, plan, library, json).build()).run()) {
        results.add(Measurement.of(r));
      }
    }
    String table = ResultsTable.render(environment, mode, Environment.loadAverage(), results, notes);
    Path file = out.resolve("results.md");
    Files.writeString(file, table);
    System.out.println();
    System.out.println(table);
    System.out.println("Written to " + file.toAbsolutePath());
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }

  /**
   * The runs of a mode, SDK and peers of one configuration always in the same run and under the
   * same {@code wait} ({@link WakeUp}) and {@code consumer} ({@link ConsumerWork}) parameters.
   * Smoke: 64 B in a 64 KiB ring under each policy, every benchmark once. Default: every payload
   * with everyone polling and copying, 64 B and 4 KiB also parked, in place, and in a 256 KiB ring.
   * Full: every payload and ring under every policy.
   */
  static List<Plan> plans(SuiteMode mode, boolean cPeer) {
    String c = cPeer ? "|c" : "";
    List<Plan> plans = new ArrayList<>();
    for (String ring : RINGS_KIB) {
      for (String payload : PAYLOADS) {
        boolean first = ring.equals(RINGS_KIB[0]);
        boolean target = payload.equals("64") || payload.equals("4096");
        boolean smoke = first && payload.equals("64");
        boolean all = mode == SuiteMode.FULL;
        if (mode.reducedParameters ? smoke : all || first || target) {
          addStream(plans, payload, ring, "busy-poll", "copy", c);
        }
        if (mode.reducedParameters ? smoke : all || (first && target)) {
          addStream(plans, payload, ring, "park", "copy", c);
        }
        if (mode.reducedParameters ? smoke : all || (first && target)) {
          addStream(plans, payload, ring, "busy-poll", "in-place", c);
        }
        if (all) {
          addStream(plans, payload, ring, "park", "in-place", c);
        }
      }
    }
    // spin is the SDK's mixed mode (requester polls, delivery threads park): no peer has it.
    plans.add(new Plan("round trip, SDK requester spinning", "\\.RoundTrip\\.sdk$",
        List.<String[]>of(new String[] {"wait", "spin"})));
    for (String wait : new String[] {"busy-poll", "park"}) {
      plans.add(new Plan("round trip " + wait, "\\.RoundTrip\\.(sdk|agrona" + c + ")$",
          List.<String[]>of(new String[] {"wait", wait})));
    }
    plans.add(new Plan("tap and JFR cost", "\\.TapCost\\.(stream|roundTrip)$",
        List.<String[]>of(new String[] {"observer", "none", "off", "capture", "jfr"},
            mode == SuiteMode.FULL ? new String[] {"wait", "busy-poll", "park"}
                : new String[] {"wait", "busy-poll"})));
    plans.add(new Plan("signals", "\\.Signals\\.write$", List.of()));
    plans.add(new Plan("signal call", "\\.SignalCall\\.jna", List.of()));
    plans.add(new Plan("gpadl", "\\.Gpadl\\.createAndDelete$",
        List.<String[]>of(mode.reducedParameters ? new String[] {"pages", "1", "4096"}
            : new String[] {"pages", "1", "16", "256", "4096"})));
    return plans;
  }

  /**
   * One stream configuration: the SDK (which only copies out) and the peers that do the same work
   * under the same policy; Agrona refuses messages above capacity / 8.
   */
  private static void addStream(List<Plan> plans, String payload, String ring, String wait,
      String consumer, String c) {
    boolean agrona = Integer.parseInt(payload) <= Integer.parseInt(ring) * 1024 / 8;
    boolean sdk = consumer.equals("copy");
    String who = String.join("|", Stream.of(sdk ? "sdk" : "",
        agrona ? "agrona" : "", c.isEmpty() ? "" : "c").filter(x -> !x.isEmpty()).toList());
    if (who.isEmpty()) {
      return; // in place, too large for Agrona, no C peer: nobody does this work
    }
    plans.add(new Plan("stream " + payload + " B ring " + ring + " KiB " + wait + " " + consumer,
        "\\.PacketStream\\.(" + who + ")$",
        List.of(new String[] {"payload", payload}, new String[] {"ringKiB", ring},
            new String[] {"wait", wait}, new String[] {"consumer", consumer})));
  }

  private static ChainedOptionsBuilder options(SuiteMode mode, Plan plan, Path library, Path json) {
    ChainedOptionsBuilder o = new OptionsBuilder()
        .include(plan.regex())
        .forks(mode.forks)
        .warmupIterations(mode.warmupIterations)
        .warmupTime(TimeValue.milliseconds(mode.warmupMillis))
        .measurementIterations(mode.iterations)
        .measurementTime(TimeValue.milliseconds(mode.iterationMillis))
        .addProfiler(GCProfiler.class)
        .addProfiler(ContextSwitchProfiler.class)
        .addProfiler(NativeLatencyProfiler.class)
        .jvmArgsAppend("--enable-native-access=ALL-UNNAMED",
            "-D" + CPeerLibrary.PROPERTY + "=" + library)
        .shouldFailOnError(false)
        .resultFormat(ResultFormatType.JSON)
        .result(json.toString());
    for (String[] p : plan.params()) {
      o = o.param(p[0], Arrays.copyOfRange(p, 1, p.length));
    }
    return o;
  }
}
