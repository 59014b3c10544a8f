package dev.vmbkmcl.benchmarks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Renders a suite's measurements as the markdown that {@code benchmarks/results/results.md} holds and
 * the README's Performance section shows: the machine and JDK, then per benchmark the SDK's score ±
 * error beside each peer's score and the ratio, then the targets with the measured ratios.
 */
final class ResultsTable {
  static final String STREAM = "PacketStream";
  static final String ROUND_TRIP = "RoundTrip";
  private static final String MISSING = "—";
  /** Below this the GC profiler's per-op figure is noise from the harness, not the code path. */
  private static final double ZERO_ALLOCATION = 1.0;

  private final List<Measurement> results;
  private final StringBuilder out = new StringBuilder();

  private ResultsTable(List<Measurement> results) {
    this.results = results;
  }

  /**
   * The whole document.
   *
   * @param environment where it ran
   * @param mode how long it measured
   * @param loadAtEnd the 1-minute load average when the suite finished
   * @param results every measurement of the run
   * @param notes lines about what was skipped and why
   */
  static String render(Environment environment, SuiteMode mode, String loadAtEnd,
      List<Measurement> results, List<String> notes) {
    ResultsTable t = new ResultsTable(results);
    t.header(environment, mode, loadAtEnd, notes);
    t.stream();
    t.roundTrip();
    t.allocation();
    t.signals();
    t.gpadl();
    t.targets();
    return t.out.toString();
  }

  private void line(String format, Object... args) {
    out.append(String.format(Locale.ROOT, format, args)).append('\n');
  }

  private void header(Environment env, SuiteMode mode, String loadAtEnd, List<String> notes) {
    line("# vmbkmcl benchmark results");
    line("");
    line("- Machine: %s (1-minute load average %s at start, %s at end)", env.machine(),
        env.loadAtStart(), loadAtEnd);
    line("- JDK: %s", env.jdk());
    line("- Mode: %s; JMH 1.37 with `-prof gc`", mode.describe());
    line("- SDK: the simulated VMBus (vmbkmcl-sim) through the `Vmbkmcl` facade; peers measured in the"
        + " same run. Ratios are SDK ÷ peer (above 1 the SDK is faster; for latency, above 1 it is"
        + " slower).");
    for (String note : notes) {
      line("- %s", note);
    }
    if (busy(env.loadAtStart(), env.cores()) || busy(loadAtEnd, env.cores())) {
      line("- **Warning:** the load average exceeded the %d cores: other processes competed for the"
          + " CPU, polling threads were descheduled, and every figure (the peers' latencies most of"
          + " all) is pessimistic and noisy. Rerun on an idle machine before quoting it.",
          env.cores());
    }
    line("");
  }

  private static boolean busy(String loadAverage, int cores) {
    try {
      return Double.parseDouble(loadAverage) > cores;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  // ---- 1. packet stream ----------------------------------------------------------------------

  private void stream() {
    line("## 1. Packet stream");
    line("");
    line("One thread sends inband packets without completion, another drains them. Packets/s in"
        + " millions (± 99.9%% error); GB/s counts payload bytes.");
    line("");
    line("| payload | ring | SDK Mpackets/s | SDK GB/s | SDK B/op | Agrona Mpackets/s | SDK ÷ Agrona"
        + " | C Mpackets/s | SDK ÷ C |");
    line("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (String ring : values(STREAM + ".sdk", "ringKiB")) {
      for (String payload : values(STREAM + ".sdk", "payload")) {
        Map<String, String> p = Map.of("payload", payload, "ringKiB", ring);
        Optional<Measurement> sdk = find(STREAM + ".sdk", p);
        Optional<Measurement> agrona = find(STREAM + ".agrona", p);
        Optional<Measurement> c = find(STREAM + ".c", p);
        int bytes = Integer.parseInt(payload);
        line("| %s | %s KiB | %s | %s | %s | %s | %s | %s | %s |", bytes(bytes), ring,
            millions(sdk), sdk.map(m -> fixed(m.score() * bytes / 1e9, 2)).orElse(MISSING),
            sdk.map(m -> fixed(m.allocatedBytesPerOp(), 1)).orElse(MISSING),
            agrona.isPresent() || bytes <= Integer.parseInt(ring) * 1024 / 8 ? millions(agrona)
                : "n/a (max message = capacity / 8)",
            ratio(sdk, agrona, false), millions(c), ratio(sdk, c, false));
      }
    }
    line("");
  }

  // ---- 2. round trip -------------------------------------------------------------------------

  private void roundTrip() {
    line("## 2. Synchronous request round trip");
    line("");
    line("A 64-byte request with completion requested, answered at once with an 8-byte completion."
        + " Microseconds (JMH SampleTime).");
    line("");
    line("| implementation | waiting | p50 | p99 | p99.9 | mean ± error | B/op | p50 ÷ C p50 |");
    line("|---|---|---:|---:|---:|---:|---:|---:|");
    Optional<Measurement> c = find(ROUND_TRIP + ".c", Map.of());
    for (String wait : inOrder(values(ROUND_TRIP + ".sdk", "wait"), "spin", "park")) {
      roundTripRow("SDK `VmbChannelSendSynchronousRequest`, KMCL server endpoint",
          wait.equals("busy-poll")
              ? "busy-poll (requester and both delivery threads, `ext.ChannelIdle`)"
              : wait + " (requester); delivery threads woken by doorbell",
          find(ROUND_TRIP + ".sdk", Map.of("wait", wait)), c);
    }
    roundTripRow("Agrona, two OneToOneRingBuffers", "spin (both ends)",
        find(ROUND_TRIP + ".agrona", Map.of()), c);
    roundTripRow("C ping-pong over two VMBus rings (+1 JNA call)", "spin (both ends)", c, c);
    line("");
  }

  private void roundTripRow(String what, String waiting, Optional<Measurement> m,
      Optional<Measurement> c) {
    line("| %s | %s | %s | %s | %s | %s | %s | %s |", what, waiting,
        m.map(x -> fixed(x.p50(), 2)).orElse(MISSING), m.map(x -> fixed(x.p99(), 2)).orElse(MISSING),
        m.map(x -> fixed(x.p999(), 2)).orElse(MISSING), m.map(x -> withError(x, 2)).orElse(MISSING),
        m.map(x -> fixed(x.allocatedBytesPerOp(), 1)).orElse(MISSING),
        m.isPresent() && c.isPresent() ? fixed(m.get().p50() / c.get().p50(), 2) + "×" : MISSING);
  }

  // ---- 3. allocation -------------------------------------------------------------------------

  private void allocation() {
    line("## 3. Allocation on the steady-state path");
    line("");
    line("`gc.alloc.rate.norm` of the SDK benchmarks: bytes allocated per packet or round trip by"
        + " every thread (sender, delivery threads). Target 0 B/op. The baseline is the least any"
        + " peer of the same configuration allocated: the peers allocate nothing on their path, so"
        + " it is what the JMH harness itself allocates per operation in that mode (SampleTime keeps"
        + " its samples).");
    line("");
    line("| benchmark | parameters | SDK B/op | baseline B/op | SDK − baseline |");
    line("|---|---|---:|---:|---:|");
    for (Measurement m : sdkPathResults()) {
      double sdk = m.allocatedBytesPerOp();
      double base = baseline(m);
      line("| %s | %s | %s | %s | %s |", m.benchmark(), m.params(), fixed(sdk, 2), fixed(base, 2),
          fixed(sdk - (Double.isNaN(base) ? 0 : base), 1));
    }
    line("");
  }

  /** The least B/op of the peers measured with the same parameters as {@code sdk}, or NaN. */
  private double baseline(Measurement sdk) {
    String prefix = sdk.benchmark().substring(0, sdk.benchmark().indexOf('.') + 1);
    Map<String, String> p = new HashMap<>(sdk.params());
    p.remove("wait");
    double least = Double.NaN;
    for (Measurement m : results) {
      double b = m.allocatedBytesPerOp();
      if (m.benchmark().startsWith(prefix) && !m.benchmark().endsWith(".sdk")
          && m.matches(m.benchmark(), p) && !Double.isNaN(b) && (Double.isNaN(least) || b < least)) {
        least = b;
      }
    }
    return least;
  }

  /** SDK B/op less the harness baseline, the figure the 0 B/op target is judged on. */
  private double ownAllocation(Measurement sdk) {
    double base = baseline(sdk);
    return sdk.allocatedBytesPerOp() - (Double.isNaN(base) ? 0 : base);
  }

  private List<Measurement> sdkPathResults() {
    List<Measurement> list = new ArrayList<>();
    for (Measurement m : results) {
      if (m.benchmark().equals(STREAM + ".sdk") || m.benchmark().equals(ROUND_TRIP + ".sdk")) {
        list.add(m);
      }
    }
    return list;
  }

  // ---- 4. signals ----------------------------------------------------------------------------

  private void signals() {
    line("## 4. Signals");
    line("");
    line("A saturated stream of 64-byte packets through one 64 KiB ring of the SDK's ring code, the"
        + " reader blocking on a doorbell when the ring is empty. `ring-rules`: interrupt_mask and"
        + " pending_send_sz honoured; `every-packet`: the naive writer signals after every packet and"
        + " the reader after every commit.");
    line("");
    line("| policy | Mpackets/s | writer signals / 1,000 packets | reader signals / 1,000 packets"
        + " | signals ÷ every-packet |");
    line("|---|---:|---:|---:|---:|");
    Optional<Measurement> naive = find("Signals.write", Map.of("policy", "every-packet"));
    for (String policy : inOrder(values("Signals.write", "policy"), "ring-rules", "every-packet")) {
      Optional<Measurement> m = find("Signals.write", Map.of("policy", policy));
      line("| %s | %s | %s | %s | %s |", policy, millions(m),
          m.map(x -> fixed(perThousand(x, "writerSignals"), 1)).orElse(MISSING),
          m.map(x -> fixed(perThousand(x, "readerSignals"), 1)).orElse(MISSING),
          m.isPresent() && naive.isPresent()
              ? fixed(signalsPerThousand(m.get()) / signalsPerThousand(naive.get()), 3) + "×"
              : MISSING);
    }
    line("");
    line("The Hyper-V backend's signal call, `write(fd, &one, 4)`, on `/dev/null` standing in for"
        + " `/dev/uioN` (nanoseconds per call):");
    line("");
    line("| JNA mapping | ns/call | peer: interface mapping | direct ÷ interface |");
    line("|---|---:|---:|---:|");
    Optional<Measurement> direct = find("SignalCall.jnaDirect", Map.of());
    Optional<Measurement> mapped = find("SignalCall.jnaInterface", Map.of());
    line("| direct (`Native.register`) | %s | %s | %s |",
        direct.map(x -> withError(x, 1)).orElse(MISSING),
        mapped.map(x -> withError(x, 1)).orElse(MISSING), ratio(direct, mapped, true));
    line("");
  }

  private static double perThousand(Measurement m, String counter) {
    return 1000.0 * m.secondary(counter) / m.score();
  }

  private static double signalsPerThousand(Measurement m) {
    return perThousand(m, "writerSignals") + perThousand(m, "readerSignals");
  }

  // ---- 5. GPADL ------------------------------------------------------------------------------

  private void gpadl() {
    line("## 5. GPADL create + teardown (simulator)");
    line("");
    line("`VmbChannelCreateGpadlFromBuffer` + `VmbChannelDeleteGpadl` on an open channel.");
    line("");
    line("| pages | µs/op | ns per page | B/op |");
    line("|---:|---:|---:|---:|");
    for (String pages : values("Gpadl.createAndDelete", "pages")) {
      Optional<Measurement> m = find("Gpadl.createAndDelete", Map.of("pages", pages));
      int n = Integer.parseInt(pages);
      line("| %s | %s | %s | %s |", pages, m.map(x -> withError(x, 2)).orElse(MISSING),
          m.map(x -> fixed(x.score() * 1000 / n, 1)).orElse(MISSING),
          m.map(x -> fixed(x.allocatedBytesPerOp(), 0)).orElse(MISSING));
    }
    if (values("Gpadl.createAndDelete", "pages").isEmpty()) {
      line("| (no result: see the log) | | | |");
    }
    line("");
  }

  // ---- targets -------------------------------------------------------------------------------

  private void targets() {
    line("## Targets (reported, not gated)");
    line("");
    line("| target | measured | verdict |");
    line("|---|---|---|");
    streamTarget("packet stream, 64 B: ≥ 1.0× Agrona", "64", STREAM + ".agrona", 1.0);
    streamTarget("packet stream, 4 KiB: ≥ 0.9× Agrona", "4096", STREAM + ".agrona", 0.9);
    streamTarget("packet stream, 4 KiB: ≥ 0.7× the C peer", "4096", STREAM + ".c", 0.7);
    double worst = Double.NaN;
    for (Measurement m : sdkPathResults()) {
      double b = ownAllocation(m);
      if (!Double.isNaN(b) && (Double.isNaN(worst) || b > worst)) {
        worst = b;
      }
    }
    line("| steady-state send and receive: 0 B/op | worst SDK row %s B/op above baseline | %s |",
        fixed(worst, 1),
        Double.isNaN(worst) ? "not measured" : worst < ZERO_ALLOCATION ? "met" : "missed");
    Optional<Measurement> spin = find(ROUND_TRIP + ".sdk", Map.of("wait", "spin"));
    Optional<Measurement> c = find(ROUND_TRIP + ".c", Map.of());
    if (spin.isPresent() && c.isPresent()) {
      double r = spin.get().p50() / c.get().p50();
      line("| round trip p50 within 2× the C ping-pong (SDK requester spinning; the KMCL server"
          + " endpoint is woken by its doorbell, it cannot spin) | %s× | %s |", fixed(r, 2),
          r <= 2.0 ? "met" : "missed");
    } else {
      line("| round trip p50 within 2× the C ping-pong | %s | not measured |", MISSING);
    }
    line("");
  }

  private void streamTarget(String target, String payload, String peer, double wanted) {
    List<String> measured = new ArrayList<>();
    boolean met = true;
    for (String ring : values(STREAM + ".sdk", "ringKiB")) {
      Map<String, String> p = Map.of("payload", payload, "ringKiB", ring);
      Optional<Measurement> sdk = find(STREAM + ".sdk", p);
      Optional<Measurement> other = find(peer, p);
      if (sdk.isPresent() && other.isPresent()) {
        double r = sdk.get().score() / other.get().score();
        measured.add(ring + " KiB ring: " + fixed(r, 2) + "×");
        met &= r >= wanted;
      }
    }
    line("| %s | %s | %s |", target, measured.isEmpty() ? MISSING : String.join(", ", measured),
        measured.isEmpty() ? "not measured" : met ? "met" : "missed");
  }

  // ---- helpers -------------------------------------------------------------------------------

  private Optional<Measurement> find(String benchmark, Map<String, String> params) {
    for (Measurement m : results) {
      if (m.matches(benchmark, params)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  /** The values {@code param} took for {@code benchmark}, numerically sorted when numbers. */
  private List<String> values(String benchmark, String param) {
    List<String> list = new ArrayList<>();
    for (Measurement m : results) {
      String v = m.params().get(param);
      if (m.benchmark().equals(benchmark) && v != null && !list.contains(v)) {
        list.add(v);
      }
    }
    list.sort((a, b) -> isNumber(a) && isNumber(b) ? Long.compare(Long.parseLong(a),
        Long.parseLong(b)) : a.compareTo(b));
    return list;
  }

  /** {@code values} with {@code first} ahead of the rest, in that order, where present. */
  private static List<String> inOrder(List<String> values, String... first) {
    List<String> ordered = new ArrayList<>();
    for (String f : first) {
      if (values.contains(f)) {
        ordered.add(f);
      }
    }
    for (String v : values) {
      if (!ordered.contains(v)) {
        ordered.add(v);
      }
    }
    return ordered;
  }

  private static boolean isNumber(String s) {
    return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
  }

  private static String bytes(int n) {
    return n % 1024 == 0 ? n / 1024 + " KiB" : n + " B";
  }

  private static String millions(Optional<Measurement> m) {
    return m.map(x -> fixed(x.score() / 1e6, 3) + " ± " + fixed(x.error() / 1e6, 3)).orElse(MISSING);
  }

  private static String withError(Measurement m, int decimals) {
    return fixed(m.score(), decimals) + " ± " + fixed(m.error(), decimals);
  }

  /** SDK ÷ peer; {@code times} marks a ratio of times per operation (above 1, the SDK is slower). */
  private static String ratio(Optional<Measurement> sdk, Optional<Measurement> peer, boolean times) {
    if (sdk.isEmpty() || peer.isEmpty() || peer.get().score() == 0) {
      return MISSING;
    }
    return fixed(sdk.get().score() / peer.get().score(), 2) + "×" + (times ? " (time)" : "");
  }

  static String fixed(double value, int decimals) {
    if (Double.isNaN(value)) {
      return MISSING;
    }
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }
}
