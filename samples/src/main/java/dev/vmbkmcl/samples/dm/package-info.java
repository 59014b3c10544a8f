/**
 * The Hyper-V Dynamic Memory (hv-balloon) protocol carried inside VMBus inband packets
 * (vmbus-ring-and-uio.md §6): message types, encoders for both directions and one validating
 * decoder. Pure Java over {@link java.nio.ByteBuffer}; bad input from the peer decodes to {@link
 * dev.vmbkmcl.samples.dm.DmMalformed}, never to an exception.
 */
@org.jspecify.annotations.NullMarked
package dev.vmbkmcl.samples.dm;
