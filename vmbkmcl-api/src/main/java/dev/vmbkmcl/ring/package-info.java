/**
 * The VMBus ring format, byte-exact (reference vmbus-ring-and-uio.md sections 1-3): layout
 * descriptors, and the writer and reader as pure state machines that say when to signal.
 */
@org.jspecify.annotations.NullMarked
package dev.vmbkmcl.ring;
