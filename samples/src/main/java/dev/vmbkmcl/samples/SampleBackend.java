package dev.vmbkmcl.samples;

/** Where a sample's guest driver runs: the {@code --backend} option. */
enum SampleBackend {
  /** The simulated VMBus in this JVM ({@code dev.vmbkmcl.sim.SimVmbus}), host side included. */
  SIM("sim"),
  /** This Linux Hyper-V / Azure guest, through {@code uio_hv_generic} (the vmbkmcl-hyperv backend). */
  HYPERV("hyperv");

  private final String cliName;

  SampleBackend(String cliName) {
    this.cliName = cliName;
  }

  /** The value of {@code --backend} naming this backend. */
  String cliName() {
    return cliName;
  }

  /**
   * The backend called {@code name} on the command line.
   *
   * @throws UsageException for any other name
   */
  static SampleBackend named(String name) throws UsageException {
    for (SampleBackend b : values()) {
      if (b.cliName.equals(name)) {
        return b;
      }
    }
    throw new UsageException("unknown backend '" + name + "': use sim or hyperv");
  }
}
