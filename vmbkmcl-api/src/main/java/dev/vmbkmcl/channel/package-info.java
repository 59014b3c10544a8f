/**
 * The channel engine: the KMCL channel state machine, send queue, transaction table, completions,
 * synchronous requests and incoming delivery, written once over {@link dev.vmbkmcl.ring} and a
 * backend's {@link dev.vmbkmcl.spi.ChannelLink}. Both backends run this same code.
 */
@org.jspecify.annotations.NullMarked
package dev.vmbkmcl.channel;
