package dev.vmbkmcl.hyperv.lab;

import static dev.vmbkmcl.Vmbkmcl.*;

import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.Ref;
import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.VMBPACKET;
import dev.vmbkmcl.VMB_CHANNEL_STATE_CHANGE_CALLBACKS;
import dev.vmbkmcl.hyperv.HypervBackend;
import dev.vmbkmcl.hyperv.HypervException;
import dev.vmbkmcl.hyperv.LabSeams;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The real-VMBus check of the hyperv backend, run inside ../shared/vmbus-lab (not a unit test): it
 * opens the Dynamic Memory device bound to uio_hv_generic with Vmbkmcl calls, sends
 * DM_VERSION_REQUEST 2.0 and waits for the host's DM_VERSION_RESPONSE through
 * EvtVmbChannelProcessPacket, then sends CAPABILITIES_REPORT and waits for CAPABILITIES_RESPONSE
 * (reference §6).
 *
 * <p>With {@code --monitor-id N} it opens the device as if sysfs showed that monitor id ({@link
 * LabSeams#backendWithMonitorId}): the backend then maps the kernel's monitor page and sets the
 * channel's bit on every signal (for 37, bit 5 of the u32 at byte 16, §8.10), and the probe reads
 * that word back through a mapping of its own. Prints "N passed, N failed" and exits 0 only when
 * all checks passed.
 */
public final class DmLabProbe {
  private static final UUID DM_CLASS = UUID.fromString("525074dc-8985-46e2-8057-a307dc18a502");

  private int passed;
  private int failed;

  private DmLabProbe() {}

  /** Entry point: no arguments, or {@code --monitor-id N} (0 to 127). */
  public static void main(String[] args) throws InterruptedException {
    DmLabProbe probe = new DmLabProbe();
    if (args.length == 2 && args[0].equals("--monitor-id")) {
      int monitorId = Integer.parseInt(args[1]);
      probe.negotiate(LabSeams.backendWithMonitorId(monitorId), monitorId);
    } else if (args.length == 0) {
      probe.negotiate(new HypervBackend(), null);
    } else {
      System.out.println("usage: DmLabProbe [--monitor-id N]");
      System.exit(2);
    }
    System.out.println(probe.passed + " passed, " + probe.failed + " failed");
    System.exit(probe.failed == 0 ? 0 : 1);
  }

  private void result(boolean ok, String what) {
    System.out.println((ok ? "PASS " : "FAIL ") + what);
    if (ok) {
      passed++;
    } else {
      failed++;
    }
  }

  /** Opens the device, negotiates, and with {@code monitorId} checks the page; then closes. */
  private void negotiate(HypervBackend backend, @Nullable Integer monitorId)
      throws InterruptedException {
    BlockingQueue<ByteBuffer> received = new ArrayBlockingQueue<>(64);
    Ref<VMBCHANNEL> ref = new Ref<>();
    check(VmbChannelAllocate(backend.defaultDevice(), FALSE, ref), "VmbChannelAllocate");
    VMBCHANNEL channel = ref.require();
    check(VmbClientChannelInitSetTargetPnp(channel, DM_CLASS, null, null), "TargetPnp");
    check(VmbChannelInitSetProcessPacketCallbacks(channel, (ch, pkt, buf, len, flags) -> {
      ByteBuffer copy = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
      copy.put(0, buf, buf.position(), len);
      received.add(copy);
      VmbChannelPacketComplete(pkt, null, 0);
    }, null), "ProcessPacketCallbacks");
    VMB_CHANNEL_STATE_CHANGE_CALLBACKS cb = new VMB_CHANNEL_STATE_CHANGE_CALLBACKS();
    VMB_CHANNEL_STATE_CHANGE_CALLBACKS_INIT(cb);
    BlockingQueue<String> opened = new ArrayBlockingQueue<>(1);
    cb.EvtChannelPostStarted = ch -> opened.add("active");
    check(VmbChannelInitSetStateChangeCallbacks(channel, cb), "StateChangeCallbacks");
    NtStatus enabled = VmbChannelEnable(channel);
    if (!NT_SUCCESS(enabled)) {
      result(false, "enable: " + enabled + ": " + backend.lastError());
      VmbChannelCleanup(channel);
      return;
    }
    if (opened.poll(30, TimeUnit.SECONDS) == null) {
      System.out.println("FAIL the channel did not start");
    }
    Ref<UUID> instance = new Ref<>();
    VmbChannelGetInterfaceInstance(channel, instance);
    System.out.println("opened Dynamic Memory channel, instance " + instance.get());

    // DM_VERSION_REQUEST, version 2.0, trans_id 1 (§8.13).
    ByteBuffer version = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    version.putShort(0, (short) 1).putShort(2, (short) 16).putInt(4, 1).putInt(8, 0x00020000);
    send(channel, version);
    ByteBuffer answer = awaitType(received, 2);
    result(answer != null && (answer.getLong(8) & 1) == 1, answer != null
        ? "DM_VERSION_RESPONSE is_accepted=1: negotiated DM version 2.0 (0x00020000), trans_id "
            + answer.getInt(4)
        : "DM_VERSION_RESPONSE: " + describe(answer));

    // DM_CAPABILITIES_REPORT: balloon + hot add, alignment 2^7 MiB, max page number all-ones.
    ByteBuffer caps = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
    caps.putShort(0, (short) 3).putShort(2, (short) 32).putInt(4, 2).putLong(8, 0x1F)
        .putLong(16, 0).putLong(24, -1L);
    send(channel, caps);
    ByteBuffer capsAnswer = awaitType(received, 4);
    result(capsAnswer != null && (capsAnswer.getLong(8) & 1) == 1, capsAnswer != null
        ? "DM_CAPABILITIES_RESPONSE is_accepted=1 (flags 0x"
            + Long.toHexString(capsAnswer.getLong(8)) + ")"
        : "DM_CAPABILITIES_RESPONSE: " + describe(capsAnswer));

    if (monitorId != null) {
      // Read while the channel is open: a first open of /dev/uio0 would open the channel again.
      try {
        int word = LabSeams.monitorPendingWord(DM_CLASS, monitorId);
        int bit = 1 << (monitorId % 32);
        result((word & bit) != 0, String.format("monitor page: the u32 at byte %d reads 0x%08x,"
            + " bit %d (monitor id %d) %s", 8 + 8 * (monitorId / 32), word, monitorId % 32,
            monitorId, (word & bit) != 0 ? "set" : "NOT set"));
      } catch (HypervException e) {
        result(false, "monitor page: " + e.getMessage());
      }
    }
    VmbChannelDisable(channel);
    VmbChannelCleanup(channel);
  }

  private static void send(VMBCHANNEL channel, ByteBuffer message) {
    VMBPACKET packet = VmbPacketAllocate(channel);
    if (packet == null) {
      throw new IllegalStateException("VmbPacketAllocate returned NULL");
    }
    check(VmbPacketSend(packet, message, message.capacity(), null, 0), "VmbPacketSend");
  }

  private static @Nullable ByteBuffer awaitType(BlockingQueue<ByteBuffer> received, int type)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      ByteBuffer b = received.poll(100, TimeUnit.MILLISECONDS);
      if (b != null && b.capacity() >= 16 && b.getShort(0) == type) {
        return b;
      }
      if (b != null) {
        System.out.println("  (other DM message type " + b.getShort(0) + ")");
      }
    }
    return null;
  }

  private static String describe(@Nullable ByteBuffer b) {
    return b == null ? "no answer within 30 s" : "type " + b.getShort(0) + ", " + b.capacity() + " bytes";
  }

  private static void check(NtStatus status, String what) {
    if (!NT_SUCCESS(status)) {
      throw new IllegalStateException(what + " failed: " + status);
    }
  }
}
