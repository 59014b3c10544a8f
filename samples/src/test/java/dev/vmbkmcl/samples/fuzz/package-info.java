/**
 * Coverage-guided fuzz tests (Jazzer {@code @FuzzTest}) of the sample protocol decoders a host
 * feeds: the IC framework with negotiation and heartbeat, Dynamic Memory, file copy, and {@link
 * dev.vmbkmcl.samples.fcopy.FcopySession}'s confinement to its target root. Without {@code
 * JAZZER_FUZZ} the tests replay their saved corpus (src/test/resources/dev/vmbkmcl/samples/fuzz).
 */
@org.jspecify.annotations.NullMarked
package dev.vmbkmcl.samples.fuzz;
