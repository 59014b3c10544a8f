package dev.vmbkmcl;

import dev.vmbkmcl.spi.KmclBackend;
import dev.vmbkmcl.spi.KmclBackendProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import org.jspecify.annotations.Nullable;

/**
 * Chooses the backend behind {@link Vmbkmcl#VmbDefaultDeviceObject()}: the {@link
 * KmclBackendProvider} named by the system property {@code vmbkmcl.backend}, else the one with the
 * highest priority. Created once, lazily.
 */
final class KmclBackends {
  static final String PROPERTY = "vmbkmcl.backend";
  private static @Nullable KmclBackend selected;

  private KmclBackends() {}

  static synchronized KmclBackend selected() {
    KmclBackend b = selected;
    if (b == null) {
      b = choose(System.getProperty(PROPERTY), ServiceLoader.load(KmclBackendProvider.class));
      selected = b;
    }
    return b;
  }

  static KmclBackend choose(@Nullable String wanted, Iterable<KmclBackendProvider> providers) {
    List<KmclBackendProvider> all = new ArrayList<>();
    providers.forEach(all::add);
    if (wanted != null && !wanted.isEmpty()) {
      for (KmclBackendProvider p : all) {
        if (p.name().equals(wanted)) {
          return p.create();
        }
      }
      throw new IllegalStateException("vmbkmcl backend '" + wanted + "' is not on the class path "
          + "(available: " + names(all) + "); add the dev.vmbkmcl:vmbkmcl-" + wanted
          + " artifact (vmbkmcl-sim or vmbkmcl-hyperv)");
    }
    return all.stream().max(Comparator.comparingInt(KmclBackendProvider::priority))
        .orElseThrow(() -> new IllegalStateException("no vmbkmcl backend is on the class path; add "
            + "dev.vmbkmcl:vmbkmcl-sim (simulated VMBus) or dev.vmbkmcl:vmbkmcl-hyperv (Linux guest)"))
        .create();
  }

  private static List<String> names(List<KmclBackendProvider> all) {
    List<String> names = new ArrayList<>();
    for (KmclBackendProvider p : all) {
      names.add(p.name());
    }
    return names;
  }
}
