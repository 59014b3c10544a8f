package dev.vmbkmcl;

/**
 * {@code HANDLE}: an opaque kernel or user handle, as taken by {@code
 * VmbConvertVmbusHandleToKernelHandle} and {@code VmbServerChannelInitSetVmbusHandle}.
 *
 * @param value the backend's identifier of the object (for the simulator: a partition id)
 * @param kernel true for a kernel handle (the output of {@code VmbConvertVmbusHandleToKernelHandle})
 */
public record Handle(long value, boolean kernel) {
  /** A user-mode VMBus handle as the VM worker process would hold it. */
  public static Handle user(long value) {
    return new Handle(value, false);
  }
}
