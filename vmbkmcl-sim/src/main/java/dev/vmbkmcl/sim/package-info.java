/**
 * The simulated VMBus backend: rings in Java memory, doorbells between threads, an in-process host
 * that offers server channels to client channels, and seeded fault plans.
 */
@org.jspecify.annotations.NullMarked
package dev.vmbkmcl.sim;
