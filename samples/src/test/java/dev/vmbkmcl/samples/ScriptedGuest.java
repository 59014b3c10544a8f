package dev.vmbkmcl.samples;

import static dev.vmbkmcl.Vmbkmcl.*;

import dev.vmbkmcl.DeviceObject;
import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.VMBPACKETCOMPLETION;
import dev.vmbkmcl.capture.CaptureInterface;
import dev.vmbkmcl.capture.CaptureRecord;
import dev.vmbkmcl.capture.PcapngReader;
import dev.vmbkmcl.capture.TapRecord;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A test guest that repeats the guest side of a capture packet for packet (each recorded guest
 * packet once the host packets recorded before it arrived), with one deliberate change: a guest
 * whose answers can be altered, to prove that a replay notices.
 */
final class ScriptedGuest {
  private final GuestChannel link;
  private final List<ByteBuffer> steps = new ArrayList<>(); // null entries: await a host packet
  private final List<Boolean> fromGuest = new ArrayList<>();
  private final Semaphore arrived = new Semaphore(0);
  private final UnaryOperator<ByteBuffer> change;
  private volatile String failure = "";
  private final Thread sender = new Thread(this::play, "scripted-guest");

  ScriptedGuest(DeviceObject device, PcapngReader.Capture capture, UUID classId,
      UnaryOperator<ByteBuffer> change) throws SampleException {
    this.change = change;
    CaptureInterface guest = capture.interfaces().stream()
        .filter(i -> !i.hostSide() && classId.equals(i.classId())).findFirst().orElseThrow();
    for (CaptureRecord r : capture.records()) {
      if (r.iface() == guest.id() && r.isPacket()) {
        steps.add(r.payload());
        fromGuest.add(r.direction() == TapRecord.OUTBOUND);
      }
    }
    link = new GuestChannel(device, classId, null, 0, this::onPacket, GuestChannel.noCallbacks());
  }

  void start() throws SampleException {
    KmclCalls.require(link.enable(), "scripted guest: VmbChannelEnable");
    sender.start();
  }

  void stop() throws InterruptedException {
    sender.interrupt();
    sender.join();
    link.disable();
  }

  String failure() {
    return failure;
  }

  private void play() {
    try {
      for (int i = 0; i < steps.size(); i++) {
        if (!fromGuest.get(i)) {
          if (!arrived.tryAcquire(60, TimeUnit.SECONDS)) {
            failure = "no host packet " + i + " within 60 s";
            return;
          }
          continue;
        }
        ByteBuffer payload = change.apply(steps.get(i).duplicate());
        var status = KmclCalls.sendInband(link.channel(), payload, payload.limit());
        if (!NT_SUCCESS(status)) {
          failure = "send failed: " + status;
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void onPacket(VMBCHANNEL ch, VMBPACKETCOMPLETION packet, ByteBuffer buffer, int length,
      int flags) {
    VmbChannelPacketComplete(packet, null, 0);
    arrived.release();
  }
}
