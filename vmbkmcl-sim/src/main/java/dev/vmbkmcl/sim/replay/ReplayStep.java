package dev.vmbkmcl.sim.replay;

import java.nio.ByteBuffer;

/**
 * One packet of the recorded session.
 *
 * @param fromGuest true for a packet the guest sent (to expect), false for one the host sent (to
 *     send)
 * @param record the record's index in the capture, for messages
 * @param packet the ring packet, descriptor first, little-endian, from position 0
 */
record ReplayStep(boolean fromGuest, int record, ByteBuffer packet) {}
