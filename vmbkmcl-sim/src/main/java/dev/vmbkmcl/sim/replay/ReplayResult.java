package dev.vmbkmcl.sim.replay;

/**
 * How a replay ended.
 *
 * @param matched true when the guest repeated every recorded packet
 * @param guestPacketsMatched recorded guest packets the live guest repeated
 * @param hostPacketsSent recorded host packets sent to the guest
 * @param ignored live and recorded packets left out by the lenient mode
 * @param divergence empty when matched, else the first divergence with both packets decoded
 */
public record ReplayResult(boolean matched, int guestPacketsMatched, int hostPacketsSent,
    int ignored, String divergence) {}
