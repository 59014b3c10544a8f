/**
 * jcstress proofs of the ring's publish / consume protocol (reference §3.2–§3.8): each test runs
 * the real {@link dev.vmbkmcl.ring.RingWriter} and {@link dev.vmbkmcl.ring.RingReader} on two
 * threads over one ring, millions of times, and forbids the outcome a missing fence would allow.
 * Run with the {@code jcstress} profile of vmbkmcl-api (see its pom).
 */
@org.jspecify.annotations.NullMarked
package dev.vmbkmcl.jcstress;
