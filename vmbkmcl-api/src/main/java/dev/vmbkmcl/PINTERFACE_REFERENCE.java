package dev.vmbkmcl;

import org.jspecify.annotations.Nullable;

/**
 * {@code PINTERFACE_REFERENCE} (wdm.h): {@code VOID InterfaceReference(PVOID Context)}, the
 * {@link INTERFACE#InterfaceReference} member that adds a reference to an interface. Call it as C
 * does: {@code If.InterfaceReference.call(If.Context)}.
 */
@FunctionalInterface
@SuppressWarnings("ParameterName") // the C parameter name
public interface PINTERFACE_REFERENCE {
  /** Adds a reference to the interface whose {@code Context} is given. */
  void call(@Nullable Object Context);
}
