/**
 * JFR events of every channel (an SDK extension; KMCL's nearest twin is ETW tracing in the Windows
 * kernel): packets and bytes each way, doorbells, ring-full waits and their duration, poisoning
 * with its reason, state changes. {@link JfrProvider} gives each channel a {@link JfrObserver}
 * unless {@code -Dvmbkmcl.jfr=false}; while no recording runs the observer returns at one field
 * test. Enable or disable single events with the usual JFR settings.
 */
@org.jspecify.annotations.NullMarked
package dev.vmbkmcl.jfr;
