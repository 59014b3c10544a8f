package dev.vmbkmcl.interfaces;

import dev.vmbkmcl.DeviceObject;
import dev.vmbkmcl.Ref;
import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.VMBPACKETCOMPLETION;
import dev.vmbkmcl.Vmbkmcl;
import java.nio.ByteBuffer;

/**
 * {@code KMCL_CLIENT_INTERFACE_V2} / {@code PKMCL_CLIENT_INTERFACE_V2} (kmcl-api.md §4.2):
 * V1 plus {@code VmbChannelPacketGetClientContext},
 * {@code VmbChannelGetTargetDeviceObject} and {@code VmbChannelGetParentDeviceObject} (WDK 17763).
 *
 * <p>Query it with {@link Vmbkmcl#KmclQueryInterface} using {@code KMCL_CLIENT_INTERFACE_TYPE},
 * {@link #SIZEOF} and {@code KMCL_CLIENT_INTERFACE_VERSION_V2}. Each member is an instance
 * method named after the C function pointer it replaces and calls the {@link Vmbkmcl} function of
 * the same name, so {@code If.VmbChannelAllocate(...)} ports unchanged; the checks and the backend
 * dispatch are the facade's.
 */
@SuppressWarnings({"MethodName", "ParameterName"}) // C member names: If.X(...) ports as is
public class KMCL_CLIENT_INTERFACE_V2 extends KMCL_CLIENT_INTERFACE_V1 {
  /** {@code sizeof(KMCL_CLIENT_INTERFACE_V2)} on x64. */
  public static final int SIZEOF = 384;

  /** This table's {@code sizeof}, {@link #SIZEOF}, which the query compares with {@code Size}. */
  @Override
  protected int sizeOfTable() {
    return SIZEOF;
  }

  /** An empty table; {@link Vmbkmcl#KmclQueryInterface} fills its header. */
  public KMCL_CLIENT_INTERFACE_V2() {}

  /**
   * #47, the {@code PFN_VMB_CHANNEL_PACKET_GET_CLIENT_CONTEXT} member:
   * calls {@link Vmbkmcl#VmbChannelPacketGetClientContext}.
   */
  public ByteBuffer VmbChannelPacketGetClientContext(VMBPACKETCOMPLETION PacketCompletionContext) {
    return Vmbkmcl.VmbChannelPacketGetClientContext(PacketCompletionContext);
  }

  /**
   * #38, the {@code PFN_VMB_CHANNEL_GET_TARGET_DEVICE_OBJECT} member:
   * calls {@link Vmbkmcl#VmbChannelGetTargetDeviceObject}.
   */
  public void VmbChannelGetTargetDeviceObject(VMBCHANNEL Channel,
      Ref<DeviceObject> TargetDeviceObject) {
    Vmbkmcl.VmbChannelGetTargetDeviceObject(Channel, TargetDeviceObject);
  }

  /**
   * #39, the {@code PFN_VMB_CHANNEL_GET_PARENT_DEVICE_OBJECT} member:
   * calls {@link Vmbkmcl#VmbChannelGetParentDeviceObject}.
   */
  public void VmbChannelGetParentDeviceObject(VMBCHANNEL Channel,
      Ref<DeviceObject> ParentDeviceObject) {
    Vmbkmcl.VmbChannelGetParentDeviceObject(Channel, ParentDeviceObject);
  }
}
