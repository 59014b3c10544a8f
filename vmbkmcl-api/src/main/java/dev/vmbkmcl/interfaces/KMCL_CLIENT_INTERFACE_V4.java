package dev.vmbkmcl.interfaces;

import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.UInt32Ref;
import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.Vmbkmcl;

/**
 * {@code KMCL_CLIENT_INTERFACE_V4} / {@code PKMCL_CLIENT_INTERFACE_V4} (kmcl-api.md §4.2):
 * V3 plus {@code VmbChannelInitSetMaximumPacketCount}
 * and {@code VmbChannelCreateGpadlFromPfnList} (WDK 18362).
 *
 * <p>Query it with {@link Vmbkmcl#KmclQueryInterface} using {@code KMCL_CLIENT_INTERFACE_TYPE},
 * {@link #SIZEOF} and {@code KMCL_CLIENT_INTERFACE_VERSION_V4}. Each member is an instance
 * method named after the C function pointer it replaces and calls the {@link Vmbkmcl} function of
 * the same name, so {@code If.VmbChannelAllocate(...)} ports unchanged; the checks and the backend
 * dispatch are the facade's.
 */
@SuppressWarnings({"MethodName", "ParameterName"}) // C member names: If.X(...) ports as is
public class KMCL_CLIENT_INTERFACE_V4 extends KMCL_CLIENT_INTERFACE_V3 {
  /** {@code sizeof(KMCL_CLIENT_INTERFACE_V4)} on x64. */
  public static final int SIZEOF = 416;

  /** This table's {@code sizeof}, {@link #SIZEOF}, which the query compares with {@code Size}. */
  @Override
  protected int sizeOfTable() {
    return SIZEOF;
  }

  /** An empty table; {@link Vmbkmcl#KmclQueryInterface} fills its header. */
  public KMCL_CLIENT_INTERFACE_V4() {}

  /**
   * #10, the {@code PFN_VMB_CHANNEL_INIT_SET_MAXIMUM_PACKET_COUNT} member:
   * calls {@link Vmbkmcl#VmbChannelInitSetMaximumPacketCount}.
   */
  public NtStatus VmbChannelInitSetMaximumPacketCount(VMBCHANNEL Channel, int PacketCount) {
    return Vmbkmcl.VmbChannelInitSetMaximumPacketCount(Channel, PacketCount);
  }

  /**
   * #64, the {@code PFN_VMB_CHANNEL_CREATE_GPADL_FROM_PFN_LIST} member:
   * calls {@link Vmbkmcl#VmbChannelCreateGpadlFromPfnList}.
   */
  public NtStatus VmbChannelCreateGpadlFromPfnList(VMBCHANNEL Channel, int Flags, long[] PfnList,
      int PfnListCount, UInt32Ref GpadlHandle) {
    return Vmbkmcl.VmbChannelCreateGpadlFromPfnList(Channel, Flags, PfnList, PfnListCount,
        GpadlHandle);
  }
}
