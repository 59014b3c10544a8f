package dev.vmbkmcl.channel;

/**
 * What waits in a channel's send queue for ring room, in ring order: a driver's packet ({@link
 * EnginePacket}) or a completion this side owes the peer ({@link Delivery}, kmcl-api.md §1.5).
 * Sealed, so the queue's two cases are all there are and a third cannot slip in unhandled.
 */
sealed interface QueuedSend permits EnginePacket, Delivery {}
