package dev.vmbkmcl;

import org.jspecify.annotations.Nullable;

/**
 * {@code PINTERFACE_DEREFERENCE} (wdm.h): {@code VOID InterfaceDereference(PVOID Context)}, the
 * {@link INTERFACE#InterfaceDereference} member an importer calls when it is done with an
 * interface: {@code If.InterfaceDereference.call(If.Context)}.
 */
@FunctionalInterface
@SuppressWarnings("ParameterName") // the C parameter name
public interface PINTERFACE_DEREFERENCE {
  /** Releases a reference to the interface whose {@code Context} is given. */
  void call(@Nullable Object Context);
}
