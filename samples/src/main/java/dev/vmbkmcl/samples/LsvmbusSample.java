package dev.vmbkmcl.samples;

import static dev.vmbkmcl.Vmbkmcl.*;

import dev.vmbkmcl.DeviceObject;
import dev.vmbkmcl.VMB_CHANNEL_STATE_CHANGE_CALLBACKS;
import dev.vmbkmcl.sim.SimVmbus;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code lsvmbus}: lists VMBus devices with their class name (§5.9) and instance. On the simulated
 * backend: the offers of a simulated host, two of them opened by guest channels, with their state
 * and ring size. On a real guest: what sysfs shows (through {@link HypervSysfsSeam}): the bound
 * driver, whether vmbkmcl can open the device ({@code uio_hv_generic}), how the host is signalled
 * (monitor page or uio write), and each channel's rings.
 */
final class LsvmbusSample {
  /** The shutdown device's class (§5.9). */
  static final UUID SHUTDOWN_CLASS = UUID.fromString("0e0b6031-5213-4934-818b-38d90ced39db");

  /** The shutdown device's instance, as OpenVMM offers it (§5.9). */
  static final UUID SHUTDOWN_INSTANCE = UUID.fromString("b6650ff7-33bc-4840-8048-e0676786f393");

  /** Ring pages (control page included) of the two devices the simulated guest opens. */
  static final int HEARTBEAT_RING_PAGES = 5;
  static final int DM_RING_PAGES = 17;

  private static final String INDENT = "    ";

  private LsvmbusSample() {}

  /** Runs the sample as {@code options} ask; returns normally on success. */
  static void run(Options options, PrintStream out) throws SampleException, InterruptedException {
    if (options.backend() == SampleBackend.SIM) {
      onSim(out);
    } else {
      onHyperv(out);
    }
  }

  private static void onSim(PrintStream out) throws SampleException, InterruptedException {
    SimVmbus bus = new SimVmbus();
    DeviceObject host = bus.hostDevice();
    List<SimHostChannel> offered = List.of(
        new SimHostChannel(host, HeartbeatGuest.HEARTBEAT_CLASS, HeartbeatHost.INSTANCE,
            "heartbeat"),
        new SimHostChannel(host, SHUTDOWN_CLASS, SHUTDOWN_INSTANCE, "shutdown"),
        new SimHostChannel(host, BalloonGuest.DM_CLASS, BalloonHost.INSTANCE, "dynamic memory"),
        new SimHostChannel(host, FcopyGuest.FCOPY_CLASS, FcopyGuest.INSTANCE, "file copy"),
        new SimHostChannel(host, EchoProtocol.ECHO_CLASS, EchoProtocol.INSTANCE, "echo"));
    List<GuestChannel> opened = new ArrayList<>();
    try {
      for (SimHostChannel offer : offered) {
        offer.offer();
      }
      openAsGuest(opened, bus.guestDevice(), HeartbeatGuest.HEARTBEAT_CLASS, HEARTBEAT_RING_PAGES);
      openAsGuest(opened, bus.guestDevice(), BalloonGuest.DM_CLASS, DM_RING_PAGES);
      List<SimVmbus.Offer> offers = bus.offers();
      out.println("lsvmbus: VMBus devices offered by the simulated host");
      for (SimVmbus.Offer o : offers) {
        header(out, o.interfaceType(), o.interfaceInstance());
        out.println(INDENT + (o.open()
            ? "open by a guest driver, guest-to-host ring " + o.ringBytes() + " bytes"
            : "offered, not open"));
      }
      out.println("lsvmbus: " + offers.size() + " devices, "
          + offers.stream().filter(SimVmbus.Offer::open).count() + " open");
    } finally {
      for (GuestChannel c : opened) {
        c.disable();
      }
      for (SimHostChannel offer : offered) {
        offer.withdraw();
      }
    }
  }

  /**
   * Opens the device of {@code classId} as a guest driver would, with rings of {@code pages}, and
   * adds its channel to {@code opened} as soon as it exists, so the caller closes it in any case.
   */
  private static void openAsGuest(List<GuestChannel> opened, DeviceObject guest, UUID classId,
      int pages)
      throws SampleException, InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    VMB_CHANNEL_STATE_CHANGE_CALLBACKS callbacks = GuestChannel.noCallbacks();
    callbacks.EvtChannelPostStarted = c -> started.countDown();
    GuestChannel link = new GuestChannel(guest, classId, null, pages,
        (c, packet, buffer, length, flags) -> VmbChannelPacketComplete(packet, null, 0), callbacks);
    opened.add(link);
    KmclCalls.require(link.enable(), "guest: VmbChannelEnable");
    if (!started.await(SimHostChannel.WAIT_SECONDS, TimeUnit.SECONDS)) {
      throw new SampleException("lsvmbus: the guest could not open " + classId);
    }
  }

  private static void onHyperv(PrintStream out) throws SampleException {
    List<SysfsDevice> devices = HypervSysfsSeam.devices();
    out.println("lsvmbus: VMBus devices of this guest");
    for (SysfsDevice d : devices) {
      header(out, d.classId(), d.instanceId());
      String driver = d.driver();
      out.println(INDENT + (driver == null ? "no driver bound"
          : d.usable() ? "driver " + driver + ": vmbkmcl can open it"
          : "driver " + driver + ": bind it to " + SysfsDevice.UIO_DRIVER + " to use it (README)"));
      out.println(INDENT + signalling(d.monitorId()));
      for (SysfsDevice.Channel c : d.channels()) {
        out.println(INDENT + "channel " + c.relid() + (c.subchannelId() > 0
            ? " (subchannel " + c.subchannelId() + ")" : " (primary)") + ": "
            + (c.ringFileSize() > 0 ? "rings 2 x " + c.ringFileSize() / 2 + " bytes"
            : "no ring file (it exists while " + SysfsDevice.UIO_DRIVER + " owns the device)"));
      }
      for (SysfsDevice.Gpadl g : d.kernelGpadls()) {
        out.println(INDENT + "kernel-made GPADL " + g.handle() + " (" + g.kind() + " buffer, uio map "
            + g.mapIndex() + "): " + g.size() + " bytes, VmbChannelGetSystemAddressForGpadl maps it");
      }
      if (d.usable() && !d.newIdCommand().isEmpty()) {
        out.println(INDENT + "to keep it on " + SysfsDevice.UIO_DRIVER + " when the host offers it"
            + " again: " + d.newIdCommand() + " (until reboot), or the udev rule:");
        out.println(INDENT + INDENT + d.udevRule());
      }
    }
    out.println("lsvmbus: " + devices.size() + " devices, "
        + devices.stream().filter(SysfsDevice::usable).count() + " bound to "
        + SysfsDevice.UIO_DRIVER);
  }

  /** How a guest signals the host on this channel (§3.9), which decides the kernel it needs. */
  private static String signalling(int monitorId) {
    if (monitorId >= 0) {
      return "monitor id " + monitorId + ": signalled through the monitor page";
    }
    return monitorId == SysfsDevice.NO_MONITOR
        ? "no monitor: signalled by the uio write (Linux 6.10 or newer)"
        : "monitor_id unreadable: vmbkmcl cannot signal this channel";
  }

    private static void header(PrintStream out, UUID classId, UUID instance) {
    out.println(VmbusClassNames.nameOf(classId) + " {" + classId + "}");
    out.println(INDENT + "instance {" + instance + "}");
  }
}
