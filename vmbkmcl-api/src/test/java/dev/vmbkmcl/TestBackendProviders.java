package dev.vmbkmcl;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Backend providers registered for the tests in {@code META-INF/services}: "alpha" (priority 10)
 * and "beta" (priority 20). Each creates a Mockito backend whose default device is named after it.
 */
final class TestBackendProviders {
  private TestBackendProviders() {}

  static KmclBackend backendNamed(String name) {
    KmclBackend backend = mock(KmclBackend.class);
    DeviceObject device = new DeviceObject(backend, name + "-device");
    when(backend.name()).thenReturn(name);
    when(backend.defaultDevice()).thenReturn(device);
    return backend;
  }

  /** A provider with a fixed name and priority that counts its {@link #create()} calls. */
  abstract static class Named implements KmclBackendProvider {
    final AtomicInteger created = new AtomicInteger();
    private final String name;
    private final int priority;

    Named(String name, int priority) {
      this.name = name;
      this.priority = priority;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public int priority() {
      return priority;
    }

    @Override
    public KmclBackend create() {
      created.incrementAndGet();
      return backendNamed(name);
    }
  }

  /** "alpha", priority 10. */
  public static final class Alpha extends Named {
    /** For {@link java.util.ServiceLoader}. */
    public Alpha() {
      super("alpha", 10);
    }
  }

  /** "beta", priority 20. */
  public static final class Beta extends Named {
    /** For {@link java.util.ServiceLoader}. */
    public Beta() {
      super("beta", 20);
    }
  }
}
