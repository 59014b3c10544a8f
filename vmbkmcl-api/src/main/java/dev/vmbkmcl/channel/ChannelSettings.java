package dev.vmbkmcl.channel;

import dev.vmbkmcl.DeviceObject;
import dev.vmbkmcl.EVT_VMB_CHANNEL_PNP_FAILURE;
import dev.vmbkmcl.Handle;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What the {@code InitSet*} calls configured on a channel, read by backends when they connect it. The
 * engine writes these fields only while the channel is Disabled.
 */
public final class ChannelSettings {
  /** Default {@code MaximumPacketSize}: 16 KiB of inline payload. */
  public static final int DEFAULT_MAXIMUM_PACKET_SIZE = 16 * 1024;
  /** Default {@code MaximumPacketCount}: sent transactions in flight at once. */
  public static final int DEFAULT_MAXIMUM_PACKET_COUNT = 256;
  /** Default ring size in pages, control page included (64 KiB of data plus the control page). */
  public static final int DEFAULT_RING_PAGE_COUNT = 17;

  final DeviceObject parent;
  final boolean server;
  int maximumPacketSize = DEFAULT_MAXIMUM_PACKET_SIZE;
  int maximumPacketCount = DEFAULT_MAXIMUM_PACKET_COUNT;
  int maximumExternalDataSize;
  int maximumExternalChainLength;
  int clientContextSize;
  int inlinePacketContextSize;
  int bounceInitial;
  int bounceIncrement;
  int bounceMaximum;
  @Nullable String friendlyName;
  int flags;
  @Nullable EngineChannel primary;
  int subChannelIndex;
  int incomingPageCount = DEFAULT_RING_PAGE_COUNT;
  int outgoingPageCount = DEFAULT_RING_PAGE_COUNT;
  @Nullable UUID targetType;
  @Nullable UUID targetInstance;
  @Nullable EVT_VMB_CHANNEL_PNP_FAILURE pnpFailure;
  int targetProcessorIndex;
  int serverFlags;
  @Nullable UUID interfaceType;
  @Nullable UUID interfaceInstance;
  int targetVtl;
  int mmioMegabytes;
  int mmioMegabytesOptional;
  @Nullable Handle vmbusHandle;

  ChannelSettings(DeviceObject parent, boolean server) {
    this.parent = parent;
    this.server = server;
  }

  /** The device given to {@code VmbChannelAllocate}. */
  public DeviceObject parent() {
    return parent;
  }

  /** True for a server endpoint. */
  public boolean isServer() {
    return server;
  }

  /** {@code VmbChannelInitSetMaximumPacketSize}. */
  public int maximumPacketSize() {
    return maximumPacketSize;
  }

  /** {@code VmbChannelInitSetMaximumExternalData}: bytes, or 0 when not set. */
  public int maximumExternalDataSize() {
    return maximumExternalDataSize;
  }

  /** {@code VmbChannelInitSetBounceBufferSizes}: the maximum, or 0 for the default (no limit). */
  public int bounceMaximum() {
    return bounceMaximum;
  }

  /** {@code VmbChannelInitSetFriendlyName}, or null. */
  public @Nullable String friendlyName() {
    return friendlyName;
  }

  /** True when {@code VMBUS_CHANNEL_INIT_FLAG_IS_PIPE} was set. */
  public boolean isPipe() {
    return (flags & 1) != 0;
  }

  /** {@code VmbChannelInitSetPrimaryChannel}: the primary, or null for a primary channel. */
  public @Nullable EngineChannel primary() {
    return primary;
  }

  /** The sub-channel index (0 for a primary channel). */
  public int subChannelIndex() {
    return subChannelIndex;
  }

  /** {@code VmbClientChannelInitSetRingBufferPageCount}: incoming ring pages, control page included. */
  public int incomingPageCount() {
    return incomingPageCount;
  }

  /** {@code VmbClientChannelInitSetRingBufferPageCount}: outgoing ring pages, control page included. */
  public int outgoingPageCount() {
    return outgoingPageCount;
  }

  /** {@code VmbClientChannelInitSetTargetPnp}: the interface type, or null when not set. */
  public @Nullable UUID targetType() {
    return targetType;
  }

  /** {@code VmbClientChannelInitSetTargetPnp}: the instance, or null for any instance. */
  public @Nullable UUID targetInstance() {
    return targetInstance;
  }

  /** {@code VmbClientChannelInitSetTargetProcessorIndex}. */
  public int targetProcessorIndex() {
    return targetProcessorIndex;
  }

  /** {@code VmbServerChannelInitSetFlags} (KMCL values, not wire values). */
  public int serverFlags() {
    return serverFlags;
  }

  /** {@code VmbServerChannelInitSetTargetInterfaceId}: the offer's type, or null when not set. */
  public @Nullable UUID interfaceType() {
    return interfaceType;
  }

  /** {@code VmbServerChannelInitSetTargetInterfaceId}: the offer's instance, or null when not set. */
  public @Nullable UUID interfaceInstance() {
    return interfaceInstance;
  }

  /** {@code VmbServerChannelInitSetTargetVtl}. */
  public int targetVtl() {
    return targetVtl;
  }

  /** {@code VmbServerChannelInitSetMmioMegabytes}: required megabytes. */
  public int mmioMegabytes() {
    return mmioMegabytes;
  }

  /** {@code VmbServerChannelInitSetMmioMegabytes}: optional megabytes. */
  public int mmioMegabytesOptional() {
    return mmioMegabytesOptional;
  }

  /** {@code VmbServerChannelInitSetVmbusHandle}, or null. */
  public @Nullable Handle vmbusHandle() {
    return vmbusHandle;
  }
}
