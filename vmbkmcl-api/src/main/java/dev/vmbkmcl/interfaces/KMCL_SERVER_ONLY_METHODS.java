package dev.vmbkmcl.interfaces;

import dev.vmbkmcl.EVT_VMB_CHANNEL_RESTORE_PACKET;
import dev.vmbkmcl.EVT_VMB_CHANNEL_SAVE_PACKET;
import dev.vmbkmcl.Handle;
import dev.vmbkmcl.Mdl;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.Ref;
import dev.vmbkmcl.UInt32Ref;
import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.VMBPACKET;
import dev.vmbkmcl.Vmbkmcl;
import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * {@code KMCL_SERVER_ONLY_METHODS} (kmcl-api.md §4.2): the 14 functions only a server endpoint
 * (host, VSP) uses, in the C order (14 × 8 = 112 bytes on x64). In C it is a structure embedded in
 * {@code KMCL_SERVER_INTERFACE_V1} after the client table; Java has one superclass, so it is an
 * interface of default methods that {@link KMCL_SERVER_INTERFACE_V1} implements. Each method calls
 * the {@link Vmbkmcl} function of the same name.
 */
@SuppressWarnings({"MethodName", "ParameterName"}) // C member names: If.X(...) ports as is
public interface KMCL_SERVER_ONLY_METHODS {
  /** {@code sizeof(KMCL_SERVER_ONLY_METHODS)} on x64. */
  int SIZEOF = 112;

  /**
   * #68, the {@code PFN_VMB_CHANNEL_MAP_GPADL} member:
   * calls {@link Vmbkmcl#VmbChannelMapGpadl}.
   */
  default NtStatus VmbChannelMapGpadl(VMBCHANNEL Channel, int Flags, int GpadlHandle,
      Ref<Mdl> Mdl) {
    return Vmbkmcl.VmbChannelMapGpadl(Channel, Flags, GpadlHandle, Mdl);
  }

  /**
   * #74, the {@code PFN_VMB_CHANNEL_RESTORE_FROM_BUFFER} member:
   * calls {@link Vmbkmcl#VmbChannelRestoreFromBuffer}.
   */
  default NtStatus VmbChannelRestoreFromBuffer(VMBCHANNEL Channel, ByteBuffer Buffer,
      int BufferSize) {
    return Vmbkmcl.VmbChannelRestoreFromBuffer(Channel, Buffer, BufferSize);
  }

  /**
   * #71, the {@code PFN_VMB_CHANNEL_SAVE_BEGIN} member:
   * calls {@link Vmbkmcl#VmbChannelSaveBegin}.
   */
  default NtStatus VmbChannelSaveBegin(VMBCHANNEL Channel) {
    return Vmbkmcl.VmbChannelSaveBegin(Channel);
  }

  /**
   * #72, the {@code PFN_VMB_CHANNEL_SAVE_CONTINUE} member:
   * calls {@link Vmbkmcl#VmbChannelSaveContinue}.
   */
  default NtStatus VmbChannelSaveContinue(VMBCHANNEL Channel, ByteBuffer SaveBuffer,
      int SaveBufferSize, UInt32Ref BytesFilled, UInt32Ref BytesRequired) {
    return Vmbkmcl.VmbChannelSaveContinue(Channel, SaveBuffer, SaveBufferSize, BytesFilled,
        BytesRequired);
  }

  /**
   * #73, the {@code PFN_VMB_CHANNEL_SAVE_END} member:
   * calls {@link Vmbkmcl#VmbChannelSaveEnd}.
   */
  default void VmbChannelSaveEnd(VMBCHANNEL Channel) {
    Vmbkmcl.VmbChannelSaveEnd(Channel);
  }

  /**
   * #69, the {@code PFN_VMB_CHANNEL_UNMAP_GPADL} member:
   * calls {@link Vmbkmcl#VmbChannelUnmapGpadl}.
   */
  default void VmbChannelUnmapGpadl(VMBCHANNEL Channel, int GpadlHandle) {
    Vmbkmcl.VmbChannelUnmapGpadl(Channel, GpadlHandle);
  }

  /**
   * #34, the {@code PFN_VMB_CONVERT_VMBUS_HANDLE_TO_KERNEL_HANDLE} member:
   * calls {@link Vmbkmcl#VmbConvertVmbusHandleToKernelHandle}.
   */
  default NtStatus VmbConvertVmbusHandleToKernelHandle(Handle VmbusHandle,
      Ref<Handle> KernelHandle) {
    return Vmbkmcl.VmbConvertVmbusHandleToKernelHandle(VmbusHandle, KernelHandle);
  }

  /**
   * #61, the {@code PFN_VMB_PACKET_RESTORE} member:
   * calls {@link Vmbkmcl#VmbPacketRestore}.
   */
  default NtStatus VmbPacketRestore(VMBPACKET PacketObject, ByteBuffer Buffer, int BufferSize) {
    return Vmbkmcl.VmbPacketRestore(PacketObject, Buffer, BufferSize);
  }

  /**
   * #27, the {@code PFN_VMB_SERVER_CHANNEL_INIT_SET_FLAGS} member:
   * calls {@link Vmbkmcl#VmbServerChannelInitSetFlags}.
   */
  default NtStatus VmbServerChannelInitSetFlags(VMBCHANNEL Channel, int Flags) {
    return Vmbkmcl.VmbServerChannelInitSetFlags(Channel, Flags);
  }

  /**
   * #30, the {@code PFN_VMB_SERVER_CHANNEL_INIT_SET_MMIO_MEGABYTES} member:
   * calls {@link Vmbkmcl#VmbServerChannelInitSetMmioMegabytes}.
   */
  default NtStatus VmbServerChannelInitSetMmioMegabytes(VMBCHANNEL Channel, int MmioMegabytes,
      int MmioMegabytesOptional) {
    return Vmbkmcl.VmbServerChannelInitSetMmioMegabytes(Channel, MmioMegabytes,
        MmioMegabytesOptional);
  }

  /**
   * #32, the {@code PFN_VMB_SERVER_CHANNEL_INIT_SET_SAVE_RESTORE_PACKET_CALLBACKS} member:
   * calls {@link Vmbkmcl#VmbServerChannelInitSetSaveRestorePacketCallbacks}.
   */
  default NtStatus VmbServerChannelInitSetSaveRestorePacketCallbacks(VMBCHANNEL Channel,
      EVT_VMB_CHANNEL_SAVE_PACKET SavePacketCallback,
      EVT_VMB_CHANNEL_RESTORE_PACKET RestorePacketCallback) {
    return Vmbkmcl.VmbServerChannelInitSetSaveRestorePacketCallbacks(Channel, SavePacketCallback,
        RestorePacketCallback);
  }

  /**
   * #28, the {@code PFN_VMB_SERVER_CHANNEL_INIT_SET_TARGET_INTERFACE_ID} member:
   * calls {@link Vmbkmcl#VmbServerChannelInitSetTargetInterfaceId}.
   */
  default NtStatus VmbServerChannelInitSetTargetInterfaceId(VMBCHANNEL Channel, UUID InterfaceType,
      UUID InterfaceInstance) {
    return Vmbkmcl.VmbServerChannelInitSetTargetInterfaceId(Channel, InterfaceType,
        InterfaceInstance);
  }

  /**
   * #29, the {@code PFN_VMB_SERVER_CHANNEL_INIT_SET_TARGET_VTL} member:
   * calls {@link Vmbkmcl#VmbServerChannelInitSetTargetVtl}.
   */
  default NtStatus VmbServerChannelInitSetTargetVtl(VMBCHANNEL Channel, int TargetVtl) {
    return Vmbkmcl.VmbServerChannelInitSetTargetVtl(Channel, TargetVtl);
  }

  /**
   * #31, the {@code PFN_VMB_SERVER_CHANNEL_INIT_SET_VMBUS_HANDLE} member:
   * calls {@link Vmbkmcl#VmbServerChannelInitSetVmbusHandle}.
   */
  default NtStatus VmbServerChannelInitSetVmbusHandle(VMBCHANNEL Channel, Handle VmbusHandle) {
    return Vmbkmcl.VmbServerChannelInitSetVmbusHandle(Channel, VmbusHandle);
  }
}
