/**
 * A simulated host that plays back the host side of a capture ({@link ReplayHost}): it answers a
 * guest driver's packets as a recorded session did, and reports the first place where the guest
 * now behaves differently, with both packets decoded.
 */
@org.jspecify.annotations.NullMarked
package dev.vmbkmcl.sim.replay;
