package dev.vmbkmcl.samples;

import static dev.vmbkmcl.Vmbkmcl.*;

import dev.vmbkmcl.DeviceObject;
import dev.vmbkmcl.EVT_VMB_CHANNEL_PROCESS_PACKET;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.Ref;
import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.VMB_CHANNEL_STATE_CHANGE_CALLBACKS;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The client channel of one sample guest driver. It makes the KMCL calls that every Windows VMBus
 * client driver makes when it adds its device (kmcl-api.md §2): {@code VmbChannelAllocate}, {@code
 * VmbClientChannelInitSetTargetPnp}, optionally {@code VmbClientChannelInitSetRingBufferPageCount},
 * {@code VmbChannelInitSetProcessPacketCallbacks} and {@code VmbChannelInitSetStateChangeCallbacks}.
 * Later it runs {@code VmbChannelEnable}, and {@code VmbChannelDisable} only after an enable that
 * succeeded, then {@code VmbChannelCleanup}. The samples differ only in the device they target and
 * the callbacks they give.
 */
final class GuestChannel {
  private final VMBCHANNEL channel;
  private boolean enabled;

  /**
   * Allocates and initializes a client channel for the device of {@code classId} (and {@code
   * instance}, when given) under {@code device}.
   *
   * @param ringPages pages of each ring, control page included, or 0 for the backend's default
   * @throws SampleException when a KMCL call fails
   */
  GuestChannel(DeviceObject device, UUID classId, @Nullable UUID instance, int ringPages,
      EVT_VMB_CHANNEL_PROCESS_PACKET onPacket, VMB_CHANNEL_STATE_CHANGE_CALLBACKS callbacks)
      throws SampleException {
    Ref<VMBCHANNEL> ch = new Ref<>();
    KmclCalls.require(VmbChannelAllocate(device, FALSE, ch), "guest: VmbChannelAllocate");
    channel = ch.require();
    KmclCalls.require(VmbClientChannelInitSetTargetPnp(channel, classId, instance, null),
        "guest: VmbClientChannelInitSetTargetPnp");
    if (ringPages > 0) {
      KmclCalls.require(VmbClientChannelInitSetRingBufferPageCount(channel, ringPages, ringPages),
          "guest: VmbClientChannelInitSetRingBufferPageCount");
    }
    KmclCalls.require(VmbChannelInitSetProcessPacketCallbacks(channel, onPacket, null),
        "guest: VmbChannelInitSetProcessPacketCallbacks");
    KmclCalls.require(VmbChannelInitSetStateChangeCallbacks(channel, callbacks),
        "guest: VmbChannelInitSetStateChangeCallbacks");
  }

  /** The state-change callbacks with every entry unset ({@code *_INIT}), ready to fill in. */
  static VMB_CHANNEL_STATE_CHANGE_CALLBACKS noCallbacks() {
    VMB_CHANNEL_STATE_CHANGE_CALLBACKS callbacks = new VMB_CHANNEL_STATE_CHANGE_CALLBACKS();
    VMB_CHANNEL_STATE_CHANGE_CALLBACKS_INIT(callbacks);
    return callbacks;
  }

  /** The channel, for sends and GPADLs. */
  VMBCHANNEL channel() {
    return channel;
  }

  /** {@code VmbChannelEnable}: opens the device. */
  NtStatus enable() {
    NtStatus status = VmbChannelEnable(channel);
    enabled = NT_SUCCESS(status);
    return status;
  }

  /** {@code VmbChannelDisable} if the channel was enabled, then {@code VmbChannelCleanup}. */
  void disable() {
    if (enabled) {
      VmbChannelDisable(channel);
      enabled = false;
    }
    VmbChannelCleanup(channel);
  }
}
