package dev.vmbkmcl.sim.replay;

/** How closely the guest must repeat the recorded session. */
public enum ReplayMode {
  /** Every guest packet, in order, status reports included. */
  STRICT,
  /**
   * As strict, except the guest's periodic status reports (Dynamic Memory {@code STATUS_REPORT}),
   * which depend on time and memory: they may differ in count, timing and content, so they are
   * left out on both sides.
   */
  LENIENT
}
