package dev.vmbkmcl.samples;

import dev.vmbkmcl.hyperv.HypervException;
import dev.vmbkmcl.hyperv.HypervPaths;
import dev.vmbkmcl.hyperv.KernelGpadl;
import dev.vmbkmcl.hyperv.VmbusChannelInfo;
import dev.vmbkmcl.hyperv.VmbusDeviceInfo;
import dev.vmbkmcl.hyperv.VmbusSysfs;
import java.util.ArrayList;
import java.util.List;

/**
 * The hyperv backend's sysfs discovery (vmbus-ring-and-uio.md §4.2), which lsvmbus uses on a real
 * guest. Device discovery is not a KMCL function, so the sample calls {@link VmbusSysfs} directly
 * (samples depend on vmbkmcl-hyperv) over the roots {@link HypervPaths#fromSystemProperties()}
 * names, and turns each {@link VmbusDeviceInfo} into the sample's own {@link SysfsDevice}.
 */
final class HypervSysfsSeam {
  private HypervSysfsSeam() {}

  /**
   * This guest's VMBus devices.
   *
   * @throws SampleException with the backend's one-line reason when there is nothing to list (for
   *     example "not a Hyper-V guest")
   */
  static List<SysfsDevice> devices() throws SampleException {
    List<VmbusDeviceInfo> found;
    try {
      found = new VmbusSysfs(HypervPaths.fromSystemProperties()).devices();
    } catch (HypervException e) {
      throw new SampleException("lsvmbus: " + e.getMessage());
    }
    List<SysfsDevice> devices = new ArrayList<>();
    for (VmbusDeviceInfo d : found) {
      List<SysfsDevice.Channel> channels = new ArrayList<>();
      for (VmbusChannelInfo c : d.channels()) {
        channels.add(new SysfsDevice.Channel(c.relid(), c.subchannelId(), c.ringFileSize()));
      }
      List<SysfsDevice.Gpadl> gpadls = new ArrayList<>();
      for (KernelGpadl g : d.kernelGpadls()) {
        gpadls.add(new SysfsDevice.Gpadl(g.kind(), g.handleText(), g.mapIndex(), g.size()));
      }
      devices.add(new SysfsDevice(d.classId(), d.instanceId(), d.driver(), d.monitorId(),
          channels, gpadls, d.newIdCommand(), d.udevRule()));
    }
    return devices;
  }
}
