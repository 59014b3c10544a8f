package dev.vmbkmcl.samples;

import dev.vmbkmcl.KmclBackend;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.jspecify.annotations.Nullable;

/**
 * Seam to the hyperv backend's explanation of its last failed {@code VmbChannelEnable}. KMCL
 * returns only an NTSTATUS, but a user needs the fix ("bind the device to uio_hv_generic with ...",
 * "run as root or chmod /dev/uio0"). The backend is expected to offer it as a public, argument-less
 * method {@code String lastError()} (null when nothing failed); it is looked up reflectively so the
 * samples build and run whether or not a backend has it.
 */
final class BackendFailureReason {
  private BackendFailureReason() {}

  /** The backend's own one-line reason, or null when it offers none. */
  static @Nullable String of(KmclBackend backend) {
    try {
      Method lastError = backend.getClass().getMethod("lastError");
      Object reason = lastError.getReturnType() == String.class ? lastError.invoke(backend) : null;
      return reason == null ? null : reason.toString();
    } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
      return null;
    }
  }
}
