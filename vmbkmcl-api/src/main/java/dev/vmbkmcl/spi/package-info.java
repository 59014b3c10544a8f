/**
 * The transport port a backend hands to the channel engine: {@link dev.vmbkmcl.spi.ChannelLink} (ring
 * memory and a doorbell in each direction) and {@link dev.vmbkmcl.spi.TimeSource} (the engine's
 * clock and waits). It imports nothing of the facade package: the backend contract the facade
 * dispatches to, {@link dev.vmbkmcl.KmclBackend}, and its {@link java.util.ServiceLoader} entry
 * point, {@link dev.vmbkmcl.KmclBackendProvider}, live in {@code dev.vmbkmcl} beside the handle types
 * they name, so the two packages form no cycle.
 */
@org.jspecify.annotations.NullMarked
package dev.vmbkmcl.spi;
