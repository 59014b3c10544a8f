package dev.vmbkmcl.hyperv;

import dev.vmbkmcl.KmclBackend;
import dev.vmbkmcl.KmclBackendProvider;
import java.nio.file.Files;

/**
 * Registers the Hyper-V guest backend with {@link java.util.ServiceLoader} under the name {@code
 * hyperv}. It outranks the simulator only on a machine that has a VMBus ({@code /sys/bus/vmbus}).
 */
public final class HypervBackendProvider implements KmclBackendProvider {
  /** Used by {@link java.util.ServiceLoader}. */
  public HypervBackendProvider() {}

  @Override
  public String name() {
    return "hyperv";
  }

  @Override
  public int priority() {
    return Files.isDirectory(HypervPaths.fromSystemProperties().vmbusRoot()) ? 20 : 0;
  }

  @Override
  public KmclBackend create() {
    return new HypervBackend().engine();
  }
}
