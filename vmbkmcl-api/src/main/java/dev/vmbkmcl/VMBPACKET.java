package dev.vmbkmcl;


/**
 * {@code VMBPACKET}: the opaque handle of an outgoing packet object ({@code
 * DECLARE_HANDLE(VMBPACKET)}), made by {@code VmbPacketAllocate} or {@code VmbPacketInitialize}.
 */
public abstract class VMBPACKET {
  private final KmclBackend backend;

  /** For backends: a packet owned by {@code backend}. */
  protected VMBPACKET(KmclBackend backend) {
    this.backend = backend;
  }

  final KmclBackend backend() {
    return backend;
  }
}
