/**
 * Reliability tests of the channel engine on the simulated VMBus: a hostile host that writes what
 * the ring format forbids ({@link dev.vmbkmcl.sim.reliability.HostileRingTest}), answers with
 * completions nobody asked for ({@link dev.vmbkmcl.sim.reliability.HostileCompletionTest}) or
 * misuses the traffic itself ({@link dev.vmbkmcl.sim.reliability.HostileTrafficTest}); answers
 * that race their timeouts ({@link dev.vmbkmcl.sim.reliability.SyncTimeoutRaceTest}); and a seeded
 * fault soak over many channels ({@link dev.vmbkmcl.sim.reliability.FaultSoakTest}).
 */
@org.jspecify.annotations.NullMarked
package dev.vmbkmcl.sim.reliability;
