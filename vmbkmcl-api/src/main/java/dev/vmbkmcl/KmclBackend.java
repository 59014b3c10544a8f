package dev.vmbkmcl;

import java.nio.ByteBuffer;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The backend contract: what the {@link dev.vmbkmcl.Vmbkmcl} facade forwards to once it has checked the
 * arguments. It lives beside the handle types it names ({@link VMBCHANNEL}, {@link DeviceObject}, …)
 * so that the facade package and {@link dev.vmbkmcl.spi} form no package cycle; the transport a
 * backend supplies to the engine is in {@link dev.vmbkmcl.spi}. One method per KMCL function, with the facade's name and parameter order, except the two
 * that need no backend ({@code VmbSizeofChannel}, {@code VmbConvertVmbusHandleToKernelHandle}).
 *
 * <p>The facade guarantees, before calling: no null where the C parameter is {@code _In_}, flags
 * inside their documented masks, sizes in their documented ranges, {@code InitSet*} only on a
 * Disabled channel, client-only calls only on client endpoints and server-only calls only on server
 * endpoints, and handles owned by this backend. Backends check state that only they know (open or
 * not, GPADL handles, packet ownership). Its one implementation is the final {@link
 * dev.vmbkmcl.channel.Engine}, which implements all of it over the shared channel engine; a backend
 * does not implement this interface but the small {@link dev.vmbkmcl.channel.Transport} port (ring
 * memory, doorbells, offers and guest memory) that the engine holds.
 */
@SuppressWarnings({"MethodName", "ParameterName"}) // C names, so backends read like the facade
public interface KmclBackend {
  /** A short name for messages and the README matrix, for example {@code sim} or {@code hyperv}. */
  String name();

  /** The device object ported code uses when the original took its WDF device. */
  DeviceObject defaultDevice();

  /** #1 {@link dev.vmbkmcl.Vmbkmcl#VmbChannelAllocate}: called after the facade checked the arguments. */
  NtStatus VmbChannelAllocate(DeviceObject ParentDeviceObject, boolean IsServer, Ref<VMBCHANNEL> Channel);

  /** #2 {@link dev.vmbkmcl.Vmbkmcl#VmbChannelInitialize}: called after the facade checked the arguments. */
  NtStatus VmbChannelInitialize(DeviceObject ParentDeviceObject, boolean IsServer, Ref<VMBCHANNEL> Channel, int BufferSize);

  /** #4 {@link dev.vmbkmcl.Vmbkmcl#VmbChannelCleanup}: called after the facade checked the arguments. */
  void VmbChannelCleanup(VMBCHANNEL Channel);

  /** #5 {@link dev.vmbkmcl.Vmbkmcl#VmbChannelEnable}: called after the facade checked the arguments. */
  NtStatus VmbChannelEnable(VMBCHANNEL Channel);

  /** #6 {@link dev.vmbkmcl.Vmbkmcl#VmbChannelDisable}: called after the facade checked the arguments. */
  void VmbChannelDisable(VMBCHANNEL Channel);

  /** #7 {@link dev.vmbkmcl.Vmbkmcl#VmbChannelStart}: called after the facade checked the arguments. */
  void VmbChannelStart(VMBCHANNEL Channel);

  /** #8 {@link dev.vmbkmcl.Vmbkmcl#VmbChannelPause}: called after the facade checked the arguments. */
  void VmbChannelPause(VMBCHANNEL Channel);

  /** #9 {@link dev.vmbkmcl.Vmbkmcl#VmbChannelInitSetMaximumPacketSize}: called after the facade checked the arguments. */
  NtStatus VmbChannelInitSetMaximumPacketSize(VMBCHANNEL Channel, int PacketSize);

  /** #10 {@link dev.vmbkmcl.Vmbkmcl#VmbChannelInitSetMaximumPacketCount}: called after the facade checked the arguments. */
  NtStatus VmbChannelInitSetMaximumPacketCount(VMBCHANNEL Channel, int PacketCount);

  /** #11 {@link dev.vmbkmcl.Vmbkmcl#VmbChannelInitSetMaximumExternalData}: called after the facade checked the arguments. */
  NtStatus VmbChannelInitSetMaximumExternalData(VMBCHANNEL Channel, int DataSize, int ChainLength);

  /** #12 {@link dev.vmbkmcl.Vmbkmcl#VmbChannelInitSetClientContextSize}: called after the facade checked the arguments. */
  NtStatus VmbChannelInitSetClientContextSize(VMBCHANNEL Channel, int ContextSize);

  /** #13 {@link dev.vmbkmcl.Vmbkmcl#VmbChannelInitSetInlinePacketContextSize}: called after the facade checked the arguments. */
  NtStatus VmbChannelInitSetInlinePacketContextSize(VMBCHANNEL Channel, int ContextSize);

  /** #14 {@link dev.vmbkmcl.Vmbkmcl#VmbChannelInitSetBounceBufferSizes}: called after the facade checked the arguments. */
  NtStatus VmbChannelInitSetBounceBufferSizes(VMBCHANNEL Channel, int InitialBufferSize, int BufferSizeIncrement, int MaximumBufferSize);

  /** #15 {@link dev.vmbkmcl.Vmbkmcl#VmbChannelInitSetProcessPacketCallbacks}: called after the facade checked the arguments. */
  NtStatus VmbChannelInitSetProcessPacketCallbacks(VMBCHANNEL Channel, EVT_VMB_CHANNEL_PROCESS_PACKET ProcessPacketCallback, @Nullable EVT_VMB_CHANNEL_PROCESSING_COMPLETE ProcessingCompleteCallback);

  /** #16 {@link dev.vmbkmcl.Vmbkmcl#VmbChannelInitSetProcessPacketCallbacksEx}: called after the facade checked the arguments. */
  NtStatus VmbChannelInitSetProcessPacketCallbacksEx(VMBCHANNEL Channel, @Nullable Object CallbackContext, EVT_VMB_CHANNEL_PROCESS_PACKET_EX ProcessPacketCallbackEx, @Nullable EVT_VMB_CHANNEL_PROCESSING_COMPLETE_EX ProcessingCompleteCallbackEx);

  /** #17 {@link dev.vmbkmcl.Vmbkmcl#VmbChannelInitSetStateChangeCallbacks}: called after the facade checked the arguments. */
  NtStatus VmbChannelInitSetStateChangeCallbacks(VMBCHANNEL Channel, StateChangeCallbacksHeader StateChangeCallbacks);

  /** #18 {@link dev.vmbkmcl.Vmbkmcl#VmbChannelInitSetFriendlyName}: called after the facade checked the arguments. */
  NtStatus VmbChannelInitSetFriendlyName(VMBCHANNEL Channel, String Name);

  /** #19 {@link dev.vmbkmcl.Vmbkmcl#VmbChannelInitSetFlags}: called after the facade checked the arguments. */
  NtStatus VmbChannelInitSetFlags(VMBCHANNEL Channel, int Flags);

  /** #20 {@link dev.vmbkmcl.Vmbkmcl#VmbChannelInitSetPrimaryChannel}: called after the facade checked the arguments. */
  NtStatus VmbChannelInitSetPrimaryChannel(VMBCHANNEL Channel, VMBCHANNEL PrimaryChannel, int SubChannelIndex);

  /** #21 {@link dev.vmbkmcl.Vmbkmcl#VmbChannelSetIncomingProcessingAtPassive}: called after the facade checked the arguments. */
  void VmbChannelSetIncomingProcessingAtPassive(VMBCHANNEL Channel, boolean RequirePassive);

  /** #22 {@link dev.vmbkmcl.Vmbkmcl#VmbChannelSetTransactionQuota}: called after the facade checked the arguments. */
  void VmbChannelSetTransactionQuota(VMBCHANNEL Channel, int Quota);

  /** #23 {@link dev.vmbkmcl.Vmbkmcl#VmbChannelSetAllowableDpcCpuUsage}: called after the facade checked the arguments. */
  void VmbChannelSetAllowableDpcCpuUsage(VMBCHANNEL Channel, int CpuPercentage);

  /** #24 {@link dev.vmbkmcl.Vmbkmcl#VmbClientChannelInitSetRingBufferPageCount}: called after the facade checked the arguments. */
  NtStatus VmbClientChannelInitSetRingBufferPageCount(VMBCHANNEL Channel, int IncomingPageCount, int OutgoingPageCount);

  /** #25 {@link dev.vmbkmcl.Vmbkmcl#VmbClientChannelInitSetTargetPnp}: called after the facade checked the arguments. */
  NtStatus VmbClientChannelInitSetTargetPnp(VMBCHANNEL Channel, UUID InterfaceType, @Nullable UUID InterfaceInstance, @Nullable EVT_VMB_CHANNEL_PNP_FAILURE PnpFailureCallback);

  /** #26 {@link dev.vmbkmcl.Vmbkmcl#VmbClientChannelInitSetTargetProcessorIndex}: called after the facade checked the arguments. */
  NtStatus VmbClientChannelInitSetTargetProcessorIndex(VMBCHANNEL Channel, int ProcessorIndex);

  /** #27 {@link dev.vmbkmcl.Vmbkmcl#VmbServerChannelInitSetFlags}: called after the facade checked the arguments. */
  NtStatus VmbServerChannelInitSetFlags(VMBCHANNEL Channel, int Flags);

  /** #28 {@link dev.vmbkmcl.Vmbkmcl#VmbServerChannelInitSetTargetInterfaceId}: called after the facade checked the arguments. */
  NtStatus VmbServerChannelInitSetTargetInterfaceId(VMBCHANNEL Channel, UUID InterfaceType, UUID InterfaceInstance);

  /** #29 {@link dev.vmbkmcl.Vmbkmcl#VmbServerChannelInitSetTargetVtl}: called after the facade checked the arguments. */
  NtStatus VmbServerChannelInitSetTargetVtl(VMBCHANNEL Channel, int TargetVtl);

  /** #30 {@link dev.vmbkmcl.Vmbkmcl#VmbServerChannelInitSetMmioMegabytes}: called after the facade checked the arguments. */
  NtStatus VmbServerChannelInitSetMmioMegabytes(VMBCHANNEL Channel, int MmioMegabytes, int MmioMegabytesOptional);

  /** #31 {@link dev.vmbkmcl.Vmbkmcl#VmbServerChannelInitSetVmbusHandle}: called after the facade checked the arguments. */
  NtStatus VmbServerChannelInitSetVmbusHandle(VMBCHANNEL Channel, Handle VmbusHandle);

  /** #32 {@link dev.vmbkmcl.Vmbkmcl#VmbServerChannelInitSetSaveRestorePacketCallbacks}: called after the facade checked the arguments. */
  NtStatus VmbServerChannelInitSetSaveRestorePacketCallbacks(VMBCHANNEL Channel, EVT_VMB_CHANNEL_SAVE_PACKET SavePacketCallback, EVT_VMB_CHANNEL_RESTORE_PACKET RestorePacketCallback);

  /** #33 {@link dev.vmbkmcl.Vmbkmcl#VmbServerChannelInitSetSaveRestorePacketCallbacksEx}: called after the facade checked the arguments. */
  NtStatus VmbServerChannelInitSetSaveRestorePacketCallbacksEx(VMBCHANNEL Channel, @Nullable Object SaveRestoreContext, EVT_VMB_CHANNEL_SAVE_PACKET_EX SavePacketCallbackEx, EVT_VMB_CHANNEL_RESTORE_PACKET_EX RestorePacketCallbackEx);

  /** #35 {@link dev.vmbkmcl.Vmbkmcl#VmbChannelSetPointer}: called after the facade checked the arguments. */
  void VmbChannelSetPointer(VMBCHANNEL Channel, @Nullable Object Pointer);

  /** #36 {@link dev.vmbkmcl.Vmbkmcl#VmbChannelGetPointer}: called after the facade checked the arguments. */
  @Nullable Object VmbChannelGetPointer(VMBCHANNEL Channel);

  /** #37 {@link dev.vmbkmcl.Vmbkmcl#VmbChannelGetInterfaceInstance}: called after the facade checked the arguments. */
  void VmbChannelGetInterfaceInstance(VMBCHANNEL Channel, Ref<UUID> InterfaceInstance);

  /** #38 {@link dev.vmbkmcl.Vmbkmcl#VmbChannelGetTargetDeviceObject}: called after the facade checked the arguments. */
  void VmbChannelGetTargetDeviceObject(VMBCHANNEL Channel, Ref<DeviceObject> TargetDeviceObject);

  /** #39 {@link dev.vmbkmcl.Vmbkmcl#VmbChannelGetParentDeviceObject}: called after the facade checked the arguments. */
  void VmbChannelGetParentDeviceObject(VMBCHANNEL Channel, Ref<DeviceObject> ParentDeviceObject);

  /** #40 {@link dev.vmbkmcl.Vmbkmcl#VmbChannelGetMmioSpace}: called after the facade checked the arguments. */
  void VmbChannelGetMmioSpace(VMBCHANNEL Channel, UInt64Ref MmioAddress, UInt64Ref MmioSize);

  /** #41 {@link dev.vmbkmcl.Vmbkmcl#VmbChannelSetInterruptLatency}: called after the facade checked the arguments. */
  NtStatus VmbChannelSetInterruptLatency(VMBCHANNEL Channel, int Latency, UInt16Ref OriginalLatency);

  /** #42 {@link dev.vmbkmcl.Vmbkmcl#VmbChannelSizeofPacket}: called after the facade checked the arguments. */
  int VmbChannelSizeofPacket(VMBCHANNEL Channel);

  /** #43 {@link dev.vmbkmcl.Vmbkmcl#VmbChannelPacketComplete}: called after the facade checked the arguments. */
  void VmbChannelPacketComplete(VMBPACKETCOMPLETION PacketCompletionContext, @Nullable ByteBuffer PacketCompletionBuffer, int BufSize);

  /** #44 {@link dev.vmbkmcl.Vmbkmcl#VmbChannelPacketDeferToPassive}: called after the facade checked the arguments. */
  void VmbChannelPacketDeferToPassive(VMBPACKETCOMPLETION PacketCompletionContext);

  /** #45 {@link dev.vmbkmcl.Vmbkmcl#VmbChannelPacketFail}: called after the facade checked the arguments. */
  void VmbChannelPacketFail(VMBPACKETCOMPLETION PacketCompletionContext);

  /** #46 {@link dev.vmbkmcl.Vmbkmcl#VmbChannelPacketGetExternalData}: called after the facade checked the arguments. */
  NtStatus VmbChannelPacketGetExternalData(VMBPACKETCOMPLETION PacketCompletionContext, int Flags, Ref<Mdl> Mdl);

  /** #47 {@link dev.vmbkmcl.Vmbkmcl#VmbChannelPacketGetClientContext}: called after the facade checked the arguments. */
  ByteBuffer VmbChannelPacketGetClientContext(VMBPACKETCOMPLETION PacketCompletionContext);

  /** #48 {@link dev.vmbkmcl.Vmbkmcl#VmbPacketAllocate}: called after the facade checked the arguments. */
  @Nullable VMBPACKET VmbPacketAllocate(VMBCHANNEL Channel);

  /** #49 {@link dev.vmbkmcl.Vmbkmcl#VmbPacketInitialize}: called after the facade checked the arguments. */
  NtStatus VmbPacketInitialize(VMBCHANNEL Channel, Ref<VMBPACKET> VmbPacket, int ByteCount);

  /** #50 {@link dev.vmbkmcl.Vmbkmcl#VmbPacketFree}: called after the facade checked the arguments. */
  void VmbPacketFree(VMBPACKET VmbPacket);

  /** #51 {@link dev.vmbkmcl.Vmbkmcl#VmbPacketSetCompletionRoutine}: called after the facade checked the arguments. */
  void VmbPacketSetCompletionRoutine(VMBPACKET PacketObject, EVT_VMB_PACKET_COMPLETION_ROUTINE CompletionRoutine);

  /** #52 {@link dev.vmbkmcl.Vmbkmcl#VmbPacketSetCompletionRoutineEx}: called after the facade checked the arguments. */
  void VmbPacketSetCompletionRoutineEx(VMBPACKET PacketObject, @Nullable Object CallbackContext, EVT_VMB_PACKET_COMPLETION_ROUTINE_EX CompletionRoutineEx);

  /** #53 {@link dev.vmbkmcl.Vmbkmcl#VmbPacketSetPointer}: called after the facade checked the arguments. */
  void VmbPacketSetPointer(VMBPACKET PacketObject, @Nullable Object Pointer);

  /** #54 {@link dev.vmbkmcl.Vmbkmcl#VmbPacketGetPointer}: called after the facade checked the arguments. */
  @Nullable Object VmbPacketGetPointer(VMBPACKET PacketObject);

  /** #55 {@link dev.vmbkmcl.Vmbkmcl#VmbPacketGetChannel}: called after the facade checked the arguments. */
  VMBCHANNEL VmbPacketGetChannel(VMBPACKET PacketObject);

  /** #56 {@link dev.vmbkmcl.Vmbkmcl#VmbPacketGetInlinePacketContextPointer}: called after the facade checked the arguments. */
  ByteBuffer VmbPacketGetInlinePacketContextPointer(VMBPACKET PacketObject);

  /** #57 {@link dev.vmbkmcl.Vmbkmcl#VmbPacketSend}: called after the facade checked the arguments. */
  NtStatus VmbPacketSend(VMBPACKET PacketObject, ByteBuffer Buffer, int BufferLength, @Nullable Mdl ExternalDataMdl, int Flags);

  /** #58 {@link dev.vmbkmcl.Vmbkmcl#VmbPacketSendWithExternalMdl}: called after the facade checked the arguments. */
  NtStatus VmbPacketSendWithExternalMdl(VMBPACKET PacketObject, ByteBuffer Buffer, int BufferLength, Mdl ExternalDataMdl, int MdlOffset, int MdlLength, int Flags);

  /** #59 {@link dev.vmbkmcl.Vmbkmcl#VmbPacketSendWithExternalPfns}: called after the facade checked the arguments. */
  NtStatus VmbPacketSendWithExternalPfns(VMBPACKET PacketObject, ByteBuffer Buffer, int BufferLength, long[] ExternalDataPfns, int PfnLength, int Flags);

  /** #60 {@link dev.vmbkmcl.Vmbkmcl#VmbChannelSendSynchronousRequest}: called after the facade checked the arguments. */
  NtStatus VmbChannelSendSynchronousRequest(VMBCHANNEL Channel, ByteBuffer Buffer, int BufferSize, @Nullable Mdl ExternalDataMdl, int Flags, @Nullable ByteBuffer CompletionBuffer, @Nullable UInt32Ref CompletionBufferSize, @Nullable LargeInteger Timeout);

  /** #61 {@link dev.vmbkmcl.Vmbkmcl#VmbPacketRestore}: called after the facade checked the arguments. */
  NtStatus VmbPacketRestore(VMBPACKET PacketObject, ByteBuffer Buffer, int BufferSize);

  /** #62 {@link dev.vmbkmcl.Vmbkmcl#VmbChannelCreateGpadlFromBuffer}: called after the facade checked the arguments. */
  NtStatus VmbChannelCreateGpadlFromBuffer(VMBCHANNEL Channel, int Flags, ByteBuffer Buffer, int ByteCount, UInt32Ref GpadlHandle);

  /** #63 {@link dev.vmbkmcl.Vmbkmcl#VmbChannelCreateGpadlFromMdl}: called after the facade checked the arguments. */
  NtStatus VmbChannelCreateGpadlFromMdl(VMBCHANNEL Channel, int Flags, Mdl Mdl, int StartOffsetWithinMdl, int DataLengthWithinMdl, UInt32Ref GpadlHandle);

  /** #64 {@link dev.vmbkmcl.Vmbkmcl#VmbChannelCreateGpadlFromPfnList}: called after the facade checked the arguments. */
  NtStatus VmbChannelCreateGpadlFromPfnList(VMBCHANNEL Channel, int Flags, long[] PfnList, int PfnListCount, UInt32Ref GpadlHandle);

  /** #65 {@link dev.vmbkmcl.Vmbkmcl#VmbChannelCreateGpadl}: called after the facade checked the arguments. */
  NtStatus VmbChannelCreateGpadl(VMBCHANNEL Channel, int Flags, int PageCount, UInt32Ref GpadlHandle);

  /** #66 {@link dev.vmbkmcl.Vmbkmcl#VmbChannelGetSystemAddressForGpadl}: called after the facade checked the arguments. */
  NtStatus VmbChannelGetSystemAddressForGpadl(VMBCHANNEL Channel, int Flags, int GpadlHandle, Ref<ByteBuffer> SystemAddress);

  /** #67 {@link dev.vmbkmcl.Vmbkmcl#VmbChannelDeleteGpadl}: called after the facade checked the arguments. */
  void VmbChannelDeleteGpadl(VMBCHANNEL Channel, int GpadlHandle);

  /** #68 {@link dev.vmbkmcl.Vmbkmcl#VmbChannelMapGpadl}: called after the facade checked the arguments. */
  NtStatus VmbChannelMapGpadl(VMBCHANNEL Channel, int Flags, int GpadlHandle, Ref<Mdl> Mdl);

  /** #69 {@link dev.vmbkmcl.Vmbkmcl#VmbChannelUnmapGpadl}: called after the facade checked the arguments. */
  void VmbChannelUnmapGpadl(VMBCHANNEL Channel, int GpadlHandle);

  /** #70 {@link dev.vmbkmcl.Vmbkmcl#VmbChannelAllocateBounceBuffer}: called after the facade checked the arguments. */
  NtStatus VmbChannelAllocateBounceBuffer(VMBCHANNEL Channel, int BufferSize);

  /** #71 {@link dev.vmbkmcl.Vmbkmcl#VmbChannelSaveBegin}: called after the facade checked the arguments. */
  NtStatus VmbChannelSaveBegin(VMBCHANNEL Channel);

  /** #72 {@link dev.vmbkmcl.Vmbkmcl#VmbChannelSaveContinue}: called after the facade checked the arguments. */
  NtStatus VmbChannelSaveContinue(VMBCHANNEL Channel, ByteBuffer SaveBuffer, int SaveBufferSize, UInt32Ref BytesFilled, UInt32Ref BytesRequired);

  /** #73 {@link dev.vmbkmcl.Vmbkmcl#VmbChannelSaveEnd}: called after the facade checked the arguments. */
  void VmbChannelSaveEnd(VMBCHANNEL Channel);

  /** #74 {@link dev.vmbkmcl.Vmbkmcl#VmbChannelRestoreFromBuffer}: called after the facade checked the arguments. */
  NtStatus VmbChannelRestoreFromBuffer(VMBCHANNEL Channel, ByteBuffer Buffer, int BufferSize);
}
