/**
 * The channel engine: the KMCL channel state machine, send queue, transaction table, completions,
 * synchronous requests and incoming delivery, written once over {@link dev.vmbkmcl.ring} and a
 * backend's {@link dev.vmbkmcl.spi.ChannelLink}. Both backends run this same code: the final
 * {@link dev.vmbkmcl.channel.Engine} holds a backend's {@link dev.vmbkmcl.channel.Transport} (offers,
 * connect and disconnect, external data, {@link dev.vmbkmcl.channel.GpadlPort GPADLs}) and hands it
 * a {@link dev.vmbkmcl.channel.ChannelConnection} per channel for the link's events.
 */
@org.jspecify.annotations.NullMarked
package dev.vmbkmcl.channel;
