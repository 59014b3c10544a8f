package dev.vmbkmcl.interfaces;

import dev.vmbkmcl.DeviceObject;
import dev.vmbkmcl.EVT_VMB_CHANNEL_PNP_FAILURE;
import dev.vmbkmcl.EVT_VMB_CHANNEL_PROCESSING_COMPLETE;
import dev.vmbkmcl.EVT_VMB_CHANNEL_PROCESS_PACKET;
import dev.vmbkmcl.EVT_VMB_PACKET_COMPLETION_ROUTINE;
import dev.vmbkmcl.INTERFACE;
import dev.vmbkmcl.LargeInteger;
import dev.vmbkmcl.Mdl;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.Ref;
import dev.vmbkmcl.StateChangeCallbacksHeader;
import dev.vmbkmcl.UInt16Ref;
import dev.vmbkmcl.UInt32Ref;
import dev.vmbkmcl.UInt64Ref;
import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.VMBPACKET;
import dev.vmbkmcl.VMBPACKETCOMPLETION;
import dev.vmbkmcl.Vmbkmcl;
import java.nio.ByteBuffer;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * {@code KMCL_CLIENT_INTERFACE_V1} / {@code PKMCL_CLIENT_INTERFACE_V1} (kmcl-api.md §4.2):
 * the {@code INTERFACE} header followed by the 41 functions
 * every KMCL version has, in the C order (32 + 41 × 8 = 360 bytes on x64).
 *
 * <p>Query it with {@link Vmbkmcl#KmclQueryInterface} using {@code KMCL_CLIENT_INTERFACE_TYPE},
 * {@link #SIZEOF} and {@code KMCL_CLIENT_INTERFACE_VERSION_V1}. Each member is an instance
 * method named after the C function pointer it replaces and calls the {@link Vmbkmcl} function of
 * the same name, so {@code If.VmbChannelAllocate(...)} ports unchanged; the checks and the backend
 * dispatch are the facade's.
 */
@SuppressWarnings({"MethodName", "ParameterName"}) // C member names: If.X(...) ports as is
public class KMCL_CLIENT_INTERFACE_V1 extends INTERFACE {
  /** {@code sizeof(KMCL_CLIENT_INTERFACE_V1)} on x64. */
  public static final int SIZEOF = 360;

  /** This table's {@code sizeof}, {@link #SIZEOF}, which the query compares with {@code Size}. */
  @Override
  protected int sizeOfTable() {
    return SIZEOF;
  }

  /** An empty table; {@link Vmbkmcl#KmclQueryInterface} fills its header. */
  public KMCL_CLIENT_INTERFACE_V1() {}

  /**
   * #1, the {@code PFN_VMB_CHANNEL_ALLOCATE} member:
   * calls {@link Vmbkmcl#VmbChannelAllocate}.
   */
  public NtStatus VmbChannelAllocate(DeviceObject ParentDeviceObject, boolean IsServer,
      Ref<VMBCHANNEL> Channel) {
    return Vmbkmcl.VmbChannelAllocate(ParentDeviceObject, IsServer, Channel);
  }

  /**
   * #4, the {@code PFN_VMB_CHANNEL_CLEANUP} member:
   * calls {@link Vmbkmcl#VmbChannelCleanup}.
   */
  public void VmbChannelCleanup(VMBCHANNEL Channel) {
    Vmbkmcl.VmbChannelCleanup(Channel);
  }

  /**
   * #62, the {@code PFN_VMB_CHANNEL_CREATE_GPADL_FROM_BUFFER} member:
   * calls {@link Vmbkmcl#VmbChannelCreateGpadlFromBuffer}.
   */
  public NtStatus VmbChannelCreateGpadlFromBuffer(VMBCHANNEL Channel, int Flags, ByteBuffer Buffer,
      int ByteCount, UInt32Ref GpadlHandle) {
    return Vmbkmcl.VmbChannelCreateGpadlFromBuffer(Channel, Flags, Buffer, ByteCount, GpadlHandle);
  }

  /**
   * #63, the {@code PFN_VMB_CHANNEL_CREATE_GPADL_FROM_MDL} member:
   * calls {@link Vmbkmcl#VmbChannelCreateGpadlFromMdl}.
   */
  public NtStatus VmbChannelCreateGpadlFromMdl(VMBCHANNEL Channel, int Flags, Mdl Mdl,
      int StartOffsetWithinMdl, int DataLengthWithinMdl, UInt32Ref GpadlHandle) {
    return Vmbkmcl.VmbChannelCreateGpadlFromMdl(Channel, Flags, Mdl, StartOffsetWithinMdl,
        DataLengthWithinMdl, GpadlHandle);
  }

  /**
   * #67, the {@code PFN_VMB_CHANNEL_DELETE_GPADL} member:
   * calls {@link Vmbkmcl#VmbChannelDeleteGpadl}.
   */
  public void VmbChannelDeleteGpadl(VMBCHANNEL Channel, int GpadlHandle) {
    Vmbkmcl.VmbChannelDeleteGpadl(Channel, GpadlHandle);
  }

  /**
   * #6, the {@code PFN_VMB_CHANNEL_DISABLE} member:
   * calls {@link Vmbkmcl#VmbChannelDisable}.
   */
  public void VmbChannelDisable(VMBCHANNEL Channel) {
    Vmbkmcl.VmbChannelDisable(Channel);
  }

  /**
   * #5, the {@code PFN_VMB_CHANNEL_ENABLE} member:
   * calls {@link Vmbkmcl#VmbChannelEnable}.
   */
  public NtStatus VmbChannelEnable(VMBCHANNEL Channel) {
    return Vmbkmcl.VmbChannelEnable(Channel);
  }

  /**
   * #37, the {@code PFN_VMB_CHANNEL_GET_INTERFACE_INSTANCE} member:
   * calls {@link Vmbkmcl#VmbChannelGetInterfaceInstance}.
   */
  public void VmbChannelGetInterfaceInstance(VMBCHANNEL Channel, Ref<UUID> InterfaceInstance) {
    Vmbkmcl.VmbChannelGetInterfaceInstance(Channel, InterfaceInstance);
  }

  /**
   * #40, the {@code PFN_VMB_CHANNEL_GET_MMIO_SPACE} member:
   * calls {@link Vmbkmcl#VmbChannelGetMmioSpace}.
   */
  public void VmbChannelGetMmioSpace(VMBCHANNEL Channel, UInt64Ref MmioAddress,
      UInt64Ref MmioSize) {
    Vmbkmcl.VmbChannelGetMmioSpace(Channel, MmioAddress, MmioSize);
  }

  /**
   * #36, the {@code PFN_VMB_CHANNEL_GET_POINTER} member:
   * calls {@link Vmbkmcl#VmbChannelGetPointer}.
   */
  public @Nullable Object VmbChannelGetPointer(VMBCHANNEL Channel) {
    return Vmbkmcl.VmbChannelGetPointer(Channel);
  }

  /**
   * #12, the {@code PFN_VMB_CHANNEL_INIT_SET_CLIENT_CONTEXT_SIZE} member:
   * calls {@link Vmbkmcl#VmbChannelInitSetClientContextSize}.
   */
  public NtStatus VmbChannelInitSetClientContextSize(VMBCHANNEL Channel, int ContextSize) {
    return Vmbkmcl.VmbChannelInitSetClientContextSize(Channel, ContextSize);
  }

  /**
   * #19, the {@code PFN_VMB_CHANNEL_INIT_SET_FLAGS} member:
   * calls {@link Vmbkmcl#VmbChannelInitSetFlags}.
   */
  public NtStatus VmbChannelInitSetFlags(VMBCHANNEL Channel, int Flags) {
    return Vmbkmcl.VmbChannelInitSetFlags(Channel, Flags);
  }

  /**
   * #18, the {@code PFN_VMB_CHANNEL_INIT_SET_FRIENDLY_NAME} member:
   * calls {@link Vmbkmcl#VmbChannelInitSetFriendlyName}.
   */
  public NtStatus VmbChannelInitSetFriendlyName(VMBCHANNEL Channel, String Name) {
    return Vmbkmcl.VmbChannelInitSetFriendlyName(Channel, Name);
  }

  /**
   * #11, the {@code PFN_VMB_CHANNEL_INIT_SET_MAXIMUM_EXTERNAL_DATA} member:
   * calls {@link Vmbkmcl#VmbChannelInitSetMaximumExternalData}.
   */
  public NtStatus VmbChannelInitSetMaximumExternalData(VMBCHANNEL Channel, int DataSize,
      int ChainLength) {
    return Vmbkmcl.VmbChannelInitSetMaximumExternalData(Channel, DataSize, ChainLength);
  }

  /**
   * #9, the {@code PFN_VMB_CHANNEL_INIT_SET_MAXIMUM_PACKET_SIZE} member:
   * calls {@link Vmbkmcl#VmbChannelInitSetMaximumPacketSize}.
   */
  public NtStatus VmbChannelInitSetMaximumPacketSize(VMBCHANNEL Channel, int PacketSize) {
    return Vmbkmcl.VmbChannelInitSetMaximumPacketSize(Channel, PacketSize);
  }

  /**
   * #15, the {@code PFN_VMB_CHANNEL_INIT_SET_PROCESS_PACKET_CALLBACKS} member:
   * calls {@link Vmbkmcl#VmbChannelInitSetProcessPacketCallbacks}.
   */
  public NtStatus VmbChannelInitSetProcessPacketCallbacks(VMBCHANNEL Channel,
      EVT_VMB_CHANNEL_PROCESS_PACKET ProcessPacketCallback,
      @Nullable EVT_VMB_CHANNEL_PROCESSING_COMPLETE ProcessingCompleteCallback) {
    return Vmbkmcl.VmbChannelInitSetProcessPacketCallbacks(Channel, ProcessPacketCallback,
        ProcessingCompleteCallback);
  }

  /**
   * #17, the {@code PFN_VMB_CHANNEL_INIT_SET_STATE_CHANGE_CALLBACKS} member:
   * calls {@link Vmbkmcl#VmbChannelInitSetStateChangeCallbacks}.
   */
  public NtStatus VmbChannelInitSetStateChangeCallbacks(VMBCHANNEL Channel,
      StateChangeCallbacksHeader StateChangeCallbacks) {
    return Vmbkmcl.VmbChannelInitSetStateChangeCallbacks(Channel, StateChangeCallbacks);
  }

  /**
   * #43, the {@code PFN_VMB_CHANNEL_PACKET_COMPLETE} member:
   * calls {@link Vmbkmcl#VmbChannelPacketComplete}.
   */
  public void VmbChannelPacketComplete(VMBPACKETCOMPLETION PacketCompletionContext,
      @Nullable ByteBuffer PacketCompletionBuffer, int BufSize) {
    Vmbkmcl.VmbChannelPacketComplete(PacketCompletionContext, PacketCompletionBuffer, BufSize);
  }

  /**
   * #44, the {@code PFN_VMB_CHANNEL_PACKET_DEFER_TO_PASSIVE} member:
   * calls {@link Vmbkmcl#VmbChannelPacketDeferToPassive}.
   */
  public void VmbChannelPacketDeferToPassive(VMBPACKETCOMPLETION PacketCompletionContext) {
    Vmbkmcl.VmbChannelPacketDeferToPassive(PacketCompletionContext);
  }

  /**
   * #45, the {@code PFN_VMB_CHANNEL_PACKET_FAIL} member:
   * calls {@link Vmbkmcl#VmbChannelPacketFail}.
   */
  public void VmbChannelPacketFail(VMBPACKETCOMPLETION PacketCompletionContext) {
    Vmbkmcl.VmbChannelPacketFail(PacketCompletionContext);
  }

  /**
   * #46, the {@code PFN_VMB_CHANNEL_PACKET_GET_EXTERNAL_DATA} member:
   * calls {@link Vmbkmcl#VmbChannelPacketGetExternalData}.
   */
  public NtStatus VmbChannelPacketGetExternalData(VMBPACKETCOMPLETION PacketCompletionContext,
      int Flags, Ref<Mdl> Mdl) {
    return Vmbkmcl.VmbChannelPacketGetExternalData(PacketCompletionContext, Flags, Mdl);
  }

  /**
   * #8, the {@code PFN_VMB_CHANNEL_PAUSE} member:
   * calls {@link Vmbkmcl#VmbChannelPause}.
   */
  public void VmbChannelPause(VMBCHANNEL Channel) {
    Vmbkmcl.VmbChannelPause(Channel);
  }

  /**
   * #60, the {@code PFN_VMB_CHANNEL_SEND_SYNCHRONOUS_REQUEST} member:
   * calls {@link Vmbkmcl#VmbChannelSendSynchronousRequest}.
   */
  public NtStatus VmbChannelSendSynchronousRequest(VMBCHANNEL Channel, ByteBuffer Buffer,
      int BufferSize, @Nullable Mdl ExternalDataMdl, int Flags,
      @Nullable ByteBuffer CompletionBuffer, @Nullable UInt32Ref CompletionBufferSize,
      @Nullable LargeInteger Timeout) {
    return Vmbkmcl.VmbChannelSendSynchronousRequest(Channel, Buffer, BufferSize, ExternalDataMdl,
        Flags, CompletionBuffer, CompletionBufferSize, Timeout);
  }

  /**
   * #21, the {@code PFN_VMB_CHANNEL_SET_INCOMING_PROCESSING_AT_PASSIVE} member:
   * calls {@link Vmbkmcl#VmbChannelSetIncomingProcessingAtPassive}.
   */
  public void VmbChannelSetIncomingProcessingAtPassive(VMBCHANNEL Channel, boolean RequirePassive) {
    Vmbkmcl.VmbChannelSetIncomingProcessingAtPassive(Channel, RequirePassive);
  }

  /**
   * #41, the {@code PFN_VMB_CHANNEL_SET_INTERRUPT_LATENCY} member:
   * calls {@link Vmbkmcl#VmbChannelSetInterruptLatency}.
   */
  public NtStatus VmbChannelSetInterruptLatency(VMBCHANNEL Channel, int Latency,
      UInt16Ref OriginalLatency) {
    return Vmbkmcl.VmbChannelSetInterruptLatency(Channel, Latency, OriginalLatency);
  }

  /**
   * #35, the {@code PFN_VMB_CHANNEL_SET_POINTER} member:
   * calls {@link Vmbkmcl#VmbChannelSetPointer}.
   */
  public void VmbChannelSetPointer(VMBCHANNEL Channel, @Nullable Object Pointer) {
    Vmbkmcl.VmbChannelSetPointer(Channel, Pointer);
  }

  /**
   * #22, the {@code PFN_VMB_CHANNEL_SET_TRANSACTION_QUOTA} member:
   * calls {@link Vmbkmcl#VmbChannelSetTransactionQuota}.
   */
  public void VmbChannelSetTransactionQuota(VMBCHANNEL Channel, int Quota) {
    Vmbkmcl.VmbChannelSetTransactionQuota(Channel, Quota);
  }

  /**
   * #42, the {@code PFN_VMB_CHANNEL_SIZEOF_PACKET} member:
   * calls {@link Vmbkmcl#VmbChannelSizeofPacket}.
   */
  public int VmbChannelSizeofPacket(VMBCHANNEL Channel) {
    return Vmbkmcl.VmbChannelSizeofPacket(Channel);
  }

  /**
   * #7, the {@code PFN_VMB_CHANNEL_START} member:
   * calls {@link Vmbkmcl#VmbChannelStart}.
   */
  public void VmbChannelStart(VMBCHANNEL Channel) {
    Vmbkmcl.VmbChannelStart(Channel);
  }

  /**
   * #24, the {@code PFN_VMB_CLIENT_CHANNEL_INIT_SET_RING_BUFFER_PAGE_COUNT} member:
   * calls {@link Vmbkmcl#VmbClientChannelInitSetRingBufferPageCount}.
   */
  public NtStatus VmbClientChannelInitSetRingBufferPageCount(VMBCHANNEL Channel,
      int IncomingPageCount, int OutgoingPageCount) {
    return Vmbkmcl.VmbClientChannelInitSetRingBufferPageCount(Channel, IncomingPageCount,
        OutgoingPageCount);
  }

  /**
   * #25, the {@code PFN_VMB_CLIENT_CHANNEL_INIT_SET_TARGET_PNP} member:
   * calls {@link Vmbkmcl#VmbClientChannelInitSetTargetPnp}.
   */
  public NtStatus VmbClientChannelInitSetTargetPnp(VMBCHANNEL Channel, UUID InterfaceType,
      @Nullable UUID InterfaceInstance, @Nullable EVT_VMB_CHANNEL_PNP_FAILURE PnpFailureCallback) {
    return Vmbkmcl.VmbClientChannelInitSetTargetPnp(Channel, InterfaceType, InterfaceInstance,
        PnpFailureCallback);
  }

  /**
   * #48, the {@code PFN_VMB_PACKET_ALLOCATE} member:
   * calls {@link Vmbkmcl#VmbPacketAllocate}.
   */
  public @Nullable VMBPACKET VmbPacketAllocate(VMBCHANNEL Channel) {
    return Vmbkmcl.VmbPacketAllocate(Channel);
  }

  /**
   * #50, the {@code PFN_VMB_PACKET_FREE} member:
   * calls {@link Vmbkmcl#VmbPacketFree}.
   */
  public void VmbPacketFree(VMBPACKET VmbPacket) {
    Vmbkmcl.VmbPacketFree(VmbPacket);
  }

  /**
   * #55, the {@code PFN_VMB_PACKET_GET_CHANNEL} member:
   * calls {@link Vmbkmcl#VmbPacketGetChannel}.
   */
  public VMBCHANNEL VmbPacketGetChannel(VMBPACKET PacketObject) {
    return Vmbkmcl.VmbPacketGetChannel(PacketObject);
  }

  /**
   * #54, the {@code PFN_VMB_PACKET_GET_POINTER} member:
   * calls {@link Vmbkmcl#VmbPacketGetPointer}.
   */
  public @Nullable Object VmbPacketGetPointer(VMBPACKET PacketObject) {
    return Vmbkmcl.VmbPacketGetPointer(PacketObject);
  }

  /**
   * #49, the {@code PFN_VMB_PACKET_INITIALIZE} member:
   * calls {@link Vmbkmcl#VmbPacketInitialize}.
   */
  public NtStatus VmbPacketInitialize(VMBCHANNEL Channel, Ref<VMBPACKET> VmbPacket, int ByteCount) {
    return Vmbkmcl.VmbPacketInitialize(Channel, VmbPacket, ByteCount);
  }

  /**
   * #57, the {@code PFN_VMB_PACKET_SEND} member:
   * calls {@link Vmbkmcl#VmbPacketSend}.
   */
  public NtStatus VmbPacketSend(VMBPACKET PacketObject, ByteBuffer Buffer, int BufferLength,
      @Nullable Mdl ExternalDataMdl, int Flags) {
    return Vmbkmcl.VmbPacketSend(PacketObject, Buffer, BufferLength, ExternalDataMdl, Flags);
  }

  /**
   * #58, the {@code PFN_VMB_PACKET_SEND_WITH_EXTERNAL_MDL} member:
   * calls {@link Vmbkmcl#VmbPacketSendWithExternalMdl}.
   */
  public NtStatus VmbPacketSendWithExternalMdl(VMBPACKET PacketObject, ByteBuffer Buffer,
      int BufferLength, Mdl ExternalDataMdl, int MdlOffset, int MdlLength, int Flags) {
    return Vmbkmcl.VmbPacketSendWithExternalMdl(PacketObject, Buffer, BufferLength, ExternalDataMdl,
        MdlOffset, MdlLength, Flags);
  }

  /**
   * #59, the {@code PFN_VMB_PACKET_SEND_WITH_EXTERNAL_PFNS} member:
   * calls {@link Vmbkmcl#VmbPacketSendWithExternalPfns}.
   */
  public NtStatus VmbPacketSendWithExternalPfns(VMBPACKET PacketObject, ByteBuffer Buffer,
      int BufferLength, long[] ExternalDataPfns, int PfnLength, int Flags) {
    return Vmbkmcl.VmbPacketSendWithExternalPfns(PacketObject, Buffer, BufferLength,
        ExternalDataPfns, PfnLength, Flags);
  }

  /**
   * #51, the {@code PFN_VMB_PACKET_SET_COMPLETION_ROUTINE} member:
   * calls {@link Vmbkmcl#VmbPacketSetCompletionRoutine}.
   */
  public void VmbPacketSetCompletionRoutine(VMBPACKET PacketObject,
      EVT_VMB_PACKET_COMPLETION_ROUTINE CompletionRoutine) {
    Vmbkmcl.VmbPacketSetCompletionRoutine(PacketObject, CompletionRoutine);
  }

  /**
   * #53, the {@code PFN_VMB_PACKET_SET_POINTER} member:
   * calls {@link Vmbkmcl#VmbPacketSetPointer}.
   */
  public void VmbPacketSetPointer(VMBPACKET PacketObject, @Nullable Object Pointer) {
    Vmbkmcl.VmbPacketSetPointer(PacketObject, Pointer);
  }
}
