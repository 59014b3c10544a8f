/**
 * The KMCL interface tables (kmcl-api.md §1.10 and §4.2): {@code KMCL_CLIENT_INTERFACE_V1} to
 * {@code _V5}, the server-only methods and the two server tables, each a subclass of the WDM
 * {@link dev.vmbkmcl.INTERFACE} header (which lives in the facade package, so the facade's {@code
 * KmclQueryInterface} names no table and the two packages form no cycle), for drivers written against the interface-table
 * binding model. Fill one with {@link dev.vmbkmcl.Vmbkmcl#KmclQueryInterface}; every member calls
 * the {@link dev.vmbkmcl.Vmbkmcl} function of the same name.
 */
@org.jspecify.annotations.NullMarked
package dev.vmbkmcl.interfaces;
