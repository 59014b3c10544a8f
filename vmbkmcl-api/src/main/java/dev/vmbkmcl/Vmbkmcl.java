package dev.vmbkmcl;

import java.nio.ByteBuffer;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The KMCL surface: every function of {@code VmbusKernelModeClientLibApi.h} (kmcl-api.md §2) as a
 * static method with the exact C name and C parameter order, so that {@code import static
 * dev.vmbkmcl.Vmbkmcl.*;} makes ported driver code read like the C it came from. The flag and limit
 * macros come in with it ({@link KmclConstants}).
 *
 * <p><b>Argument checking happens here, once, for every backend.</b> A call whose arguments break a
 * documented rule returns the documented {@code NTSTATUS} and never reaches the backend. Java-level
 * misuse that would crash C (a null handle, structure or buffer where C has {@code _In_}; a size
 * larger than the buffer) throws {@link NullPointerException} or {@link IllegalArgumentException}
 * with the function and parameter in the message.
 *
 * <p><b>Buffers.</b> A C pair {@code PVOID Buffer, UINT32 BufferLength} is a {@link ByteBuffer} and
 * a length: the bytes [position, position + length). Position and limit are never modified; the
 * length must not exceed {@code remaining()}.
 *
 * <p><b>Dispatch.</b> Every handle belongs to the backend that made it (the device object's backend
 * for {@code VmbChannelAllocate}); the facade forwards to that backend's {@link
 * dev.vmbkmcl.spi.KmclBackend}. {@link #VmbDefaultDeviceObject()} gives the device of the backend
 * chosen by configuration (system property {@code vmbkmcl.backend}).
 */
@SuppressWarnings({"MethodName", "ParameterName"}) // C names: ported code reads like the original
public final class Vmbkmcl implements KmclConstants {
  /** {@code PAGE_SIZE}. */
  public static final int PAGE_SIZE = 4096;
  /** What {@link #VmbSizeofChannel()} reports. */
  static final int SIZEOF_CHANNEL = 4096;

  private Vmbkmcl() {}

  private static void requireNonNull(String function, String parameter, @Nullable Object value) {
    if (value == null) {
      throw new NullPointerException(function + ": " + parameter + " is null");
    }
  }

  private static void requireBuffer(String function, String parameter, ByteBuffer buffer, long size) {
    if (size < 0 || size > buffer.remaining()) {
      throw new IllegalArgumentException(function + ": " + parameter + " holds " + buffer.remaining()
          + " bytes from its position, but the size given is " + size);
    }
  }

  /** DATA_IN_ONLY and DATA_OUT_ONLY exclude each other and need external memory to describe. */
  private static boolean directionFlagsValid(int flags, boolean hasExternalData) {
    int direction = flags & (VMBUS_CHANNEL_FORMAT_FLAG_DATA_IN_ONLY | VMBUS_CHANNEL_FORMAT_FLAG_DATA_OUT_ONLY);
    if (direction == 0) {
      return true;
    }
    return hasExternalData && direction != (VMBUS_CHANNEL_FORMAT_FLAG_DATA_IN_ONLY | VMBUS_CHANNEL_FORMAT_FLAG_DATA_OUT_ONLY);
  }

  private static boolean validStateCallbacks(StateChangeCallbacksHeader callbacks) {
    if (callbacks instanceof VMB_CHANNEL_STATE_CHANGE_CALLBACKS_V5) {
      return callbacks.Version == 5 && callbacks.Size == VMB_CHANNEL_STATE_CHANGE_CALLBACKS_V5.SIZEOF;
    }
    return callbacks.Version == 1 && callbacks.Size == VMB_CHANNEL_STATE_CHANGE_CALLBACKS.SIZEOF;
  }

  /** {@code NT_SUCCESS(Status)}: true for success and informational codes. */
  public static boolean NT_SUCCESS(NtStatus Status) {
    return NtStatus.NT_SUCCESS(Status);
  }

  /**
   * {@code VMB_CHANNEL_STATE_CHANGE_CALLBACKS_INIT}: zeroes the structure, then sets Version 1 and
   * Size 48 ({@code sizeof} on x64).
   */
  public static void VMB_CHANNEL_STATE_CHANGE_CALLBACKS_INIT(VMB_CHANNEL_STATE_CHANGE_CALLBACKS Callbacks) {
    requireNonNull("VMB_CHANNEL_STATE_CHANGE_CALLBACKS_INIT", "Callbacks", Callbacks);
    Callbacks.EvtChannelOpened = null;
    Callbacks.EvtChannelClosed = null;
    Callbacks.EvtChannelSuspend = null;
    Callbacks.EvtChannelStarted = null;
    Callbacks.EvtChannelPostStarted = null;
    Callbacks.Version = 1;
    Callbacks.Size = VMB_CHANNEL_STATE_CHANGE_CALLBACKS.SIZEOF;
  }

  /**
   * {@code VMB_CHANNEL_STATE_CHANGE_CALLBACKS_INIT_V5}: zeroes the structure, then sets Version 5
   * and Size 56.
   */
  public static void VMB_CHANNEL_STATE_CHANGE_CALLBACKS_INIT_V5(VMB_CHANNEL_STATE_CHANGE_CALLBACKS_V5 Callbacks) {
    requireNonNull("VMB_CHANNEL_STATE_CHANGE_CALLBACKS_INIT_V5", "Callbacks", Callbacks);
    Callbacks.CallbackContext = null;
    Callbacks.EvtChannelOpenedEx = null;
    Callbacks.EvtChannelClosedEx = null;
    Callbacks.EvtChannelSuspendEx = null;
    Callbacks.EvtChannelStartedEx = null;
    Callbacks.EvtChannelPostStartedEx = null;
    Callbacks.Version = 5;
    Callbacks.Size = VMB_CHANNEL_STATE_CHANGE_CALLBACKS_V5.SIZEOF;
  }

  /**
   * SDK extra (no KMCL twin): the device object of the backend chosen by configuration, for code
   * whose C original took its WDF device. The backend is the one named by the system property
   * {@code vmbkmcl.backend} ({@code sim} or {@code hyperv}), else the available one with the highest
   * priority.
   *
   * @throws IllegalStateException when no backend is on the class path, naming the artifact to add
   */
  public static DeviceObject VmbDefaultDeviceObject() {
    return KmclBackends.selected().defaultDevice();
  }

  /**
   * #3 {@code VmbSizeofChannel}: {@code ULONG VmbSizeofChannel(VOID)}, the storage #2 needs.
   *
   * <p>Decision: Java needs no caller storage, so this is a constant (4096) that keeps C-style size
   * checks in ported code meaningful; {@link #VmbChannelInitialize} refuses a smaller BufferSize with
   * STATUS_INVALID_PARAMETER_4.
   */
  public static int VmbSizeofChannel() {
    return SIZEOF_CHANNEL;
  }

  /**
   * #34 {@code VmbConvertVmbusHandleToKernelHandle}: {@code NTSTATUS
   * VmbConvertVmbusHandleToKernelHandle(_In_ HANDLE VmbusHandle, _Out_ PHANDLE KernelHandle)}.
   * Turns the VM worker process's user-mode VMBus handle into a kernel handle to the same object.
   *
   * <p>Decision: done in the facade (there is no process context to enter in Java): the kernel
   * handle has the same value. An already-kernel handle is STATUS_INVALID_PARAMETER_1.
   */
  public static NtStatus VmbConvertVmbusHandleToKernelHandle(Handle VmbusHandle, Ref<Handle> KernelHandle) {
    requireNonNull("VmbConvertVmbusHandleToKernelHandle", "VmbusHandle", VmbusHandle);
    requireNonNull("VmbConvertVmbusHandleToKernelHandle", "KernelHandle", KernelHandle);
    if (VmbusHandle.kernel()) {
      return NtStatus.STATUS_INVALID_PARAMETER_1;
    }
    KernelHandle.set(new Handle(VmbusHandle.value(), true));
    return NtStatus.STATUS_SUCCESS;
  }

  /**
   * #1 {@code VmbChannelAllocate}.
   *
   * C: _IRQL_requires_(PASSIVE_LEVEL) NTSTATUS VmbChannelAllocate(_In_ PDEVICE_OBJECT
   * ParentDeviceObject, _In_ BOOLEAN IsServer, _Out_ _At_(*Channel, __drv_allocatesMem(Mem))
   * VMBCHANNEL *Channel)
   *
   * Creates a channel with default parameters and callbacks, in the Disabled state. {@code
   * IsServer} selects the role. Configure it with the {@code InitSet*} calls (§2.B–§2.D), Enable
   * it with #5, destroy it with #4. PASSIVE_LEVEL only.
   *
   * Returns (documented): S/e
   */
  public static NtStatus VmbChannelAllocate(DeviceObject ParentDeviceObject, boolean IsServer, Ref<VMBCHANNEL> Channel) {
    requireNonNull("VmbChannelAllocate", "ParentDeviceObject", ParentDeviceObject);
    requireNonNull("VmbChannelAllocate", "Channel", Channel);
    return ParentDeviceObject.backend().VmbChannelAllocate(ParentDeviceObject, IsServer, Channel);
  }

  /**
   * #2 {@code VmbChannelInitialize}.
   *
   * C: NTSTATUS VmbChannelInitialize(_In_ PDEVICE_OBJECT ParentDeviceObject, _In_ BOOLEAN
   * IsServer, _Out_writes_bytes_(BufferSize) VMBCHANNEL Channel, _In_ ULONG BufferSize)
   *
   * Same as #1, but the caller provides the storage. {@code BufferSize} must be ≥ #3. The header
   * recommends #1 instead. Undo with #4, which does not free caller memory. The header calls
   * {@code ParentDeviceObject} "the parent WDF device".
   *
   * Returns (documented): NTSTATUS (codes undocumented)
   */
  public static NtStatus VmbChannelInitialize(DeviceObject ParentDeviceObject, boolean IsServer, Ref<VMBCHANNEL> Channel, int BufferSize) {
    requireNonNull("VmbChannelInitialize", "ParentDeviceObject", ParentDeviceObject);
    requireNonNull("VmbChannelInitialize", "Channel", Channel);
    if (BufferSize < VmbSizeofChannel()) {
      return NtStatus.STATUS_INVALID_PARAMETER_4;
    }
    return ParentDeviceObject.backend().VmbChannelInitialize(ParentDeviceObject, IsServer, Channel, BufferSize);
  }

  /**
   * #4 {@code VmbChannelCleanup}.
   *
   * C: VOID VmbChannelCleanup(_In_ __drv_freesMem(Mem) VMBCHANNEL Channel)
   *
   * Destroys a channel made by #1 (and frees it) or by #2. The channel must already be Disabled.
   *
   * Returns (documented): —
   *
   * Decision: a channel that is not Disabled throws IllegalStateException (C would corrupt
   * memory).
   */
  public static void VmbChannelCleanup(VMBCHANNEL Channel) {
    requireNonNull("VmbChannelCleanup", "Channel", Channel);
    Channel.backend().VmbChannelCleanup(Channel);
  }

  /**
   * #5 {@code VmbChannelEnable}.
   *
   * C: _Must_inspect_result_ NTSTATUS VmbChannelEnable(_In_ VMBCHANNEL Channel)
   *
   * Disabled → Enabled. Connects to VMBus. The server publishes the offer. The client opens an
   * existing offer or waits for one. Returns without waiting for the peer; opening is reported
   * later by {@code EvtChannelOpened}. On the client it also makes the channel active.
   *
   * Returns (documented): S/e
   */
  public static NtStatus VmbChannelEnable(VMBCHANNEL Channel) {
    requireNonNull("VmbChannelEnable", "Channel", Channel);
    return Channel.backend().VmbChannelEnable(Channel);
  }

  /**
   * #6 {@code VmbChannelDisable}.
   *
   * C: VOID VmbChannelDisable(_In_ VMBCHANNEL Channel)
   *
   * The client closes the channel; the server rescinds its offer. Blocks until teardown is
   * complete (paused and closed). Triggers {@code EvtChannelSuspend} (if running) and then
   * {@code EvtChannelClosed}.
   *
   * Returns (documented): —
   */
  public static void VmbChannelDisable(VMBCHANNEL Channel) {
    requireNonNull("VmbChannelDisable", "Channel", Channel);
    Channel.backend().VmbChannelDisable(Channel);
  }

  /**
   * #7 {@code VmbChannelStart}.
   *
   * C: VOID VmbChannelStart(_In_ VMBCHANNEL Channel)
   *
   * Paused → active. The server must call it after #5; on the client #5 makes the channel
   * active. Legal only between Enable and Disable, and never from inside a state-change
   * callback.
   *
   * Returns (documented): —
   *
   * Decision (§5 item 5): on a Disabled channel Start cancels an armed Pause; from inside a
   * state-change callback it throws IllegalStateException.
   */
  public static void VmbChannelStart(VMBCHANNEL Channel) {
    requireNonNull("VmbChannelStart", "Channel", Channel);
    Channel.backend().VmbChannelStart(Channel);
  }

  /**
   * #8 {@code VmbChannelPause}.
   *
   * C: VOID VmbChannelPause(_In_ VMBCHANNEL Channel)
   *
   * Active → paused, with no new I/O. Blocks until {@code EvtChannelSuspend} has run and no
   * incoming packet is outstanding. On a Disabled channel it arranges for the channel to start
   * paused when enabled. Never call it from a state-change callback.
   *
   * Returns (documented): —
   *
   * Decision (§5 item 5): from inside a state-change callback it throws IllegalStateException
   * (it would wait for itself).
   */
  public static void VmbChannelPause(VMBCHANNEL Channel) {
    requireNonNull("VmbChannelPause", "Channel", Channel);
    Channel.backend().VmbChannelPause(Channel);
  }

  /**
   * #9 {@code VmbChannelInitSetMaximumPacketSize}.
   *
   * C: NTSTATUS VmbChannelInitSetMaximumPacketSize(_In_ VMBCHANNEL Channel, _In_range_(&gt;,0)
   * UINT32 PacketSize)
   *
   * Init only. Sets the largest inline payload ever passed to a send. Ring sizes are derived
   * partly from it. It also bounds #49's buffer size.
   *
   * Returns (documented): STATUS_SUCCESS; IP1; IP2 (0)
   */
  public static NtStatus VmbChannelInitSetMaximumPacketSize(VMBCHANNEL Channel, int PacketSize) {
    requireNonNull("VmbChannelInitSetMaximumPacketSize", "Channel", Channel);
    if (!Channel.isDisabled()) {
      return NtStatus.STATUS_INVALID_PARAMETER_1;
    }
    if (PacketSize <= 0 || PacketSize > VMBUS_MAXIMUM_PACKET_SIZE) {
      return NtStatus.STATUS_INVALID_PARAMETER_2;
    }
    return Channel.backend().VmbChannelInitSetMaximumPacketSize(Channel, PacketSize);
  }

  /**
   * #10 {@code VmbChannelInitSetMaximumPacketCount}.
   *
   * C: NTSTATUS VmbChannelInitSetMaximumPacketCount(_In_ VMBCHANNEL Channel, _In_range_(&gt;,0)
   * UINT32 PacketCount)
   *
   * Init only. Sets the maximum number of sent packets in flight at once, which sizes the
   * tracking structure.
   *
   * Returns (documented): STATUS_SUCCESS; IP1; IP2 (0)
   */
  public static NtStatus VmbChannelInitSetMaximumPacketCount(VMBCHANNEL Channel, int PacketCount) {
    requireNonNull("VmbChannelInitSetMaximumPacketCount", "Channel", Channel);
    if (!Channel.isDisabled()) {
      return NtStatus.STATUS_INVALID_PARAMETER_1;
    }
    if (PacketCount <= 0) {
      return NtStatus.STATUS_INVALID_PARAMETER_2;
    }
    return Channel.backend().VmbChannelInitSetMaximumPacketCount(Channel, PacketCount);
  }

  /**
   * #11 {@code VmbChannelInitSetMaximumExternalData}.
   *
   * C: NTSTATUS VmbChannelInitSetMaximumExternalData(_In_ VMBCHANNEL Channel, _In_range_(&gt;,0)
   * UINT32 DataSize, _In_range_(&gt;,0) UINT32 ChainLength)
   *
   * Sets the largest external-data buffer in bytes and the longest MDL chain per packet. KMCL
   * sizes the rings so that such packets fit.
   *
   * Returns (documented): STATUS_SUCCESS; IP1; IP2 (DataSize 0); IP3 (ChainLength 0)
   */
  public static NtStatus VmbChannelInitSetMaximumExternalData(VMBCHANNEL Channel, int DataSize, int ChainLength) {
    requireNonNull("VmbChannelInitSetMaximumExternalData", "Channel", Channel);
    if (!Channel.isDisabled()) {
      return NtStatus.STATUS_INVALID_PARAMETER_1;
    }
    if (DataSize <= 0) {
      return NtStatus.STATUS_INVALID_PARAMETER_2;
    }
    if (ChainLength <= 0) {
      return NtStatus.STATUS_INVALID_PARAMETER_3;
    }
    return Channel.backend().VmbChannelInitSetMaximumExternalData(Channel, DataSize, ChainLength);
  }

  /**
   * #12 {@code VmbChannelInitSetClientContextSize}.
   *
   * C: NTSTATUS VmbChannelInitSetClientContextSize(_In_ VMBCHANNEL Channel, _In_ UINT32
   * ContextSize)
   *
   * Reserves {@code ContextSize} driver bytes on every incoming packet object. Read them with
   * #47.
   *
   * Returns (documented): S/e (header 19041+: STATUS_SUCCESS; IP1)
   */
  public static NtStatus VmbChannelInitSetClientContextSize(VMBCHANNEL Channel, int ContextSize) {
    requireNonNull("VmbChannelInitSetClientContextSize", "Channel", Channel);
    if (!Channel.isDisabled()) {
      return NtStatus.STATUS_INVALID_PARAMETER_1;
    }
    if (ContextSize < 0) {
      return NtStatus.STATUS_INVALID_PARAMETER_2;
    }
    return Channel.backend().VmbChannelInitSetClientContextSize(Channel, ContextSize);
  }

  /**
   * #13 {@code VmbChannelInitSetInlinePacketContextSize}.
   *
   * C: NTSTATUS VmbChannelInitSetInlinePacketContextSize(_In_ VMBCHANNEL Channel, _In_ UINT32
   * ContextSize)
   *
   * Init only. Reserves extra bytes on every outgoing packet from #48. Read them with #56.
   *
   * Returns (documented): STATUS_SUCCESS; IP1
   */
  public static NtStatus VmbChannelInitSetInlinePacketContextSize(VMBCHANNEL Channel, int ContextSize) {
    requireNonNull("VmbChannelInitSetInlinePacketContextSize", "Channel", Channel);
    if (!Channel.isDisabled()) {
      return NtStatus.STATUS_INVALID_PARAMETER_1;
    }
    if (ContextSize < 0) {
      return NtStatus.STATUS_INVALID_PARAMETER_2;
    }
    return Channel.backend().VmbChannelInitSetInlinePacketContextSize(Channel, ContextSize);
  }

  /**
   * #14 {@code VmbChannelInitSetBounceBufferSizes}.
   *
   * C: NTSTATUS VmbChannelInitSetBounceBufferSizes(_In_ VMBCHANNEL Channel, _In_ UINT32
   * InitialBufferSize, _In_ UINT32 BufferSizeIncrement, _In_ UINT32 MaximumBufferSize)
   *
   * Sets the bounce-buffer sizes: initial (always present), growth step, and maximum. All must
   * be multiples of PAGE_SIZE. 0 means default for the step and the maximum.
   *
   * Returns (documented): STATUS_SUCCESS; IP1; IP2 (initial size bad); IP3 (increment bad); IP4
   * (maximum bad)
   */
  public static NtStatus VmbChannelInitSetBounceBufferSizes(VMBCHANNEL Channel, int InitialBufferSize, int BufferSizeIncrement, int MaximumBufferSize) {
    requireNonNull("VmbChannelInitSetBounceBufferSizes", "Channel", Channel);
    if (!Channel.isDisabled()) {
      return NtStatus.STATUS_INVALID_PARAMETER_1;
    }
    if (InitialBufferSize <= 0 || InitialBufferSize % PAGE_SIZE != 0) {
      return NtStatus.STATUS_INVALID_PARAMETER_2;
    }
    if (BufferSizeIncrement < 0 || BufferSizeIncrement % PAGE_SIZE != 0) {
      return NtStatus.STATUS_INVALID_PARAMETER_3;
    }
    if (MaximumBufferSize < 0 || MaximumBufferSize % PAGE_SIZE != 0
        || (MaximumBufferSize != 0 && MaximumBufferSize < InitialBufferSize)) {
      return NtStatus.STATUS_INVALID_PARAMETER_4;
    }
    return Channel.backend().VmbChannelInitSetBounceBufferSizes(Channel, InitialBufferSize, BufferSizeIncrement, MaximumBufferSize);
  }

  /**
   * #15 {@code VmbChannelInitSetProcessPacketCallbacks}.
   *
   * C: NTSTATUS VmbChannelInitSetProcessPacketCallbacks(_In_ VMBCHANNEL Channel, _In_
   * PFN_VMB_CHANNEL_PROCESS_PACKET ProcessPacketCallback, _In_opt_
   * PFN_VMB_CHANNEL_PROCESSING_COMPLETE ProcessingCompleteCallback)
   *
   * Registers the per-packet callback (required) and the end-of-batch callback (optional). The
   * text says it matters only "if KMCL queue management is not suppressed", but there is no API
   * to suppress it. It and #16 are mutually exclusive; the last valid registration wins.
   *
   * Returns (documented): STATUS_SUCCESS; IP1
   *
   * Decision (§5 items 10, 11): the last valid registration of #15 or #16 wins; there is no
   * queue-suppression mode.
   */
  public static NtStatus VmbChannelInitSetProcessPacketCallbacks(VMBCHANNEL Channel, EVT_VMB_CHANNEL_PROCESS_PACKET ProcessPacketCallback, @Nullable EVT_VMB_CHANNEL_PROCESSING_COMPLETE ProcessingCompleteCallback) {
    requireNonNull("VmbChannelInitSetProcessPacketCallbacks", "Channel", Channel);
    requireNonNull("VmbChannelInitSetProcessPacketCallbacks", "ProcessPacketCallback", ProcessPacketCallback);
    if (!Channel.isDisabled()) {
      return NtStatus.STATUS_INVALID_PARAMETER_1;
    }
    return Channel.backend().VmbChannelInitSetProcessPacketCallbacks(Channel, ProcessPacketCallback, ProcessingCompleteCallback);
  }

  /**
   * #16 {@code VmbChannelInitSetProcessPacketCallbacksEx}.
   *
   * C: NTSTATUS VmbChannelInitSetProcessPacketCallbacksEx(_In_ VMBCHANNEL Channel, _In_ PVOID
   * CallbackContext, _In_ PFN_VMB_CHANNEL_PROCESS_PACKET_EX ProcessPacketCallbackEx, _In_opt_
   * PFN_VMB_CHANNEL_PROCESSING_COMPLETE_EX ProcessingCompleteCallbackEx)
   *
   * Like #15, and {@code CallbackContext} is passed to both callbacks.
   *
   * Returns (documented): STATUS_SUCCESS; IP1
   */
  public static NtStatus VmbChannelInitSetProcessPacketCallbacksEx(VMBCHANNEL Channel, @Nullable Object CallbackContext, EVT_VMB_CHANNEL_PROCESS_PACKET_EX ProcessPacketCallbackEx, @Nullable EVT_VMB_CHANNEL_PROCESSING_COMPLETE_EX ProcessingCompleteCallbackEx) {
    requireNonNull("VmbChannelInitSetProcessPacketCallbacksEx", "Channel", Channel);
    requireNonNull("VmbChannelInitSetProcessPacketCallbacksEx", "ProcessPacketCallbackEx", ProcessPacketCallbackEx);
    if (!Channel.isDisabled()) {
      return NtStatus.STATUS_INVALID_PARAMETER_1;
    }
    return Channel.backend().VmbChannelInitSetProcessPacketCallbacksEx(Channel, CallbackContext, ProcessPacketCallbackEx, ProcessingCompleteCallbackEx);
  }

  /**
   * #17 {@code VmbChannelInitSetStateChangeCallbacks}.
   *
   * C: NTSTATUS VmbChannelInitSetStateChangeCallbacks(_In_ VMBCHANNEL Channel, _In_
   * PVMB_CHANNEL_STATE_CHANGE_CALLBACKS StateChangeCallbacks)
   *
   * Registers the optional Opened/Closed/Suspend/Started/PostStarted callbacks; NULL entries are
   * allowed. *(inferred)* The V5 structure (Version 5) is passed here too, through a cast; there
   * is no other setter.
   *
   * Returns (documented): STATUS_SUCCESS; IP1; IP2 (wrong Version or Size)
   *
   * Decision (§5 item 11): takes VMB_CHANNEL_STATE_CHANGE_CALLBACKS (Version 1, Size 48) or
   * VMB_CHANNEL_STATE_CHANGE_CALLBACKS_V5 (Version 5, Size 56), told apart by Version and Size;
   * anything else is STATUS_INVALID_PARAMETER_2. The structure is copied at registration.
   */
  public static NtStatus VmbChannelInitSetStateChangeCallbacks(VMBCHANNEL Channel, StateChangeCallbacksHeader StateChangeCallbacks) {
    requireNonNull("VmbChannelInitSetStateChangeCallbacks", "Channel", Channel);
    requireNonNull("VmbChannelInitSetStateChangeCallbacks", "StateChangeCallbacks", StateChangeCallbacks);
    if (!Channel.isDisabled()) {
      return NtStatus.STATUS_INVALID_PARAMETER_1;
    }
    if (!validStateCallbacks(StateChangeCallbacks)) {
      return NtStatus.STATUS_INVALID_PARAMETER_2;
    }
    return Channel.backend().VmbChannelInitSetStateChangeCallbacks(Channel, StateChangeCallbacks);
  }

  /**
   * #18 {@code VmbChannelInitSetFriendlyName}.
   *
   * C: NTSTATUS VmbChannelInitSetFriendlyName(_In_ VMBCHANNEL Channel, _In_ PCUNICODE_STRING
   * Name)
   *
   * A short descriptive name, e.g. Network, SCSI, IDE, SynthVideo. Used for debugging and as the
   * performance-counter instance name. It can be set once.
   *
   * Returns (documented): S/e (header 19041+: STATUS_SUCCESS; IP1; IP2 = a name is already set;
   * other codes from string routines)
   *
   * Decision (§5 item 33): an empty name or a second name is STATUS_INVALID_PARAMETER_2.
   */
  public static NtStatus VmbChannelInitSetFriendlyName(VMBCHANNEL Channel, String Name) {
    requireNonNull("VmbChannelInitSetFriendlyName", "Channel", Channel);
    requireNonNull("VmbChannelInitSetFriendlyName", "Name", Name);
    if (!Channel.isDisabled()) {
      return NtStatus.STATUS_INVALID_PARAMETER_1;
    }
    if (Name.isEmpty()) {
      return NtStatus.STATUS_INVALID_PARAMETER_2;
    }
    return Channel.backend().VmbChannelInitSetFriendlyName(Channel, Name);
  }

  /**
   * #19 {@code VmbChannelInitSetFlags}.
   *
   * C: NTSTATUS VmbChannelInitSetFlags(_In_ VMBCHANNEL Channel, _In_ UINT32 Flags)
   *
   * Flags for both endpoints. Only {@code VMBUS_CHANNEL_INIT_FLAG_IS_PIPE} (0x1) exists: pipe
   * mode, with no transactions and no external memory.
   *
   * Returns (documented): IP1; IP2 (bits outside {@code VMBUS_CHANNEL_INIT_FLAGS})
   */
  public static NtStatus VmbChannelInitSetFlags(VMBCHANNEL Channel, int Flags) {
    requireNonNull("VmbChannelInitSetFlags", "Channel", Channel);
    if (!Channel.isDisabled()) {
      return NtStatus.STATUS_INVALID_PARAMETER_1;
    }
    if ((Flags & ~VMBUS_CHANNEL_INIT_FLAGS) != 0) {
      return NtStatus.STATUS_INVALID_PARAMETER_2;
    }
    return Channel.backend().VmbChannelInitSetFlags(Channel, Flags);
  }

  /**
   * #20 {@code VmbChannelInitSetPrimaryChannel}.
   *
   * C: NTSTATUS VmbChannelInitSetPrimaryChannel(_In_ VMBCHANNEL Channel, _In_ VMBCHANNEL
   * PrimaryChannel, _In_range_(&gt;, 0) UINT16 SubChannelIndex)
   *
   * Makes this channel sub-channel {@code SubChannelIndex} (≥ 1) of {@code PrimaryChannel}. It
   * can only be enabled while the primary is open. It is disabled automatically when the primary
   * closes, and it pauses and resumes with the primary.
   *
   * Returns (documented): IP1; IP2 (a primary is already set); IP3 (index 0)
   */
  public static NtStatus VmbChannelInitSetPrimaryChannel(VMBCHANNEL Channel, VMBCHANNEL PrimaryChannel, int SubChannelIndex) {
    requireNonNull("VmbChannelInitSetPrimaryChannel", "Channel", Channel);
    requireNonNull("VmbChannelInitSetPrimaryChannel", "PrimaryChannel", PrimaryChannel);
    if (!Channel.isDisabled()) {
      return NtStatus.STATUS_INVALID_PARAMETER_1;
    }
    if (PrimaryChannel == Channel || PrimaryChannel.backend() != Channel.backend()
        || PrimaryChannel.isServerEndpoint() != Channel.isServerEndpoint()) {
      return NtStatus.STATUS_INVALID_PARAMETER_2;
    }
    if (SubChannelIndex <= 0 || SubChannelIndex > 0xFFFF) {
      return NtStatus.STATUS_INVALID_PARAMETER_3;
    }
    return Channel.backend().VmbChannelInitSetPrimaryChannel(Channel, PrimaryChannel, SubChannelIndex);
  }

  /**
   * #21 {@code VmbChannelSetIncomingProcessingAtPassive}.
   *
   * C: VOID VmbChannelSetIncomingProcessingAtPassive(_In_ VMBCHANNEL Channel, _In_ BOOLEAN
   * RequirePassive)
   *
   * TRUE: receive callbacks always run at PASSIVE_LEVEL, from a worker thread. FALSE: at
   * DISPATCH_LEVEL or PASSIVE_LEVEL. When it may be called is not stated.
   *
   * Returns (documented): —
   */
  public static void VmbChannelSetIncomingProcessingAtPassive(VMBCHANNEL Channel, boolean RequirePassive) {
    requireNonNull("VmbChannelSetIncomingProcessingAtPassive", "Channel", Channel);
    Channel.backend().VmbChannelSetIncomingProcessingAtPassive(Channel, RequirePassive);
  }

  /**
   * #22 {@code VmbChannelSetTransactionQuota}.
   *
   * C: VOID VmbChannelSetTransactionQuota(_In_ VMBCHANNEL Channel, _In_ UINT32 Quota)
   *
   * Cap on incoming packets that are delivered but not completed. Must be &gt; 0. It may be set
   * below the current count, and KMCL then stops dequeuing until enough packets complete. A
   * queue blocked by the quota restarts only when a packet completes, not when this call is
   * made.
   *
   * Returns (documented): —
   *
   * Decision (§5 item 12): Quota 0 throws IllegalArgumentException (void function, no error
   * path); the default quota is unlimited; callable at any time.
   */
  public static void VmbChannelSetTransactionQuota(VMBCHANNEL Channel, int Quota) {
    requireNonNull("VmbChannelSetTransactionQuota", "Channel", Channel);
    if (Quota <= 0) {
      throw new IllegalArgumentException("VmbChannelSetTransactionQuota: Quota must be > 0, was " + Quota);
    }
    Channel.backend().VmbChannelSetTransactionQuota(Channel, Quota);
  }

  /**
   * #23 {@code VmbChannelSetAllowableDpcCpuUsage}.
   *
   * C: VOID VmbChannelSetAllowableDpcCpuUsage(_In_ VMBCHANNEL Channel, _In_range_(1, 100) UINT8
   * CpuPercentage)
   *
   * Sets the share (1–100 %) of the DPC tracking window, counted in TSC cycles, that the
   * channel's DPC processing may use.
   *
   * Returns (documented): —
   *
   * Decision (§5 item 12): outside 1..100 throws IllegalArgumentException. The value is
   * recorded; Java has no DPC budget to enforce, so it is advisory.
   */
  public static void VmbChannelSetAllowableDpcCpuUsage(VMBCHANNEL Channel, int CpuPercentage) {
    requireNonNull("VmbChannelSetAllowableDpcCpuUsage", "Channel", Channel);
    if (CpuPercentage < 1 || CpuPercentage > 100) {
      throw new IllegalArgumentException("VmbChannelSetAllowableDpcCpuUsage: CpuPercentage must be 1..100, was " + CpuPercentage);
    }
    Channel.backend().VmbChannelSetAllowableDpcCpuUsage(Channel, CpuPercentage);
  }

  /**
   * #24 {@code VmbClientChannelInitSetRingBufferPageCount}.
   *
   * C: NTSTATUS VmbClientChannelInitSetRingBufferPageCount(_In_ VMBCHANNEL Channel, _In_ UINT32
   * IncomingPageCount, _In_ UINT32 OutgoingPageCount)
   *
   * Number of pages for each ring. The guest donates both rings, so only the client endpoint may
   * call this.
   *
   * Returns (documented): S/e (header: IP1 = invalid, or not Disabled)
   */
  public static NtStatus VmbClientChannelInitSetRingBufferPageCount(VMBCHANNEL Channel, int IncomingPageCount, int OutgoingPageCount) {
    requireNonNull("VmbClientChannelInitSetRingBufferPageCount", "Channel", Channel);
    if (!Channel.isDisabled()) {
      return NtStatus.STATUS_INVALID_PARAMETER_1;
    }
    if (Channel.isServerEndpoint()) {
      return NtStatus.STATUS_INVALID_PARAMETER_1;
    }
    if (IncomingPageCount < 2) {
      return NtStatus.STATUS_INVALID_PARAMETER_2;
    }
    if (OutgoingPageCount < 2) {
      return NtStatus.STATUS_INVALID_PARAMETER_3;
    }
    return Channel.backend().VmbClientChannelInitSetRingBufferPageCount(Channel, IncomingPageCount, OutgoingPageCount);
  }

  /**
   * #25 {@code VmbClientChannelInitSetTargetPnp}.
   *
   * C: NTSTATUS VmbClientChannelInitSetTargetPnp(_In_ VMBCHANNEL Channel, _In_ LPCGUID
   * InterfaceType, _In_opt_ LPCGUID InterfaceInstance, _In_opt_ PFN_VMB_CHANNEL_PNP_FAILURE
   * PnpFailureCallback)
   *
   * Chooses the offer by type and instance GUID. KMCL then uses PnP to find the matching VMBus
   * PDO. A NULL instance accepts any instance of the type. {@code PnpFailureCallback} runs if
   * the device was found but the asynchronous connect fails.
   *
   * Returns (documented): IP1
   */
  public static NtStatus VmbClientChannelInitSetTargetPnp(VMBCHANNEL Channel, UUID InterfaceType, @Nullable UUID InterfaceInstance, @Nullable EVT_VMB_CHANNEL_PNP_FAILURE PnpFailureCallback) {
    requireNonNull("VmbClientChannelInitSetTargetPnp", "Channel", Channel);
    requireNonNull("VmbClientChannelInitSetTargetPnp", "InterfaceType", InterfaceType);
    if (!Channel.isDisabled()) {
      return NtStatus.STATUS_INVALID_PARAMETER_1;
    }
    if (Channel.isServerEndpoint()) {
      return NtStatus.STATUS_INVALID_PARAMETER_1;
    }
    return Channel.backend().VmbClientChannelInitSetTargetPnp(Channel, InterfaceType, InterfaceInstance, PnpFailureCallback);
  }

  /**
   * #26 {@code VmbClientChannelInitSetTargetProcessorIndex}.
   *
   * C: NTSTATUS VmbClientChannelInitSetTargetProcessorIndex(_In_ VMBCHANNEL Channel, _In_ ULONG
   * ProcessorIndex)
   *
   * NT processor index that receives the channel's incoming interrupts.
   *
   * Returns (documented): IP1
   */
  public static NtStatus VmbClientChannelInitSetTargetProcessorIndex(VMBCHANNEL Channel, int ProcessorIndex) {
    requireNonNull("VmbClientChannelInitSetTargetProcessorIndex", "Channel", Channel);
    if (!Channel.isDisabled()) {
      return NtStatus.STATUS_INVALID_PARAMETER_1;
    }
    if (Channel.isServerEndpoint()) {
      return NtStatus.STATUS_INVALID_PARAMETER_1;
    }
    return Channel.backend().VmbClientChannelInitSetTargetProcessorIndex(Channel, ProcessorIndex);
  }

  /**
   * #27 {@code VmbServerChannelInitSetFlags}.
   *
   * C: NTSTATUS VmbServerChannelInitSetFlags(_In_ VMBCHANNEL Channel, _In_ UINT32 Flags)
   *
   * Offer flags {@code VMBUS_SERVER_CHANNEL_INIT_FLAG_*}: LOOPBACK_OFFER 0x1,
   * ENUMERATE_DEVICE_INTERFACE 0x2, OFFER_AS_PIPE 0x4, FORCE_NEW_CHANNEL 0x8,
   * TLNPI_PROVIDER_OFFER 0x10 (§4.3).
   *
   * Returns (documented): IP1; IP2 (bits outside {@code VMBUS_SERVER_CHANNEL_INIT_FLAGS})
   */
  public static NtStatus VmbServerChannelInitSetFlags(VMBCHANNEL Channel, int Flags) {
    requireNonNull("VmbServerChannelInitSetFlags", "Channel", Channel);
    if (!Channel.isDisabled()) {
      return NtStatus.STATUS_INVALID_PARAMETER_1;
    }
    if (!Channel.isServerEndpoint()) {
      return NtStatus.STATUS_INVALID_PARAMETER_1;
    }
    if ((Flags & ~VMBUS_SERVER_CHANNEL_INIT_FLAGS) != 0) {
      return NtStatus.STATUS_INVALID_PARAMETER_2;
    }
    return Channel.backend().VmbServerChannelInitSetFlags(Channel, Flags);
  }

  /**
   * #28 {@code VmbServerChannelInitSetTargetInterfaceId}.
   *
   * C: NTSTATUS VmbServerChannelInitSetTargetInterfaceId(_In_ VMBCHANNEL Channel, _In_ GUID
   * InterfaceType, _In_ GUID InterfaceInstance)
   *
   * Sets the offer's type GUID (the protocol; it becomes the basis of the guest PDO hardware ID)
   * and its instance GUID. GUIDs are passed by value, although the text says "pointer".
   *
   * Returns (documented): S/e
   */
  public static NtStatus VmbServerChannelInitSetTargetInterfaceId(VMBCHANNEL Channel, UUID InterfaceType, UUID InterfaceInstance) {
    requireNonNull("VmbServerChannelInitSetTargetInterfaceId", "Channel", Channel);
    requireNonNull("VmbServerChannelInitSetTargetInterfaceId", "InterfaceType", InterfaceType);
    requireNonNull("VmbServerChannelInitSetTargetInterfaceId", "InterfaceInstance", InterfaceInstance);
    if (!Channel.isDisabled()) {
      return NtStatus.STATUS_INVALID_PARAMETER_1;
    }
    if (!Channel.isServerEndpoint()) {
      return NtStatus.STATUS_INVALID_PARAMETER_1;
    }
    return Channel.backend().VmbServerChannelInitSetTargetInterfaceId(Channel, InterfaceType, InterfaceInstance);
  }

  /**
   * #29 {@code VmbServerChannelInitSetTargetVtl}.
   *
   * C: NTSTATUS VmbServerChannelInitSetTargetVtl(_In_ VMBCHANNEL Channel, _In_ UINT8 TargetVtl)
   *
   * Offers the channel only to clients running in that Virtual Trust Level.
   *
   * Returns (documented): IP1; IP2 (VTL invalid)
   */
  public static NtStatus VmbServerChannelInitSetTargetVtl(VMBCHANNEL Channel, int TargetVtl) {
    requireNonNull("VmbServerChannelInitSetTargetVtl", "Channel", Channel);
    if (!Channel.isDisabled()) {
      return NtStatus.STATUS_INVALID_PARAMETER_1;
    }
    if (!Channel.isServerEndpoint()) {
      return NtStatus.STATUS_INVALID_PARAMETER_1;
    }
    if (TargetVtl < 0 || TargetVtl > 2) {
      return NtStatus.STATUS_INVALID_PARAMETER_2;
    }
    return Channel.backend().VmbServerChannelInitSetTargetVtl(Channel, TargetVtl);
  }

  /**
   * #30 {@code VmbServerChannelInitSetMmioMegabytes}.
   *
   * C: NTSTATUS VmbServerChannelInitSetMmioMegabytes(_In_ VMBCHANNEL Channel, _In_range_(&gt;,0)
   * UINT16 MmioMegabytes, _In_ UINT16 MmioMegabytesOptional)
   *
   * Asks the guest VMBus driver to reserve MMIO space (MB) for the device: a required amount
   * plus an optional extra. This is a convenience; the guest could request the space from its
   * PnP manager.
   *
   * Returns (documented): IP1; both values 0 → {@code STATUS_INVALID_PARAMETER} (docs) or IP2
   * (header 19041+)
   */
  public static NtStatus VmbServerChannelInitSetMmioMegabytes(VMBCHANNEL Channel, int MmioMegabytes, int MmioMegabytesOptional) {
    requireNonNull("VmbServerChannelInitSetMmioMegabytes", "Channel", Channel);
    if (!Channel.isDisabled()) {
      return NtStatus.STATUS_INVALID_PARAMETER_1;
    }
    if (!Channel.isServerEndpoint()) {
      return NtStatus.STATUS_INVALID_PARAMETER_1;
    }
    if ((MmioMegabytes == 0 && MmioMegabytesOptional == 0) || MmioMegabytes < 0 || MmioMegabytes > 0xFFFF
        || MmioMegabytesOptional < 0 || MmioMegabytesOptional > 0xFFFF) {
      return NtStatus.STATUS_INVALID_PARAMETER_2;
    }
    return Channel.backend().VmbServerChannelInitSetMmioMegabytes(Channel, MmioMegabytes, MmioMegabytesOptional);
  }

  /**
   * #31 {@code VmbServerChannelInitSetVmbusHandle}.
   *
   * C: NTSTATUS VmbServerChannelInitSetVmbusHandle(_In_ VMBCHANNEL Channel, _In_ HANDLE
   * VmbusHandle)
   *
   * Binds the channel to the VMBus instance (vdev) of one guest partition, which selects the VM
   * that receives the offer. The handle must come from #34. Callable in any thread context.
   *
   * Returns (documented): S/e
   */
  public static NtStatus VmbServerChannelInitSetVmbusHandle(VMBCHANNEL Channel, Handle VmbusHandle) {
    requireNonNull("VmbServerChannelInitSetVmbusHandle", "Channel", Channel);
    requireNonNull("VmbServerChannelInitSetVmbusHandle", "VmbusHandle", VmbusHandle);
    if (!Channel.isDisabled()) {
      return NtStatus.STATUS_INVALID_PARAMETER_1;
    }
    if (!Channel.isServerEndpoint()) {
      return NtStatus.STATUS_INVALID_PARAMETER_1;
    }
    return Channel.backend().VmbServerChannelInitSetVmbusHandle(Channel, VmbusHandle);
  }

  /**
   * #32 {@code VmbServerChannelInitSetSaveRestorePacketCallbacks}.
   *
   * C: NTSTATUS VmbServerChannelInitSetSaveRestorePacketCallbacks(_In_ VMBCHANNEL Channel, _In_
   * PFN_VMB_CHANNEL_SAVE_PACKET SavePacketCallback, _In_ PFN_VMB_CHANNEL_RESTORE_PACKET
   * RestorePacketCallback)
   *
   * Per-packet hooks for save (#71–#73) and restore (#74). Mutually exclusive with #33; the last
   * valid registration wins.
   *
   * Returns (documented): IP1
   */
  public static NtStatus VmbServerChannelInitSetSaveRestorePacketCallbacks(VMBCHANNEL Channel, EVT_VMB_CHANNEL_SAVE_PACKET SavePacketCallback, EVT_VMB_CHANNEL_RESTORE_PACKET RestorePacketCallback) {
    requireNonNull("VmbServerChannelInitSetSaveRestorePacketCallbacks", "Channel", Channel);
    requireNonNull("VmbServerChannelInitSetSaveRestorePacketCallbacks", "SavePacketCallback", SavePacketCallback);
    requireNonNull("VmbServerChannelInitSetSaveRestorePacketCallbacks", "RestorePacketCallback", RestorePacketCallback);
    if (!Channel.isDisabled()) {
      return NtStatus.STATUS_INVALID_PARAMETER_1;
    }
    if (!Channel.isServerEndpoint()) {
      return NtStatus.STATUS_INVALID_PARAMETER_1;
    }
    return Channel.backend().VmbServerChannelInitSetSaveRestorePacketCallbacks(Channel, SavePacketCallback, RestorePacketCallback);
  }

  /**
   * #33 {@code VmbServerChannelInitSetSaveRestorePacketCallbacksEx}.
   *
   * C: NTSTATUS VmbServerChannelInitSetSaveRestorePacketCallbacksEx(_In_ VMBCHANNEL Channel,
   * _In_opt_ PVOID SaveRestoreContext, _In_ PFN_VMB_CHANNEL_SAVE_PACKET_EX SavePacketCallbackEx,
   * _In_ PFN_VMB_CHANNEL_RESTORE_PACKET_EX RestorePacketCallbackEx)
   *
   * Like #32, with a context pointer. It is the only member that {@code
   * KMCL_SERVER_ONLY_METHODS_V5} adds.
   *
   * Returns (documented): IP1
   */
  public static NtStatus VmbServerChannelInitSetSaveRestorePacketCallbacksEx(VMBCHANNEL Channel, @Nullable Object SaveRestoreContext, EVT_VMB_CHANNEL_SAVE_PACKET_EX SavePacketCallbackEx, EVT_VMB_CHANNEL_RESTORE_PACKET_EX RestorePacketCallbackEx) {
    requireNonNull("VmbServerChannelInitSetSaveRestorePacketCallbacksEx", "Channel", Channel);
    requireNonNull("VmbServerChannelInitSetSaveRestorePacketCallbacksEx", "SavePacketCallbackEx", SavePacketCallbackEx);
    requireNonNull("VmbServerChannelInitSetSaveRestorePacketCallbacksEx", "RestorePacketCallbackEx", RestorePacketCallbackEx);
    if (!Channel.isDisabled()) {
      return NtStatus.STATUS_INVALID_PARAMETER_1;
    }
    if (!Channel.isServerEndpoint()) {
      return NtStatus.STATUS_INVALID_PARAMETER_1;
    }
    return Channel.backend().VmbServerChannelInitSetSaveRestorePacketCallbacksEx(Channel, SaveRestoreContext, SavePacketCallbackEx, RestorePacketCallbackEx);
  }

  /**
   * #35 {@code VmbChannelSetPointer}.
   *
   * C: VOID FASTCALL VmbChannelSetPointer(_In_ VMBCHANNEL Channel, _In_opt_ __drv_aliasesMem
   * PVOID Pointer)
   *
   * Stores an arbitrary driver pointer in the channel: a fast context slot.
   *
   * Returns (documented): —
   */
  public static void VmbChannelSetPointer(VMBCHANNEL Channel, @Nullable Object Pointer) {
    requireNonNull("VmbChannelSetPointer", "Channel", Channel);
    Channel.backend().VmbChannelSetPointer(Channel, Pointer);
  }

  /**
   * #36 {@code VmbChannelGetPointer}.
   *
   * C: PVOID FASTCALL VmbChannelGetPointer(_In_ VMBCHANNEL Channel)
   *
   * Returns what #35 stored. The docs and the header wrongly say {@code VmbPacketSetPointer}.
   *
   * Returns (documented): stored pointer
   */
  public static @Nullable Object VmbChannelGetPointer(VMBCHANNEL Channel) {
    requireNonNull("VmbChannelGetPointer", "Channel", Channel);
    return Channel.backend().VmbChannelGetPointer(Channel);
  }

  /**
   * #37 {@code VmbChannelGetInterfaceInstance}.
   *
   * C: VOID VmbChannelGetInterfaceInstance(_In_ VMBCHANNEL Channel, _Out_ LPGUID
   * InterfaceInstance)
   *
   * Copies out the active instance GUID, which uniquely identifies the channel.
   *
   * Returns (documented): —
   */
  public static void VmbChannelGetInterfaceInstance(VMBCHANNEL Channel, Ref<UUID> InterfaceInstance) {
    requireNonNull("VmbChannelGetInterfaceInstance", "Channel", Channel);
    requireNonNull("VmbChannelGetInterfaceInstance", "InterfaceInstance", InterfaceInstance);
    Channel.backend().VmbChannelGetInterfaceInstance(Channel, InterfaceInstance);
  }

  /**
   * #38 {@code VmbChannelGetTargetDeviceObject}.
   *
   * C: VOID VmbChannelGetTargetDeviceObject(_In_ VMBCHANNEL Channel, _Out_ PDEVICE_OBJECT
   * *TargetDeviceObject)
   *
   * Returns the target device object of the associated VMBus device.
   *
   * Returns (documented): —
   */
  public static void VmbChannelGetTargetDeviceObject(VMBCHANNEL Channel, Ref<DeviceObject> TargetDeviceObject) {
    requireNonNull("VmbChannelGetTargetDeviceObject", "Channel", Channel);
    requireNonNull("VmbChannelGetTargetDeviceObject", "TargetDeviceObject", TargetDeviceObject);
    Channel.backend().VmbChannelGetTargetDeviceObject(Channel, TargetDeviceObject);
  }

  /**
   * #39 {@code VmbChannelGetParentDeviceObject}.
   *
   * C: VOID VmbChannelGetParentDeviceObject(_In_ VMBCHANNEL Channel, _Out_ PDEVICE_OBJECT
   * *ParentDeviceObject)
   *
   * Returns the parent device object of the associated VMBus device (the one given to #1 or #2).
   *
   * Returns (documented): —
   */
  public static void VmbChannelGetParentDeviceObject(VMBCHANNEL Channel, Ref<DeviceObject> ParentDeviceObject) {
    requireNonNull("VmbChannelGetParentDeviceObject", "Channel", Channel);
    requireNonNull("VmbChannelGetParentDeviceObject", "ParentDeviceObject", ParentDeviceObject);
    Channel.backend().VmbChannelGetParentDeviceObject(Channel, ParentDeviceObject);
  }

  /**
   * #40 {@code VmbChannelGetMmioSpace}.
   *
   * C: VOID VmbChannelGetMmioSpace(_In_ VMBCHANNEL Channel, _Out_ UINT64 *MmioAddress, _Out_
   * UINT64 *MmioSize)
   *
   * Address and size of the MMIO range reserved by #30. Valid only after {@code
   * EvtChannelOpened}. The text calls the address both a "kernel virtual address" and a
   * "physical address" (§5).
   *
   * Returns (documented): —
   */
  public static void VmbChannelGetMmioSpace(VMBCHANNEL Channel, UInt64Ref MmioAddress, UInt64Ref MmioSize) {
    requireNonNull("VmbChannelGetMmioSpace", "Channel", Channel);
    requireNonNull("VmbChannelGetMmioSpace", "MmioAddress", MmioAddress);
    requireNonNull("VmbChannelGetMmioSpace", "MmioSize", MmioSize);
    Channel.backend().VmbChannelGetMmioSpace(Channel, MmioAddress, MmioSize);
  }

  /**
   * #41 {@code VmbChannelSetInterruptLatency}.
   *
   * C: _Must_inspect_result_ NTSTATUS VmbChannelSetInterruptLatency(_In_ VMBCHANNEL Channel,
   * _In_ UINT16 Latency, _Out_ PUINT16 OriginalLatency)
   *
   * Changes the guest's outgoing monitor (MNF) interrupt latency, in 100-ns units, and returns
   * the previous value. Valid only while open: from {@code EvtChannelOpened} through {@code
   * EvtChannelClosed}, inclusive.
   *
   * Returns (documented): S/e
   *
   * Decision (§5 item 27): a server endpoint gets STATUS_NOT_SUPPORTED; a channel that is not
   * open gets STATUS_INVALID_DEVICE_STATE.
   */
  public static NtStatus VmbChannelSetInterruptLatency(VMBCHANNEL Channel, int Latency, UInt16Ref OriginalLatency) {
    requireNonNull("VmbChannelSetInterruptLatency", "Channel", Channel);
    requireNonNull("VmbChannelSetInterruptLatency", "OriginalLatency", OriginalLatency);
    if (Channel.isServerEndpoint()) {
      return NtStatus.STATUS_NOT_SUPPORTED;
    }
    if (Latency < 0 || Latency > 0xFFFF) {
      return NtStatus.STATUS_INVALID_PARAMETER_2;
    }
    return Channel.backend().VmbChannelSetInterruptLatency(Channel, Latency, OriginalLatency);
  }

  /**
   * #42 {@code VmbChannelSizeofPacket}.
   *
   * C: UINT32 VmbChannelSizeofPacket(_In_ VMBCHANNEL Channel)
   *
   * Buffer size #49 needs on this channel. It depends on the maximum packet size and the context
   * sizes.
   *
   * Returns (documented): size in bytes
   */
  public static int VmbChannelSizeofPacket(VMBCHANNEL Channel) {
    requireNonNull("VmbChannelSizeofPacket", "Channel", Channel);
    return Channel.backend().VmbChannelSizeofPacket(Channel);
  }

  /**
   * #43 {@code VmbChannelPacketComplete}.
   *
   * C: VOID VmbChannelPacketComplete(_In_ VMBPACKETCOMPLETION PacketCompletionContext,
   * _In_reads_bytes_opt_(BufSize) PVOID PacketCompletionBuffer, _In_ UINT32 BufSize)
   *
   * Ends processing of a delivered packet. Releases mappings and buffers, unpins guest memory,
   * and sends a completion carrying the buffer (usually a status) if the sender asked for one.
   * Call it exactly once per delivery, inside the callback or later. Any MDL from #46 becomes
   * invalid here.
   *
   * Returns (documented): —
   *
   * Decision: a second completion of the same delivery throws IllegalStateException (exactly
   * once).
   */
  public static void VmbChannelPacketComplete(VMBPACKETCOMPLETION PacketCompletionContext, @Nullable ByteBuffer PacketCompletionBuffer, int BufSize) {
    requireNonNull("VmbChannelPacketComplete", "PacketCompletionContext", PacketCompletionContext);
    if (BufSize > 0) {
      requireNonNull("VmbChannelPacketComplete", "PacketCompletionBuffer", PacketCompletionBuffer);
      requireBuffer("VmbChannelPacketComplete", "PacketCompletionBuffer",
          java.util.Objects.requireNonNull(PacketCompletionBuffer), BufSize);
    } else if (BufSize < 0) {
      throw new IllegalArgumentException("VmbChannelPacketComplete: BufSize is negative: " + BufSize);
    }
    PacketCompletionContext.backend().VmbChannelPacketComplete(PacketCompletionContext, PacketCompletionBuffer, BufSize);
  }

  /**
   * #44 {@code VmbChannelPacketDeferToPassive}.
   *
   * C: VOID FASTCALL VmbChannelPacketDeferToPassive(_In_ VMBPACKETCOMPLETION
   * PacketCompletionContext)
   *
   * Only inline from {@code EvtChannelProcessPacket}. Puts the packet back on the parsing queue.
   * It is delivered again at PASSIVE_LEVEL, and that delivery needs its own completion.
   *
   * Returns (documented): —
   *
   * Decision (§5 item 22): any call that is not inline from the process-packet callback of this
   * very delivery throws IllegalStateException.
   */
  public static void VmbChannelPacketDeferToPassive(VMBPACKETCOMPLETION PacketCompletionContext) {
    requireNonNull("VmbChannelPacketDeferToPassive", "PacketCompletionContext", PacketCompletionContext);
    PacketCompletionContext.backend().VmbChannelPacketDeferToPassive(PacketCompletionContext);
  }

  /**
   * #45 {@code VmbChannelPacketFail}.
   *
   * C: VOID FASTCALL VmbChannelPacketFail(_In_ VMBPACKETCOMPLETION PacketCompletionContext)
   *
   * Fails a packet as unrecoverable and stops the channel's queue. Use it for malformed input
   * that should end processing.
   *
   * Returns (documented): —
   *
   * Decision (§5 item 21): the queue stays stopped until the channel is disabled and enabled
   * again; Start does not restart it.
   */
  public static void VmbChannelPacketFail(VMBPACKETCOMPLETION PacketCompletionContext) {
    requireNonNull("VmbChannelPacketFail", "PacketCompletionContext", PacketCompletionContext);
    PacketCompletionContext.backend().VmbChannelPacketFail(PacketCompletionContext);
  }

  /**
   * #46 {@code VmbChannelPacketGetExternalData}.
   *
   * C: _Success_(return == 0) NTSTATUS VmbChannelPacketGetExternalData(_In_ VMBPACKETCOMPLETION
   * PacketCompletionContext, _In_ UINT32 Flags, _Out_ PMDL *Mdl)
   *
   * Maps the packet's external data (when {@code
   * VMBUS_CHANNEL_PROCESS_PACKET_FLAG_EXTERNAL_DATA} is set). Flags: {@code
   * VMBUS_CHANNEL_PACKET_EXTERNAL_DATA_FLAG_READ_ONLY} (0x1). Guest pages stay pinned until
   * completion. The MDL is locked, has no VA, and is owned and freed by KMCL.
   *
   * Returns (documented): STATUS_SUCCESS ({@code *Mdl} valid); STATUS_PENDING (return from the
   * callback; it is called again later, possibly at another IRQL); anything else = failure
   */
  public static NtStatus VmbChannelPacketGetExternalData(VMBPACKETCOMPLETION PacketCompletionContext, int Flags, Ref<Mdl> Mdl) {
    requireNonNull("VmbChannelPacketGetExternalData", "PacketCompletionContext", PacketCompletionContext);
    requireNonNull("VmbChannelPacketGetExternalData", "Mdl", Mdl);
    if ((Flags & ~VMBUS_CHANNEL_PACKET_EXTERNAL_DATA_FLAGS) != 0) {
      return NtStatus.STATUS_INVALID_PARAMETER_2;
    }
    return PacketCompletionContext.backend().VmbChannelPacketGetExternalData(PacketCompletionContext, Flags, Mdl);
  }

  /**
   * #47 {@code VmbChannelPacketGetClientContext}.
   *
   * C: PVOID FASTCALL VmbChannelPacketGetClientContext(_In_ VMBPACKETCOMPLETION
   * PacketCompletionContext)
   *
   * Returns the per-incoming-packet driver area sized by #12.
   *
   * Returns (documented): pointer
   */
  public static ByteBuffer VmbChannelPacketGetClientContext(VMBPACKETCOMPLETION PacketCompletionContext) {
    requireNonNull("VmbChannelPacketGetClientContext", "PacketCompletionContext", PacketCompletionContext);
    return PacketCompletionContext.backend().VmbChannelPacketGetClientContext(PacketCompletionContext);
  }

  /**
   * #48 {@code VmbPacketAllocate}.
   *
   * C: __drv_allocatesMem(Mem) VMBPACKET VmbPacketAllocate(_In_ VMBCHANNEL Channel)
   *
   * Takes a packet from the channel's lookaside list, with every transaction resource reserved
   * up front. Its default completion routine frees it. If it is never sent, or the routine is
   * replaced, free it with #50.
   *
   * Returns (documented): packet or NULL
   */
  public static @Nullable VMBPACKET VmbPacketAllocate(VMBCHANNEL Channel) {
    requireNonNull("VmbPacketAllocate", "Channel", Channel);
    return Channel.backend().VmbPacketAllocate(Channel);
  }

  /**
   * #49 {@code VmbPacketInitialize}.
   *
   * C: NTSTATUS VmbPacketInitialize(_In_ VMBCHANNEL Channel, _Out_writes_bytes_(ByteCount)
   * VMBPACKET VmbPacket, _In_ UINT32 ByteCount)
   *
   * Builds a packet object in caller memory of at least #42 bytes. Do not use it on packets from
   * #48. The initial completion routine is invalid, so set one (#51/#52) before sending.
   *
   * Returns (documented): STATUS_SUCCESS; IP3 (ByteCount must exceed max packet size +
   * sizeof(PVOID))
   *
   * Decision: the packet storage is the object held by {{@literal @}code VmbPacket}; reusing a
   * Ref that already holds an idle initialized packet of this channel re-initializes it in place
   * (no allocation). Its completion routine starts invalid: sending before
   * VmbPacketSetCompletionRoutine throws IllegalStateException.
   */
  public static NtStatus VmbPacketInitialize(VMBCHANNEL Channel, Ref<VMBPACKET> VmbPacket, int ByteCount) {
    requireNonNull("VmbPacketInitialize", "Channel", Channel);
    requireNonNull("VmbPacketInitialize", "VmbPacket", VmbPacket);
    if (ByteCount < Channel.backend().VmbChannelSizeofPacket(Channel)) {
      return NtStatus.STATUS_INVALID_PARAMETER_3;
    }
    return Channel.backend().VmbPacketInitialize(Channel, VmbPacket, ByteCount);
  }

  /**
   * #50 {@code VmbPacketFree}.
   *
   * C: VOID VmbPacketFree(_In_ __drv_freesMem(Mem) VMBPACKET VmbPacket)
   *
   * Returns a packet from #48.
   *
   * Returns (documented): —
   *
   * Decision (§5 item 20): freeing a packet in flight or freeing twice throws
   * IllegalStateException.
   */
  public static void VmbPacketFree(VMBPACKET VmbPacket) {
    requireNonNull("VmbPacketFree", "VmbPacket", VmbPacket);
    VmbPacket.backend().VmbPacketFree(VmbPacket);
  }

  /**
   * #51 {@code VmbPacketSetCompletionRoutine}.
   *
   * C: VOID VmbPacketSetCompletionRoutine(_In_ VMBPACKET PacketObject, _In_
   * PFN_VMB_PACKET_COMPLETION_ROUTINE CompletionRoutine)
   *
   * Sets the routine called when the transaction retires.
   *
   * Returns (documented): —
   */
  public static void VmbPacketSetCompletionRoutine(VMBPACKET PacketObject, EVT_VMB_PACKET_COMPLETION_ROUTINE CompletionRoutine) {
    requireNonNull("VmbPacketSetCompletionRoutine", "PacketObject", PacketObject);
    requireNonNull("VmbPacketSetCompletionRoutine", "CompletionRoutine", CompletionRoutine);
    PacketObject.backend().VmbPacketSetCompletionRoutine(PacketObject, CompletionRoutine);
  }

  /**
   * #52 {@code VmbPacketSetCompletionRoutineEx}.
   *
   * C: VOID VmbPacketSetCompletionRoutineEx(_In_ VMBPACKET PacketObject, _In_ PVOID
   * CallbackContext, _In_ PFN_VMB_PACKET_COMPLETION_ROUTINE_EX CompletionRoutineEx)
   *
   * Like #51, with a context pointer.
   *
   * Returns (documented): —
   */
  public static void VmbPacketSetCompletionRoutineEx(VMBPACKET PacketObject, @Nullable Object CallbackContext, EVT_VMB_PACKET_COMPLETION_ROUTINE_EX CompletionRoutineEx) {
    requireNonNull("VmbPacketSetCompletionRoutineEx", "PacketObject", PacketObject);
    requireNonNull("VmbPacketSetCompletionRoutineEx", "CompletionRoutineEx", CompletionRoutineEx);
    PacketObject.backend().VmbPacketSetCompletionRoutineEx(PacketObject, CallbackContext, CompletionRoutineEx);
  }

  /**
   * #53 {@code VmbPacketSetPointer}.
   *
   * C: VOID FASTCALL VmbPacketSetPointer(_In_ VMBPACKET PacketObject, _In_opt_ PVOID Pointer)
   *
   * Per-packet driver pointer slot.
   *
   * Returns (documented): —
   */
  public static void VmbPacketSetPointer(VMBPACKET PacketObject, @Nullable Object Pointer) {
    requireNonNull("VmbPacketSetPointer", "PacketObject", PacketObject);
    PacketObject.backend().VmbPacketSetPointer(PacketObject, Pointer);
  }

  /**
   * #54 {@code VmbPacketGetPointer}.
   *
   * C: PVOID FASTCALL VmbPacketGetPointer(_In_ VMBPACKET PacketObject)
   *
   * Returns what #53 stored.
   *
   * Returns (documented): stored pointer
   */
  public static @Nullable Object VmbPacketGetPointer(VMBPACKET PacketObject) {
    requireNonNull("VmbPacketGetPointer", "PacketObject", PacketObject);
    return PacketObject.backend().VmbPacketGetPointer(PacketObject);
  }

  /**
   * #55 {@code VmbPacketGetChannel}.
   *
   * C: VMBCHANNEL FASTCALL VmbPacketGetChannel(_In_ VMBPACKET PacketObject)
   *
   * Returns the channel the packet belongs to.
   *
   * Returns (documented): channel
   */
  public static VMBCHANNEL VmbPacketGetChannel(VMBPACKET PacketObject) {
    requireNonNull("VmbPacketGetChannel", "PacketObject", PacketObject);
    return PacketObject.backend().VmbPacketGetChannel(PacketObject);
  }

  /**
   * #56 {@code VmbPacketGetInlinePacketContextPointer}.
   *
   * C: PVOID FASTCALL VmbPacketGetInlinePacketContextPointer(_In_ VMBPACKET PacketObject)
   *
   * Returns the outgoing-packet context area sized by #13.
   *
   * Returns (documented): pointer
   */
  public static ByteBuffer VmbPacketGetInlinePacketContextPointer(VMBPACKET PacketObject) {
    requireNonNull("VmbPacketGetInlinePacketContextPointer", "PacketObject", PacketObject);
    return PacketObject.backend().VmbPacketGetInlinePacketContextPointer(PacketObject);
  }

  /**
   * #57 {@code VmbPacketSend}.
   *
   * C: NTSTATUS VmbPacketSend(_In_ __drv_aliasesMem VMBPACKET PacketObject,
   * _In_reads_bytes_(BufferLength) PVOID Buffer, _In_ UINT32 BufferLength, _In_opt_ PMDL
   * ExternalDataMdl, _In_ UINT32 Flags)
   *
   * Sends an inline command buffer through the ring, optionally with an external-data MDL. The
   * packet object represents the transaction until it completes. Documented flags:
   * WAIT_FOR_COMPLETION (0x1), PAGED_BUFFER (0x4). The header also has FORCE_MDL_LENGTH,
   * DATA_IN_ONLY and DATA_OUT_ONLY. A full ring makes the packet wait on the channel. Size limit
   * and MTU (524,280): §1.5.
   *
   * Returns (documented): S/e
   *
   * Decision (§5 item 13): an ExternalDataMdl requires WAIT_FOR_COMPLETION (the memory stays
   * pinned until completion), else STATUS_INVALID_PARAMETER_5. Decision (§5 item 18): a payload
   * over MaximumPacketSize, or one that can never fit in the ring, is
   * STATUS_INVALID_PARAMETER_3.
   */
  public static NtStatus VmbPacketSend(VMBPACKET PacketObject, ByteBuffer Buffer, int BufferLength, @Nullable Mdl ExternalDataMdl, int Flags) {
    requireNonNull("VmbPacketSend", "PacketObject", PacketObject);
    requireNonNull("VmbPacketSend", "Buffer", Buffer);
    requireBuffer("VmbPacketSend", "Buffer", Buffer, BufferLength);
    if ((Flags & ~VMBUS_CHANNEL_FORMAT_FLAGS) != 0 || (Flags & VMBUS_CHANNEL_FORMAT_FLAG_FORCE_MDL_LENGTH) != 0
        || !directionFlagsValid(Flags, ExternalDataMdl != null)
        || (ExternalDataMdl != null && (Flags & VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION) == 0)) {
      return NtStatus.STATUS_INVALID_PARAMETER_5;
    }
    return PacketObject.backend().VmbPacketSend(PacketObject, Buffer, BufferLength, ExternalDataMdl, Flags);
  }

  /**
   * #58 {@code VmbPacketSendWithExternalMdl}.
   *
   * C: NTSTATUS VmbPacketSendWithExternalMdl(_In_ __drv_aliasesMem VMBPACKET PacketObject,
   * _In_reads_bytes_(BufferLength) PVOID Buffer, _In_ UINT32 BufferLength, _In_ PMDL
   * ExternalDataMdl, _In_ UINT32 MdlOffset, _In_ UINT32 MdlLength, _In_ UINT32 Flags)
   *
   * Like #57, plus a byte offset and length into the MDL. {@code MdlLength} 0 means the whole
   * MDL. WAIT_FOR_COMPLETION must be set. FORCE_MDL_LENGTH (0x2) makes KMCL use {@code
   * MdlLength} even past the MDL's ByteCount; it may only round up to a page boundary, and only
   * the first MDL of a chain is then used.
   *
   * Returns (documented): S/e
   */
  public static NtStatus VmbPacketSendWithExternalMdl(VMBPACKET PacketObject, ByteBuffer Buffer, int BufferLength, Mdl ExternalDataMdl, int MdlOffset, int MdlLength, int Flags) {
    requireNonNull("VmbPacketSendWithExternalMdl", "PacketObject", PacketObject);
    requireNonNull("VmbPacketSendWithExternalMdl", "Buffer", Buffer);
    requireNonNull("VmbPacketSendWithExternalMdl", "ExternalDataMdl", ExternalDataMdl);
    requireBuffer("VmbPacketSendWithExternalMdl", "Buffer", Buffer, BufferLength);
    if ((Flags & ~VMBUS_CHANNEL_FORMAT_FLAGS) != 0 || (Flags & VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION) == 0
        || !directionFlagsValid(Flags, true)) {
      return NtStatus.STATUS_INVALID_PARAMETER_7;
    }
    long chainBytes = ExternalDataMdl.chainByteCount();
    if (MdlOffset < 0 || MdlOffset >= chainBytes) {
      return NtStatus.STATUS_INVALID_PARAMETER_5;
    }
    if (MdlLength < 0 || ((Flags & VMBUS_CHANNEL_FORMAT_FLAG_FORCE_MDL_LENGTH) == 0
        && (long) MdlOffset + MdlLength > chainBytes)) {
      return NtStatus.STATUS_INVALID_PARAMETER_6;
    }
    return PacketObject.backend().VmbPacketSendWithExternalMdl(PacketObject, Buffer, BufferLength, ExternalDataMdl, MdlOffset, MdlLength, Flags);
  }

  /**
   * #59 {@code VmbPacketSendWithExternalPfns}.
   *
   * C: NTSTATUS VmbPacketSendWithExternalPfns(_In_ __drv_aliasesMem VMBPACKET PacketObject,
   * _In_reads_bytes_(BufferLength) PVOID Buffer, _In_ UINT32 BufferLength, _In_reads_(PfnLength)
   * PPFN_NUMBER ExternalDataPfns, _In_ UINT32 PfnLength, _In_ UINT32 Flags)
   *
   * Like #57, with external data given as {@code PfnLength} page frame numbers, effectively
   * physical pages. The last element used is {@code ExternalDataPfns[PfnLength-1]}.
   * WAIT_FOR_COMPLETION must be set. The 2018-01 docs had an extra {@code PfnOffset} parameter,
   * and the current page text still mentions it (§5).
   *
   * Returns (documented): S/e
   *
   * Decision (§5 item 14): no PfnOffset; the last element used is ExternalDataPfns[PfnLength-1].
   * The PFNs are sent as one range of whole pages.
   */
  public static NtStatus VmbPacketSendWithExternalPfns(VMBPACKET PacketObject, ByteBuffer Buffer, int BufferLength, long[] ExternalDataPfns, int PfnLength, int Flags) {
    requireNonNull("VmbPacketSendWithExternalPfns", "PacketObject", PacketObject);
    requireNonNull("VmbPacketSendWithExternalPfns", "Buffer", Buffer);
    requireNonNull("VmbPacketSendWithExternalPfns", "ExternalDataPfns", ExternalDataPfns);
    requireBuffer("VmbPacketSendWithExternalPfns", "Buffer", Buffer, BufferLength);
    if ((Flags & ~VMBUS_CHANNEL_FORMAT_FLAGS) != 0 || (Flags & VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION) == 0
        || (Flags & VMBUS_CHANNEL_FORMAT_FLAG_FORCE_MDL_LENGTH) != 0 || !directionFlagsValid(Flags, true)) {
      return NtStatus.STATUS_INVALID_PARAMETER_6;
    }
    if (PfnLength <= 0 || PfnLength > ExternalDataPfns.length) {
      return NtStatus.STATUS_INVALID_PARAMETER_5;
    }
    return PacketObject.backend().VmbPacketSendWithExternalPfns(PacketObject, Buffer, BufferLength, ExternalDataPfns, PfnLength, Flags);
  }

  /**
   * #60 {@code VmbChannelSendSynchronousRequest}.
   *
   * C: NTSTATUS VmbChannelSendSynchronousRequest(_In_ VMBCHANNEL Channel,
   * _In_reads_bytes_(BufferSize) PVOID Buffer, _In_ UINT32 BufferSize, _In_opt_ PMDL
   * ExternalDataMdl, _In_ UINT32 Flags, _Out_writes_bytes_to_opt_(*CompletionBufferSize,
   * *CompletionBufferSize) PVOID CompletionBuffer, _Inout_opt_ _Pre_satisfies_(*_Curr_ % 8 == 0)
   * PUINT32 CompletionBufferSize, _In_opt_ PLARGE_INTEGER Timeout)
   *
   * Sends and waits for the peer's completion, copying it into {@code CompletionBuffer}. {@code
   * *CompletionBufferSize} must be a multiple of 8, or the call fails; on success it holds the
   * bytes written. Timeout per §1.8; the packet is cancelled when it expires. IRQL:
   * PASSIVE_LEVEL when Timeout is NULL, non-zero, or WAIT_FOR_COMPLETION is set; otherwise ≤
   * DISPATCH_LEVEL. Root partition: only with {@code *Timeout == 0} and without
   * WAIT_FOR_COMPLETION; guests may use any combination. Never call it from {@code
   * EvtChannelStarted}; it would hang. "Flags" means the {@code VMBUS_CHANNEL_FORMAT_FLAG_*}
   * values.
   *
   * Returns (documented): STATUS_SUCCESS; STATUS_BUFFER_OVERFLOW (did not fit in the ring and
   * not queued; the zero-timeout case); STATUS_CANCELLED (cancelled, including by timeout);
   * STATUS_DEVICE_REMOVED (channel shutting down)
   *
   * Decisions (§5 item 17): CompletionBuffer may be null only when *CompletionBufferSize is 0
   * (else STATUS_INVALID_PARAMETER_6); a size that is not a multiple of 8 is
   * STATUS_INVALID_PARAMETER_7; a completion larger than the buffer is truncated to it and
   * *CompletionBufferSize says how many bytes were copied; a timeout cancels the request and
   * returns STATUS_CANCELLED (never STATUS_TIMEOUT), and a completion that arrives later is
   * discarded; a rescind or close while waiting returns STATUS_DEVICE_REMOVED; a poisoned
   * (corrupt) channel returns STATUS_DATA_ERROR. Timeout 0 without WAIT_FOR_COMPLETION is
   * 'enqueue or fail': STATUS_SUCCESS once in the ring, *CompletionBufferSize = 0, or
   * STATUS_BUFFER_OVERFLOW with nothing queued. Timeout 0 with WAIT_FOR_COMPLETION must fit at
   * once, then waits for the completion without limit. Server endpoints (the root partition) may
   * only use Timeout 0 without WAIT_FOR_COMPLETION: a null or non-zero Timeout is
   * STATUS_INVALID_PARAMETER_8, the flag STATUS_INVALID_PARAMETER_5.
   */
  public static NtStatus VmbChannelSendSynchronousRequest(VMBCHANNEL Channel, ByteBuffer Buffer, int BufferSize, @Nullable Mdl ExternalDataMdl, int Flags, @Nullable ByteBuffer CompletionBuffer, @Nullable UInt32Ref CompletionBufferSize, @Nullable LargeInteger Timeout) {
    requireNonNull("VmbChannelSendSynchronousRequest", "Channel", Channel);
    requireNonNull("VmbChannelSendSynchronousRequest", "Buffer", Buffer);
    requireBuffer("VmbChannelSendSynchronousRequest", "Buffer", Buffer, BufferSize);
    if ((Flags & ~VMBUS_CHANNEL_FORMAT_FLAGS) != 0 || (Flags & VMBUS_CHANNEL_FORMAT_FLAG_FORCE_MDL_LENGTH) != 0
        || !directionFlagsValid(Flags, ExternalDataMdl != null)) {
      return NtStatus.STATUS_INVALID_PARAMETER_5;
    }
    if (CompletionBufferSize != null && CompletionBufferSize.get() % 8 != 0) {
      return NtStatus.STATUS_INVALID_PARAMETER_7;
    }
    if (CompletionBufferSize != null && CompletionBufferSize.get() != 0) {
      if (CompletionBuffer == null) {
        return NtStatus.STATUS_INVALID_PARAMETER_6;
      }
      requireBuffer("VmbChannelSendSynchronousRequest", "CompletionBuffer", CompletionBuffer,
          CompletionBufferSize.get());
    }
    if (Channel.isServerEndpoint()) {
      // Root partition rule: only *Timeout == 0 and no WAIT_FOR_COMPLETION.
      if (Timeout == null || Timeout.QuadPart != 0) {
        return NtStatus.STATUS_INVALID_PARAMETER_8;
      }
      if ((Flags & VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION) != 0) {
        return NtStatus.STATUS_INVALID_PARAMETER_5;
      }
    }
    return Channel.backend().VmbChannelSendSynchronousRequest(Channel, Buffer, BufferSize, ExternalDataMdl, Flags, CompletionBuffer, CompletionBufferSize, Timeout);
  }

  /**
   * #61 {@code VmbPacketRestore}.
   *
   * C: NTSTATUS VmbPacketRestore(_In_ __drv_aliasesMem VMBPACKET PacketObject,
   * _In_reads_bytes_(BufferSize) PVOID Buffer, _In_ ULONG BufferSize)
   *
   * Used inside {@code EvtChannelRestorePacket}. Puts a packet fresh from #48 back into its
   * saved in-flight state, using the KMCL-private {@code LibBuf}/{@code LibBufSize}.
   *
   * Returns (documented): S/e
   */
  public static NtStatus VmbPacketRestore(VMBPACKET PacketObject, ByteBuffer Buffer, int BufferSize) {
    requireNonNull("VmbPacketRestore", "PacketObject", PacketObject);
    requireNonNull("VmbPacketRestore", "Buffer", Buffer);
    if (!PacketObject.backend().VmbPacketGetChannel(PacketObject).isServerEndpoint()) {
      return NtStatus.STATUS_NOT_SUPPORTED;
    }
    requireBuffer("VmbPacketRestore", "Buffer", Buffer, BufferSize);
    return PacketObject.backend().VmbPacketRestore(PacketObject, Buffer, BufferSize);
  }

  /**
   * #62 {@code VmbChannelCreateGpadlFromBuffer}.
   *
   * C: NTSTATUS VmbChannelCreateGpadlFromBuffer(_In_ VMBCHANNEL Channel, _In_ UINT32 Flags,
   * _In_reads_bytes_(ByteCount) PVOID Buffer, _In_ UINT32 ByteCount, _Out_ PUINT32 GpadlHandle)
   *
   * Describes a client buffer as a GPADL. The buffer is probed and locked until teardown. Flags:
   * {@code VMBUS_CHANNEL_GPADL_FLAG_READ_ONLY} (0x1), a performance hint only; the docs call it
   * {@code VMBUS_CHANNEL_GPADL_READ_ONLY}. When the call returns, the peer has acknowledged and
   * the server may map. Delete with #67.
   *
   * Returns (documented): S/e
   */
  public static NtStatus VmbChannelCreateGpadlFromBuffer(VMBCHANNEL Channel, int Flags, ByteBuffer Buffer, int ByteCount, UInt32Ref GpadlHandle) {
    requireNonNull("VmbChannelCreateGpadlFromBuffer", "Channel", Channel);
    requireNonNull("VmbChannelCreateGpadlFromBuffer", "Buffer", Buffer);
    requireNonNull("VmbChannelCreateGpadlFromBuffer", "GpadlHandle", GpadlHandle);
    if (Channel.isServerEndpoint()) {
      return NtStatus.STATUS_NOT_SUPPORTED;
    }
    if ((Flags & ~VMBUS_CHANNEL_GPADL_FLAGS) != 0) {
      return NtStatus.STATUS_INVALID_PARAMETER_2;
    }
    if (ByteCount <= 0) {
      return NtStatus.STATUS_INVALID_PARAMETER_4;
    }
    requireBuffer("VmbChannelCreateGpadlFromBuffer", "Buffer", Buffer, ByteCount);
    return Channel.backend().VmbChannelCreateGpadlFromBuffer(Channel, Flags, Buffer, ByteCount, GpadlHandle);
  }

  /**
   * #63 {@code VmbChannelCreateGpadlFromMdl}.
   *
   * C: NTSTATUS VmbChannelCreateGpadlFromMdl(_In_ VMBCHANNEL Channel, _In_ UINT32 Flags, _In_
   * PMDL Mdl, _In_ UINT32 StartOffsetWithinMdl, _In_ UINT32 DataLengthWithinMdl, _Out_ PUINT32
   * GpadlHandle)
   *
   * Same as #62, over an MDL chain linked through {@code Next}, starting at a byte offset.
   * {@code DataLengthWithinMdl} 0 means to the end.
   *
   * Returns (documented): S/e
   */
  public static NtStatus VmbChannelCreateGpadlFromMdl(VMBCHANNEL Channel, int Flags, Mdl Mdl, int StartOffsetWithinMdl, int DataLengthWithinMdl, UInt32Ref GpadlHandle) {
    requireNonNull("VmbChannelCreateGpadlFromMdl", "Channel", Channel);
    requireNonNull("VmbChannelCreateGpadlFromMdl", "Mdl", Mdl);
    requireNonNull("VmbChannelCreateGpadlFromMdl", "GpadlHandle", GpadlHandle);
    if (Channel.isServerEndpoint()) {
      return NtStatus.STATUS_NOT_SUPPORTED;
    }
    if ((Flags & ~VMBUS_CHANNEL_GPADL_FLAGS) != 0) {
      return NtStatus.STATUS_INVALID_PARAMETER_2;
    }
    long chain = Mdl.chainByteCount();
    if (StartOffsetWithinMdl < 0 || StartOffsetWithinMdl >= chain) {
      return NtStatus.STATUS_INVALID_PARAMETER_4;
    }
    if (DataLengthWithinMdl < 0 || (long) StartOffsetWithinMdl + DataLengthWithinMdl > chain) {
      return NtStatus.STATUS_INVALID_PARAMETER_5;
    }
    return Channel.backend().VmbChannelCreateGpadlFromMdl(Channel, Flags, Mdl, StartOffsetWithinMdl, DataLengthWithinMdl, GpadlHandle);
  }

  /**
   * #64 {@code VmbChannelCreateGpadlFromPfnList}.
   *
   * C: NTSTATUS VmbChannelCreateGpadlFromPfnList(_In_ VMBCHANNEL Channel, _In_ UINT32 Flags,
   * _In_reads_(PfnListCount) PPFN_NUMBER PfnList, _In_ UINT32 PfnListCount, _Out_ PUINT32
   * GpadlHandle)
   *
   * Same as #62, over a contiguous array of PFNs for pages already probed and locked.
   *
   * Returns (documented): NTSTATUS (codes undocumented)
   */
  public static NtStatus VmbChannelCreateGpadlFromPfnList(VMBCHANNEL Channel, int Flags, long[] PfnList, int PfnListCount, UInt32Ref GpadlHandle) {
    requireNonNull("VmbChannelCreateGpadlFromPfnList", "Channel", Channel);
    requireNonNull("VmbChannelCreateGpadlFromPfnList", "PfnList", PfnList);
    requireNonNull("VmbChannelCreateGpadlFromPfnList", "GpadlHandle", GpadlHandle);
    if (Channel.isServerEndpoint()) {
      return NtStatus.STATUS_NOT_SUPPORTED;
    }
    if ((Flags & ~VMBUS_CHANNEL_GPADL_FLAGS) != 0) {
      return NtStatus.STATUS_INVALID_PARAMETER_2;
    }
    if (PfnListCount <= 0 || PfnListCount > PfnList.length) {
      return NtStatus.STATUS_INVALID_PARAMETER_4;
    }
    return Channel.backend().VmbChannelCreateGpadlFromPfnList(Channel, Flags, PfnList, PfnListCount, GpadlHandle);
  }

  /**
   * #65 {@code VmbChannelCreateGpadl}.
   *
   * C: NTSTATUS VmbChannelCreateGpadl(_In_ VMBCHANNEL Channel, _In_ UINT32 Flags, _In_ UINT32
   * PageCount, _Out_ PUINT32 GpadlHandle)
   *
   * KMCL allocates a {@code PageCount}-page buffer and creates a GPADL over it. Get its VA with
   * #66. In no interface table, so only direct linking reaches it.
   *
   * Returns (documented): NTSTATUS (codes undocumented)
   */
  public static NtStatus VmbChannelCreateGpadl(VMBCHANNEL Channel, int Flags, int PageCount, UInt32Ref GpadlHandle) {
    requireNonNull("VmbChannelCreateGpadl", "Channel", Channel);
    requireNonNull("VmbChannelCreateGpadl", "GpadlHandle", GpadlHandle);
    if (Channel.isServerEndpoint()) {
      return NtStatus.STATUS_NOT_SUPPORTED;
    }
    if ((Flags & ~VMBUS_CHANNEL_GPADL_FLAGS) != 0) {
      return NtStatus.STATUS_INVALID_PARAMETER_2;
    }
    if (PageCount <= 0) {
      return NtStatus.STATUS_INVALID_PARAMETER_3;
    }
    return Channel.backend().VmbChannelCreateGpadl(Channel, Flags, PageCount, GpadlHandle);
  }

  /**
   * #66 {@code VmbChannelGetSystemAddressForGpadl}.
   *
   * C: NTSTATUS VmbChannelGetSystemAddressForGpadl(_In_ VMBCHANNEL Channel, _In_ UINT32 Flags,
   * _In_ UINT32 GpadlHandle, _Out_ PVOID* SystemAddress)
   *
   * System VA of a GPADL buffer made by #65, mapped first if needed. {@code Flags} is unused. In
   * no interface table.
   *
   * Returns (documented): NTSTATUS (codes undocumented)
   */
  public static NtStatus VmbChannelGetSystemAddressForGpadl(VMBCHANNEL Channel, int Flags, int GpadlHandle, Ref<ByteBuffer> SystemAddress) {
    requireNonNull("VmbChannelGetSystemAddressForGpadl", "Channel", Channel);
    requireNonNull("VmbChannelGetSystemAddressForGpadl", "SystemAddress", SystemAddress);
    if (Channel.isServerEndpoint()) {
      return NtStatus.STATUS_NOT_SUPPORTED;
    }
    return Channel.backend().VmbChannelGetSystemAddressForGpadl(Channel, Flags, GpadlHandle, SystemAddress);
  }

  /**
   * #67 {@code VmbChannelDeleteGpadl}.
   *
   * C: VOID VmbChannelDeleteGpadl(_In_ VMBCHANNEL Channel, _In_ UINT32 GpadlHandle)
   *
   * Tears down a GPADL made by #62–#65. Blocks while the server still has it mapped. Must run no
   * later than {@code EvtChannelClosed}.
   *
   * Returns (documented): —
   */
  public static void VmbChannelDeleteGpadl(VMBCHANNEL Channel, int GpadlHandle) {
    requireNonNull("VmbChannelDeleteGpadl", "Channel", Channel);
    Channel.backend().VmbChannelDeleteGpadl(Channel, GpadlHandle);
  }

  /**
   * #68 {@code VmbChannelMapGpadl}.
   *
   * C: NTSTATUS VmbChannelMapGpadl(_In_ VMBCHANNEL Channel, _In_ UINT32 Flags, _In_ UINT32
   * GpadlHandle, _Out_ PMDL *Mdl)
   *
   * Maps a client GPADL into server physical address space and returns an MDL with no VA. One
   * mapping per GPADL at a time; pair each map with #69. Without {@code
   * VMBUS_CHANNEL_GPADL_FLAG_READ_ONLY} the map asks for write access, which fails on a
   * read-only GPADL. The flag does not stop the server from writing.
   *
   * Returns (documented): S/e
   */
  public static NtStatus VmbChannelMapGpadl(VMBCHANNEL Channel, int Flags, int GpadlHandle, Ref<Mdl> Mdl) {
    requireNonNull("VmbChannelMapGpadl", "Channel", Channel);
    requireNonNull("VmbChannelMapGpadl", "Mdl", Mdl);
    if (!Channel.isServerEndpoint()) {
      return NtStatus.STATUS_NOT_SUPPORTED;
    }
    if ((Flags & ~VMBUS_CHANNEL_GPADL_FLAGS) != 0) {
      return NtStatus.STATUS_INVALID_PARAMETER_2;
    }
    return Channel.backend().VmbChannelMapGpadl(Channel, Flags, GpadlHandle, Mdl);
  }

  /**
   * #69 {@code VmbChannelUnmapGpadl}.
   *
   * C: VOID VmbChannelUnmapGpadl(_In_ VMBCHANNEL Channel, _In_ UINT32 GpadlHandle)
   *
   * Reverses #68. The server must have stopped using the buffer.
   *
   * Returns (documented): —
   */
  public static void VmbChannelUnmapGpadl(VMBCHANNEL Channel, int GpadlHandle) {
    requireNonNull("VmbChannelUnmapGpadl", "Channel", Channel);
    if (!Channel.isServerEndpoint()) {
      throw new IllegalStateException("VmbChannelUnmapGpadl: server endpoint only, " + Channel + " is a client endpoint");
    }
    Channel.backend().VmbChannelUnmapGpadl(Channel, GpadlHandle);
  }

  /**
   * #70 {@code VmbChannelAllocateBounceBuffer}.
   *
   * C: NTSTATUS VmbChannelAllocateBounceBuffer(_In_ VMBCHANNEL Channel, _In_ UINT32 BufferSize)
   *
   * Allocates a bounce buffer that replaces per-packet MDLs, for isolated or blind VMs. The size
   * must be a multiple of PAGE_SIZE.
   *
   * Returns (documented): STATUS_SUCCESS; STATUS_NOT_SUPPORTED (server channel);
   * STATUS_INSUFFICIENT_RESOURCES; STATUS_INVALID_PARAMETER (size)
   */
  public static NtStatus VmbChannelAllocateBounceBuffer(VMBCHANNEL Channel, int BufferSize) {
    requireNonNull("VmbChannelAllocateBounceBuffer", "Channel", Channel);
    if (Channel.isServerEndpoint()) {
      return NtStatus.STATUS_NOT_SUPPORTED;
    }
    if (BufferSize <= 0 || BufferSize % PAGE_SIZE != 0) {
      return NtStatus.STATUS_INVALID_PARAMETER;
    }
    return Channel.backend().VmbChannelAllocateBounceBuffer(Channel, BufferSize);
  }

  /**
   * #71 {@code VmbChannelSaveBegin}.
   *
   * C: _Must_inspect_result_ NTSTATUS VmbChannelSaveBegin(_In_ VMBCHANNEL Channel)
   *
   * Sets up a save context. Follow it with #72, repeated, then #73.
   *
   * Returns (documented): S/e
   */
  public static NtStatus VmbChannelSaveBegin(VMBCHANNEL Channel) {
    requireNonNull("VmbChannelSaveBegin", "Channel", Channel);
    if (!Channel.isServerEndpoint()) {
      return NtStatus.STATUS_NOT_SUPPORTED;
    }
    return Channel.backend().VmbChannelSaveBegin(Channel);
  }

  /**
   * #72 {@code VmbChannelSaveContinue}.
   *
   * C: _Must_inspect_result_ NTSTATUS VmbChannelSaveContinue(_In_ VMBCHANNEL Channel,
   * _Out_writes_bytes_to_(SaveBufferSize, *BytesFilled) PVOID SaveBuffer, _In_ ULONG
   * SaveBufferSize, _Out_ PULONG BytesFilled, _Out_ PULONG BytesRequired)
   *
   * Writes the next chunks of channel state and can resume where it stopped. The per-packet save
   * callbacks run from here.
   *
   * Returns (documented): STATUS_SUCCESS (all saved); STATUS_BUFFER_TOO_SMALL (no progress;
   * {@code *BytesRequired} = size needed); STATUS_BUFFER_OVERFLOW (partial; call again). The
   * docs misspell it "STATUS_STATUS_BUFFER_OVERFLOW".
   */
  public static NtStatus VmbChannelSaveContinue(VMBCHANNEL Channel, ByteBuffer SaveBuffer, int SaveBufferSize, UInt32Ref BytesFilled, UInt32Ref BytesRequired) {
    requireNonNull("VmbChannelSaveContinue", "Channel", Channel);
    requireNonNull("VmbChannelSaveContinue", "SaveBuffer", SaveBuffer);
    requireNonNull("VmbChannelSaveContinue", "BytesFilled", BytesFilled);
    requireNonNull("VmbChannelSaveContinue", "BytesRequired", BytesRequired);
    if (!Channel.isServerEndpoint()) {
      return NtStatus.STATUS_NOT_SUPPORTED;
    }
    requireBuffer("VmbChannelSaveContinue", "SaveBuffer", SaveBuffer, SaveBufferSize);
    return Channel.backend().VmbChannelSaveContinue(Channel, SaveBuffer, SaveBufferSize, BytesFilled, BytesRequired);
  }

  /**
   * #73 {@code VmbChannelSaveEnd}.
   *
   * C: VOID VmbChannelSaveEnd(_In_ VMBCHANNEL Channel)
   *
   * Releases the save context.
   *
   * Returns (documented): —
   */
  public static void VmbChannelSaveEnd(VMBCHANNEL Channel) {
    requireNonNull("VmbChannelSaveEnd", "Channel", Channel);
    if (!Channel.isServerEndpoint()) {
      throw new IllegalStateException("VmbChannelSaveEnd: server endpoint only, " + Channel + " is a client endpoint");
    }
    Channel.backend().VmbChannelSaveEnd(Channel);
  }

  /**
   * #74 {@code VmbChannelRestoreFromBuffer}.
   *
   * C: _Must_inspect_result_ NTSTATUS VmbChannelRestoreFromBuffer(_In_ VMBCHANNEL Channel,
   * _In_reads_bytes_(BufferSize) PVOID Buffer, _In_ ULONG BufferSize)
   *
   * Restores channel state. Each buffer must contain whole chunks as produced by #72. Runs the
   * per-packet restore callbacks for in-flight packets.
   *
   * Returns (documented): STATUS_SUCCESS; STATUS_MORE_PROCESSING_REQUIRED (this chunk restored,
   * more chunks follow); any other status with NT_SUCCESS FALSE = failure
   */
  public static NtStatus VmbChannelRestoreFromBuffer(VMBCHANNEL Channel, ByteBuffer Buffer, int BufferSize) {
    requireNonNull("VmbChannelRestoreFromBuffer", "Channel", Channel);
    requireNonNull("VmbChannelRestoreFromBuffer", "Buffer", Buffer);
    if (!Channel.isServerEndpoint()) {
      return NtStatus.STATUS_NOT_SUPPORTED;
    }
    requireBuffer("VmbChannelRestoreFromBuffer", "Buffer", Buffer, BufferSize);
    return Channel.backend().VmbChannelRestoreFromBuffer(Channel, Buffer, BufferSize);
  }
}
