package dev.vmbkmcl.sim;

import dev.vmbkmcl.KmclBackend;
import dev.vmbkmcl.KmclBackendProvider;

/** Registers the simulated VMBus with {@link java.util.ServiceLoader} under the name {@code sim}. */
public final class SimBackendProvider implements KmclBackendProvider {
  /** Used by {@link java.util.ServiceLoader}. */
  public SimBackendProvider() {}

  @Override
  public String name() {
    return "sim";
  }

  /** Lower than a real backend: the simulator is the choice when nothing real is configured. */
  @Override
  public int priority() {
    return 10;
  }

  @Override
  public KmclBackend create() {
    return new SimVmbus().engine();
  }
}
