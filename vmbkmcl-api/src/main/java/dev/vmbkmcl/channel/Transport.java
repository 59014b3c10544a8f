package dev.vmbkmcl.channel;

import dev.vmbkmcl.DeviceObject;
import dev.vmbkmcl.Mdl;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.Ref;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * The transport port: what a VMBus backend supplies to the one {@link Engine}, and all it supplies.
 * The engine implements every KMCL function once; a transport only publishes or finds offers,
 * brings a connection up with ring memory and doorbells ({@link dev.vmbkmcl.spi.ChannelLink}),
 * tears it down, and, where it models guest memory, resolves external data and GPADLs ({@link
 * GpadlPort}). What a transport cannot do keeps the default, which refuses with {@code
 * STATUS_NOT_SUPPORTED}.
 *
 * <p>It lives beside the engine, not in {@code dev.vmbkmcl.spi}, because it names the engine's
 * channel and the facade's MDL and NTSTATUS types; {@code spi} names neither, so the packages form
 * no cycle.
 */
public interface Transport {
  /** A short name for messages and thread names, for example {@code sim} or {@code hyperv}. */
  String name();

  /** The device object ported code uses for its WDF device; served by this transport's engine. */
  DeviceObject defaultDevice();

  /**
   * {@code VmbChannelAllocate} / {@code VmbChannelInitialize} ask this before they make a channel.
   *
   * @param isServer true for a server (VSP) endpoint, false for a client (VSC) one
   * @return {@code STATUS_SUCCESS}, or why this transport makes no such endpoint
   */
  default NtStatus admitEndpoint(boolean isServer) {
    return NtStatus.STATUS_SUCCESS;
  }

  /**
   * {@code VmbChannelEnable}: a server publishes its offer, a client finds one (or waits for it).
   * Returns at once; the transport later calls {@link ChannelConnection#up} when the channel
   * opens, or {@link ChannelConnection#failed} when it cannot.
   *
   * @param connection the channel being enabled and the engine's callbacks for its link
   * @return {@code STATUS_SUCCESS}, or why the channel cannot be enabled now
   */
  NtStatus connect(ChannelConnection connection);

  /**
   * {@code VmbChannelDisable} (or a client's close after rescind): withdraw the offer or close the
   * connection. The engine has stopped using the link; no {@link ChannelConnection#up} may arrive
   * for the old connection after this returns.
   */
  void disconnect(EngineChannel channel);

  /** Guest page numbers of an MDL element sent as external data, or null if unknown. */
  default long @Nullable [] pagesOf(EngineChannel channel, Mdl element) {
    return element.pfns();
  }

  /** {@code VmbChannelPacketGetExternalData} of a GPA-direct packet: its ranges as an MDL. */
  default NtStatus mapExternalData(EngineChannel channel, ByteBuffer gpaDirectHeader, int flags,
      Ref<Mdl> mdl) {
    return NtStatus.STATUS_NOT_SUPPORTED;
  }

  /**
   * {@code VmbChannelPacketGetExternalData} of a transfer-page packet (type 7, reference §2.8): its
   * ranges, bytes of a receive buffer both sides agreed on, as an MDL. The header starts with the
   * transfer page set id.
   */
  default NtStatus mapTransferPages(EngineChannel channel, ByteBuffer transferPageHeader,
      int flags, Ref<Mdl> mdl) {
    return NtStatus.STATUS_NOT_SUPPORTED;
  }

  /** How channels wait when the driver chose no idle strategy (SDK extension): PARK by default. */
  default IdleStrategy defaultIdleStrategy() {
    return IdleStrategy.PARK;
  }

  /** The GPADL and guest-memory calls (§2.H): {@link GpadlPort#NONE} unless modelled. */
  default GpadlPort gpadls() {
    return GpadlPort.NONE;
  }
}
