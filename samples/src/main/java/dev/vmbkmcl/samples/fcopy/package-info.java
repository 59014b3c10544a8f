/**
 * The Hyper-V file-copy integration component ("guest services", IC type 7; vmbus-ring-and-uio.md
 * §5.7): validating decoders for the host's START / WRITE / COMPLETE / CANCEL messages, a session
 * that writes the pushed files under one root directory without ever leaving a partial file, and
 * host-side encoders for the simulated host. Pure Java over {@link java.nio.ByteBuffer} and {@link
 * java.nio.file}.
 */
@org.jspecify.annotations.NullMarked
package dev.vmbkmcl.samples.fcopy;
