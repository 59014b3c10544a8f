package dev.vmbkmcl;

/**
 * A {@link java.util.ServiceLoader} entry point for a backend. The facade picks the provider named by
 * the system property {@code vmbkmcl.backend} (for example {@code sim} or {@code hyperv}), or else the
 * available provider with the highest {@link #priority()}.
 */
public interface KmclBackendProvider {
  /** The name matched against the {@code vmbkmcl.backend} property. */
  String name();

  /** Higher wins when no backend is named. */
  int priority();

  /**
   * Creates the backend. Called at most once per JVM by the facade.
   *
   * @throws IllegalStateException with a message a user can act on when this machine cannot run it
   */
  KmclBackend create();
}
