package dev.vmbkmcl.sim.reliability;

import static dev.vmbkmcl.Vmbkmcl.VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelCleanup;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelDisable;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelPacketComplete;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketAllocate;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketFree;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketSend;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketSetCompletionRoutine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.VMBPACKET;
import dev.vmbkmcl.ring.IncomingPacket;
import dev.vmbkmcl.ring.PacketLayout;
import dev.vmbkmcl.ring.Ring;
import dev.vmbkmcl.ring.RingControlLayout;
import dev.vmbkmcl.ring.RingReader;
import dev.vmbkmcl.ring.RingWriter;
import dev.vmbkmcl.sim.SimChannelPair;
import dev.vmbkmcl.sim.SimVmbus;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.Collectors;

/**
 * End to end: an adversarial host script run against a real engine channel on the simulated
 * VMBus. The test is the host (the server is never started): each input is up to 48 steps of
 * guest sends, host reads of the guest's ring, completions for real or made-up transaction ids,
 * well-formed or raw packets, index moves in either ring and doorbells. Then the guest disables the
 * channel. Invariants: no exception escapes to any thread; every send the engine accepted runs its
 * completion routine exactly once (a refused one never), whatever the host did; the driver's
 * callback only sees packets that fit the ring, never a completion; and once disabled the channel
 * leaves no engine thread behind, so nothing accumulates from one input to the next.
 *
 * <p>Input: {@code u8 op} then the op's fields, repeated (see {@link #run}); past the end every
 * field reads 0.
 */
class HostScriptFuzzTest {
  private static final int RING_PAGES = 2;
  private static final int DATA_SIZE = (RING_PAGES - 1) * 4096;
  private static final int MAX_STEPS = 48;
  private static final int MAX_SENDS = 32;
  private static final int WAIT = VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION;
  private static final SimVmbus BUS = new SimVmbus();

  @FuzzTest(maxDuration = "2m")
  void anyHostScriptKeepsTheEngineSound(byte[] input) throws InterruptedException {
    List<Throwable> escaped = new CopyOnWriteArrayList<>();
    Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> escaped.add(e));
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    try {
      run(new FuzzInput(input), escaped);
    } finally {
      Thread.setDefaultUncaughtExceptionHandler(previous);
    }
    Await.until("no engine thread is left", () -> leftOver(before).isEmpty());
    assertEquals(List.of(), escaped, "exceptions that reached a thread");
  }

  private static void run(FuzzInput in, List<Throwable> escaped) throws InterruptedException {
    List<String> problems = new CopyOnWriteArrayList<>();
    SimChannelPair pair = SimChannelPair.builder(BUS).instance(UUID.randomUUID()).ringPages(RING_PAGES)
        .maximumPacketCount(4)
        .serverPackets((ch, pkt, buf, len, flags) -> VmbChannelPacketComplete(pkt, null, 0))
        .clientPackets((ch, pkt, buf, len, flags) -> {
          if (len < 0 || len > DATA_SIZE || buf.position() + len > buf.limit()) {
            problems.add("the driver got a packet of " + len + " bytes");
          }
          VmbChannelPacketComplete(pkt, null, 0);
        })
        .startServer(false).allocate();
    pair.open();
    ByteBuffer[] rings = BUS.ringsOf(pair.client());
    ByteBuffer tx = rings[0];
    ByteBuffer rx = rings[1];
    RingWriter toGuest = new RingWriter(Ring.wrap(rx.duplicate()));
    RingReader fromGuest = new RingReader(Ring.wrap(tx.duplicate()));
    IncomingPacket seen = new IncomingPacket();
    List<Long> transactionIds = new ArrayList<>();
    AtomicIntegerArray completions = new AtomicIntegerArray(MAX_SENDS);
    boolean[] accepted = new boolean[MAX_SENDS];
    NtStatus[] sendStatus = new NtStatus[MAX_SENDS];
    int sends = 0;
    ByteBuffer payload = ByteBuffer.allocate(DATA_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    try {
      for (int step = 0; step < MAX_STEPS && in.hasMore(); step++) {
        switch (in.u8() % 9) {
          case 0 -> { // the guest sends, with or without a completion
            int length = 8 + in.u8() * 8;
            boolean waits = (in.u8() & 1) != 0;
            if (sends < MAX_SENDS) {
              int id = sends++;
              sendStatus[id] = send(pair, id, length, waits, completions);
              accepted[id] = NtStatus.STATUS_SUCCESS.equals(sendStatus[id]);
            }
          }
          case 1 -> { // the host reads what the guest sent
            for (int rc = fromGuest.read(seen); rc == RingReader.PACKET; rc = fromGuest.read(seen)) {
              if ((seen.flags() & PacketLayout.FLAG_COMPLETION_REQUESTED) != 0) {
                transactionIds.add(seen.transactionId());
              }
              fromGuest.commit();
            }
          }
          case 2 -> { // a completion for a real transaction, or a made-up id
            int pick = in.u8();
            long id = transactionIds.isEmpty() || pick >= 200 ? in.u64()
                : transactionIds.get(pick % transactionIds.size());
            payload.clear().limit(in.u8());
            toGuest.write(PacketLayout.TYPE_COMPLETION, 0, id, null, payload);
            BUS.signalClient(pair.client());
          }
          case 3 -> { // a well-formed packet of any type the engine accepts
            int[] types = {PacketLayout.TYPE_INBAND, PacketLayout.TYPE_TRANSFER_PAGES,
                PacketLayout.TYPE_GPA_DIRECT, PacketLayout.TYPE_COMPLETION};
            int type = types[in.u8() % types.length];
            int headerLength = (in.u8() % 5) * 8;
            ByteBuffer header = headerLength == 0 ? null
                : ByteBuffer.wrap(in.bytes(headerLength)).order(ByteOrder.LITTLE_ENDIAN);
            payload.clear().limit(in.u16() % DATA_SIZE);
            toGuest.write(type, in.u8() & 1, in.u64(), header, payload);
            BUS.signalClient(pair.client());
          }
          case 4 -> { // raw bytes anywhere in the data area, no index change
            int at = in.u16() % DATA_SIZE;
            byte[] bytes = in.bytes(1 + in.u8() % 32);
            for (int i = 0; i < bytes.length; i++) {
              rx.put(RingControlLayout.CONTROL_PAGE_SIZE + (at + i) % DATA_SIZE, bytes[i]);
            }
          }
          case 5 -> rx.putInt(RingControlLayout.WRITE_INDEX, index(in)); // the host's RX field
          case 6 -> tx.putInt(RingControlLayout.READ_INDEX, index(in)); // the host's TX field
          case 7 -> BUS.signalClient(pair.client());
          default -> { // the host asks to be told when there is room, or reads the guest's mask
            rx.putInt(RingControlLayout.PENDING_SEND_SIZE, in.u16());
            BUS.signalClient(pair.client());
          }
        }
      }
    } finally {
      VmbChannelDisable(pair.client());
      VmbChannelDisable(pair.server());
      VmbChannelCleanup(pair.client());
      VmbChannelCleanup(pair.server());
    }
    int sent = sends;
    Await.until("every accepted send completed", () -> {
      for (int i = 0; i < sent; i++) {
        if (accepted[i] && completions.get(i) == 0) {
          return false;
        }
      }
      return true;
    });
    for (int i = 0; i < sent; i++) {
      assertEquals(accepted[i] ? 1 : 0, completions.get(i),
          "completion routine runs of send " + i + " answered " + sendStatus[i]);
    }
    assertEquals(List.of(), problems);
    assertTrue(escaped.isEmpty(), () -> "escaped: " + escaped);
  }

  /** A plausible index (aligned, inside the data area) most of the time, anything otherwise. */
  private static int index(FuzzInput in) {
    int kind = in.u8();
    return kind < 192 ? (in.u16() * 8) % DATA_SIZE : in.u32();
  }

  private static NtStatus send(SimChannelPair pair, int id, int length, boolean waits,
      AtomicIntegerArray completions) {
    VMBPACKET packet = VmbPacketAllocate(pair.client());
    if (packet == null) {
      return NtStatus.STATUS_INSUFFICIENT_RESOURCES;
    }
    VmbPacketSetCompletionRoutine(packet, (p, status, buffer, size) -> {
      completions.incrementAndGet(id);
      VmbPacketFree(p);
    });
    ByteBuffer body = ByteBuffer.allocate(length);
    NtStatus s = VmbPacketSend(packet, body, length, null, waits ? WAIT : 0);
    if (!s.equals(NtStatus.STATUS_SUCCESS)) {
      VmbPacketFree(packet);
    }
    return s;
  }

  private static Set<String> leftOver(Set<Thread> before) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !before.contains(t) && t.isAlive())
        .map(Thread::getName)
        .filter(n -> n.startsWith("vmbkmcl-"))
        .collect(Collectors.toSet());
  }

  /** Little-endian fields front to back; 0 past the end. */
  private static final class FuzzInput {
    private final byte[] input;
    private int at;

    FuzzInput(byte[] input) {
      this.input = input;
    }

    boolean hasMore() {
      return at < input.length;
    }

    int u8() {
      return at < input.length ? input[at++] & 0xFF : 0;
    }

    int u16() {
      return u8() | u8() << 8;
    }

    int u32() {
      return u16() | u16() << 16;
    }

    long u64() {
      return Integer.toUnsignedLong(u32()) | (long) u32() << 32;
    }

    byte[] bytes(int n) {
      byte[] out = new byte[n];
      for (int i = 0; i < n; i++) {
        out[i] = (byte) u8();
      }
      return out;
    }
  }
}
