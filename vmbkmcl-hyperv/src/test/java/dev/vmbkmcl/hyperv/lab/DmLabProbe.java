package dev.vmbkmcl.hyperv.lab;

import static dev.vmbkmcl.Vmbkmcl.*;

import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.Ref;
import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.VMBPACKET;
import dev.vmbkmcl.VMB_CHANNEL_STATE_CHANGE_CALLBACKS;
import dev.vmbkmcl.hyperv.HypervBackend;
import dev.vmbkmcl.hyperv.HypervException;
import dev.vmbkmcl.hyperv.KernelGpadl;
import dev.vmbkmcl.hyperv.LabSeams;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
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

  /**
   * Entry point: no arguments, {@code --monitor-id N} (0 to 127), or {@code --gpadls} (after the
   * negotiation, map each kernel-made GPADL with {@code VmbChannelGetSystemAddressForGpadl} and
   * check it against a second mapping of the same uio map).
   */
  public static void main(String[] args) throws InterruptedException {
    DmLabProbe probe = new DmLabProbe();
    if (args.length == 2 && args[0].equals("--monitor-id")) {
      int monitorId = Integer.parseInt(args[1]);
      probe.negotiate(LabSeams.backendWithMonitorId(monitorId), monitorId, false);
    } else if (args.length == 2 && args[0].equals("--lifecycle")) {
      probe.lifecycle(java.nio.file.Path.of(args[1]));
    } else if (args.length == 1 && args[0].equals("--gpadls")) {
      probe.negotiate(new HypervBackend(), null, true);
    } else if (args.length == 0) {
      probe.negotiate(new HypervBackend(), null, false);
    } else {
      System.out.println("usage: DmLabProbe [--monitor-id N | --gpadls | --lifecycle DIR]");
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
  private void negotiate(HypervBackend backend, @Nullable Integer monitorId, boolean gpadls)
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
      result(false, "enable: " + enabled + ": " + backend.lastError(channel));
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
    if (gpadls) {
      checkKernelGpadls(backend, channel);
    }
    VmbChannelDisable(channel);
    VmbChannelCleanup(channel);
  }

  /** Each kernel-made GPADL: its handle, mapped by the backend, the same memory as a second map. */
  private void checkKernelGpadls(HypervBackend backend, VMBCHANNEL channel) {
    List<KernelGpadl> found;
    try {
      found = LabSeams.kernelGpadls(DM_CLASS);
    } catch (HypervException e) {
      result(false, "kernel-made GPADLs: " + e.getMessage());
      return;
    }
    if (found.isEmpty()) {
      result(false, "kernel-made GPADLs: the device has no recv:/send: uio map");
      return;
    }
    for (KernelGpadl g : found) {
      String what = "kernel-made GPADL " + g.handleText() + " (" + g.kind() + " buffer, uio map "
          + g.mapIndex() + ", " + g.size() + " bytes)";
      Ref<ByteBuffer> address = new Ref<>();
      NtStatus status = VmbChannelGetSystemAddressForGpadl(channel, 0, g.handle(), address);
      ByteBuffer mapped = address.get();
      if (!NT_SUCCESS(status) || mapped == null) {
        result(false, what + ": VmbChannelGetSystemAddressForGpadl " + status + ": "
            + backend.lastError(channel));
        continue;
      }
      try {
        String mismatch = LabSeams.patternRoundTrip(DM_CLASS, g, mapped);
        result(mismatch == null, what + ": VmbChannelGetSystemAddressForGpadl mapped it; "
            + (mismatch == null
                ? "a pattern written through it read back through a second mapping, and back"
                : mismatch));
      } catch (HypervException e) {
        result(false, what + ": second mapping: " + e.getMessage());
      }
    }
  }

  /**
   * Offers that come and go on the real host: negotiate, tell the host hook ({@code DIR/lifecycle
   * .ready}) to remove the device with QMP {@code device_del}, wait for the rescind
   * (EvtChannelClosed), tell the hook to add it again ({@code DIR/lifecycle.rescinded}), then
   * enable the same channel again with an offer wait and negotiate again. When QEMU refuses to
   * unplug, its answer (the hook's {@code DIR/device_del.txt}) is printed and the check skipped.
   */
  private void lifecycle(java.nio.file.Path dir) throws InterruptedException {
    HypervBackend backend = new HypervBackend();
    backend.setOfferWaitMillis(TimeUnit.SECONDS.toMillis(120));
    BlockingQueue<ByteBuffer> received = new ArrayBlockingQueue<>(64);
    BlockingQueue<String> events = new ArrayBlockingQueue<>(8);
    Ref<VMBCHANNEL> ref = new Ref<>();
    check(VmbChannelAllocate(backend.defaultDevice(), FALSE, ref), "VmbChannelAllocate");
    VMBCHANNEL channel = ref.require();
    check(VmbClientChannelInitSetTargetPnp(channel, DM_CLASS, null,
        (ch, status) -> events.add("pnp-failure " + status)), "TargetPnp");
    check(VmbChannelInitSetProcessPacketCallbacks(channel, (ch, pkt, buf, len, flags) -> {
      ByteBuffer copy = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
      copy.put(0, buf, buf.position(), len);
      received.add(copy);
      VmbChannelPacketComplete(pkt, null, 0);
    }, null), "ProcessPacketCallbacks");
    VMB_CHANNEL_STATE_CHANGE_CALLBACKS cb = new VMB_CHANNEL_STATE_CHANGE_CALLBACKS();
    VMB_CHANNEL_STATE_CHANGE_CALLBACKS_INIT(cb);
    cb.EvtChannelPostStarted = ch -> events.add("started");
    cb.EvtChannelClosed = ch -> events.add("closed");
    check(VmbChannelInitSetStateChangeCallbacks(channel, cb), "StateChangeCallbacks");

    check(VmbChannelEnable(channel), "VmbChannelEnable");
    boolean first = "started".equals(events.poll(30, TimeUnit.SECONDS)) && exchange(channel, received);
    result(first, "lifecycle: negotiated DM 2.0 before the host removes the device");
    touch(dir.resolve("lifecycle.ready"));
    String seen = null;
    String refusal = null;
    for (int second = 0; second < 90 && seen == null && refusal == null; second++) {
      seen = events.poll(1, TimeUnit.SECONDS);
      refusal = refusal(dir.resolve("device_del.txt"));
    }
    if (!"closed".equals(seen) && refusal != null) {
      System.out.println("SKIP lifecycle: QEMU refused device_del: " + refusal);
      // The hook tries device_add of a second hv-balloon too, to record that answer as well.
      for (int second = 0; second < 10; second++) {
        String added = answer(dir.resolve("device_add.txt"));
        if (added != null) {
          System.out.println("SKIP lifecycle: QEMU's answer to device_add: " + added);
          break;
        }
        Thread.sleep(1000);
      }
      VmbChannelDisable(channel);
      VmbChannelCleanup(channel);
      return;
    }
    result("closed".equals(seen), "lifecycle: the host's rescind reached the driver: "
        + (seen == null ? "nothing within 90 s" : seen));
    touch(dir.resolve("lifecycle.rescinded"));
    NtStatus again = VmbChannelEnable(channel);
    String reopened = NT_SUCCESS(again) ? events.poll(150, TimeUnit.SECONDS) : null;
    received.clear();
    boolean second = "started".equals(reopened) && exchange(channel, received);
    result(second, "lifecycle: Enable again waited for the re-offered device and negotiated DM 2.0"
        + " again (" + again + ", " + reopened + ", " + backend.lastError(channel) + ")");
    VmbChannelDisable(channel);
    VmbChannelCleanup(channel);
  }

  /** DM_VERSION_REQUEST 2.0, then CAPABILITIES_REPORT; true when the host accepted both. */
  private static boolean exchange(VMBCHANNEL channel, BlockingQueue<ByteBuffer> received)
      throws InterruptedException {
    ByteBuffer version = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    version.putShort(0, (short) 1).putShort(2, (short) 16).putInt(4, 1).putInt(8, 0x00020000);
    send(channel, version);
    ByteBuffer answer = awaitType(received, 2);
    if (answer == null || (answer.getLong(8) & 1) != 1) {
      return false;
    }
    ByteBuffer caps = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
    caps.putShort(0, (short) 3).putShort(2, (short) 32).putInt(4, 2).putLong(8, 0x1F)
        .putLong(16, 0).putLong(24, -1L);
    send(channel, caps);
    ByteBuffer capsAnswer = awaitType(received, 4);
    return capsAnswer != null && (capsAnswer.getLong(8) & 1) == 1;
  }

  private static void touch(java.nio.file.Path file) {
    try {
      java.nio.file.Files.writeString(file, "1\n");
    } catch (java.io.IOException e) {
      System.out.println("FAIL cannot write " + file + ": " + e);
    }
  }

  /** QEMU's answer to device_del when it was an error, else null. */
  private static @Nullable String refusal(java.nio.file.Path file) {
    String text = answer(file);
    return text != null && text.contains("\"error\"") ? text : null;
  }

  /** A QMP answer the hook saved, or null while there is none. */
  private static @Nullable String answer(java.nio.file.Path file) {
    try {
      String text = java.nio.file.Files.readString(file).trim();
      return text.isEmpty() ? null : text;
    } catch (java.io.IOException e) {
      return null;
    }
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
