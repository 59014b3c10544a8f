package dev.vmbkmcl.interfaces;

import dev.vmbkmcl.DeviceObject;
import dev.vmbkmcl.EVT_VMB_CHANNEL_PROCESSING_COMPLETE_EX;
import dev.vmbkmcl.EVT_VMB_CHANNEL_PROCESS_PACKET_EX;
import dev.vmbkmcl.EVT_VMB_PACKET_COMPLETION_ROUTINE_EX;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.Ref;
import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.VMBPACKET;
import dev.vmbkmcl.Vmbkmcl;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * {@code KMCL_CLIENT_INTERFACE_V5} / {@code PKMCL_CLIENT_INTERFACE_V5} (kmcl-api.md §4.2):
 * V4 plus the nine functions of WDK 19041: sub-channels,
 * caller-allocated channels, the DPC budget, the target processor, the inline packet
 * context and the {@code Ex} callback setters.
 *
 * <p>Query it with {@link Vmbkmcl#KmclQueryInterface} using {@code KMCL_CLIENT_INTERFACE_TYPE},
 * {@link #SIZEOF} and {@code KMCL_CLIENT_INTERFACE_VERSION_V5}. Each member is an instance
 * method named after the C function pointer it replaces and calls the {@link Vmbkmcl} function of
 * the same name, so {@code If.VmbChannelAllocate(...)} ports unchanged; the checks and the backend
 * dispatch are the facade's.
 */
@SuppressWarnings({"MethodName", "ParameterName"}) // C member names: If.X(...) ports as is
public class KMCL_CLIENT_INTERFACE_V5 extends KMCL_CLIENT_INTERFACE_V4 {
  /** {@code sizeof(KMCL_CLIENT_INTERFACE_V5)} on x64. */
  public static final int SIZEOF = 488;

  /** This table's {@code sizeof}, {@link #SIZEOF}, which the query compares with {@code Size}. */
  @Override
  protected int sizeOfTable() {
    return SIZEOF;
  }

  /** An empty table; {@link Vmbkmcl#KmclQueryInterface} fills its header. */
  public KMCL_CLIENT_INTERFACE_V5() {}

  /**
   * #20, the {@code PFN_VMB_CHANNEL_INIT_SET_PRIMARY_CHANNEL} member:
   * calls {@link Vmbkmcl#VmbChannelInitSetPrimaryChannel}.
   */
  public NtStatus VmbChannelInitSetPrimaryChannel(VMBCHANNEL Channel, VMBCHANNEL PrimaryChannel,
      int SubChannelIndex) {
    return Vmbkmcl.VmbChannelInitSetPrimaryChannel(Channel, PrimaryChannel, SubChannelIndex);
  }

  /**
   * #2, the {@code PFN_VMB_CHANNEL_INITIALIZE} member:
   * calls {@link Vmbkmcl#VmbChannelInitialize}.
   */
  public NtStatus VmbChannelInitialize(DeviceObject ParentDeviceObject, boolean IsServer,
      Ref<VMBCHANNEL> Channel, int BufferSize) {
    return Vmbkmcl.VmbChannelInitialize(ParentDeviceObject, IsServer, Channel, BufferSize);
  }

  /**
   * #23, the {@code PFN_VMB_CHANNEL_SET_ALLOWABLE_DPC_CPU_USAGE} member:
   * calls {@link Vmbkmcl#VmbChannelSetAllowableDpcCpuUsage}.
   */
  public void VmbChannelSetAllowableDpcCpuUsage(VMBCHANNEL Channel, int CpuPercentage) {
    Vmbkmcl.VmbChannelSetAllowableDpcCpuUsage(Channel, CpuPercentage);
  }

  /**
   * #26, the {@code PFN_VMB_CLIENT_CHANNEL_INIT_SET_TARGET_PROCESSOR_INDEX} member:
   * calls {@link Vmbkmcl#VmbClientChannelInitSetTargetProcessorIndex}.
   */
  public NtStatus VmbClientChannelInitSetTargetProcessorIndex(VMBCHANNEL Channel,
      int ProcessorIndex) {
    return Vmbkmcl.VmbClientChannelInitSetTargetProcessorIndex(Channel, ProcessorIndex);
  }

  /**
   * #3, the {@code PFN_VMB_SIZEOF_CHANNEL} member:
   * calls {@link Vmbkmcl#VmbSizeofChannel}.
   */
  public int VmbSizeofChannel() {
    return Vmbkmcl.VmbSizeofChannel();
  }

  /**
   * #13, the {@code PFN_VMB_CHANNEL_INIT_SET_INLINE_PACKET_CONTEXT_SIZE} member:
   * calls {@link Vmbkmcl#VmbChannelInitSetInlinePacketContextSize}.
   */
  public NtStatus VmbChannelInitSetInlinePacketContextSize(VMBCHANNEL Channel, int ContextSize) {
    return Vmbkmcl.VmbChannelInitSetInlinePacketContextSize(Channel, ContextSize);
  }

  /**
   * #56, the {@code PFN_VMB_PACKET_GET_INLINE_PACKET_CONTEXT_POINTER} member:
   * calls {@link Vmbkmcl#VmbPacketGetInlinePacketContextPointer}.
   */
  public ByteBuffer VmbPacketGetInlinePacketContextPointer(VMBPACKET PacketObject) {
    return Vmbkmcl.VmbPacketGetInlinePacketContextPointer(PacketObject);
  }

  /**
   * #16, the {@code PFN_VMB_CHANNEL_INIT_SET_PROCESS_PACKET_CALLBACKS_EX} member:
   * calls {@link Vmbkmcl#VmbChannelInitSetProcessPacketCallbacksEx}.
   */
  public NtStatus VmbChannelInitSetProcessPacketCallbacksEx(VMBCHANNEL Channel,
      @Nullable Object CallbackContext, EVT_VMB_CHANNEL_PROCESS_PACKET_EX ProcessPacketCallbackEx,
      @Nullable EVT_VMB_CHANNEL_PROCESSING_COMPLETE_EX ProcessingCompleteCallbackEx) {
    return Vmbkmcl.VmbChannelInitSetProcessPacketCallbacksEx(Channel, CallbackContext,
        ProcessPacketCallbackEx, ProcessingCompleteCallbackEx);
  }

  /**
   * #52, the {@code PFN_VMB_PACKET_SET_COMPLETION_ROUTINE_EX} member:
   * calls {@link Vmbkmcl#VmbPacketSetCompletionRoutineEx}.
   */
  public void VmbPacketSetCompletionRoutineEx(VMBPACKET PacketObject,
      @Nullable Object CallbackContext, EVT_VMB_PACKET_COMPLETION_ROUTINE_EX CompletionRoutineEx) {
    Vmbkmcl.VmbPacketSetCompletionRoutineEx(PacketObject, CallbackContext, CompletionRoutineEx);
  }
}
