package dev.vmbkmcl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Chooses and creates the backend behind {@link Vmbkmcl#VmbDefaultDeviceObject()}: of the {@link
 * KmclBackendProvider}s found by {@link ServiceLoader}, the one named by the system property
 * {@value #PROPERTY} if it is set, else the one with the highest priority (ties broken by name, so
 * the choice never depends on class-path order). The backend is created once, on first use; a
 * failed creation is retried on the next use, since its cause (a missing device, a permission) may
 * be fixed by then.
 */
final class KmclBackends {
  /** The system property that names a backend, for example {@code sim} or {@code hyperv}. */
  static final String PROPERTY = "vmbkmcl.backend";

  private static final KmclBackends CONFIGURED = new KmclBackends(
      () -> ServiceLoader.load(KmclBackendProvider.class), () -> System.getProperty(PROPERTY));

  private final Supplier<Iterable<KmclBackendProvider>> providers;
  private final Supplier<@Nullable String> wantedName;
  private final Object lock = new Object();
  private volatile @Nullable KmclBackend backend;

  KmclBackends(Supplier<Iterable<KmclBackendProvider>> providers,
      Supplier<@Nullable String> wantedName) {
    this.providers = providers;
    this.wantedName = wantedName;
  }

  /** The backend chosen by this JVM's configuration, created on the first call. */
  static KmclBackend configured() {
    return CONFIGURED.backend();
  }

  /** This selector's backend, created on the first call and shared afterwards. */
  KmclBackend backend() {
    KmclBackend b = backend;
    if (b != null) {
      return b;
    }
    synchronized (lock) {
      b = backend;
      if (b == null) {
        b = choose(providers.get(), wantedName.get()).create();
        backend = b;
      }
      return b;
    }
  }

  /**
   * The provider named {@code name} (case-insensitive; blank counts as unset), or else the one with
   * the highest priority.
   *
   * @throws IllegalStateException when no provider matches, listing those available and the Maven
   *     artifact that brings the missing one
   */
  static KmclBackendProvider choose(Iterable<KmclBackendProvider> candidates,
      @Nullable String name) {
    List<KmclBackendProvider> found = new ArrayList<>();
    candidates.forEach(found::add);
    String wanted = name == null ? "" : name.trim();
    KmclBackendProvider best = null;
    for (KmclBackendProvider p : found) {
      if (!wanted.isEmpty()) {
        if (p.name().equalsIgnoreCase(wanted)) {
          return p;
        }
      } else if (best == null || p.priority() > best.priority()
          || (p.priority() == best.priority() && p.name().compareTo(best.name()) < 0)) {
        best = p;
      }
    }
    if (best != null) {
      return best;
    }
    throw new IllegalStateException(missingMessage(wanted, found));
  }

  private static String missingMessage(String wanted, List<KmclBackendProvider> found) {
    StringBuilder available = new StringBuilder();
    for (KmclBackendProvider p : found) {
      available.append(available.length() == 0 ? "" : ", ")
          .append(p.name()).append(" (priority ").append(p.priority()).append(')');
    }
    String what = wanted.isEmpty()
        ? "No KMCL backend is on the class path"
        : "The KMCL backend '" + wanted + "' named by -D" + PROPERTY + " is not on the class path";
    return what + "; available: [" + available + "]. Add the Maven artifact "
        + artifactFor(wanted) + " to the class path"
        + (wanted.isEmpty() ? "" : ", or name one of the available backends") + ".";
  }

  private static String artifactFor(String wanted) {
    return switch (wanted.toLowerCase(Locale.ROOT)) {
      case "sim" -> "dev.vmbkmcl:vmbkmcl-sim (the simulated VMBus)";
      case "hyperv" -> "dev.vmbkmcl:vmbkmcl-hyperv (a Hyper-V guest)";
      default -> "dev.vmbkmcl:vmbkmcl-sim (the simulated VMBus) or dev.vmbkmcl:vmbkmcl-hyperv"
          + " (a Hyper-V guest)";
    };
  }
}
