/**
 * A JUnit 5 extension that gives a test a simulated VMBus, connected channel pairs and a seeded
 * fault plan, closes them after the test, and fails the test on a leak or a poisoned channel.
 * Needs {@code org.junit.jupiter:junit-jupiter-api} on the test class path (an optional dependency
 * of vmbkmcl-sim). Start with {@link dev.vmbkmcl.sim.junit.SimVmbusExtension}.
 */
@org.jspecify.annotations.NullMarked
package dev.vmbkmcl.sim.junit;
