package dev.vmbkmcl.sim.replay;

import static dev.vmbkmcl.Vmbkmcl.*;

import dev.vmbkmcl.DeviceObject;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.Ref;
import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.VMBPACKET;
import dev.vmbkmcl.VMBPACKETCOMPLETION;
import dev.vmbkmcl.VMB_CHANNEL_STATE_CHANGE_CALLBACKS;
import dev.vmbkmcl.capture.PacketText;
import dev.vmbkmcl.channel.EngineChannel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A simulated host that plays back the host side of a recorded session ({@link ReplayScript}) to a
 * live guest driver: it offers the recorded device class, then walks the recording in order,
 * sending each packet the host sent (byte for byte, padding included) once the guest has repeated
 * every packet recorded before it, and expecting each packet the guest sent. Packets match by type
 * and message, their decoded fields included, with the guest's own transaction ids carried: a
 * recorded host completion completes the live guest packet, and a Dynamic Memory answer carries
 * the trans_id the live guest chose. The first difference ends the replay with both packets
 * decoded. Replays inband packets and completions (the IC, Dynamic Memory and echo traffic).
 */
public final class ReplayHost {
  private static final int FORMAT_WAIT_FOR_COMPLETION = 0x1;

  private final ReplayScript script;
  private final ReplayMode mode;
  private final UUID classId;
  private final VMBCHANNEL channel;
  private final LivePackets live = new LivePackets();
  private final LinkedBlockingQueue<VMBPACKETCOMPLETION> handles = new LinkedBlockingQueue<>();
  private final CountDownLatch started = new CountDownLatch(1);
  /** Set when the replay ended: packets still arriving are completed at once. */
  private volatile boolean finished;

  /**
   * Creates the host's channel on {@code hostDevice} (a {@code SimVmbus} host device), offering
   * the script's class with {@code instance}.
   *
   * @param hostDevice the simulated bus's host device
   * @param script the recorded session
   * @param mode strict or lenient
   * @param instance the instance GUID to offer
   * @throws IllegalStateException when a KMCL call refuses
   */
  public ReplayHost(DeviceObject hostDevice, ReplayScript script, ReplayMode mode, UUID instance) {
    this.script = script;
    this.mode = mode;
    this.classId = script.classId();
    Ref<VMBCHANNEL> ch = new Ref<>();
    require(VmbChannelAllocate(hostDevice, TRUE, ch), "VmbChannelAllocate");
    channel = ch.require();
    require(VmbServerChannelInitSetTargetInterfaceId(channel, classId, instance),
        "VmbServerChannelInitSetTargetInterfaceId");
    require(VmbChannelInitSetProcessPacketCallbacks(channel, this::onPacket, null),
        "VmbChannelInitSetProcessPacketCallbacks");
    VMB_CHANNEL_STATE_CHANGE_CALLBACKS callbacks = new VMB_CHANNEL_STATE_CHANGE_CALLBACKS();
    VMB_CHANNEL_STATE_CHANGE_CALLBACKS_INIT(callbacks);
    callbacks.EvtChannelPostStarted = c -> started.countDown();
    require(VmbChannelInitSetStateChangeCallbacks(channel, callbacks),
        "VmbChannelInitSetStateChangeCallbacks");
    if (!(channel instanceof EngineChannel)) {
      throw new IllegalStateException("the replay host needs the SDK's channel engine");
    }
    ((EngineChannel) channel).setObserver(live);
  }

  /** Offers the device (enables and starts the host channel). */
  public void offer() {
    require(VmbChannelEnable(channel), "VmbChannelEnable");
    VmbChannelStart(channel);
  }

  /** Withdraws the device (disables and frees the host channel). */
  public void withdraw() {
    VmbChannelDisable(channel);
    VmbChannelCleanup(channel);
  }

  /**
   * Plays the session to the guest, which must open the channel within {@code timeoutSeconds}
   * and send each expected packet within as many seconds (a liveness limit, not a timing check).
   *
   * @param timeoutSeconds the longest wait for the guest, per packet
   * @return how it ended
   * @throws InterruptedException when interrupted while waiting
   */
  public ReplayResult run(long timeoutSeconds) throws InterruptedException {
    ArrayDeque<VMBPACKETCOMPLETION> awaitingCompletion = new ArrayDeque<>();
    try {
      return play(timeoutSeconds, awaitingCompletion);
    } finally {
      // The guest may go on sending (status reports): Disable waits for every packet's completion.
      finished = true;
      for (VMBPACKETCOMPLETION h : awaitingCompletion) {
        VmbChannelPacketComplete(h, null, 0);
      }
      completeQueued();
    }
  }

  private void completeQueued() {
    VMBPACKETCOMPLETION h;
    while ((h = handles.poll()) != null) {
      VmbChannelPacketComplete(h, null, 0);
    }
  }

  private ReplayResult play(long timeoutSeconds,
      ArrayDeque<VMBPACKETCOMPLETION> awaitingCompletion) throws InterruptedException {
    long timeout = TimeUnit.SECONDS.toNanos(timeoutSeconds);
    if (!started.await(timeoutSeconds, TimeUnit.SECONDS)) {
      return new ReplayResult(false, 0, 0, 0,
          "no guest opened the " + classId + " channel within " + timeoutSeconds + " s");
    }
    Map<Long, Long> dmIds = new HashMap<>();
    int matched = 0;
    int sent = 0;
    int ignored = 0;
    int position = 0;
    for (ReplayStep step : script.steps()) {
      position++;
      if (mode == ReplayMode.LENIENT && step.fromGuest()
          && PacketMatch.isStatusReport(classId, step.packet())) {
        ignored++;
        continue;
      }
      if (!step.fromGuest()) {
        String failure = send(step, dmIds, awaitingCompletion);
        if (!failure.isEmpty()) {
          return new ReplayResult(false, matched, sent, ignored, at(position, step) + failure);
        }
        sent++;
        continue;
      }
      ByteBuffer got;
      while (true) {
        got = live.next(timeout);
        if (got == null) {
          return new ReplayResult(false, matched, sent, ignored, at(position, step)
              + "the guest sent nothing within " + timeoutSeconds + " s\n  recorded: "
              + PacketText.describe(classId, step.packet()) + "\n  live:     (nothing)");
        }
        if (!receive(got, awaitingCompletion)) {
          return new ReplayResult(false, matched, sent, ignored, at(position, step)
              + "the guest's packet reached no callback");
        }
        if (mode == ReplayMode.LENIENT && PacketMatch.isStatusReport(classId, got)) {
          ignored++;
          continue;
        }
        break;
      }
      if (!PacketMatch.key(classId, step.packet()).equals(PacketMatch.key(classId, got))) {
        return new ReplayResult(false, matched, sent, ignored, at(position, step)
            + "the guest sent a different packet\n  recorded: "
            + PacketText.describe(classId, step.packet()) + "\n  live:     "
            + PacketText.describe(classId, got));
      }
      long recordedId = PacketMatch.dmTransId(classId, step.packet());
      if (recordedId >= 0) {
        dmIds.put(recordedId, PacketMatch.dmTransId(classId, got));
      }
      matched++;
    }
    if (live.overflowed()) {
      return new ReplayResult(false, matched, sent, ignored, "the guest sent more than "
          + LivePackets.CAPACITY + " packets the replay had not read yet");
    }
    return new ReplayResult(true, matched, sent, ignored, "");
  }

  private String at(int position, ReplayStep step) {
    return "replay (" + mode.name().toLowerCase(java.util.Locale.ROOT) + ") diverged at packet "
        + position + " of " + script.steps().size() + " (capture record " + step.record()
        + "): ";
  }

  /** Takes the callback's handle of a live non-completion packet; false when it never came. */
  private boolean receive(ByteBuffer got, ArrayDeque<VMBPACKETCOMPLETION> awaitingCompletion)
      throws InterruptedException {
    if (Short.toUnsignedInt(got.getShort(0)) == 0xB) {
      return true; // a completion of a host packet: it goes to the send's routine, no callback
    }
    VMBPACKETCOMPLETION handle = handles.poll(30, TimeUnit.SECONDS);
    if (handle == null) {
      return false;
    }
    if ((got.getShort(6) & 1) != 0) {
      awaitingCompletion.addLast(handle);
    } else {
      VmbChannelPacketComplete(handle, null, 0);
    }
    return true;
  }

  private String send(ReplayStep step, Map<Long, Long> dmIds,
      ArrayDeque<VMBPACKETCOMPLETION> awaitingCompletion) {
    ByteBuffer p = step.packet();
    int type = Short.toUnsignedInt(p.getShort(0));
    int offset = Math.min(Short.toUnsignedInt(p.getShort(2)) * 8, p.limit());
    ByteBuffer payload = ByteBuffer.allocate(p.limit() - offset).order(ByteOrder.LITTLE_ENDIAN);
    payload.put(0, p, offset, payload.limit());
    long recordedId = PacketMatch.dmTransId(classId, p);
    Long liveId = dmIds.get(recordedId);
    if (liveId != null && payload.limit() >= 8) {
      payload.putInt(4, liveId.intValue());
    }
    if (type == 0xB) {
      VMBPACKETCOMPLETION handle = awaitingCompletion.pollFirst();
      if (handle == null) {
        return "the recording completes a guest packet, but the guest asked for no completion";
      }
      VmbChannelPacketComplete(handle, payload, payload.limit());
      return "";
    }
    if (type != 6) {
      return "cannot replay a " + PacketText.typeName(type) + " packet";
    }
    VMBPACKET packet = VmbPacketAllocate(channel);
    if (packet == null) {
      return "the host's packet pool is empty";
    }
    int flags = (p.getShort(6) & 1) != 0 ? FORMAT_WAIT_FOR_COMPLETION : 0;
    NtStatus status = VmbPacketSend(packet, payload, payload.limit(), null, flags);
    if (!NT_SUCCESS(status)) {
      VmbPacketFree(packet);
      return "VmbPacketSend failed with " + status;
    }
    return "";
  }

  private void onPacket(VMBCHANNEL ch, VMBPACKETCOMPLETION packet, ByteBuffer buffer, int length,
      int flags) {
    handles.add(packet);
    if (finished) {
      completeQueued();
    }
  }

  private static void require(@Nullable NtStatus status, String call) {
    if (status == null || !NT_SUCCESS(status)) {
      throw new IllegalStateException("replay host: " + call + " failed with " + status);
    }
  }
}
