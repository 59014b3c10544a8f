package dev.vmbkmcl.sim;

/** How a simulated endpoint waits for its doorbell. */
public enum SimWait {
  /** Park the thread until the peer rings (the default; right for tests on few cores). */
  PARK,
  /** Spin on the doorbell (lowest latency on idle cores; for benchmarks only). */
  SPIN
}
