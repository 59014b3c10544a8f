/**
 * The transport port a backend hands to the channel engine: {@link dev.vmbkmcl.spi.ChannelLink} (ring
 * memory and a doorbell in each direction) and {@link dev.vmbkmcl.spi.TimeSource} (the engine's
 * clock and waits). It imports nothing of the facade package: the rest of the port, {@link
 * dev.vmbkmcl.channel.Transport}, names the engine's channel and the facade's MDL and NTSTATUS, so it
 * lives beside the engine; the contract the facade dispatches to, {@link dev.vmbkmcl.KmclBackend}
 * (implemented only by {@link dev.vmbkmcl.channel.Engine}), and the {@link
 * java.util.ServiceLoader} entry point, {@link dev.vmbkmcl.KmclBackendProvider}, live in {@code
 * dev.vmbkmcl} beside the handle types they name, so the packages form no cycle.
 */
@org.jspecify.annotations.NullMarked
package dev.vmbkmcl.spi;
