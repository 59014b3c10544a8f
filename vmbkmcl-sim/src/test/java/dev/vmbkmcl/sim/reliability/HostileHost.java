package dev.vmbkmcl.sim.reliability;

import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.ring.IncomingPacket;
import dev.vmbkmcl.ring.PacketLayout;
import dev.vmbkmcl.ring.Ring;
import dev.vmbkmcl.ring.RingControlLayout;
import dev.vmbkmcl.ring.RingReader;
import dev.vmbkmcl.ring.RingWriter;
import dev.vmbkmcl.sim.SimVmbus;
import java.nio.ByteBuffer;

/**
 * The test playing the host on an open client channel whose server was never started: it reads the
 * guest's TX ring and writes the guest's RX ring itself, either well-formed through the ring
 * classes ({@link #reply}) or as raw bytes and indices that break the format ({@link #putRaw},
 * {@link #setRxWriteIndex}, {@link #setTxReadIndex}), and rings the guest's doorbell.
 */
final class HostileHost {
  private final SimVmbus bus;
  private final VMBCHANNEL client;
  private final ByteBuffer guestTx;
  private final ByteBuffer guestRx;
  private final RingReader fromGuest;
  private final RingWriter toGuest;
  private final IncomingPacket packet = new IncomingPacket();

  HostileHost(SimVmbus bus, VMBCHANNEL client) {
    this.bus = bus;
    this.client = client;
    ByteBuffer[] rings = bus.ringsOf(client);
    guestTx = rings[0];
    guestRx = rings[1];
    fromGuest = new RingReader(Ring.wrap(guestTx.duplicate()));
    toGuest = new RingWriter(Ring.wrap(guestRx.duplicate()));
  }

  /** Bytes in the data area of the guest's RX ring. */
  int rxDataSize() {
    return guestRx.capacity() - RingControlLayout.CONTROL_PAGE_SIZE;
  }

  /** Waits for the guest's next packet and consumes it (committing the read index). */
  IncomingPacket awaitFromGuest() {
    int[] rc = {RingReader.EMPTY};
    Await.until("the guest sent a packet", () -> (rc[0] = fromGuest.read(packet)) != RingReader.EMPTY);
    if (rc[0] != RingReader.PACKET) {
      throw new AssertionError("the guest's TX ring is corrupt: " + fromGuest.corruption());
    }
    fromGuest.commit();
    return packet;
  }

  /** Bytes the guest has published in its TX ring that this host has not read. */
  int unreadFromGuest() {
    return fromGuest.bytesAvailable();
  }

  /** Writes a well-formed packet into the guest's RX ring and rings the guest's doorbell. */
  void reply(int type, long transactionId, byte[] payload) {
    int rc = toGuest.write(type, 0, transactionId, null, ByteBuffer.wrap(payload));
    if (rc != RingWriter.WRITTEN && rc != RingWriter.WRITTEN_SIGNAL) {
      throw new AssertionError("the host could not write its packet: " + rc);
    }
    signal();
  }

  /**
   * Writes one packet into the guest's RX ring without ringing, with the completion-requested flag
   * when {@code wantsCompletion}; returns the writer's result ({@link RingWriter#FULL} when it does
   * not fit). Only one thread at a time may write as the host.
   */
  int tryWrite(int type, boolean wantsCompletion, long transactionId, byte[] payload) {
    return toGuest.write(type, wantsCompletion ? PacketLayout.FLAG_COMPLETION_REQUESTED : 0,
        transactionId, null, ByteBuffer.wrap(payload));
  }

  /** Free bytes in the guest's RX ring as the host's writer sees them. */
  int rxFreeBytes() {
    return toGuest.freeBytes();
  }

  /** A completion (type 0x0B) for {@code transactionId} carrying {@code payload}. */
  void complete(long transactionId, byte[] payload) {
    reply(PacketLayout.TYPE_COMPLETION, transactionId, payload);
  }

  /** Raw bytes into the RX data area at {@code at}, wrapping at its end; no index changes. */
  void putRaw(int at, byte[] bytes) {
    int dsize = rxDataSize();
    for (int i = 0; i < bytes.length; i++) {
      guestRx.put(RingControlLayout.CONTROL_PAGE_SIZE + (at + i) % dsize, bytes[i]);
    }
  }

  /** Stores the RX ring's write_index (the host's own field) as it is, valid or not. */
  void setRxWriteIndex(int value) {
    guestRx.putInt(RingControlLayout.WRITE_INDEX, value);
  }

  /** Stores the TX ring's read_index (the host's own field) as it is, valid or not. */
  void setTxReadIndex(int value) {
    guestTx.putInt(RingControlLayout.READ_INDEX, value);
  }

  /** The guest's read_index of the RX ring: how far it consumed what the host wrote. */
  int rxReadIndex() {
    return guestRx.getInt(RingControlLayout.READ_INDEX);
  }

  /** The guest's pending_send_sz in its TX ring (§3.4). */
  int txPendingSendSize() {
    return guestTx.getInt(RingControlLayout.PENDING_SEND_SIZE);
  }

  /** Rings the guest's doorbell. */
  void signal() {
    bus.signalClient(client);
  }
}
