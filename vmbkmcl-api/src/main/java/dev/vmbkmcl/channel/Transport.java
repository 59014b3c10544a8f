package dev.vmbkmcl.channel;

import dev.vmbkmcl.DeviceObject;
import dev.vmbkmcl.Mdl;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.Ref;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * The transport port: what a VMBus backend supplies to the one {@link Engine}, and all it supplies.
 * The engine implements every KMCL function once; a transport only finds or publishes offers,
 * brings a connection up with ring memory and doorbells ({@link dev.vmbkmcl.spi.ChannelLink}),
 * tears it down, and, where it models guest memory, resolves external data and GPADLs ({@link
 * GpadlPort}). Operations a transport cannot do keep the defaults, which refuse with {@code
 * STATUS_NOT_SUPPORTED}.
 *
 * <p>It lives beside the engine rather than in {@code dev.vmbkmcl.spi} because it names the
 * engine's channel and the facade's MDL and NTSTATUS types; {@code spi} names neither, so the
 * packages form no cycle.
 */
public interface Transport {
  /**
   * A short name for messages, thread names and the README matrix.
   *
   * @return for example {@code sim} or {@code hyperv}
   */
  String name();

  /**
   * The device object ported code uses when the original took its WDF device; it must be served
   * by this transport's engine.
   *
   * @return the default parent device
   */
  DeviceObject defaultDevice();

  /**
   * Whether this transport can make an endpoint of this kind ({@code VmbChannelAllocate} / {@code
   * VmbChannelInitialize} ask before they make the channel).
   *
   * @param isServer true for a server (VSP) endpoint, false for a client (VSC) one
   * @return {@code STATUS_SUCCESS}, or why not (no channel is made)
   */
  default NtStatus admitEndpoint(boolean isServer) {
    return NtStatus.STATUS_SUCCESS;
  }

  /**
   * {@code VmbChannelEnable} reached the transport: a server publishes its offer, a client finds
   * one (or waits for it). Returns at once; later the transport calls {@link ChannelConnection#up}
   * when the channel opens, or {@link ChannelConnection#failed} when it cannot.
   *
   * @param connection the channel being enabled and the engine's callbacks for it
   * @return {@code STATUS_SUCCESS}, or why the channel cannot be enabled now
   */
  NtStatus connect(ChannelConnection connection);

  /**
   * {@code VmbChannelDisable} (or a client's close after rescind): withdraw the offer or close the
   * connection. The engine has already stopped using the link; after this returns no {@link
   * ChannelConnection#up} may arrive for the old connection.
   *
   * @param channel the channel given to {@link #connect} before
   */
  void disconnect(EngineChannel channel);

  /**
   * Guest page numbers of an MDL element this side sends as external data.
   *
   * @param channel the sending channel
   * @param element one element of the MDL chain
   * @return the page numbers, or null if unknown (the send is refused)
   */
  default long @Nullable [] pagesOf(EngineChannel channel, Mdl element) {
    return element.pfns();
  }

  /**
   * {@code VmbChannelPacketGetExternalData} of a GPA-direct packet: map its header's ranges into an
   * MDL.
   *
   * @param channel the receiving channel
   * @param gpaDirectHeader the packet's range header, little-endian
   * @param flags the KMCL flags of the call
   * @param mdl receives the MDL on success
   * @return {@code STATUS_SUCCESS} or why not; {@code STATUS_NOT_SUPPORTED} by default
   */
  default NtStatus mapExternalData(EngineChannel channel, ByteBuffer gpaDirectHeader, int flags,
      Ref<Mdl> mdl) {
    return NtStatus.STATUS_NOT_SUPPORTED;
  }

  /**
   * {@code VmbChannelPacketGetExternalData} of a transfer-page packet (type 7, reference §2.8): map
   * its ranges, which name bytes of a receive buffer the peer and this side agreed on, into an MDL.
   * The header starts with the transfer page set id.
   *
   * @param channel the receiving channel
   * @param transferPageHeader the packet's transfer-page header, little-endian
   * @param flags the KMCL flags of the call
   * @param mdl receives the MDL on success
   * @return {@code STATUS_SUCCESS} or why not; {@code STATUS_NOT_SUPPORTED} by default
   */
  default NtStatus mapTransferPages(EngineChannel channel, ByteBuffer transferPageHeader,
      int flags, Ref<Mdl> mdl) {
    return NtStatus.STATUS_NOT_SUPPORTED;
  }

  /**
   * How channels wait when the driver chose no idle strategy (SDK extension).
   *
   * @return {@link IdleStrategy#PARK} unless a transport knows better
   */
  default IdleStrategy defaultIdleStrategy() {
    return IdleStrategy.PARK;
  }

  /**
   * The GPADL and guest-memory operations (kmcl-api.md §2.H) of this transport.
   *
   * @return {@link GpadlPort#NONE} unless the transport models guest memory
   */
  default GpadlPort gpadls() {
    return GpadlPort.NONE;
  }
}
