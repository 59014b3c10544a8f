package dev.vmbkmcl.sim.replay;

import dev.vmbkmcl.capture.CaptureInterface;
import dev.vmbkmcl.capture.CaptureRecord;
import dev.vmbkmcl.capture.PcapngReader;
import dev.vmbkmcl.capture.TapRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The recorded session of one channel as a replay plays it: the guest side's packets in capture
 * order, those it sent to be expected and those it received to be sent by the host.
 */
public final class ReplayScript {
  private final UUID classId;
  private final List<ReplayStep> steps;

  private ReplayScript(UUID classId, List<ReplayStep> steps) {
    this.classId = classId;
    this.steps = List.copyOf(steps);
  }

  /**
   * The session of the first guest-side channel of {@code classId} in {@code capture}.
   *
   * @param capture a capture (from {@link PcapngReader})
   * @param classId the device class to replay
   * @return the script
   * @throws IllegalArgumentException when the capture has no guest-side channel of that class
   */
  public static ReplayScript of(PcapngReader.Capture capture, UUID classId) {
    CaptureInterface guest = null;
    for (CaptureInterface i : capture.interfaces()) {
      if (!i.hostSide() && classId.equals(i.classId())) {
        guest = i;
        break;
      }
    }
    if (guest == null) {
      throw new IllegalArgumentException("the capture has no guest-side channel of class "
          + classId + " (it has " + capture.interfaces() + ")");
    }
    List<ReplayStep> steps = new ArrayList<>();
    List<CaptureRecord> records = capture.records();
    for (int n = 0; n < records.size(); n++) {
      CaptureRecord r = records.get(n);
      if (r.iface() == guest.id() && r.isPacket()) {
        steps.add(new ReplayStep(r.direction() == TapRecord.OUTBOUND, n, r.body()));
      }
    }
    return new ReplayScript(Objects.requireNonNull(guest.classId()), steps);
  }

  /** The device class the session ran on. */
  public UUID classId() {
    return classId;
  }

  /** Packets the guest sent in the recording. */
  public long guestPackets() {
    return steps.stream().filter(ReplayStep::fromGuest).count();
  }

  /** Packets the host sent in the recording. */
  public long hostPackets() {
    return steps.size() - guestPackets();
  }

  List<ReplayStep> steps() {
    return steps;
  }
}
