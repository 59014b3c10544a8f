package dev.vmbkmcl;


/**
 * {@code VMBPACKETCOMPLETION}: identifies one incoming delivery until it is completed, deferred or
 * failed ({@code DECLARE_HANDLE(VMBPACKETCOMPLETION)}).
 */
public abstract class VMBPACKETCOMPLETION {
  private final KmclBackend backend;

  /** For backends: a delivery owned by {@code backend}. */
  protected VMBPACKETCOMPLETION(KmclBackend backend) {
    this.backend = backend;
  }

  final KmclBackend backend() {
    return backend;
  }
}
