/**
 * The VMBus ring format, byte-exact (reference vmbus-ring-and-uio.md §1–§3): layout descriptors
 * ({@link dev.vmbkmcl.ring.RingControlLayout}, {@link dev.vmbkmcl.ring.PacketLayout}, {@link
 * dev.vmbkmcl.ring.GpaDirect}, {@link dev.vmbkmcl.ring.TransferPages}, {@link
 * dev.vmbkmcl.ring.WireGuid}) and the writer and reader as pure state machines over a {@link
 * java.nio.ByteBuffer} that return "signal needed" instead of signalling. Nothing here knows about
 * threads, doorbells or backends.
 */
@org.jspecify.annotations.NullMarked
package dev.vmbkmcl.ring;
