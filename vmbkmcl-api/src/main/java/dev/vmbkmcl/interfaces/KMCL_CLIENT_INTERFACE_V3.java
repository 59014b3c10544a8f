package dev.vmbkmcl.interfaces;

import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.Vmbkmcl;

/**
 * {@code KMCL_CLIENT_INTERFACE_V3} / {@code PKMCL_CLIENT_INTERFACE_V3} (kmcl-api.md §4.2):
 * V2 plus the bounce-buffer functions {@code
 * VmbChannelInitSetBounceBufferSizes} and {@code VmbChannelAllocateBounceBuffer} (WDK 18362).
 *
 * <p>Query it with {@link Vmbkmcl#KmclQueryInterface} using {@code KMCL_CLIENT_INTERFACE_TYPE},
 * {@link #SIZEOF} and {@code KMCL_CLIENT_INTERFACE_VERSION_V3}. Each member is an instance
 * method named after the C function pointer it replaces and calls the {@link Vmbkmcl} function of
 * the same name, so {@code If.VmbChannelAllocate(...)} ports unchanged; the checks and the backend
 * dispatch are the facade's.
 */
@SuppressWarnings({"MethodName", "ParameterName"}) // C member names: If.X(...) ports as is
public class KMCL_CLIENT_INTERFACE_V3 extends KMCL_CLIENT_INTERFACE_V2 {
  /** {@code sizeof(KMCL_CLIENT_INTERFACE_V3)} on x64. */
  public static final int SIZEOF = 400;

  /** This table's {@code sizeof}, {@link #SIZEOF}, which the query compares with {@code Size}. */
  @Override
  protected int sizeOfTable() {
    return SIZEOF;
  }

  /** An empty table; {@link Vmbkmcl#KmclQueryInterface} fills its header. */
  public KMCL_CLIENT_INTERFACE_V3() {}

  /**
   * #14, the {@code PFN_VMB_CHANNEL_INIT_SET_BOUNCE_BUFFER_SIZES} member:
   * calls {@link Vmbkmcl#VmbChannelInitSetBounceBufferSizes}.
   */
  public NtStatus VmbChannelInitSetBounceBufferSizes(VMBCHANNEL Channel, int InitialBufferSize,
      int BufferSizeIncrement, int MaximumBufferSize) {
    return Vmbkmcl.VmbChannelInitSetBounceBufferSizes(Channel, InitialBufferSize,
        BufferSizeIncrement, MaximumBufferSize);
  }

  /**
   * #70, the {@code PFN_VMB_CHANNEL_ALLOCATE_BOUNCE_BUFFER} member:
   * calls {@link Vmbkmcl#VmbChannelAllocateBounceBuffer}.
   */
  public NtStatus VmbChannelAllocateBounceBuffer(VMBCHANNEL Channel, int BufferSize) {
    return Vmbkmcl.VmbChannelAllocateBounceBuffer(Channel, BufferSize);
  }
}
