package dev.vmbkmcl.channel;

import dev.vmbkmcl.DeviceObject;
import dev.vmbkmcl.EVT_VMB_CHANNEL_PNP_FAILURE;
import dev.vmbkmcl.EVT_VMB_CHANNEL_PROCESSING_COMPLETE;
import dev.vmbkmcl.EVT_VMB_CHANNEL_PROCESSING_COMPLETE_EX;
import dev.vmbkmcl.EVT_VMB_CHANNEL_PROCESS_PACKET;
import dev.vmbkmcl.EVT_VMB_CHANNEL_PROCESS_PACKET_EX;
import dev.vmbkmcl.EVT_VMB_CHANNEL_RESTORE_PACKET;
import dev.vmbkmcl.EVT_VMB_CHANNEL_RESTORE_PACKET_EX;
import dev.vmbkmcl.EVT_VMB_CHANNEL_SAVE_PACKET;
import dev.vmbkmcl.EVT_VMB_CHANNEL_SAVE_PACKET_EX;
import dev.vmbkmcl.EVT_VMB_PACKET_COMPLETION_ROUTINE;
import dev.vmbkmcl.EVT_VMB_PACKET_COMPLETION_ROUTINE_EX;
import dev.vmbkmcl.Handle;
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
import dev.vmbkmcl.KmclBackend;
import dev.vmbkmcl.spi.TimeSource;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The KMCL functions implemented once over the channel engine: the one {@link KmclBackend} the
 * facade dispatches to, whatever the VMBus. What differs between a simulated and a real VMBus is a
 * {@link Transport} this engine holds (composition: no backend extends it): how a channel gets
 * connected and disconnected, and, where it can, guest memory (GPADLs, external data). The engine
 * hands the transport a {@link ChannelConnection} in {@link Transport#connect}, through which the
 * transport reports the link up, down or failed; a driver holding the {@code VMBCHANNEL} cannot.
 * What a transport cannot do answers {@code STATUS_NOT_SUPPORTED}.
 */
@SuppressWarnings({"MethodName", "ParameterName"}) // KMCL names, as in the facade
public final class Engine implements KmclBackend {
  private final Transport transport;
  private final TimeSource time;
  private final AtomicInteger threadIds = new AtomicInteger();
  private final Map<EngineChannel, List<EngineChannel>> subChannels = new ConcurrentHashMap<>();

  /**
   * The engine over {@code transport}, whose timeouts follow {@code time}.
   *
   * @param transport what connects this engine's channels and models guest memory
   * @param time the clock and wait strategy of every channel of this engine
   */
  public Engine(Transport transport, TimeSource time) {
    this.transport = transport;
    this.time = time;
  }

  /**
   * The clock and wait strategy of every channel of this engine.
   *
   * @return the time source given at construction
   */
  public TimeSource time() {
    return time;
  }

  /** The transport's name, for example {@code sim} or {@code hyperv}. */
  @Override
  public String name() {
    return transport.name();
  }

  /** The transport's default device (the parent ported code uses for its WDF device). */
  @Override
  public DeviceObject defaultDevice() {
    return transport.defaultDevice();
  }

  // ---- what the transport supplies, as the channel code calls it ---------------------------

  NtStatus connect(EngineChannel channel) {
    return transport.connect(channel.connection);
  }

  void disconnect(EngineChannel channel) {
    transport.disconnect(channel);
  }

  long @Nullable [] pagesOf(EngineChannel channel, Mdl element) {
    return transport.pagesOf(channel, element);
  }

  NtStatus mapExternalData(EngineChannel channel, ByteBuffer gpaDirectHeader, int flags,
      Ref<Mdl> mdl) {
    return transport.mapExternalData(channel, gpaDirectHeader, flags, mdl);
  }

  NtStatus mapTransferPages(EngineChannel channel, ByteBuffer transferPageHeader, int flags,
      Ref<Mdl> mdl) {
    return transport.mapTransferPages(channel, transferPageHeader, flags, mdl);
  }

  IdleStrategy defaultIdleStrategy() {
    return transport.defaultIdleStrategy();
  }

  /** Runs {@code task} in a new control thread, where state-change callbacks may block. */
  void controlThread(EngineChannel channel, String what, Runnable task) {
    newThread(task, "control-" + what).start();
  }

  /** A daemon thread named "vmbkmcl-" + transport name + "-" + role + "-" + a counter. */
  Thread newThread(Runnable task, String role) {
    Thread t = new Thread(task, "vmbkmcl-" + name() + "-" + role + "-" + threadIds.incrementAndGet());
    t.setDaemon(true);
    return t;
  }

  List<EngineChannel> subChannelsOf(EngineChannel primary) {
    List<EngineChannel> subs = subChannels.get(primary);
    return subs == null ? List.of() : subs;
  }

  private static EngineChannel ch(VMBCHANNEL channel) {
    return (EngineChannel) channel;
  }

  private static EnginePacket pk(VMBPACKET packet) {
    return (EnginePacket) packet;
  }

  private static Delivery dl(VMBPACKETCOMPLETION completion) {
    return (Delivery) completion;
  }

  // ---- 2.A lifetime and state ----------------------------------------------------------------

  @Override
  public NtStatus VmbChannelAllocate(DeviceObject ParentDeviceObject, boolean IsServer,
      Ref<VMBCHANNEL> Channel) {
    NtStatus admitted = transport.admitEndpoint(IsServer);
    if (!admitted.isSuccess()) {
      return admitted;
    }
    Channel.set(new EngineChannel(this, ParentDeviceObject, IsServer));
    return NtStatus.STATUS_SUCCESS;
  }

  @Override
  public NtStatus VmbChannelInitialize(DeviceObject ParentDeviceObject, boolean IsServer,
      Ref<VMBCHANNEL> Channel, int BufferSize) {
    // Java needs no caller storage: an initialized channel is an allocated one (facade Javadoc).
    return VmbChannelAllocate(ParentDeviceObject, IsServer, Channel);
  }

  @Override
  public void VmbChannelCleanup(VMBCHANNEL Channel) {
    EngineChannel c = ch(Channel);
    if (!c.isDisabled()) {
      throw new IllegalStateException("VmbChannelCleanup: " + c + " must be Disabled first");
    }
    subChannels.remove(c);
    EngineChannel primary = c.settings.primary;
    if (primary != null) {
      List<EngineChannel> subs = subChannels.get(primary);
      if (subs != null) {
        subs.remove(c);
      }
    }
  }

  @Override
  public NtStatus VmbChannelEnable(VMBCHANNEL Channel) {
    return ch(Channel).enable();
  }

  @Override
  public void VmbChannelDisable(VMBCHANNEL Channel) {
    ch(Channel).disable();
  }

  @Override
  public void VmbChannelStart(VMBCHANNEL Channel) {
    ch(Channel).start();
  }

  @Override
  public void VmbChannelPause(VMBCHANNEL Channel) {
    ch(Channel).pause();
  }

  // ---- 2.B–2.D configuration -----------------------------------------------------------------

  @Override
  public NtStatus VmbChannelInitSetMaximumPacketSize(VMBCHANNEL Channel, int PacketSize) {
    ch(Channel).settings.maximumPacketSize = PacketSize;
    return NtStatus.STATUS_SUCCESS;
  }

  @Override
  public NtStatus VmbChannelInitSetMaximumPacketCount(VMBCHANNEL Channel, int PacketCount) {
    ch(Channel).settings.maximumPacketCount = PacketCount;
    return NtStatus.STATUS_SUCCESS;
  }

  @Override
  public NtStatus VmbChannelInitSetMaximumExternalData(VMBCHANNEL Channel, int DataSize,
      int ChainLength) {
    ch(Channel).settings.maximumExternalDataSize = DataSize;
    ch(Channel).settings.maximumExternalChainLength = ChainLength;
    return NtStatus.STATUS_SUCCESS;
  }

  @Override
  public NtStatus VmbChannelInitSetClientContextSize(VMBCHANNEL Channel, int ContextSize) {
    ch(Channel).settings.clientContextSize = ContextSize;
    return NtStatus.STATUS_SUCCESS;
  }

  @Override
  public NtStatus VmbChannelInitSetInlinePacketContextSize(VMBCHANNEL Channel, int ContextSize) {
    ch(Channel).settings.inlinePacketContextSize = ContextSize;
    return NtStatus.STATUS_SUCCESS;
  }

  @Override
  public NtStatus VmbChannelInitSetBounceBufferSizes(VMBCHANNEL Channel, int InitialBufferSize,
      int BufferSizeIncrement, int MaximumBufferSize) {
    ChannelSettings s = ch(Channel).settings;
    s.bounceInitial = InitialBufferSize;
    s.bounceIncrement = BufferSizeIncrement;
    s.bounceMaximum = MaximumBufferSize;
    return NtStatus.STATUS_SUCCESS;
  }

  @Override
  public NtStatus VmbChannelInitSetProcessPacketCallbacks(VMBCHANNEL Channel,
      EVT_VMB_CHANNEL_PROCESS_PACKET ProcessPacketCallback,
      @Nullable EVT_VMB_CHANNEL_PROCESSING_COMPLETE ProcessingCompleteCallback) {
    EngineChannel c = ch(Channel);
    c.processPacket = ProcessPacketCallback;
    c.processingComplete = ProcessingCompleteCallback;
    c.processPacketEx = null;
    c.processingCompleteEx = null;
    c.processContext = null;
    return NtStatus.STATUS_SUCCESS;
  }

  @Override
  public NtStatus VmbChannelInitSetProcessPacketCallbacksEx(VMBCHANNEL Channel,
      @Nullable Object CallbackContext, EVT_VMB_CHANNEL_PROCESS_PACKET_EX ProcessPacketCallbackEx,
      @Nullable EVT_VMB_CHANNEL_PROCESSING_COMPLETE_EX ProcessingCompleteCallbackEx) {
    EngineChannel c = ch(Channel);
    c.processPacketEx = ProcessPacketCallbackEx;
    c.processingCompleteEx = ProcessingCompleteCallbackEx;
    c.processContext = CallbackContext;
    c.processPacket = null;
    c.processingComplete = null;
    return NtStatus.STATUS_SUCCESS;
  }

  @Override
  public NtStatus VmbChannelInitSetStateChangeCallbacks(VMBCHANNEL Channel,
      StateChangeCallbacksHeader StateChangeCallbacks) {
    ch(Channel).setStateCallbacks(StateChangeCallbacks);
    return NtStatus.STATUS_SUCCESS;
  }

  @Override
  public NtStatus VmbChannelInitSetFriendlyName(VMBCHANNEL Channel, String Name) {
    ChannelSettings s = ch(Channel).settings;
    if (s.friendlyName != null) {
      return NtStatus.STATUS_INVALID_PARAMETER_2; // a name can be set once (§5 item 33)
    }
    s.friendlyName = Name;
    return NtStatus.STATUS_SUCCESS;
  }

  @Override
  public NtStatus VmbChannelInitSetFlags(VMBCHANNEL Channel, int Flags) {
    ch(Channel).settings.flags = Flags;
    return NtStatus.STATUS_SUCCESS;
  }

  @Override
  public NtStatus VmbChannelInitSetPrimaryChannel(VMBCHANNEL Channel, VMBCHANNEL PrimaryChannel,
      int SubChannelIndex) {
    EngineChannel c = ch(Channel);
    if (c.settings.primary != null) {
      return NtStatus.STATUS_INVALID_PARAMETER_2;
    }
    EngineChannel primary = ch(PrimaryChannel);
    c.settings.primary = primary;
    c.settings.subChannelIndex = SubChannelIndex;
    subChannels.computeIfAbsent(primary, k -> new CopyOnWriteArrayList<>()).add(c);
    return NtStatus.STATUS_SUCCESS;
  }

  @Override
  public void VmbChannelSetIncomingProcessingAtPassive(VMBCHANNEL Channel, boolean RequirePassive) {
    ch(Channel).inbound.setPassive(RequirePassive);
  }

  @Override
  public void VmbChannelSetTransactionQuota(VMBCHANNEL Channel, int Quota) {
    // A lowered quota takes effect at the next read; a raised one only after a completion (§1.4).
    ch(Channel).inbound.setQuota(Quota);
  }

  @Override
  public void VmbChannelSetAllowableDpcCpuUsage(VMBCHANNEL Channel, int CpuPercentage) {
    ch(Channel).dpcCpuPercentage = CpuPercentage;
  }

  @Override
  public NtStatus VmbClientChannelInitSetRingBufferPageCount(VMBCHANNEL Channel,
      int IncomingPageCount, int OutgoingPageCount) {
    ChannelSettings s = ch(Channel).settings;
    s.incomingPageCount = IncomingPageCount;
    s.outgoingPageCount = OutgoingPageCount;
    return NtStatus.STATUS_SUCCESS;
  }

  @Override
  public NtStatus VmbClientChannelInitSetTargetPnp(VMBCHANNEL Channel, UUID InterfaceType,
      @Nullable UUID InterfaceInstance, @Nullable EVT_VMB_CHANNEL_PNP_FAILURE PnpFailureCallback) {
    ChannelSettings s = ch(Channel).settings;
    s.targetType = InterfaceType;
    s.targetInstance = InterfaceInstance;
    s.pnpFailure = PnpFailureCallback;
    return NtStatus.STATUS_SUCCESS;
  }

  @Override
  public NtStatus VmbClientChannelInitSetTargetProcessorIndex(VMBCHANNEL Channel,
      int ProcessorIndex) {
    ch(Channel).settings.targetProcessorIndex = ProcessorIndex;
    return NtStatus.STATUS_SUCCESS;
  }

  @Override
  public NtStatus VmbServerChannelInitSetFlags(VMBCHANNEL Channel, int Flags) {
    ch(Channel).settings.serverFlags = Flags;
    return NtStatus.STATUS_SUCCESS;
  }

  @Override
  public NtStatus VmbServerChannelInitSetTargetInterfaceId(VMBCHANNEL Channel, UUID InterfaceType,
      UUID InterfaceInstance) {
    ChannelSettings s = ch(Channel).settings;
    s.interfaceType = InterfaceType;
    s.interfaceInstance = InterfaceInstance;
    return NtStatus.STATUS_SUCCESS;
  }

  @Override
  public NtStatus VmbServerChannelInitSetTargetVtl(VMBCHANNEL Channel, int TargetVtl) {
    ch(Channel).settings.targetVtl = TargetVtl;
    return NtStatus.STATUS_SUCCESS;
  }

  @Override
  public NtStatus VmbServerChannelInitSetMmioMegabytes(VMBCHANNEL Channel, int MmioMegabytes,
      int MmioMegabytesOptional) {
    ChannelSettings s = ch(Channel).settings;
    s.mmioMegabytes = MmioMegabytes;
    s.mmioMegabytesOptional = MmioMegabytesOptional;
    return NtStatus.STATUS_SUCCESS;
  }

  @Override
  public NtStatus VmbServerChannelInitSetVmbusHandle(VMBCHANNEL Channel, Handle VmbusHandle) {
    ch(Channel).settings.vmbusHandle = VmbusHandle;
    return NtStatus.STATUS_SUCCESS;
  }

  @Override
  public NtStatus VmbServerChannelInitSetSaveRestorePacketCallbacks(VMBCHANNEL Channel,
      EVT_VMB_CHANNEL_SAVE_PACKET SavePacketCallback,
      EVT_VMB_CHANNEL_RESTORE_PACKET RestorePacketCallback) {
    EngineChannel c = ch(Channel);
    c.saveRestore = new SaveRestoreCallbacks(SavePacketCallback, RestorePacketCallback, null, null, null);
    return NtStatus.STATUS_SUCCESS;
  }

  @Override
  public NtStatus VmbServerChannelInitSetSaveRestorePacketCallbacksEx(VMBCHANNEL Channel,
      @Nullable Object SaveRestoreContext, EVT_VMB_CHANNEL_SAVE_PACKET_EX SavePacketCallbackEx,
      EVT_VMB_CHANNEL_RESTORE_PACKET_EX RestorePacketCallbackEx) {
    EngineChannel c = ch(Channel);
    c.saveRestore = new SaveRestoreCallbacks(null, null, SavePacketCallbackEx,
        RestorePacketCallbackEx, SaveRestoreContext);
    return NtStatus.STATUS_SUCCESS;
  }

  // ---- 2.E accessors and runtime knobs -------------------------------------------------------

  @Override
  public void VmbChannelSetPointer(VMBCHANNEL Channel, @Nullable Object Pointer) {
    ch(Channel).setPointer(Pointer);
  }

  @Override
  public @Nullable Object VmbChannelGetPointer(VMBCHANNEL Channel) {
    return ch(Channel).getPointer();
  }

  @Override
  public void VmbChannelGetInterfaceInstance(VMBCHANNEL Channel, Ref<UUID> InterfaceInstance) {
    UUID id = ch(Channel).activeInstance();
    InterfaceInstance.set(id == null ? new UUID(0, 0) : id);
  }

  @Override
  public void VmbChannelGetTargetDeviceObject(VMBCHANNEL Channel,
      Ref<DeviceObject> TargetDeviceObject) {
    EngineChannel c = ch(Channel);
    DeviceObject target = c.targetDevice();
    TargetDeviceObject.set(target == null ? c.settings.parent : target);
  }

  @Override
  public void VmbChannelGetParentDeviceObject(VMBCHANNEL Channel,
      Ref<DeviceObject> ParentDeviceObject) {
    ParentDeviceObject.set(ch(Channel).settings.parent);
  }

  @Override
  public void VmbChannelGetMmioSpace(VMBCHANNEL Channel, UInt64Ref MmioAddress, UInt64Ref MmioSize) {
    transport.gpadls().mmioSpace(ch(Channel), MmioAddress, MmioSize);
  }

  @Override
  public NtStatus VmbChannelSetInterruptLatency(VMBCHANNEL Channel, int Latency,
      UInt16Ref OriginalLatency) {
    EngineChannel c = ch(Channel);
    if (!c.isOpen()) {
      return NtStatus.STATUS_INVALID_DEVICE_STATE; // valid only from Opened through Closed (§2.E)
    }
    OriginalLatency.set(c.swapInterruptLatency(Latency));
    return NtStatus.STATUS_SUCCESS;
  }

  @Override
  public int VmbChannelSizeofPacket(VMBCHANNEL Channel) {
    ChannelSettings s = ch(Channel).settings;
    // MaximumPacketSize + sizeof(PVOID) as the docs put it, plus the inline context area.
    return s.maximumPacketSize + 8 + s.inlinePacketContextSize;
  }

  // ---- 2.F receive side ----------------------------------------------------------------------

  @Override
  public void VmbChannelPacketComplete(VMBPACKETCOMPLETION PacketCompletionContext,
      @Nullable ByteBuffer PacketCompletionBuffer, int BufSize) {
    Delivery d = dl(PacketCompletionContext);
    d.channel.inbound.complete(d, PacketCompletionBuffer, BufSize);
  }

  @Override
  public void VmbChannelPacketDeferToPassive(VMBPACKETCOMPLETION PacketCompletionContext) {
    Delivery d = dl(PacketCompletionContext);
    d.channel.inbound.defer(d);
  }

  @Override
  public void VmbChannelPacketFail(VMBPACKETCOMPLETION PacketCompletionContext) {
    Delivery d = dl(PacketCompletionContext);
    d.channel.inbound.fail(d);
  }

  @Override
  public NtStatus VmbChannelPacketGetExternalData(VMBPACKETCOMPLETION PacketCompletionContext,
      int Flags, Ref<Mdl> Mdl) {
    Delivery d = dl(PacketCompletionContext);
    return d.channel.inbound.externalData(d, Flags, Mdl);
  }

  @Override
  public ByteBuffer VmbChannelPacketGetClientContext(VMBPACKETCOMPLETION PacketCompletionContext) {
    return dl(PacketCompletionContext).clientContext;
  }

  // ---- 2.G send side -------------------------------------------------------------------------

  @Override
  public @Nullable VMBPACKET VmbPacketAllocate(VMBCHANNEL Channel) {
    return ch(Channel).allocatePacket();
  }

  @Override
  public NtStatus VmbPacketInitialize(VMBCHANNEL Channel, Ref<VMBPACKET> VmbPacket, int ByteCount) {
    EngineChannel c = ch(Channel);
    VMBPACKET existing = VmbPacket.get();
    if (existing instanceof EnginePacket && ((EnginePacket) existing).channel == c
        && ((EnginePacket) existing).origin == EnginePacket.Origin.INITIALIZED
        && ((EnginePacket) existing).phase == EnginePacket.Phase.IDLE) {
      EnginePacket p = (EnginePacket) existing;
      p.routine = null;
      p.routineEx = null;
      p.routineSet = false;
      p.pointer = null;
      return NtStatus.STATUS_SUCCESS;
    }
    VmbPacket.set(new EnginePacket(c, EnginePacket.Origin.INITIALIZED));
    return NtStatus.STATUS_SUCCESS;
  }

  @Override
  public void VmbPacketFree(VMBPACKET VmbPacket) {
    EnginePacket p = pk(VmbPacket);
    p.channel.freePacket(p);
  }

  @Override
  public void VmbPacketSetCompletionRoutine(VMBPACKET PacketObject,
      EVT_VMB_PACKET_COMPLETION_ROUTINE CompletionRoutine) {
    EnginePacket p = pk(PacketObject);
    p.routine = CompletionRoutine;
    p.routineEx = null;
    p.routineContext = null;
    p.routineSet = true;
  }

  @Override
  public void VmbPacketSetCompletionRoutineEx(VMBPACKET PacketObject, @Nullable Object CallbackContext,
      EVT_VMB_PACKET_COMPLETION_ROUTINE_EX CompletionRoutineEx) {
    EnginePacket p = pk(PacketObject);
    p.routineEx = CompletionRoutineEx;
    p.routineContext = CallbackContext;
    p.routine = null;
    p.routineSet = true;
  }

  @Override
  public void VmbPacketSetPointer(VMBPACKET PacketObject, @Nullable Object Pointer) {
    pk(PacketObject).pointer = Pointer;
  }

  @Override
  public @Nullable Object VmbPacketGetPointer(VMBPACKET PacketObject) {
    return pk(PacketObject).pointer;
  }

  @Override
  public VMBCHANNEL VmbPacketGetChannel(VMBPACKET PacketObject) {
    return pk(PacketObject).channel;
  }

  @Override
  public ByteBuffer VmbPacketGetInlinePacketContextPointer(VMBPACKET PacketObject) {
    return pk(PacketObject).inlineContext;
  }

  @Override
  public NtStatus VmbPacketSend(VMBPACKET PacketObject, ByteBuffer Buffer, int BufferLength,
      @Nullable Mdl ExternalDataMdl, int Flags) {
    EnginePacket p = pk(PacketObject);
    return p.channel.sendPacket(p, Buffer, BufferLength, ExternalDataMdl, 0, 0, null, Flags);
  }

  @Override
  public NtStatus VmbPacketSendWithExternalMdl(VMBPACKET PacketObject, ByteBuffer Buffer,
      int BufferLength, Mdl ExternalDataMdl, int MdlOffset, int MdlLength, int Flags) {
    EnginePacket p = pk(PacketObject);
    return p.channel.sendPacket(p, Buffer, BufferLength, ExternalDataMdl, MdlOffset, MdlLength,
        null, Flags);
  }

  @Override
  public NtStatus VmbPacketSendWithExternalPfns(VMBPACKET PacketObject, ByteBuffer Buffer,
      int BufferLength, long[] ExternalDataPfns, int PfnLength, int Flags) {
    EnginePacket p = pk(PacketObject);
    long[] pfns = java.util.Arrays.copyOf(ExternalDataPfns, PfnLength);
    return p.channel.sendPacket(p, Buffer, BufferLength, null, 0, 0, pfns, Flags);
  }

  @Override
  public NtStatus VmbChannelSendSynchronousRequest(VMBCHANNEL Channel, ByteBuffer Buffer,
      int BufferSize, @Nullable Mdl ExternalDataMdl, int Flags, @Nullable ByteBuffer CompletionBuffer,
      @Nullable UInt32Ref CompletionBufferSize, @Nullable LargeInteger Timeout) {
    return ch(Channel).sendSynchronous(Buffer, BufferSize, ExternalDataMdl, Flags, CompletionBuffer,
        CompletionBufferSize, Timeout);
  }

  @Override
  public NtStatus VmbPacketRestore(VMBPACKET PacketObject, ByteBuffer Buffer, int BufferSize) {
    EnginePacket p = pk(PacketObject);
    return p.channel.packetRestore(p, Buffer, BufferSize);
  }

  // ---- 2.H GPADLs: the transport's guest memory ---------------------------------------------

  @Override
  public NtStatus VmbChannelCreateGpadlFromBuffer(VMBCHANNEL Channel, int Flags, ByteBuffer Buffer,
      int ByteCount, UInt32Ref GpadlHandle) {
    return transport.gpadls().createFromBuffer(ch(Channel), Flags, Buffer, ByteCount, GpadlHandle);
  }

  @Override
  public NtStatus VmbChannelCreateGpadlFromMdl(VMBCHANNEL Channel, int Flags, Mdl Mdl,
      int StartOffsetWithinMdl, int DataLengthWithinMdl, UInt32Ref GpadlHandle) {
    return transport.gpadls().createFromMdl(ch(Channel), Flags, Mdl, StartOffsetWithinMdl,
        DataLengthWithinMdl, GpadlHandle);
  }

  @Override
  public NtStatus VmbChannelCreateGpadlFromPfnList(VMBCHANNEL Channel, int Flags, long[] PfnList,
      int PfnListCount, UInt32Ref GpadlHandle) {
    return transport.gpadls().createFromPfns(ch(Channel), Flags, PfnList, PfnListCount,
        GpadlHandle);
  }

  @Override
  public NtStatus VmbChannelCreateGpadl(VMBCHANNEL Channel, int Flags, int PageCount,
      UInt32Ref GpadlHandle) {
    return transport.gpadls().create(ch(Channel), Flags, PageCount, GpadlHandle);
  }

  @Override
  public NtStatus VmbChannelGetSystemAddressForGpadl(VMBCHANNEL Channel, int Flags, int GpadlHandle,
      Ref<ByteBuffer> SystemAddress) {
    return transport.gpadls().systemAddress(ch(Channel), Flags, GpadlHandle, SystemAddress);
  }

  @Override
  public void VmbChannelDeleteGpadl(VMBCHANNEL Channel, int GpadlHandle) {
    transport.gpadls().delete(ch(Channel), GpadlHandle);
  }

  @Override
  public NtStatus VmbChannelMapGpadl(VMBCHANNEL Channel, int Flags, int GpadlHandle, Ref<Mdl> Mdl) {
    return transport.gpadls().map(ch(Channel), Flags, GpadlHandle, Mdl);
  }

  @Override
  public void VmbChannelUnmapGpadl(VMBCHANNEL Channel, int GpadlHandle) {
    transport.gpadls().unmap(ch(Channel), GpadlHandle);
  }

  @Override
  public NtStatus VmbChannelAllocateBounceBuffer(VMBCHANNEL Channel, int BufferSize) {
    return transport.gpadls().allocateBounceBuffer(ch(Channel), BufferSize);
  }

  @Override
  public NtStatus VmbChannelSaveBegin(VMBCHANNEL Channel) {
    return ch(Channel).saveBegin();
  }

  @Override
  public NtStatus VmbChannelSaveContinue(VMBCHANNEL Channel, ByteBuffer SaveBuffer,
      int SaveBufferSize, UInt32Ref BytesFilled, UInt32Ref BytesRequired) {
    return ch(Channel).saveContinue(SaveBuffer, SaveBufferSize, BytesFilled, BytesRequired);
  }

  @Override
  public void VmbChannelSaveEnd(VMBCHANNEL Channel) {
    ch(Channel).saveEnd();
  }

  @Override
  public NtStatus VmbChannelRestoreFromBuffer(VMBCHANNEL Channel, ByteBuffer Buffer, int BufferSize) {
    return ch(Channel).restoreFromBuffer(Buffer, BufferSize);
  }
}
