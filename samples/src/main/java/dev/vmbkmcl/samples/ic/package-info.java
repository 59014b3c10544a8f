/**
 * The Hyper-V integration-component (IC) message framework carried inside VMBus inband packets
 * (vmbus-ring-and-uio.md §5): header layout, version negotiation and heartbeat, for both the guest
 * (responder) and the simulated host (requester). Pure Java over {@link java.nio.ByteBuffer}; every
 * decoder validates lengths against the received payload and reports bad input as a result, never
 * as an exception.
 */
@org.jspecify.annotations.NullMarked
package dev.vmbkmcl.samples.ic;
