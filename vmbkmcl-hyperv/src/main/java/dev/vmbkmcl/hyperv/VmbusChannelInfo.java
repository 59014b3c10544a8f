package dev.vmbkmcl.hyperv;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * One channel of a VMBus device, from {@code /sys/bus/vmbus/devices/<instance>/channels/<relid>/}
 * (ring reference §4.2, §4.5).
 *
 * @param relid the channel's relid (the directory name)
 * @param subchannelId the {@code subchannel_id} attribute: 0 for the primary channel, 1 and up for
 *     subchannels, -1 when the attribute is missing
 * @param ringFile the {@code ring} file (TX ring then RX ring), or null while uio_hv_generic does not
 *     own the device
 * @param ringFileSize size of the ring file in bytes, 0 when there is no ring file
 */
public record VmbusChannelInfo(
    int relid, int subchannelId, @Nullable Path ringFile, long ringFileSize) {

  /**
   * Whether this is a subchannel (not the primary channel).
   *
   * @return true when {@code subchannel_id} is 1 or more
   */
  public boolean isSubchannel() {
    return subchannelId > 0;
  }
}
