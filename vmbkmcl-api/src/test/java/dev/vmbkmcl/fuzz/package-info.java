/**
 * Coverage-guided fuzz tests (Jazzer {@code @FuzzTest}) of everything in the ring layer that reads
 * bytes a peer wrote: {@link dev.vmbkmcl.ring.RingReader} over arbitrary control pages and data
 * areas, the packet checks for every packet type, and {@link dev.vmbkmcl.ring.GpaDirect}. Each
 * compares the code with {@link dev.vmbkmcl.fuzz.RingOracle}, an independent reading of the
 * reference's validation checklist (vmbus-ring-and-uio.md §2.7, §2.10, §3.6). Without {@code
 * JAZZER_FUZZ} the tests replay their saved corpus (src/test/resources/dev/vmbkmcl/fuzz).
 */
@org.jspecify.annotations.NullMarked
package dev.vmbkmcl.fuzz;
