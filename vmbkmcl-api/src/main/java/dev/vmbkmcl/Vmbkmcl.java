package dev.vmbkmcl;

import static dev.vmbkmcl.FacadeChecks.above;
import static dev.vmbkmcl.FacadeChecks.bufferHolds;
import static dev.vmbkmcl.FacadeChecks.clientInitSettable;
import static dev.vmbkmcl.FacadeChecks.initSettable;
import static dev.vmbkmcl.FacadeChecks.pageMultiple;
import static dev.vmbkmcl.FacadeChecks.sendFlagsValid;
import static dev.vmbkmcl.FacadeChecks.serverInitSettable;
import static dev.vmbkmcl.FacadeChecks.waitsForCompletion;
import static dev.vmbkmcl.NtStatus.STATUS_INVALID_PARAMETER;
import static dev.vmbkmcl.NtStatus.STATUS_INVALID_PARAMETER_1;
import static dev.vmbkmcl.NtStatus.STATUS_INVALID_PARAMETER_2;
import static dev.vmbkmcl.NtStatus.STATUS_INVALID_PARAMETER_3;
import static dev.vmbkmcl.NtStatus.STATUS_INVALID_PARAMETER_4;
import static dev.vmbkmcl.NtStatus.STATUS_INVALID_PARAMETER_5;
import static dev.vmbkmcl.NtStatus.STATUS_INVALID_PARAMETER_6;
import static dev.vmbkmcl.NtStatus.STATUS_INVALID_PARAMETER_7;
import static dev.vmbkmcl.NtStatus.STATUS_INVALID_PARAMETER_8;
import static dev.vmbkmcl.NtStatus.STATUS_NOT_SUPPORTED;
import static dev.vmbkmcl.NtStatus.STATUS_SUCCESS;
import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The KMCL functions of {@code VmbusKernelModeClientLibApi.h}: all 74 (kmcl-api.md §2), the two
 * {@code FORCEINLINE} helpers, {@code NT_SUCCESS}, and the flag and interface constants of {@link
 * KmclConstants}, under their C names and in their C parameter order, so that after {@code import
 * static dev.vmbkmcl.Vmbkmcl.*;} ported driver code reads as it did in C. Status constants live in
 * {@link NtStatus}; import them by name ({@code import static
 * dev.vmbkmcl.NtStatus.STATUS_SUCCESS;}), because importing {@code NtStatus.*} as well would make
 * {@code NT_SUCCESS} ambiguous.
 *
 * <h2>What the facade does</h2>
 *
 * <p>Every function checks its arguments here, once for every backend, and then calls the backend
 * that owns the handle ({@link VMBCHANNEL}, {@link VMBPACKET}, {@link VMBPACKETCOMPLETION} or
 * {@link DeviceObject}). A call that is rejected never reaches the backend. Two functions need no
 * backend: {@link #VmbSizeofChannel()} and {@link #VmbConvertVmbusHandleToKernelHandle}.
 *
 * <h2>Conventions (decisions)</h2>
 *
 * <ul>
 *   <li><b>Order of checks.</b> Java misuse first, then the documented statuses in parameter order.
 *   <li><b>Java misuse throws.</b> A null where C has {@code _In_} or {@code _Out_} (a handle, a
 *       structure, a buffer, an out-parameter holder) throws {@link NullPointerException} with a
 *       message naming the function and the parameter ("VmbPacketSend: PacketObject is null"). A
 *       size larger than its buffer holds throws {@link IllegalArgumentException} naming the
 *       function, both parameters and both numbers. These are programming errors that C would turn
 *       into a crash, not conditions a driver can handle.
 *   <li><b>Buffers.</b> A {@code PVOID Buffer, UINT32 BufferLength} pair is a {@link ByteBuffer}
 *       and an {@code int}: the bytes {@code [position, position + BufferLength)}. The buffer's
 *       position and limit are never modified, and {@code BufferLength} must not exceed {@link
 *       ByteBuffer#remaining()}. Heap and direct buffers are both accepted.
 *   <li><b>Unsigned values.</b> {@code UINT32} / {@code ULONG} parameters are Java {@code int}s
 *       read as unsigned, so -1 is 4294967295 and fails an upper bound rather than a lower one.
 *       Narrower C types ({@code UINT16}, {@code UINT8}) fail their documented parameter status
 *       when the {@code int} is outside their range.
 *   <li><b>Backends.</b> A call whose handles belong to two different backends is rejected: the
 *       only KMCL function taking two handles, {@link #VmbChannelInitSetPrimaryChannel}, returns
 *       its documented "bad primary" status {@code STATUS_INVALID_PARAMETER_2} for it.
 *   <li><b>Endpoint roles.</b> A function documented for one endpoint returns {@code
 *       STATUS_NOT_SUPPORTED} on the other when it returns an {@code NTSTATUS}, {@code
 *       STATUS_INVALID_PARAMETER_1} when it is an {@code InitSet*} call (the header's "invalid
 *       channel"), and throws {@link IllegalStateException} when it returns {@code VOID}.
 *   <li><b>Threads instead of IRQL</b> (kmcl-api.md §5 item 36). Functions that C runs at
 *       PASSIVE_LEVEL and that may wait (Enable, Disable, Pause, Start, the synchronous request
 *       with a timeout other than 0, GPADL creation, mapping and deletion, save and restore) may
 *       block the calling thread. The data-path functions (packet allocation, sends, completions,
 *       the pointer accessors) never block the caller beyond a short lock and may be called from
 *       any callback. Callbacks run on backend threads, as each {@code EVT_*} type documents.
 * </ul>
 */
@SuppressWarnings({"MethodName", "ParameterName"}) // the C names, so ported code reads like C
public final class Vmbkmcl implements KmclConstants {
  /** {@code PAGE_SIZE} (wdm.h): 4096 bytes, the unit of ring, GPADL and bounce-buffer sizes. */
  public static final int PAGE_SIZE = dev.vmbkmcl.ring.HvPage.SIZE;

  /** What {@link #VmbSizeofChannel()} reports: one page. */
  private static final int SIZEOF_CHANNEL = PAGE_SIZE;

  private Vmbkmcl() {}

  // ---- SDK extras ------------------------------------------------------------------------------

  /**
   * {@code NT_SUCCESS(Status)}: true for success and informational codes, false for warnings and
   * errors (kmcl-api.md §4.5). Re-exported from {@link NtStatus#NT_SUCCESS} so that one static
   * import brings it in with the functions.
   *
   * <p>Decision (kmcl-api.md §5 item 23): the macro is reproduced exactly, traps included: {@code
   * STATUS_PENDING} passes although {@link #VmbChannelPacketGetExternalData} returned no MDL, and
   * {@code STATUS_BUFFER_OVERFLOW} / {@code STATUS_MORE_PROCESSING_REQUIRED} fail although the save
   * and restore loops treat them as progress. Compare with the constants in those loops.
   *
   * @param Status the status to test
   * @return {@code (LONG) Status >= 0}
   */
  public static boolean NT_SUCCESS(NtStatus Status) {
    return NtStatus.NT_SUCCESS(Status);
  }

  /**
   * An SDK extra, not a KMCL function: the device object of the backend chosen by configuration,
   * for ported code whose C original passed its WDF device to {@link #VmbChannelAllocate}.
   *
   * <p>The backend is found with {@link java.util.ServiceLoader} ({@link
   * dev.vmbkmcl.KmclBackendProvider}): the one named by the system property {@code
   * vmbkmcl.backend} (for example {@code sim} or {@code hyperv}), else the one with the highest
   * priority. It is created on the first call and shared afterwards.
   *
   * @return the configured backend's default device object
   * @throws IllegalStateException when no backend, or not the named one, is on the class path (the
   *     message lists the available backends and the Maven artifact to add), or when the backend
   *     cannot run on this machine
   */
  public static DeviceObject VmbDefaultDeviceObject() {
    return KmclBackends.configured().defaultDevice();
  }

  /**
   * Fills a KMCL interface table, modelled on {@code NTSTATUS WdfFdoQueryForInterface(WDFDEVICE
   * Fdo, LPCGUID InterfaceType, PINTERFACE Interface, USHORT Size, USHORT Version, PVOID
   * InterfaceSpecificData)} as kmcl-api.md §1.10 uses it. An SDK extra: C drivers get the tables
   * from the bus driver through WDF.
   *
   * <p>{@code Interface} must be the table type of the requested version ({@link
   * dev.vmbkmcl.interfaces.KMCL_CLIENT_INTERFACE_V1} … {@code _V5}, {@link
   * dev.vmbkmcl.interfaces.KMCL_SERVER_INTERFACE_V1} or {@code _V5}) and {@code Size} its {@code
   * SIZEOF}. On success the header gets {@code Size}, {@code Version}, {@code Context = Device},
   * and reference members that do nothing (see {@link INTERFACE}).
   *
   * <p>Decision (kmcl-api.md §5 items 1 and 2): every function is reachable through {@code
   * Vmbkmcl} directly (the direct-link model) and through the tables; a table has exactly the
   * members of its version, so a driver that queried V1 cannot call a V5 function through it. Any
   * client version 1 to 5 and server versions 1 and 5 can be queried. A version that does not
   * exist (server 2 to 4, which never shipped, or any other number) is {@code
   * STATUS_NOT_SUPPORTED}, as a provider lacking the version would answer; a size or table object that does not match the
   * version is {@code STATUS_INVALID_PARAMETER}. {@code VmbChannelCreateGpadl} and {@code
   * VmbChannelGetSystemAddressForGpadl} are in no table, as in C.
   *
   * @param Device the device the interface is queried from; becomes the header's {@code Context}
   * @param InterfaceType {@code KMCL_CLIENT_INTERFACE_TYPE} or {@code KMCL_SERVER_INTERFACE_TYPE}
   * @param Interface the table to fill
   * @param Size the table's {@code SIZEOF}
   * @param Version the requested version
   * @return {@code STATUS_SUCCESS}; {@code STATUS_NOT_SUPPORTED} for an unknown interface type or
   *     version; {@code STATUS_INVALID_PARAMETER} when the size or table type does not match
   */
  public static NtStatus KmclQueryInterface(DeviceObject Device, UUID InterfaceType,
      INTERFACE Interface, int Size, int Version) {
    requireNonNull(Device, "KmclQueryInterface: Device is null");
    requireNonNull(InterfaceType, "KmclQueryInterface: InterfaceType is null");
    requireNonNull(Interface, "KmclQueryInterface: Interface is null");
    return InterfaceQuery.query(Device, InterfaceType, Interface, Size, Version);
  }

  // ---- 2.J inline helpers ----------------------------------------------------------------------

  /**
   * i1 {@code FORCEINLINE VOID VMB_CHANNEL_STATE_CHANGE_CALLBACKS_INIT(_Out_
   * PVMB_CHANNEL_STATE_CHANGE_CALLBACKS Callbacks)} (kmcl-api.md §2.J): zeroes the structure, then
   * sets {@code Version = 1} and {@code Size = 48}.
   *
   * @param Callbacks the structure to initialise
   */
  public static void VMB_CHANNEL_STATE_CHANGE_CALLBACKS_INIT(
      VMB_CHANNEL_STATE_CHANGE_CALLBACKS Callbacks) {
    requireNonNull(Callbacks, "VMB_CHANNEL_STATE_CHANGE_CALLBACKS_INIT: Callbacks is null");
    Callbacks.EvtChannelOpened = null;
    Callbacks.EvtChannelClosed = null;
    Callbacks.EvtChannelSuspend = null;
    Callbacks.EvtChannelStarted = null;
    Callbacks.EvtChannelPostStarted = null;
    Callbacks.Version = 1;
    Callbacks.Size = VMB_CHANNEL_STATE_CHANGE_CALLBACKS.SIZEOF;
  }

  /**
   * i2 {@code FORCEINLINE VOID VMB_CHANNEL_STATE_CHANGE_CALLBACKS_INIT_V5(_Out_
   * PVMB_CHANNEL_STATE_CHANGE_CALLBACKS_V5 Callbacks)} (kmcl-api.md §2.J): zeroes the structure,
   * context included, then sets {@code Version = 5} and {@code Size = 56}.
   *
   * @param Callbacks the structure to initialise
   */
  public static void VMB_CHANNEL_STATE_CHANGE_CALLBACKS_INIT_V5(
      VMB_CHANNEL_STATE_CHANGE_CALLBACKS_V5 Callbacks) {
    requireNonNull(Callbacks, "VMB_CHANNEL_STATE_CHANGE_CALLBACKS_INIT_V5: Callbacks is null");
    Callbacks.CallbackContext = null;
    Callbacks.EvtChannelOpenedEx = null;
    Callbacks.EvtChannelClosedEx = null;
    Callbacks.EvtChannelSuspendEx = null;
    Callbacks.EvtChannelStartedEx = null;
    Callbacks.EvtChannelPostStartedEx = null;
    Callbacks.Version = 5;
    Callbacks.Size = VMB_CHANNEL_STATE_CHANGE_CALLBACKS_V5.SIZEOF;
  }

  // ---- 2.A channel object lifetime and state ---------------------------------------------------

  /**
   * #1 {@code _IRQL_requires_(PASSIVE_LEVEL) NTSTATUS VmbChannelAllocate(_In_ PDEVICE_OBJECT
   * ParentDeviceObject, _In_ BOOLEAN IsServer, _Out_ VMBCHANNEL *Channel)}: creates a channel with
   * default parameters and callbacks, in the Disabled state, served by the device's backend.
   * Configure it with the {@code InitSet*} calls, enable it with {@link #VmbChannelEnable}, destroy
   * it with {@link #VmbChannelCleanup}.
   *
   * <p>Decision (kmcl-api.md §5 item 35): a client channel whose target is not set with {@link
   * #VmbClientChannelInitSetTargetPnp} binds to the offer its backend associates with {@code
   * ParentDeviceObject}.
   *
   * @param ParentDeviceObject the device the channel belongs to; it selects the backend
   * @param IsServer {@code TRUE} for a server endpoint (VSP), {@code FALSE} for a client (VSC)
   * @param Channel receives the new channel
   * @return {@code STATUS_SUCCESS} or the backend's failure status
   */
  public static NtStatus VmbChannelAllocate(DeviceObject ParentDeviceObject, boolean IsServer,
      Ref<VMBCHANNEL> Channel) {
    requireNonNull(ParentDeviceObject, "VmbChannelAllocate: ParentDeviceObject is null");
    requireNonNull(Channel, "VmbChannelAllocate: Channel is null");
    return ParentDeviceObject.backend().VmbChannelAllocate(ParentDeviceObject, IsServer, Channel);
  }

  /**
   * #2 {@code NTSTATUS VmbChannelInitialize(_In_ PDEVICE_OBJECT ParentDeviceObject, _In_ BOOLEAN
   * IsServer, _Out_writes_bytes_(BufferSize) VMBCHANNEL Channel, _In_ ULONG BufferSize)} (V5): as
   * {@link #VmbChannelAllocate}, in storage the caller provides; {@link #VmbChannelCleanup} then
   * tears the channel down without freeing it. Java needs no caller storage, so only the size is
   * checked, keeping C-style size checks meaningful.
   *
   * @param ParentDeviceObject the device the channel belongs to; it selects the backend
   * @param IsServer {@code TRUE} for a server endpoint, {@code FALSE} for a client
   * @param Channel receives the new channel
   * @param BufferSize the caller's storage size, at least {@link #VmbSizeofChannel()}
   * @return {@code STATUS_SUCCESS}; {@code STATUS_INVALID_PARAMETER_4} when {@code BufferSize} is
   *     below {@link #VmbSizeofChannel()}; or the backend's failure status
   */
  public static NtStatus VmbChannelInitialize(DeviceObject ParentDeviceObject, boolean IsServer,
      Ref<VMBCHANNEL> Channel, int BufferSize) {
    requireNonNull(ParentDeviceObject, "VmbChannelInitialize: ParentDeviceObject is null");
    requireNonNull(Channel, "VmbChannelInitialize: Channel is null");
    if (Integer.compareUnsigned(BufferSize, SIZEOF_CHANNEL) < 0) {
      return STATUS_INVALID_PARAMETER_4;
    }
    return ParentDeviceObject.backend()
        .VmbChannelInitialize(ParentDeviceObject, IsServer, Channel, BufferSize);
  }

  /**
   * #3 {@code ULONG VmbSizeofChannel(VOID)} (V5): the storage {@link #VmbChannelInitialize} needs.
   * Java needs none, so this is a constant 4096; it keeps ported size checks and allocations
   * meaningful.
   *
   * @return 4096
   */
  public static int VmbSizeofChannel() {
    return SIZEOF_CHANNEL;
  }

  /**
   * #4 {@code VOID VmbChannelCleanup(_In_ VMBCHANNEL Channel)}: destroys a channel made by {@link
   * #VmbChannelAllocate} or {@link #VmbChannelInitialize}. The channel must already be Disabled;
   * the backend, which knows the state, throws {@link IllegalStateException} otherwise.
   *
   * @param Channel the channel
   */
  public static void VmbChannelCleanup(VMBCHANNEL Channel) {
    requireNonNull(Channel, "VmbChannelCleanup: Channel is null");
    Channel.backend().VmbChannelCleanup(Channel);
  }

  /**
   * #5 {@code _Must_inspect_result_ NTSTATUS VmbChannelEnable(_In_ VMBCHANNEL Channel)}: Disabled →
   * Enabled. A server publishes its offer; a client opens an existing offer or waits for one, and
   * becomes active. Returns without waiting for the peer; {@code EvtChannelOpened} reports the
   * opening later.
   *
   * <p>Decision (kmcl-api.md §5 item 6): when {@code EvtChannelOpened} fails, the backend drops the
   * connection and the channel stays Enabled, with no traffic, until it is disabled.
   *
   * @param Channel the channel
   * @return {@code STATUS_SUCCESS} or the backend's failure status (for example {@code
   *     STATUS_INVALID_DEVICE_STATE} when the channel is not Disabled)
   */
  public static NtStatus VmbChannelEnable(VMBCHANNEL Channel) {
    requireNonNull(Channel, "VmbChannelEnable: Channel is null");
    return Channel.backend().VmbChannelEnable(Channel);
  }

  /**
   * #6 {@code VOID VmbChannelDisable(_In_ VMBCHANNEL Channel)}: a client closes the channel, a
   * server rescinds its offer. Blocks until the channel is paused and closed; runs {@code
   * EvtChannelSuspend} (if the channel was running) and then {@code EvtChannelClosed}.
   *
   * <p>Decision (kmcl-api.md §5 items 5 and 8): Suspend runs at both endpoints whenever a running
   * channel stops, then Closed; calling this from inside a state-change callback throws {@link
   * IllegalStateException} in the backend, because it would wait for that callback.
   *
   * @param Channel the channel
   */
  public static void VmbChannelDisable(VMBCHANNEL Channel) {
    requireNonNull(Channel, "VmbChannelDisable: Channel is null");
    Channel.backend().VmbChannelDisable(Channel);
  }

  /**
   * #7 {@code VOID VmbChannelStart(_In_ VMBCHANNEL Channel)}: paused → active. A server must call
   * it after {@link #VmbChannelEnable}; a client is made active by Enable.
   *
   * <p>Decision (kmcl-api.md §5 item 5): the state rules are the backend's, which knows the state;
   * a call from inside a state-change callback throws {@link IllegalStateException}.
   *
   * @param Channel the channel
   */
  public static void VmbChannelStart(VMBCHANNEL Channel) {
    requireNonNull(Channel, "VmbChannelStart: Channel is null");
    Channel.backend().VmbChannelStart(Channel);
  }

  /**
   * #8 {@code VOID VmbChannelPause(_In_ VMBCHANNEL Channel)}: active → paused. Blocks until {@code
   * EvtChannelSuspend} has run and no incoming packet is outstanding. On a Disabled channel it
   * arranges for the channel to come up paused.
   *
   * <p>Decision (kmcl-api.md §5 items 5 and 8): as for {@link #VmbChannelStart}, the backend owns
   * the state rules and refuses calls from inside state-change callbacks.
   *
   * @param Channel the channel
   */
  public static void VmbChannelPause(VMBCHANNEL Channel) {
    requireNonNull(Channel, "VmbChannelPause: Channel is null");
    Channel.backend().VmbChannelPause(Channel);
  }

  // ---- 2.B initialisation-time configuration, either endpoint ----------------------------------

  /**
   * #9 {@code NTSTATUS VmbChannelInitSetMaximumPacketSize(_In_ VMBCHANNEL Channel,
   * _In_range_(>,0) UINT32 PacketSize)}: the largest inline payload ever passed to a send; it
   * sizes the rings and bounds {@link #VmbPacketInitialize}.
   *
   * <p>Decision (kmcl-api.md §5 item 4, for every {@code InitSet*} call): legal only while the
   * channel is Disabled, otherwise {@code STATUS_INVALID_PARAMETER_1}. Decision (§5 item 18): a
   * size above the ring MTU {@code VMBUS_MAXIMUM_PACKET_SIZE} (524,280) can never be sent, so it is
   * rejected here.
   *
   * @param Channel the channel
   * @param PacketSize 1 to 524,280 bytes
   * @return {@code STATUS_SUCCESS}; {@code STATUS_INVALID_PARAMETER_1} (not Disabled); {@code
   *     STATUS_INVALID_PARAMETER_2} (0 or above the MTU)
   */
  public static NtStatus VmbChannelInitSetMaximumPacketSize(VMBCHANNEL Channel, int PacketSize) {
    requireNonNull(Channel, "VmbChannelInitSetMaximumPacketSize: Channel is null");
    if (!initSettable(Channel)) {
      return STATUS_INVALID_PARAMETER_1;
    }
    if (PacketSize == 0 || above(PacketSize, VMBUS_MAXIMUM_PACKET_SIZE)) {
      return STATUS_INVALID_PARAMETER_2;
    }
    return Channel.backend().VmbChannelInitSetMaximumPacketSize(Channel, PacketSize);
  }

  /**
   * #10 {@code NTSTATUS VmbChannelInitSetMaximumPacketCount(_In_ VMBCHANNEL Channel,
   * _In_range_(>,0) UINT32 PacketCount)} (V4): the most sent packets in flight at once.
   *
   * @param Channel the channel
   * @param PacketCount at least 1
   * @return {@code STATUS_SUCCESS}; {@code STATUS_INVALID_PARAMETER_1} (not Disabled); {@code
   *     STATUS_INVALID_PARAMETER_2} (0)
   */
  public static NtStatus VmbChannelInitSetMaximumPacketCount(VMBCHANNEL Channel, int PacketCount) {
    requireNonNull(Channel, "VmbChannelInitSetMaximumPacketCount: Channel is null");
    if (!initSettable(Channel)) {
      return STATUS_INVALID_PARAMETER_1;
    }
    if (PacketCount == 0) {
      return STATUS_INVALID_PARAMETER_2;
    }
    return Channel.backend().VmbChannelInitSetMaximumPacketCount(Channel, PacketCount);
  }

  /**
   * #11 {@code NTSTATUS VmbChannelInitSetMaximumExternalData(_In_ VMBCHANNEL Channel,
   * _In_range_(>,0) UINT32 DataSize, _In_range_(>,0) UINT32 ChainLength)}: the largest external
   * buffer and the longest MDL chain one packet carries, so the rings fit such packets.
   *
   * @param Channel the channel
   * @param DataSize bytes, at least 1
   * @param ChainLength MDL elements, at least 1
   * @return {@code STATUS_SUCCESS}; {@code STATUS_INVALID_PARAMETER_1} (not Disabled); {@code
   *     STATUS_INVALID_PARAMETER_2} ({@code DataSize} 0); {@code STATUS_INVALID_PARAMETER_3}
   *     ({@code ChainLength} 0)
   */
  public static NtStatus VmbChannelInitSetMaximumExternalData(VMBCHANNEL Channel, int DataSize,
      int ChainLength) {
    requireNonNull(Channel, "VmbChannelInitSetMaximumExternalData: Channel is null");
    if (!initSettable(Channel)) {
      return STATUS_INVALID_PARAMETER_1;
    }
    if (DataSize == 0) {
      return STATUS_INVALID_PARAMETER_2;
    }
    if (ChainLength == 0) {
      return STATUS_INVALID_PARAMETER_3;
    }
    return Channel.backend().VmbChannelInitSetMaximumExternalData(Channel, DataSize, ChainLength);
  }

  /**
   * #12 {@code NTSTATUS VmbChannelInitSetClientContextSize(_In_ VMBCHANNEL Channel, _In_ UINT32
   * ContextSize)}: reserves {@code ContextSize} driver bytes on every incoming packet, read with
   * {@link #VmbChannelPacketGetClientContext}.
   *
   * <p>Decision (kmcl-api.md §5 item 34): this is the incoming-packet area; the outgoing one is
   * {@link #VmbChannelInitSetInlinePacketContextSize}. Both are {@link ByteBuffer}s of exactly the
   * reserved size, so a size of 2^31 or more (a negative {@code int}), which no Java buffer can
   * hold, is {@code STATUS_INVALID_PARAMETER_2}.
   *
   * @param Channel the channel
   * @param ContextSize bytes per incoming packet (0 for none)
   * @return {@code STATUS_SUCCESS}; {@code STATUS_INVALID_PARAMETER_1} (not Disabled); {@code
   *     STATUS_INVALID_PARAMETER_2} (2^31 bytes or more)
   */
  public static NtStatus VmbChannelInitSetClientContextSize(VMBCHANNEL Channel, int ContextSize) {
    requireNonNull(Channel, "VmbChannelInitSetClientContextSize: Channel is null");
    if (!initSettable(Channel)) {
      return STATUS_INVALID_PARAMETER_1;
    }
    if (ContextSize < 0) {
      return STATUS_INVALID_PARAMETER_2;
    }
    return Channel.backend().VmbChannelInitSetClientContextSize(Channel, ContextSize);
  }

  /**
   * #13 {@code NTSTATUS VmbChannelInitSetInlinePacketContextSize(_In_ VMBCHANNEL Channel, _In_
   * UINT32 ContextSize)} (V5): reserves extra bytes on every outgoing packet, read with {@link
   * #VmbPacketGetInlinePacketContextPointer}.
   *
   * <p>Decision (kmcl-api.md §5 item 34): see {@link #VmbChannelInitSetClientContextSize}.
   *
   * @param Channel the channel
   * @param ContextSize bytes per outgoing packet (0 for none)
   * @return {@code STATUS_SUCCESS}; {@code STATUS_INVALID_PARAMETER_1} (not Disabled); {@code
   *     STATUS_INVALID_PARAMETER_2} (2^31 bytes or more)
   */
  public static NtStatus VmbChannelInitSetInlinePacketContextSize(VMBCHANNEL Channel,
      int ContextSize) {
    requireNonNull(Channel, "VmbChannelInitSetInlinePacketContextSize: Channel is null");
    if (!initSettable(Channel)) {
      return STATUS_INVALID_PARAMETER_1;
    }
    if (ContextSize < 0) {
      return STATUS_INVALID_PARAMETER_2;
    }
    return Channel.backend().VmbChannelInitSetInlinePacketContextSize(Channel, ContextSize);
  }

  /**
   * #14 {@code NTSTATUS VmbChannelInitSetBounceBufferSizes(_In_ VMBCHANNEL Channel, _In_ UINT32
   * InitialBufferSize, _In_ UINT32 BufferSizeIncrement, _In_ UINT32 MaximumBufferSize)} (V3): the
   * bounce buffer's initial size, growth step and maximum, for isolated guests. All are multiples
   * of PAGE_SIZE; 0 keeps the default step or maximum.
   *
   * <p>Decision: the initial size is always present, so 0 is invalid; a non-zero maximum below the
   * initial size could never hold the initial buffer, so it is {@code STATUS_INVALID_PARAMETER_4}.
   *
   * @param Channel the channel
   * @param InitialBufferSize a non-zero multiple of 4096
   * @param BufferSizeIncrement a multiple of 4096, 0 for the default
   * @param MaximumBufferSize a multiple of 4096 not below the initial size, 0 for the default
   * @return {@code STATUS_SUCCESS}; {@code STATUS_INVALID_PARAMETER_1} (not Disabled); {@code
   *     STATUS_INVALID_PARAMETER_2} (initial size); {@code STATUS_INVALID_PARAMETER_3} (increment);
   *     {@code STATUS_INVALID_PARAMETER_4} (maximum)
   */
  public static NtStatus VmbChannelInitSetBounceBufferSizes(VMBCHANNEL Channel,
      int InitialBufferSize, int BufferSizeIncrement, int MaximumBufferSize) {
    requireNonNull(Channel, "VmbChannelInitSetBounceBufferSizes: Channel is null");
    if (!initSettable(Channel)) {
      return STATUS_INVALID_PARAMETER_1;
    }
    if (InitialBufferSize == 0 || !pageMultiple(InitialBufferSize)) {
      return STATUS_INVALID_PARAMETER_2;
    }
    if (!pageMultiple(BufferSizeIncrement)) {
      return STATUS_INVALID_PARAMETER_3;
    }
    if (!pageMultiple(MaximumBufferSize) || (MaximumBufferSize != 0
        && Integer.compareUnsigned(MaximumBufferSize, InitialBufferSize) < 0)) {
      return STATUS_INVALID_PARAMETER_4;
    }
    return Channel.backend().VmbChannelInitSetBounceBufferSizes(Channel, InitialBufferSize,
        BufferSizeIncrement, MaximumBufferSize);
  }

  /**
   * #15 {@code NTSTATUS VmbChannelInitSetProcessPacketCallbacks(_In_ VMBCHANNEL Channel, _In_
   * PFN_VMB_CHANNEL_PROCESS_PACKET ProcessPacketCallback, _In_opt_
   * PFN_VMB_CHANNEL_PROCESSING_COMPLETE ProcessingCompleteCallback)}: registers the per-packet
   * callback and the optional end-of-batch callback. It and {@link
   * #VmbChannelInitSetProcessPacketCallbacksEx} exclude each other; the last registration wins.
   *
   * <p>Decision (kmcl-api.md §5 items 9 and 10): there is no way to suppress KMCL's queue
   * management, so the callbacks always matter. The batch callback runs when the incoming ring
   * goes empty or the transaction quota stops the queue, and counts every delivery of the batch,
   * redeliveries after a deferral included.
   *
   * @param Channel the channel
   * @param ProcessPacketCallback called once per incoming packet
   * @param ProcessingCompleteCallback called at the end of a batch, or null
   * @return {@code STATUS_SUCCESS}; {@code STATUS_INVALID_PARAMETER_1} (not Disabled)
   */
  public static NtStatus VmbChannelInitSetProcessPacketCallbacks(VMBCHANNEL Channel,
      EVT_VMB_CHANNEL_PROCESS_PACKET ProcessPacketCallback,
      @Nullable EVT_VMB_CHANNEL_PROCESSING_COMPLETE ProcessingCompleteCallback) {
    requireNonNull(Channel, "VmbChannelInitSetProcessPacketCallbacks: Channel is null");
    requireNonNull(ProcessPacketCallback,
        "VmbChannelInitSetProcessPacketCallbacks: ProcessPacketCallback is null");
    if (!initSettable(Channel)) {
      return STATUS_INVALID_PARAMETER_1;
    }
    return Channel.backend().VmbChannelInitSetProcessPacketCallbacks(Channel,
        ProcessPacketCallback, ProcessingCompleteCallback);
  }

  /**
   * #16 {@code NTSTATUS VmbChannelInitSetProcessPacketCallbacksEx(_In_ VMBCHANNEL Channel, _In_
   * PVOID CallbackContext, _In_ PFN_VMB_CHANNEL_PROCESS_PACKET_EX ProcessPacketCallbackEx, _In_opt_
   * PFN_VMB_CHANNEL_PROCESSING_COMPLETE_EX ProcessingCompleteCallbackEx)} (V5): as {@link
   * #VmbChannelInitSetProcessPacketCallbacks}, and {@code CallbackContext} is passed to both
   * callbacks. The last registration of either form wins.
   *
   * <p>Decision: a null {@code CallbackContext} is allowed (it is an opaque value the callbacks
   * get back); decisions of §5 items 9 and 10 as for #15.
   *
   * @param Channel the channel
   * @param CallbackContext passed to both callbacks
   * @param ProcessPacketCallbackEx called once per incoming packet
   * @param ProcessingCompleteCallbackEx called at the end of a batch, or null
   * @return {@code STATUS_SUCCESS}; {@code STATUS_INVALID_PARAMETER_1} (not Disabled)
   */
  public static NtStatus VmbChannelInitSetProcessPacketCallbacksEx(VMBCHANNEL Channel,
      @Nullable Object CallbackContext, EVT_VMB_CHANNEL_PROCESS_PACKET_EX ProcessPacketCallbackEx,
      @Nullable EVT_VMB_CHANNEL_PROCESSING_COMPLETE_EX ProcessingCompleteCallbackEx) {
    requireNonNull(Channel, "VmbChannelInitSetProcessPacketCallbacksEx: Channel is null");
    requireNonNull(ProcessPacketCallbackEx,
        "VmbChannelInitSetProcessPacketCallbacksEx: ProcessPacketCallbackEx is null");
    if (!initSettable(Channel)) {
      return STATUS_INVALID_PARAMETER_1;
    }
    return Channel.backend().VmbChannelInitSetProcessPacketCallbacksEx(Channel, CallbackContext,
        ProcessPacketCallbackEx, ProcessingCompleteCallbackEx);
  }

  /**
   * #17 {@code NTSTATUS VmbChannelInitSetStateChangeCallbacks(_In_ VMBCHANNEL Channel, _In_
   * PVMB_CHANNEL_STATE_CHANGE_CALLBACKS StateChangeCallbacks)}: registers the optional Opened,
   * Closed, Suspend, Started and PostStarted callbacks (null entries are allowed).
   *
   * <p>Decision (kmcl-api.md §5 item 11): the V5 structure is registered here too, as C passes it
   * with a cast, and {@code Version} / {@code Size} tell the two apart: {@link
   * VMB_CHANNEL_STATE_CHANGE_CALLBACKS} must say (1, 48) and {@link
   * VMB_CHANNEL_STATE_CHANGE_CALLBACKS_V5} (5, 56). Java cannot reinterpret one structure as the
   * other, so a structure whose class disagrees with its {@code Version} is rejected as well. The
   * last registration, legacy or V5, wins.
   *
   * @param Channel the channel
   * @param StateChangeCallbacks a structure set up by {@link
   *     #VMB_CHANNEL_STATE_CHANGE_CALLBACKS_INIT} or {@link
   *     #VMB_CHANNEL_STATE_CHANGE_CALLBACKS_INIT_V5}
   * @return {@code STATUS_SUCCESS}; {@code STATUS_INVALID_PARAMETER_1} (not Disabled); {@code
   *     STATUS_INVALID_PARAMETER_2} (wrong {@code Version} or {@code Size})
   */
  public static NtStatus VmbChannelInitSetStateChangeCallbacks(VMBCHANNEL Channel,
      StateChangeCallbacksHeader StateChangeCallbacks) {
    requireNonNull(Channel, "VmbChannelInitSetStateChangeCallbacks: Channel is null");
    requireNonNull(StateChangeCallbacks,
        "VmbChannelInitSetStateChangeCallbacks: StateChangeCallbacks is null");
    if (!initSettable(Channel)) {
      return STATUS_INVALID_PARAMETER_1;
    }
    boolean v1 = StateChangeCallbacks instanceof VMB_CHANNEL_STATE_CHANGE_CALLBACKS
        && StateChangeCallbacks.Version == 1
        && StateChangeCallbacks.Size == VMB_CHANNEL_STATE_CHANGE_CALLBACKS.SIZEOF;
    boolean v5 = StateChangeCallbacks instanceof VMB_CHANNEL_STATE_CHANGE_CALLBACKS_V5
        && StateChangeCallbacks.Version == 5
        && StateChangeCallbacks.Size == VMB_CHANNEL_STATE_CHANGE_CALLBACKS_V5.SIZEOF;
    if (!v1 && !v5) {
      return STATUS_INVALID_PARAMETER_2;
    }
    return Channel.backend().VmbChannelInitSetStateChangeCallbacks(Channel, StateChangeCallbacks);
  }

  /**
   * #18 {@code NTSTATUS VmbChannelInitSetFriendlyName(_In_ VMBCHANNEL Channel, _In_
   * PCUNICODE_STRING Name)}: a short descriptive name (Network, SCSI, SynthVideo …) for debugging
   * and performance-counter instances. It can be set once.
   *
   * <p>Decision (kmcl-api.md §5 item 33): an empty name is {@code STATUS_INVALID_PARAMETER_2} here;
   * a second name is {@code STATUS_INVALID_PARAMETER_2} from the backend, which knows whether one
   * is set (the 19041 header's rule).
   *
   * @param Channel the channel
   * @param Name a non-empty name
   * @return {@code STATUS_SUCCESS}; {@code STATUS_INVALID_PARAMETER_1} (not Disabled); {@code
   *     STATUS_INVALID_PARAMETER_2} (empty, or a name is already set)
   */
  public static NtStatus VmbChannelInitSetFriendlyName(VMBCHANNEL Channel, String Name) {
    requireNonNull(Channel, "VmbChannelInitSetFriendlyName: Channel is null");
    requireNonNull(Name, "VmbChannelInitSetFriendlyName: Name is null");
    if (!initSettable(Channel)) {
      return STATUS_INVALID_PARAMETER_1;
    }
    if (Name.isEmpty()) {
      return STATUS_INVALID_PARAMETER_2;
    }
    return Channel.backend().VmbChannelInitSetFriendlyName(Channel, Name);
  }

  /**
   * #19 {@code NTSTATUS VmbChannelInitSetFlags(_In_ VMBCHANNEL Channel, _In_ UINT32 Flags)}: flags
   * for both endpoints; only {@code VMBUS_CHANNEL_INIT_FLAG_IS_PIPE} (pipe mode) exists.
   *
   * @param Channel the channel
   * @param Flags bits of {@code VMBUS_CHANNEL_INIT_FLAGS} (0x1)
   * @return {@code STATUS_SUCCESS}; {@code STATUS_INVALID_PARAMETER_1} (not Disabled); {@code
   *     STATUS_INVALID_PARAMETER_2} (a bit outside the mask)
   */
  public static NtStatus VmbChannelInitSetFlags(VMBCHANNEL Channel, int Flags) {
    requireNonNull(Channel, "VmbChannelInitSetFlags: Channel is null");
    if (!initSettable(Channel)) {
      return STATUS_INVALID_PARAMETER_1;
    }
    if ((Flags & ~VMBUS_CHANNEL_INIT_FLAGS) != 0) {
      return STATUS_INVALID_PARAMETER_2;
    }
    return Channel.backend().VmbChannelInitSetFlags(Channel, Flags);
  }

  /**
   * #20 {@code NTSTATUS VmbChannelInitSetPrimaryChannel(_In_ VMBCHANNEL Channel, _In_ VMBCHANNEL
   * PrimaryChannel, _In_range_(>, 0) UINT16 SubChannelIndex)} (V5): makes {@code Channel}
   * sub-channel {@code SubChannelIndex} of {@code PrimaryChannel}. It can be enabled only while the
   * primary is open, is disabled when the primary closes, and pauses and resumes with it.
   *
   * <p>Decision: a primary that is the channel itself, belongs to the other endpoint role or to
   * another backend can never be this channel's primary, so each is {@code
   * STATUS_INVALID_PARAMETER_2}, the status the header gives a bad primary; a primary already set
   * is the same status from the backend.
   *
   * @param Channel the sub-channel
   * @param PrimaryChannel its primary, of the same role and backend
   * @param SubChannelIndex 1 to 65535
   * @return {@code STATUS_SUCCESS}; {@code STATUS_INVALID_PARAMETER_1} (not Disabled); {@code
   *     STATUS_INVALID_PARAMETER_2} (bad primary, or one is already set); {@code
   *     STATUS_INVALID_PARAMETER_3} (index 0 or above 65535)
   */
  public static NtStatus VmbChannelInitSetPrimaryChannel(VMBCHANNEL Channel,
      VMBCHANNEL PrimaryChannel, int SubChannelIndex) {
    requireNonNull(Channel, "VmbChannelInitSetPrimaryChannel: Channel is null");
    requireNonNull(PrimaryChannel, "VmbChannelInitSetPrimaryChannel: PrimaryChannel is null");
    if (!initSettable(Channel)) {
      return STATUS_INVALID_PARAMETER_1;
    }
    if (PrimaryChannel == Channel
        || PrimaryChannel.isServerEndpoint() != Channel.isServerEndpoint()
        || PrimaryChannel.backend() != Channel.backend()) {
      return STATUS_INVALID_PARAMETER_2;
    }
    if (SubChannelIndex == 0 || above(SubChannelIndex, 0xFFFF)) {
      return STATUS_INVALID_PARAMETER_3;
    }
    return Channel.backend().VmbChannelInitSetPrimaryChannel(Channel, PrimaryChannel,
        SubChannelIndex);
  }

  /**
   * #21 {@code VOID VmbChannelSetIncomingProcessingAtPassive(_In_ VMBCHANNEL Channel, _In_ BOOLEAN
   * RequirePassive)}: {@code TRUE} runs the receive callbacks on a worker thread where blocking is
   * allowed (PASSIVE_LEVEL); {@code FALSE} allows the channel's delivery thread (DISPATCH_LEVEL).
   *
   * <p>Decision (kmcl-api.md §5 item 12): callable at any time; it applies from the next delivery.
   *
   * @param Channel the channel
   * @param RequirePassive whether deliveries must run at the PASSIVE analogue
   */
  public static void VmbChannelSetIncomingProcessingAtPassive(VMBCHANNEL Channel,
      boolean RequirePassive) {
    requireNonNull(Channel, "VmbChannelSetIncomingProcessingAtPassive: Channel is null");
    Channel.backend().VmbChannelSetIncomingProcessingAtPassive(Channel, RequirePassive);
  }

  /**
   * #22 {@code VOID VmbChannelSetTransactionQuota(_In_ VMBCHANNEL Channel, _In_ UINT32 Quota)}: the
   * most incoming packets delivered but not yet completed. It may be set below the current count;
   * a queue stopped by the quota restarts only when a packet completes.
   *
   * <p>Decision (kmcl-api.md §5 item 12): callable at any time. The quota "must be > 0" but the
   * function returns {@code VOID}, so 0 throws {@link IllegalArgumentException}.
   *
   * @param Channel the channel
   * @param Quota at least 1
   * @throws IllegalArgumentException when {@code Quota} is 0
   */
  public static void VmbChannelSetTransactionQuota(VMBCHANNEL Channel, int Quota) {
    requireNonNull(Channel, "VmbChannelSetTransactionQuota: Channel is null");
    if (Quota == 0) {
      throw new IllegalArgumentException(
          "VmbChannelSetTransactionQuota: Quota must be greater than 0");
    }
    Channel.backend().VmbChannelSetTransactionQuota(Channel, Quota);
  }

  /**
   * #23 {@code VOID VmbChannelSetAllowableDpcCpuUsage(_In_ VMBCHANNEL Channel, _In_range_(1, 100)
   * UINT8 CpuPercentage)} (V5): the share of the DPC tracking window the channel's delivery may
   * use.
   *
   * <p>Decision (kmcl-api.md §5 item 12): callable at any time; a value outside 1 to 100 has no
   * error path in C ({@code VOID}), so it throws {@link IllegalArgumentException}.
   *
   * @param Channel the channel
   * @param CpuPercentage 1 to 100
   * @throws IllegalArgumentException when {@code CpuPercentage} is outside 1 to 100
   */
  public static void VmbChannelSetAllowableDpcCpuUsage(VMBCHANNEL Channel, int CpuPercentage) {
    requireNonNull(Channel, "VmbChannelSetAllowableDpcCpuUsage: Channel is null");
    if (CpuPercentage < 1 || CpuPercentage > 100) {
      throw new IllegalArgumentException("VmbChannelSetAllowableDpcCpuUsage: CpuPercentage "
          + CpuPercentage + " is outside 1 to 100");
    }
    Channel.backend().VmbChannelSetAllowableDpcCpuUsage(Channel, CpuPercentage);
  }

  // ---- 2.C client-endpoint-only configuration --------------------------------------------------

  /**
   * #24 {@code NTSTATUS VmbClientChannelInitSetRingBufferPageCount(_In_ VMBCHANNEL Channel, _In_
   * UINT32 IncomingPageCount, _In_ UINT32 OutgoingPageCount)}: the pages of each ring. The guest
   * donates both rings, so only the client endpoint sizes them.
   *
   * <p>Decision: a ring is one control page plus at least one data page, so each count must be at
   * least 2.
   *
   * @param Channel a client channel
   * @param IncomingPageCount pages of the incoming ring, at least 2
   * @param OutgoingPageCount pages of the outgoing ring, at least 2
   * @return {@code STATUS_SUCCESS}; {@code STATUS_INVALID_PARAMETER_1} (not Disabled, or a server
   *     endpoint); {@code STATUS_INVALID_PARAMETER_2} / {@code _3} (a count below 2)
   */
  public static NtStatus VmbClientChannelInitSetRingBufferPageCount(VMBCHANNEL Channel,
      int IncomingPageCount, int OutgoingPageCount) {
    requireNonNull(Channel, "VmbClientChannelInitSetRingBufferPageCount: Channel is null");
    if (!clientInitSettable(Channel)) {
      return STATUS_INVALID_PARAMETER_1;
    }
    if (Integer.compareUnsigned(IncomingPageCount, 2) < 0) {
      return STATUS_INVALID_PARAMETER_2;
    }
    if (Integer.compareUnsigned(OutgoingPageCount, 2) < 0) {
      return STATUS_INVALID_PARAMETER_3;
    }
    return Channel.backend().VmbClientChannelInitSetRingBufferPageCount(Channel,
        IncomingPageCount, OutgoingPageCount);
  }

  /**
   * #25 {@code NTSTATUS VmbClientChannelInitSetTargetPnp(_In_ VMBCHANNEL Channel, _In_ LPCGUID
   * InterfaceType, _In_opt_ LPCGUID InterfaceInstance, _In_opt_ PFN_VMB_CHANNEL_PNP_FAILURE
   * PnpFailureCallback)}: chooses the offer to open by type and instance; a null instance accepts
   * any instance of the type. {@code PnpFailureCallback} runs when the device was found but the
   * asynchronous connect failed.
   *
   * @param Channel a client channel
   * @param InterfaceType the offer's interface type
   * @param InterfaceInstance the offer's instance, or null for any
   * @param PnpFailureCallback called on an asynchronous connect failure, or null
   * @return {@code STATUS_SUCCESS}; {@code STATUS_INVALID_PARAMETER_1} (not Disabled, or a server
   *     endpoint)
   */
  public static NtStatus VmbClientChannelInitSetTargetPnp(VMBCHANNEL Channel, UUID InterfaceType,
      @Nullable UUID InterfaceInstance, @Nullable EVT_VMB_CHANNEL_PNP_FAILURE PnpFailureCallback) {
    requireNonNull(Channel, "VmbClientChannelInitSetTargetPnp: Channel is null");
    requireNonNull(InterfaceType, "VmbClientChannelInitSetTargetPnp: InterfaceType is null");
    if (!clientInitSettable(Channel)) {
      return STATUS_INVALID_PARAMETER_1;
    }
    return Channel.backend().VmbClientChannelInitSetTargetPnp(Channel, InterfaceType,
        InterfaceInstance, PnpFailureCallback);
  }

  /**
   * #26 {@code NTSTATUS VmbClientChannelInitSetTargetProcessorIndex(_In_ VMBCHANNEL Channel, _In_
   * ULONG ProcessorIndex)} (V5): the processor that takes the channel's incoming interrupts.
   *
   * @param Channel a client channel
   * @param ProcessorIndex the processor index
   * @return {@code STATUS_SUCCESS}; {@code STATUS_INVALID_PARAMETER_1} (not Disabled, or a server
   *     endpoint)
   */
  public static NtStatus VmbClientChannelInitSetTargetProcessorIndex(VMBCHANNEL Channel,
      int ProcessorIndex) {
    requireNonNull(Channel, "VmbClientChannelInitSetTargetProcessorIndex: Channel is null");
    if (!clientInitSettable(Channel)) {
      return STATUS_INVALID_PARAMETER_1;
    }
    return Channel.backend().VmbClientChannelInitSetTargetProcessorIndex(Channel, ProcessorIndex);
  }

  // ---- 2.D server-endpoint-only configuration --------------------------------------------------

  /**
   * #27 {@code NTSTATUS VmbServerChannelInitSetFlags(_In_ VMBCHANNEL Channel, _In_ UINT32 Flags)}:
   * offer flags {@code VMBUS_SERVER_CHANNEL_INIT_FLAG_*} (loopback, enumerate device interface,
   * offer as pipe, force new channel, hvsocket provider).
   *
   * <p>Decision (kmcl-api.md §5 item 32): these KMCL values are not the wire bits; the backend
   * translates them.
   *
   * @param Channel a server channel
   * @param Flags bits of {@code VMBUS_SERVER_CHANNEL_INIT_FLAGS} (0x1F)
   * @return {@code STATUS_SUCCESS}; {@code STATUS_INVALID_PARAMETER_1} (not Disabled, or a client
   *     endpoint); {@code STATUS_INVALID_PARAMETER_2} (a bit outside the mask)
   */
  public static NtStatus VmbServerChannelInitSetFlags(VMBCHANNEL Channel, int Flags) {
    requireNonNull(Channel, "VmbServerChannelInitSetFlags: Channel is null");
    if (!serverInitSettable(Channel)) {
      return STATUS_INVALID_PARAMETER_1;
    }
    if ((Flags & ~VMBUS_SERVER_CHANNEL_INIT_FLAGS) != 0) {
      return STATUS_INVALID_PARAMETER_2;
    }
    return Channel.backend().VmbServerChannelInitSetFlags(Channel, Flags);
  }

  /**
   * #28 {@code NTSTATUS VmbServerChannelInitSetTargetInterfaceId(_In_ VMBCHANNEL Channel, _In_
   * GUID InterfaceType, _In_ GUID InterfaceInstance)}: the offer's interface type (the protocol)
   * and instance.
   *
   * <p>Decision (kmcl-api.md §5 item 30): the GUIDs are passed by value, as the header declares
   * them: {@link UUID} values.
   *
   * @param Channel a server channel
   * @param InterfaceType the offer's interface type
   * @param InterfaceInstance the offer's instance
   * @return {@code STATUS_SUCCESS}; {@code STATUS_INVALID_PARAMETER_1} (not Disabled, or a client
   *     endpoint)
   */
  public static NtStatus VmbServerChannelInitSetTargetInterfaceId(VMBCHANNEL Channel,
      UUID InterfaceType, UUID InterfaceInstance) {
    requireNonNull(Channel, "VmbServerChannelInitSetTargetInterfaceId: Channel is null");
    requireNonNull(InterfaceType,
        "VmbServerChannelInitSetTargetInterfaceId: InterfaceType is null");
    requireNonNull(InterfaceInstance,
        "VmbServerChannelInitSetTargetInterfaceId: InterfaceInstance is null");
    if (!serverInitSettable(Channel)) {
      return STATUS_INVALID_PARAMETER_1;
    }
    return Channel.backend().VmbServerChannelInitSetTargetInterfaceId(Channel, InterfaceType,
        InterfaceInstance);
  }

  /**
   * #29 {@code NTSTATUS VmbServerChannelInitSetTargetVtl(_In_ VMBCHANNEL Channel, _In_ UINT8
   * TargetVtl)}: offers the channel only to clients in that Virtual Trust Level.
   *
   * <p>Decision (kmcl-api.md §5 item 28): valid levels are 0 to 2.
   *
   * @param Channel a server channel
   * @param TargetVtl 0, 1 or 2
   * @return {@code STATUS_SUCCESS}; {@code STATUS_INVALID_PARAMETER_1} (not Disabled, or a client
   *     endpoint); {@code STATUS_INVALID_PARAMETER_2} (above 2)
   */
  public static NtStatus VmbServerChannelInitSetTargetVtl(VMBCHANNEL Channel, int TargetVtl) {
    requireNonNull(Channel, "VmbServerChannelInitSetTargetVtl: Channel is null");
    if (!serverInitSettable(Channel)) {
      return STATUS_INVALID_PARAMETER_1;
    }
    if (above(TargetVtl, 2)) {
      return STATUS_INVALID_PARAMETER_2;
    }
    return Channel.backend().VmbServerChannelInitSetTargetVtl(Channel, TargetVtl);
  }

  /**
   * #30 {@code NTSTATUS VmbServerChannelInitSetMmioMegabytes(_In_ VMBCHANNEL Channel,
   * _In_range_(>,0) UINT16 MmioMegabytes, _In_ UINT16 MmioMegabytesOptional)}: asks the guest to
   * reserve MMIO space for the device, a required amount plus an optional extra, in megabytes.
   *
   * <p>Decision (kmcl-api.md §5 item 29): the text wins over the SAL: one of the two may be 0 but
   * not both. The 19041 header's {@code STATUS_INVALID_PARAMETER_2} is used (not the older docs'
   * {@code STATUS_INVALID_PARAMETER}) for every bad size, a value above {@code UINT16} included.
   *
   * @param Channel a server channel
   * @param MmioMegabytes required megabytes, 0 to 65535
   * @param MmioMegabytesOptional optional megabytes, 0 to 65535
   * @return {@code STATUS_SUCCESS}; {@code STATUS_INVALID_PARAMETER_1} (not Disabled, or a client
   *     endpoint); {@code STATUS_INVALID_PARAMETER_2} (both 0, or either above 65535)
   */
  public static NtStatus VmbServerChannelInitSetMmioMegabytes(VMBCHANNEL Channel,
      int MmioMegabytes, int MmioMegabytesOptional) {
    requireNonNull(Channel, "VmbServerChannelInitSetMmioMegabytes: Channel is null");
    if (!serverInitSettable(Channel)) {
      return STATUS_INVALID_PARAMETER_1;
    }
    if ((MmioMegabytes == 0 && MmioMegabytesOptional == 0)
        || above(MmioMegabytes, 0xFFFF) || above(MmioMegabytesOptional, 0xFFFF)) {
      return STATUS_INVALID_PARAMETER_2;
    }
    return Channel.backend().VmbServerChannelInitSetMmioMegabytes(Channel, MmioMegabytes,
        MmioMegabytesOptional);
  }

  /**
   * #31 {@code NTSTATUS VmbServerChannelInitSetVmbusHandle(_In_ VMBCHANNEL Channel, _In_ HANDLE
   * VmbusHandle)}: binds the channel to one guest partition's VMBus, which selects the VM that gets
   * the offer. The handle comes from {@link #VmbConvertVmbusHandleToKernelHandle}. Callable from
   * any thread.
   *
   * @param Channel a server channel
   * @param VmbusHandle the kernel handle of the partition's VMBus
   * @return {@code STATUS_SUCCESS}; {@code STATUS_INVALID_PARAMETER_1} (not Disabled, or a client
   *     endpoint); or the backend's failure status
   */
  public static NtStatus VmbServerChannelInitSetVmbusHandle(VMBCHANNEL Channel,
      Handle VmbusHandle) {
    requireNonNull(Channel, "VmbServerChannelInitSetVmbusHandle: Channel is null");
    requireNonNull(VmbusHandle, "VmbServerChannelInitSetVmbusHandle: VmbusHandle is null");
    if (!serverInitSettable(Channel)) {
      return STATUS_INVALID_PARAMETER_1;
    }
    return Channel.backend().VmbServerChannelInitSetVmbusHandle(Channel, VmbusHandle);
  }

  /**
   * #32 {@code NTSTATUS VmbServerChannelInitSetSaveRestorePacketCallbacks(_In_ VMBCHANNEL Channel,
   * _In_ PFN_VMB_CHANNEL_SAVE_PACKET SavePacketCallback, _In_ PFN_VMB_CHANNEL_RESTORE_PACKET
   * RestorePacketCallback)}: per-packet hooks for {@link #VmbChannelSaveContinue} and {@link
   * #VmbChannelRestoreFromBuffer}. It and the {@code Ex} form exclude each other; the last
   * registration wins.
   *
   * @param Channel a server channel
   * @param SavePacketCallback saves a packet's private state
   * @param RestorePacketCallback restores a saved packet
   * @return {@code STATUS_SUCCESS}; {@code STATUS_INVALID_PARAMETER_1} (not Disabled, or a client
   *     endpoint)
   */
  public static NtStatus VmbServerChannelInitSetSaveRestorePacketCallbacks(VMBCHANNEL Channel,
      EVT_VMB_CHANNEL_SAVE_PACKET SavePacketCallback,
      EVT_VMB_CHANNEL_RESTORE_PACKET RestorePacketCallback) {
    requireNonNull(Channel, "VmbServerChannelInitSetSaveRestorePacketCallbacks: Channel is null");
    requireNonNull(SavePacketCallback,
        "VmbServerChannelInitSetSaveRestorePacketCallbacks: SavePacketCallback is null");
    requireNonNull(RestorePacketCallback,
        "VmbServerChannelInitSetSaveRestorePacketCallbacks: RestorePacketCallback is null");
    if (!serverInitSettable(Channel)) {
      return STATUS_INVALID_PARAMETER_1;
    }
    return Channel.backend().VmbServerChannelInitSetSaveRestorePacketCallbacks(Channel,
        SavePacketCallback, RestorePacketCallback);
  }

  /**
   * #33 {@code NTSTATUS VmbServerChannelInitSetSaveRestorePacketCallbacksEx(_In_ VMBCHANNEL
   * Channel, _In_opt_ PVOID SaveRestoreContext, _In_ PFN_VMB_CHANNEL_SAVE_PACKET_EX
   * SavePacketCallbackEx, _In_ PFN_VMB_CHANNEL_RESTORE_PACKET_EX RestorePacketCallbackEx)} (V5): as
   * {@link #VmbServerChannelInitSetSaveRestorePacketCallbacks}, with a context for both callbacks.
   *
   * @param Channel a server channel
   * @param SaveRestoreContext passed to both callbacks, or null
   * @param SavePacketCallbackEx saves a packet's private state
   * @param RestorePacketCallbackEx restores a saved packet
   * @return {@code STATUS_SUCCESS}; {@code STATUS_INVALID_PARAMETER_1} (not Disabled, or a client
   *     endpoint)
   */
  public static NtStatus VmbServerChannelInitSetSaveRestorePacketCallbacksEx(VMBCHANNEL Channel,
      @Nullable Object SaveRestoreContext, EVT_VMB_CHANNEL_SAVE_PACKET_EX SavePacketCallbackEx,
      EVT_VMB_CHANNEL_RESTORE_PACKET_EX RestorePacketCallbackEx) {
    requireNonNull(Channel, "VmbServerChannelInitSetSaveRestorePacketCallbacksEx: Channel is null");
    requireNonNull(SavePacketCallbackEx,
        "VmbServerChannelInitSetSaveRestorePacketCallbacksEx: SavePacketCallbackEx is null");
    requireNonNull(RestorePacketCallbackEx,
        "VmbServerChannelInitSetSaveRestorePacketCallbacksEx: RestorePacketCallbackEx is null");
    if (!serverInitSettable(Channel)) {
      return STATUS_INVALID_PARAMETER_1;
    }
    return Channel.backend().VmbServerChannelInitSetSaveRestorePacketCallbacksEx(Channel,
        SaveRestoreContext, SavePacketCallbackEx, RestorePacketCallbackEx);
  }

  /**
   * #34 {@code NTSTATUS VmbConvertVmbusHandleToKernelHandle(_In_ HANDLE VmbusHandle, _Out_ PHANDLE
   * KernelHandle)}: turns the user-mode VMBus handle of the VM worker process into a kernel handle
   * to the same object, for {@link #VmbServerChannelInitSetVmbusHandle}. Done here, without a
   * backend: the result has the same value, marked as a kernel handle.
   *
   * <p>Decision: Java has no process context to enter, so the C rule "call it in the owning
   * process" has no equivalent; a null or already-kernel handle is not a user VMBus handle and is
   * {@code STATUS_INVALID_PARAMETER_1}. Closing the kernel handle needs no call.
   *
   * @param VmbusHandle a user-mode VMBus handle ({@link Handle#user(long)})
   * @param KernelHandle receives the kernel handle
   * @return {@code STATUS_SUCCESS}; {@code STATUS_INVALID_PARAMETER_1} (null or already a kernel
   *     handle)
   */
  public static NtStatus VmbConvertVmbusHandleToKernelHandle(Handle VmbusHandle,
      Ref<Handle> KernelHandle) {
    requireNonNull(KernelHandle, "VmbConvertVmbusHandleToKernelHandle: KernelHandle is null");
    // Not requireNonNull: a null handle has a documented status.
    if (VmbusHandle == null || VmbusHandle.kernel()) {
      return STATUS_INVALID_PARAMETER_1;
    }
    KernelHandle.set(new Handle(VmbusHandle.value(), true));
    return STATUS_SUCCESS;
  }

  // ---- 2.E channel accessors and runtime knobs -------------------------------------------------

  /**
   * #35 {@code VOID FASTCALL VmbChannelSetPointer(_In_ VMBCHANNEL Channel, _In_opt_ PVOID
   * Pointer)}: stores a driver object in the channel, a fast context slot.
   *
   * @param Channel the channel
   * @param Pointer any object, or null
   */
  public static void VmbChannelSetPointer(VMBCHANNEL Channel, @Nullable Object Pointer) {
    requireNonNull(Channel, "VmbChannelSetPointer: Channel is null");
    Channel.backend().VmbChannelSetPointer(Channel, Pointer);
  }

  /**
   * #36 {@code PVOID FASTCALL VmbChannelGetPointer(_In_ VMBCHANNEL Channel)}: what {@link
   * #VmbChannelSetPointer} stored.
   *
   * <p>Decision (kmcl-api.md §5 item 25): it returns the channel's pointer, not the packet pointer
   * the C documentation names by mistake.
   *
   * @param Channel the channel
   * @return the stored object, or null
   */
  public static @Nullable Object VmbChannelGetPointer(VMBCHANNEL Channel) {
    requireNonNull(Channel, "VmbChannelGetPointer: Channel is null");
    return Channel.backend().VmbChannelGetPointer(Channel);
  }

  /**
   * #37 {@code VOID VmbChannelGetInterfaceInstance(_In_ VMBCHANNEL Channel, _Out_ LPGUID
   * InterfaceInstance)}: the active instance GUID, which identifies the channel.
   *
   * @param Channel the channel
   * @param InterfaceInstance receives the instance
   */
  public static void VmbChannelGetInterfaceInstance(VMBCHANNEL Channel,
      Ref<UUID> InterfaceInstance) {
    requireNonNull(Channel, "VmbChannelGetInterfaceInstance: Channel is null");
    requireNonNull(InterfaceInstance, "VmbChannelGetInterfaceInstance: InterfaceInstance is null");
    Channel.backend().VmbChannelGetInterfaceInstance(Channel, InterfaceInstance);
  }

  /**
   * #38 {@code VOID VmbChannelGetTargetDeviceObject(_In_ VMBCHANNEL Channel, _Out_ PDEVICE_OBJECT
   * *TargetDeviceObject)} (V2): the target device object of the channel's VMBus device.
   *
   * @param Channel the channel
   * @param TargetDeviceObject receives the device object
   */
  public static void VmbChannelGetTargetDeviceObject(VMBCHANNEL Channel,
      Ref<DeviceObject> TargetDeviceObject) {
    requireNonNull(Channel, "VmbChannelGetTargetDeviceObject: Channel is null");
    requireNonNull(TargetDeviceObject,
        "VmbChannelGetTargetDeviceObject: TargetDeviceObject is null");
    Channel.backend().VmbChannelGetTargetDeviceObject(Channel, TargetDeviceObject);
  }

  /**
   * #39 {@code VOID VmbChannelGetParentDeviceObject(_In_ VMBCHANNEL Channel, _Out_ PDEVICE_OBJECT
   * *ParentDeviceObject)} (V2): the device object given to {@link #VmbChannelAllocate} or {@link
   * #VmbChannelInitialize}.
   *
   * @param Channel the channel
   * @param ParentDeviceObject receives the device object
   */
  public static void VmbChannelGetParentDeviceObject(VMBCHANNEL Channel,
      Ref<DeviceObject> ParentDeviceObject) {
    requireNonNull(Channel, "VmbChannelGetParentDeviceObject: Channel is null");
    requireNonNull(ParentDeviceObject,
        "VmbChannelGetParentDeviceObject: ParentDeviceObject is null");
    Channel.backend().VmbChannelGetParentDeviceObject(Channel, ParentDeviceObject);
  }

  /**
   * #40 {@code VOID VmbChannelGetMmioSpace(_In_ VMBCHANNEL Channel, _Out_ UINT64 *MmioAddress,
   * _Out_ UINT64 *MmioSize)}: the MMIO range reserved by {@link
   * #VmbServerChannelInitSetMmioMegabytes}; valid after {@code EvtChannelOpened}.
   *
   * <p>Decision (kmcl-api.md §5 item 26): both endpoints may call it; the address is a guest
   * physical address; a backend that reserves no MMIO (or a channel not yet open) reports 0 and 0.
   *
   * @param Channel the channel
   * @param MmioAddress receives the start of the range
   * @param MmioSize receives its size in bytes
   */
  public static void VmbChannelGetMmioSpace(VMBCHANNEL Channel, UInt64Ref MmioAddress,
      UInt64Ref MmioSize) {
    requireNonNull(Channel, "VmbChannelGetMmioSpace: Channel is null");
    requireNonNull(MmioAddress, "VmbChannelGetMmioSpace: MmioAddress is null");
    requireNonNull(MmioSize, "VmbChannelGetMmioSpace: MmioSize is null");
    Channel.backend().VmbChannelGetMmioSpace(Channel, MmioAddress, MmioSize);
  }

  /**
   * #41 {@code _Must_inspect_result_ NTSTATUS VmbChannelSetInterruptLatency(_In_ VMBCHANNEL
   * Channel, _In_ UINT16 Latency, _Out_ PUINT16 OriginalLatency)}: changes the guest's outgoing
   * interrupt latency (100 ns units) and returns the previous value. Valid from {@code
   * EvtChannelOpened} through {@code EvtChannelClosed}.
   *
   * <p>Decision (kmcl-api.md §5 item 27): the function is for guests, so a server endpoint gets
   * {@code STATUS_NOT_SUPPORTED}; a latency outside {@code UINT16} is {@code
   * STATUS_INVALID_PARAMETER_2}; a channel that is not open gets the backend's {@code
   * STATUS_INVALID_DEVICE_STATE}.
   *
   * @param Channel a client channel
   * @param Latency 0 to 65535 (100 ns units)
   * @param OriginalLatency receives the previous latency
   * @return {@code STATUS_SUCCESS}; {@code STATUS_NOT_SUPPORTED} (server endpoint); {@code
   *     STATUS_INVALID_PARAMETER_2} (out of range); or the backend's failure status
   */
  public static NtStatus VmbChannelSetInterruptLatency(VMBCHANNEL Channel, int Latency,
      UInt16Ref OriginalLatency) {
    requireNonNull(Channel, "VmbChannelSetInterruptLatency: Channel is null");
    requireNonNull(OriginalLatency, "VmbChannelSetInterruptLatency: OriginalLatency is null");
    if (Channel.isServerEndpoint()) {
      return STATUS_NOT_SUPPORTED;
    }
    if (above(Latency, 0xFFFF)) {
      return STATUS_INVALID_PARAMETER_2;
    }
    return Channel.backend().VmbChannelSetInterruptLatency(Channel, Latency, OriginalLatency);
  }

  /**
   * #42 {@code UINT32 VmbChannelSizeofPacket(_In_ VMBCHANNEL Channel)}: the buffer size {@link
   * #VmbPacketInitialize} needs on this channel; it depends on the maximum packet size and the
   * context sizes.
   *
   * @param Channel the channel
   * @return bytes
   */
  public static int VmbChannelSizeofPacket(VMBCHANNEL Channel) {
    requireNonNull(Channel, "VmbChannelSizeofPacket: Channel is null");
    return Channel.backend().VmbChannelSizeofPacket(Channel);
  }

  // ---- 2.F receive side ------------------------------------------------------------------------

  /**
   * #43 {@code VOID VmbChannelPacketComplete(_In_ VMBPACKETCOMPLETION PacketCompletionContext,
   * _In_reads_bytes_opt_(BufSize) PVOID PacketCompletionBuffer, _In_ UINT32 BufSize)}: ends the
   * processing of a delivered packet, releasing its mappings and pinned memory, and sends the
   * completion buffer to the sender if it asked for a completion. Call it exactly once per
   * delivery, inside the callback or later; an MDL from {@link #VmbChannelPacketGetExternalData}
   * becomes invalid here.
   *
   * @param PacketCompletionContext the delivery
   * @param PacketCompletionBuffer the completion payload (bytes from its position), or null when
   *     {@code BufSize} is 0
   * @param BufSize payload bytes
   * @throws NullPointerException when {@code BufSize} is not 0 and the buffer is null
   * @throws IllegalArgumentException when {@code BufSize} exceeds the buffer's remaining bytes
   */
  public static void VmbChannelPacketComplete(VMBPACKETCOMPLETION PacketCompletionContext,
      @Nullable ByteBuffer PacketCompletionBuffer, int BufSize) {
    requireNonNull(PacketCompletionContext,
        "VmbChannelPacketComplete: PacketCompletionContext is null");
    if (BufSize != 0) {
      requireNonNull(PacketCompletionBuffer,
          "VmbChannelPacketComplete: PacketCompletionBuffer is null");
      bufferHolds(PacketCompletionBuffer, BufSize, "VmbChannelPacketComplete",
          "PacketCompletionBuffer", "BufSize");
    }
    PacketCompletionContext.backend().VmbChannelPacketComplete(PacketCompletionContext,
        PacketCompletionBuffer, BufSize);
  }

  /**
   * #44 {@code VOID FASTCALL VmbChannelPacketDeferToPassive(_In_ VMBPACKETCOMPLETION
   * PacketCompletionContext)}: puts the packet back on the parsing queue; it is delivered again on
   * a thread where blocking is allowed, and that delivery needs its own completion.
   *
   * <p>Decision (kmcl-api.md §5 item 22): only inline from the process-packet callback; elsewhere
   * the backend throws {@link IllegalStateException}.
   *
   * @param PacketCompletionContext the delivery being processed on this thread
   */
  public static void VmbChannelPacketDeferToPassive(VMBPACKETCOMPLETION PacketCompletionContext) {
    requireNonNull(PacketCompletionContext,
        "VmbChannelPacketDeferToPassive: PacketCompletionContext is null");
    PacketCompletionContext.backend().VmbChannelPacketDeferToPassive(PacketCompletionContext);
  }

  /**
   * #45 {@code VOID FASTCALL VmbChannelPacketFail(_In_ VMBPACKETCOMPLETION
   * PacketCompletionContext)}: fails a packet as unrecoverable and stops the channel's incoming
   * queue; meant for malformed input on a server.
   *
   * <p>Decision (kmcl-api.md §5 item 21): the queue stays stopped until the channel is disabled
   * and enabled again.
   *
   * @param PacketCompletionContext the delivery
   */
  public static void VmbChannelPacketFail(VMBPACKETCOMPLETION PacketCompletionContext) {
    requireNonNull(PacketCompletionContext,
        "VmbChannelPacketFail: PacketCompletionContext is null");
    PacketCompletionContext.backend().VmbChannelPacketFail(PacketCompletionContext);
  }

  /**
   * #46 {@code _Success_(return == 0) NTSTATUS VmbChannelPacketGetExternalData(_In_
   * VMBPACKETCOMPLETION PacketCompletionContext, _In_ UINT32 Flags, _Out_ PMDL *Mdl)}: maps the
   * external data of a packet delivered with {@code
   * VMBUS_CHANNEL_PROCESS_PACKET_FLAG_EXTERNAL_DATA}. The MDL stays valid, and the pages pinned, until the packet is completed; the backend owns it.
   *
   * <p>Decision (kmcl-api.md §5 item 23): {@code STATUS_PENDING} passes {@code NT_SUCCESS} but
   * means no MDL yet: return from the callback, which is called again. Test for {@code
   * STATUS_SUCCESS}, as the {@code _Success_(return == 0)} annotation says.
   *
   * @param PacketCompletionContext the delivery
   * @param Flags bits of {@code VMBUS_CHANNEL_PACKET_EXTERNAL_DATA_FLAGS} (0x1, read-only)
   * @param Mdl receives the MDL
   * @return {@code STATUS_SUCCESS} ({@code Mdl} set); {@code STATUS_PENDING} (call again later);
   *     {@code STATUS_INVALID_PARAMETER_2} (a flag outside the mask); or another failure status
   */
  public static NtStatus VmbChannelPacketGetExternalData(
      VMBPACKETCOMPLETION PacketCompletionContext, int Flags, Ref<Mdl> Mdl) {
    requireNonNull(PacketCompletionContext,
        "VmbChannelPacketGetExternalData: PacketCompletionContext is null");
    requireNonNull(Mdl, "VmbChannelPacketGetExternalData: Mdl is null");
    if ((Flags & ~VMBUS_CHANNEL_PACKET_EXTERNAL_DATA_FLAGS) != 0) {
      return STATUS_INVALID_PARAMETER_2;
    }
    return PacketCompletionContext.backend().VmbChannelPacketGetExternalData(
        PacketCompletionContext, Flags, Mdl);
  }

  /**
   * #47 {@code PVOID FASTCALL VmbChannelPacketGetClientContext(_In_ VMBPACKETCOMPLETION
   * PacketCompletionContext)} (V2): the per-incoming-packet driver area sized by {@link
   * #VmbChannelInitSetClientContextSize}.
   *
   * <p>Decision (kmcl-api.md §5 item 34): a {@link ByteBuffer} of exactly that size (empty when the
   * size is 0), valid until the packet is completed.
   *
   * @param PacketCompletionContext the delivery
   * @return the context area
   */
  public static ByteBuffer VmbChannelPacketGetClientContext(
      VMBPACKETCOMPLETION PacketCompletionContext) {
    requireNonNull(PacketCompletionContext,
        "VmbChannelPacketGetClientContext: PacketCompletionContext is null");
    return PacketCompletionContext.backend().VmbChannelPacketGetClientContext(
        PacketCompletionContext);
  }

  // ---- 2.G send side ---------------------------------------------------------------------------

  /**
   * #48 {@code VMBPACKET VmbPacketAllocate(_In_ VMBCHANNEL Channel)}: takes a packet from the
   * channel's pool with every resource of a transaction reserved. Its default completion routine
   * frees it; free it with {@link #VmbPacketFree} if it is never sent or the routine is replaced.
   *
   * @param Channel the channel
   * @return a packet, or null when none is available
   */
  public static @Nullable VMBPACKET VmbPacketAllocate(VMBCHANNEL Channel) {
    requireNonNull(Channel, "VmbPacketAllocate: Channel is null");
    return Channel.backend().VmbPacketAllocate(Channel);
  }

  /**
   * #49 {@code NTSTATUS VmbPacketInitialize(_In_ VMBCHANNEL Channel, _Out_writes_bytes_(ByteCount)
   * VMBPACKET VmbPacket, _In_ UINT32 ByteCount)}: builds a packet object in caller storage of at
   * least {@link #VmbChannelSizeofPacket} bytes. Its initial completion routine is invalid, so set
   * one before sending. Java needs no storage; {@code VmbPacket} receives the packet (an existing
   * packet in it may be reinitialised by the backend).
   *
   * @param Channel the channel
   * @param VmbPacket receives the packet
   * @param ByteCount the caller's storage size
   * @return {@code STATUS_SUCCESS}; {@code STATUS_INVALID_PARAMETER_3} when {@code ByteCount} is
   *     below {@link #VmbChannelSizeofPacket}
   */
  public static NtStatus VmbPacketInitialize(VMBCHANNEL Channel, Ref<VMBPACKET> VmbPacket,
      int ByteCount) {
    requireNonNull(Channel, "VmbPacketInitialize: Channel is null");
    requireNonNull(VmbPacket, "VmbPacketInitialize: VmbPacket is null");
    if (Integer.compareUnsigned(ByteCount, Channel.backend().VmbChannelSizeofPacket(Channel)) < 0) {
      return STATUS_INVALID_PARAMETER_3;
    }
    return Channel.backend().VmbPacketInitialize(Channel, VmbPacket, ByteCount);
  }

  /**
   * #50 {@code VOID VmbPacketFree(_In_ VMBPACKET VmbPacket)}: returns a packet to its channel.
   *
   * <p>Decision (kmcl-api.md §5 item 20): the backend tracks ownership and throws {@link
   * IllegalStateException} for a packet in flight or already freed, instead of C's double free.
   *
   * @param VmbPacket the packet
   */
  public static void VmbPacketFree(VMBPACKET VmbPacket) {
    requireNonNull(VmbPacket, "VmbPacketFree: VmbPacket is null");
    VmbPacket.backend().VmbPacketFree(VmbPacket);
  }

  /**
   * #51 {@code VOID VmbPacketSetCompletionRoutine(_In_ VMBPACKET PacketObject, _In_
   * PFN_VMB_PACKET_COMPLETION_ROUTINE CompletionRoutine)}: the routine called when the packet's
   * transaction retires.
   *
   * <p>Decision (kmcl-api.md §5 item 19): the routine sees {@code STATUS_SUCCESS}, {@code
   * STATUS_CANCELLED} or {@code STATUS_DEVICE_REMOVED}, as {@link
   * EVT_VMB_PACKET_COMPLETION_ROUTINE} documents.
   *
   * @param PacketObject the packet
   * @param CompletionRoutine the routine
   */
  public static void VmbPacketSetCompletionRoutine(VMBPACKET PacketObject,
      EVT_VMB_PACKET_COMPLETION_ROUTINE CompletionRoutine) {
    requireNonNull(PacketObject, "VmbPacketSetCompletionRoutine: PacketObject is null");
    requireNonNull(CompletionRoutine, "VmbPacketSetCompletionRoutine: CompletionRoutine is null");
    PacketObject.backend().VmbPacketSetCompletionRoutine(PacketObject, CompletionRoutine);
  }

  /**
   * #52 {@code VOID VmbPacketSetCompletionRoutineEx(_In_ VMBPACKET PacketObject, _In_ PVOID
   * CallbackContext, _In_ PFN_VMB_PACKET_COMPLETION_ROUTINE_EX CompletionRoutineEx)} (V5): as
   * {@link #VmbPacketSetCompletionRoutine}, with a context passed to the routine.
   *
   * <p>Decision: a null {@code CallbackContext} is allowed, as for every opaque context value.
   *
   * @param PacketObject the packet
   * @param CallbackContext passed to the routine
   * @param CompletionRoutineEx the routine
   */
  public static void VmbPacketSetCompletionRoutineEx(VMBPACKET PacketObject,
      @Nullable Object CallbackContext, EVT_VMB_PACKET_COMPLETION_ROUTINE_EX CompletionRoutineEx) {
    requireNonNull(PacketObject, "VmbPacketSetCompletionRoutineEx: PacketObject is null");
    requireNonNull(CompletionRoutineEx,
        "VmbPacketSetCompletionRoutineEx: CompletionRoutineEx is null");
    PacketObject.backend().VmbPacketSetCompletionRoutineEx(PacketObject, CallbackContext,
        CompletionRoutineEx);
  }

  /**
   * #53 {@code VOID FASTCALL VmbPacketSetPointer(_In_ VMBPACKET PacketObject, _In_opt_ PVOID
   * Pointer)}: the packet's driver pointer slot.
   *
   * @param PacketObject the packet
   * @param Pointer any object, or null
   */
  public static void VmbPacketSetPointer(VMBPACKET PacketObject, @Nullable Object Pointer) {
    requireNonNull(PacketObject, "VmbPacketSetPointer: PacketObject is null");
    PacketObject.backend().VmbPacketSetPointer(PacketObject, Pointer);
  }

  /**
   * #54 {@code PVOID FASTCALL VmbPacketGetPointer(_In_ VMBPACKET PacketObject)}: what {@link
   * #VmbPacketSetPointer} stored.
   *
   * @param PacketObject the packet
   * @return the stored object, or null
   */
  public static @Nullable Object VmbPacketGetPointer(VMBPACKET PacketObject) {
    requireNonNull(PacketObject, "VmbPacketGetPointer: PacketObject is null");
    return PacketObject.backend().VmbPacketGetPointer(PacketObject);
  }

  /**
   * #55 {@code VMBCHANNEL FASTCALL VmbPacketGetChannel(_In_ VMBPACKET PacketObject)}: the channel
   * the packet belongs to.
   *
   * @param PacketObject the packet
   * @return its channel
   */
  public static VMBCHANNEL VmbPacketGetChannel(VMBPACKET PacketObject) {
    requireNonNull(PacketObject, "VmbPacketGetChannel: PacketObject is null");
    return PacketObject.backend().VmbPacketGetChannel(PacketObject);
  }

  /**
   * #56 {@code PVOID FASTCALL VmbPacketGetInlinePacketContextPointer(_In_ VMBPACKET PacketObject)}
   * (V5): the outgoing-packet area sized by {@link #VmbChannelInitSetInlinePacketContextSize}, a
   * {@link ByteBuffer} of exactly that size.
   *
   * @param PacketObject the packet
   * @return the context area
   */
  public static ByteBuffer VmbPacketGetInlinePacketContextPointer(VMBPACKET PacketObject) {
    requireNonNull(PacketObject, "VmbPacketGetInlinePacketContextPointer: PacketObject is null");
    return PacketObject.backend().VmbPacketGetInlinePacketContextPointer(PacketObject);
  }

  /**
   * #57 {@code NTSTATUS VmbPacketSend(_In_ VMBPACKET PacketObject, _In_reads_bytes_(BufferLength)
   * PVOID Buffer, _In_ UINT32 BufferLength, _In_opt_ PMDL ExternalDataMdl, _In_ UINT32 Flags)}:
   * sends {@code Buffer} through the ring, optionally with an external-data MDL chain; the packet
   * represents the transaction until its completion routine runs. A full ring makes the packet
   * wait on the channel. Internal header + {@code BufferLength} + 8 per MDL + 8 per page must stay
   * below the ring size and the 524,280-byte MTU.
   *
   * <p>Decision (kmcl-api.md §5 item 13): an {@code ExternalDataMdl} requires {@code
   * WAIT_FOR_COMPLETION}, because its memory must stay pinned until the peer completes the packet.
   * Decision (§5 item 16): {@code DATA_IN_ONLY} and {@code DATA_OUT_ONLY} describe the external
   * data, so they need an MDL and exclude each other; {@code FORCE_MDL_LENGTH} acts on an {@code
   * MdlLength} this function does not have, so it is rejected. Decision (§5 item 18): a packet too
   * large for the ring or the MTU is the backend's {@code STATUS_INVALID_PARAMETER_3}.
   *
   * @param PacketObject the packet
   * @param Buffer the inline payload, from its position
   * @param BufferLength payload bytes
   * @param ExternalDataMdl external data, or null
   * @param Flags {@code VMBUS_CHANNEL_FORMAT_FLAG_*} bits
   * @return {@code STATUS_SUCCESS}; {@code STATUS_INVALID_PARAMETER_5} (flags, as above); or the
   *     backend's failure status
   */
  public static NtStatus VmbPacketSend(VMBPACKET PacketObject, ByteBuffer Buffer,
      int BufferLength, @Nullable Mdl ExternalDataMdl, int Flags) {
    requireNonNull(PacketObject, "VmbPacketSend: PacketObject is null");
    requireNonNull(Buffer, "VmbPacketSend: Buffer is null");
    bufferHolds(Buffer, BufferLength, "VmbPacketSend", "Buffer", "BufferLength");
    if (!sendFlagsValid(Flags, ExternalDataMdl != null, false, waitsForCompletion(Flags))) {
      return STATUS_INVALID_PARAMETER_5;
    }
    return PacketObject.backend().VmbPacketSend(PacketObject, Buffer, BufferLength,
        ExternalDataMdl, Flags);
  }

  /**
   * #58 {@code NTSTATUS VmbPacketSendWithExternalMdl(_In_ VMBPACKET PacketObject,
   * _In_reads_bytes_(BufferLength) PVOID Buffer, _In_ UINT32 BufferLength, _In_ PMDL
   * ExternalDataMdl, _In_ UINT32 MdlOffset, _In_ UINT32 MdlLength, _In_ UINT32 Flags)}: as {@link
   * #VmbPacketSend}, with bytes {@code [MdlOffset, MdlOffset + MdlLength)} of the MDL chain as
   * external data ({@code MdlLength} 0: to the end). {@code WAIT_FOR_COMPLETION} is required. With
   * {@code FORCE_MDL_LENGTH}, {@code MdlLength} is trusted beyond the chain's byte count (page
   * rounding only, first MDL only).
   *
   * <p>Decision (kmcl-api.md §5 item 15): {@code ExternalDataMdl} is required ({@code _In_}), the
   * header comment's "optional" and {@code ForceMdlLength} parameter being leftovers. {@code
   * MdlOffset} must address a byte of the chain. Decision (§5 item 16): {@code DATA_IN_ONLY} and
   * {@code DATA_OUT_ONLY} exclude each other.
   *
   * @param PacketObject the packet
   * @param Buffer the inline payload, from its position
   * @param BufferLength payload bytes
   * @param ExternalDataMdl the external data
   * @param MdlOffset first byte of the chain to send
   * @param MdlLength bytes to send, 0 for the rest of the chain
   * @param Flags {@code VMBUS_CHANNEL_FORMAT_FLAG_*} bits, {@code WAIT_FOR_COMPLETION} included
   * @return {@code STATUS_SUCCESS}; {@code STATUS_INVALID_PARAMETER_5} (offset not in the chain);
   *     {@code STATUS_INVALID_PARAMETER_6} (offset + length beyond the chain without {@code
   *     FORCE_MDL_LENGTH}); {@code STATUS_INVALID_PARAMETER_7} (flags); or the backend's failure
   *     status
   */
  public static NtStatus VmbPacketSendWithExternalMdl(VMBPACKET PacketObject, ByteBuffer Buffer,
      int BufferLength, Mdl ExternalDataMdl, int MdlOffset, int MdlLength, int Flags) {
    requireNonNull(PacketObject, "VmbPacketSendWithExternalMdl: PacketObject is null");
    requireNonNull(Buffer, "VmbPacketSendWithExternalMdl: Buffer is null");
    requireNonNull(ExternalDataMdl, "VmbPacketSendWithExternalMdl: ExternalDataMdl is null");
    bufferHolds(Buffer, BufferLength, "VmbPacketSendWithExternalMdl", "Buffer", "BufferLength");
    long chainBytes = ExternalDataMdl.chainByteCount();
    long offset = Integer.toUnsignedLong(MdlOffset);
    if (offset >= chainBytes) {
      return STATUS_INVALID_PARAMETER_5;
    }
    boolean forceLength = (Flags & VMBUS_CHANNEL_FORMAT_FLAG_FORCE_MDL_LENGTH) != 0;
    if (!forceLength && offset + Integer.toUnsignedLong(MdlLength) > chainBytes) {
      return STATUS_INVALID_PARAMETER_6;
    }
    if (!sendFlagsValid(Flags, true, true, waitsForCompletion(Flags))) {
      return STATUS_INVALID_PARAMETER_7;
    }
    return PacketObject.backend().VmbPacketSendWithExternalMdl(PacketObject, Buffer, BufferLength,
        ExternalDataMdl, MdlOffset, MdlLength, Flags);
  }

  /**
   * #59 {@code NTSTATUS VmbPacketSendWithExternalPfns(_In_ VMBPACKET PacketObject,
   * _In_reads_bytes_(BufferLength) PVOID Buffer, _In_ UINT32 BufferLength, _In_reads_(PfnLength)
   * PPFN_NUMBER ExternalDataPfns, _In_ UINT32 PfnLength, _In_ UINT32 Flags)}: as {@link
   * #VmbPacketSend}, with {@code PfnLength} whole pages as external data. {@code
   * WAIT_FOR_COMPLETION} is required.
   *
   * <p>Decision (kmcl-api.md §5 item 14): the header wins: there is no {@code PfnOffset}, the pages
   * sent are {@code ExternalDataPfns[0 .. PfnLength-1]}, and the array is required. Decision (§5
   * item 16): {@code DATA_IN_ONLY} and {@code DATA_OUT_ONLY} exclude each other; {@code
   * FORCE_MDL_LENGTH} has no MDL length to act on and is rejected.
   *
   * @param PacketObject the packet
   * @param Buffer the inline payload, from its position
   * @param BufferLength payload bytes
   * @param ExternalDataPfns page frame numbers
   * @param PfnLength pages to send, 1 to {@code ExternalDataPfns.length}
   * @param Flags {@code VMBUS_CHANNEL_FORMAT_FLAG_*} bits, {@code WAIT_FOR_COMPLETION} included
   * @return {@code STATUS_SUCCESS}; {@code STATUS_INVALID_PARAMETER_5} (page count); {@code
   *     STATUS_INVALID_PARAMETER_6} (flags); or the backend's failure status
   */
  public static NtStatus VmbPacketSendWithExternalPfns(VMBPACKET PacketObject, ByteBuffer Buffer,
      int BufferLength, long[] ExternalDataPfns, int PfnLength, int Flags) {
    requireNonNull(PacketObject, "VmbPacketSendWithExternalPfns: PacketObject is null");
    requireNonNull(Buffer, "VmbPacketSendWithExternalPfns: Buffer is null");
    requireNonNull(ExternalDataPfns, "VmbPacketSendWithExternalPfns: ExternalDataPfns is null");
    bufferHolds(Buffer, BufferLength, "VmbPacketSendWithExternalPfns", "Buffer", "BufferLength");
    if (PfnLength == 0 || above(PfnLength, ExternalDataPfns.length)) {
      return STATUS_INVALID_PARAMETER_5;
    }
    if (!sendFlagsValid(Flags, true, false, waitsForCompletion(Flags))) {
      return STATUS_INVALID_PARAMETER_6;
    }
    return PacketObject.backend().VmbPacketSendWithExternalPfns(PacketObject, Buffer,
        BufferLength, ExternalDataPfns, PfnLength, Flags);
  }

  /**
   * #60 {@code NTSTATUS VmbChannelSendSynchronousRequest(_In_ VMBCHANNEL Channel,
   * _In_reads_bytes_(BufferSize) PVOID Buffer, _In_ UINT32 BufferSize, _In_opt_ PMDL
   * ExternalDataMdl, _In_ UINT32 Flags, _Out_writes_bytes_to_opt_(*CompletionBufferSize,
   * *CompletionBufferSize) PVOID CompletionBuffer, _Inout_opt_ _Pre_satisfies_(*_Curr_ % 8 == 0)
   * PUINT32 CompletionBufferSize, _In_opt_ PLARGE_INTEGER Timeout)}: sends one packet without a
   * packet object and waits for the peer's completion, copied into {@code CompletionBuffer} (at
   * its position; its position is not moved). On success {@code *CompletionBufferSize} holds the
   * bytes written. Timeout as {@link LargeInteger} describes (null: no limit; 0: do not wait, and a
   * packet that does not fit the ring is not queued). Never call it from {@code
   * EvtChannelStarted}; {@code EvtChannelPostStarted} is the place.
   *
   * <p>Decisions (kmcl-api.md §5 item 17): a non-zero {@code *CompletionBufferSize} with a null
   * {@code CompletionBuffer} is {@code STATUS_INVALID_PARAMETER_6}; a size that is not a multiple
   * of 8 is {@code STATUS_INVALID_PARAMETER_7}; a longer response is truncated to the buffer; a
   * timeout cancels the packet and returns {@code STATUS_CANCELLED}, never {@code STATUS_TIMEOUT};
   * a server endpoint counts as the root partition, so it may only use a {@code Timeout} pointing
   * to 0 ({@code STATUS_INVALID_PARAMETER_8} otherwise) and no {@code WAIT_FOR_COMPLETION} ({@code
   * STATUS_INVALID_PARAMETER_5}), and then the call only enqueues (or returns {@code
   * STATUS_BUFFER_OVERFLOW}) and copies nothing. The flag rules of {@link #VmbPacketSend} apply
   * (§5 items 13 and 16), except that external data is also allowed without {@code
   * WAIT_FOR_COMPLETION} when the call waits for the peer anyway ({@code Timeout} null or not 0);
   * a call that may not wait (so any server call) cannot attach an MDL.
   *
   * @param Channel the channel
   * @param Buffer the request, from its position
   * @param BufferSize request bytes
   * @param ExternalDataMdl external data, or null
   * @param Flags {@code VMBUS_CHANNEL_FORMAT_FLAG_*} bits
   * @param CompletionBuffer receives the response, or null
   * @param CompletionBufferSize in: capacity (a multiple of 8); out: bytes written; or null
   * @param Timeout the wait limit, or null for none
   * @return {@code STATUS_SUCCESS}; {@code STATUS_BUFFER_OVERFLOW} (did not fit and not queued);
   *     {@code STATUS_CANCELLED} (cancelled or timed out); {@code STATUS_DEVICE_REMOVED} (the
   *     channel is shutting down); {@code STATUS_INVALID_PARAMETER_5} to {@code _8} as above
   * @throws IllegalArgumentException when a size exceeds its buffer's remaining bytes
   */
  public static NtStatus VmbChannelSendSynchronousRequest(VMBCHANNEL Channel, ByteBuffer Buffer,
      int BufferSize, @Nullable Mdl ExternalDataMdl, int Flags,
      @Nullable ByteBuffer CompletionBuffer, @Nullable UInt32Ref CompletionBufferSize,
      @Nullable LargeInteger Timeout) {
    requireNonNull(Channel, "VmbChannelSendSynchronousRequest: Channel is null");
    requireNonNull(Buffer, "VmbChannelSendSynchronousRequest: Buffer is null");
    bufferHolds(Buffer, BufferSize, "VmbChannelSendSynchronousRequest", "Buffer", "BufferSize");
    int completionSize = CompletionBufferSize == null ? 0 : CompletionBufferSize.get();
    if (CompletionBuffer != null && completionSize != 0) {
      bufferHolds(CompletionBuffer, completionSize, "VmbChannelSendSynchronousRequest",
          "CompletionBuffer", "*CompletionBufferSize");
    }
    boolean root = Channel.isServerEndpoint();
    // Without the flag the call still waits for the peer, unless it may not wait at all.
    boolean awaited = waitsForCompletion(Flags) || Timeout == null || Timeout.QuadPart != 0;
    if (!sendFlagsValid(Flags, ExternalDataMdl != null, false, awaited)
        || (root && waitsForCompletion(Flags))) {
      return STATUS_INVALID_PARAMETER_5;
    }
    if (completionSize != 0 && CompletionBuffer == null) {
      return STATUS_INVALID_PARAMETER_6;
    }
    if ((completionSize & 7) != 0) {
      return STATUS_INVALID_PARAMETER_7;
    }
    if (root && (Timeout == null || Timeout.QuadPart != 0)) {
      return STATUS_INVALID_PARAMETER_8;
    }
    return Channel.backend().VmbChannelSendSynchronousRequest(Channel, Buffer, BufferSize,
        ExternalDataMdl, Flags, CompletionBuffer, CompletionBufferSize, Timeout);
  }

  /**
   * #61 {@code NTSTATUS VmbPacketRestore(_In_ VMBPACKET PacketObject, _In_reads_bytes_(BufferSize)
   * PVOID Buffer, _In_ ULONG BufferSize)}: inside {@code EvtChannelRestorePacket}, puts a packet
   * fresh from {@link #VmbPacketAllocate} back into its saved in-flight state from the library's
   * {@code LibBuf}.
   *
   * <p>Decision: save and restore are server functions, so a packet of a client channel gets
   * {@code STATUS_NOT_SUPPORTED}.
   *
   * @param PacketObject a packet of a server channel
   * @param Buffer the {@code LibBuf} given to the restore callback, from its position
   * @param BufferSize its size
   * @return {@code STATUS_SUCCESS}; {@code STATUS_NOT_SUPPORTED} (client endpoint, or a backend
   *     without save/restore); or the backend's failure status
   */
  public static NtStatus VmbPacketRestore(VMBPACKET PacketObject, ByteBuffer Buffer,
      int BufferSize) {
    requireNonNull(PacketObject, "VmbPacketRestore: PacketObject is null");
    requireNonNull(Buffer, "VmbPacketRestore: Buffer is null");
    bufferHolds(Buffer, BufferSize, "VmbPacketRestore", "Buffer", "BufferSize");
    if (!PacketObject.backend().VmbPacketGetChannel(PacketObject).isServerEndpoint()) {
      return STATUS_NOT_SUPPORTED;
    }
    return PacketObject.backend().VmbPacketRestore(PacketObject, Buffer, BufferSize);
  }

  // ---- 2.H GPADLs and bounce buffers -----------------------------------------------------------

  /**
   * #62 {@code NTSTATUS VmbChannelCreateGpadlFromBuffer(_In_ VMBCHANNEL Channel, _In_ UINT32 Flags,
   * _In_reads_bytes_(ByteCount) PVOID Buffer, _In_ UINT32 ByteCount, _Out_ PUINT32 GpadlHandle)}:
   * describes a client buffer to the peer as a GPADL; the buffer stays locked until {@link
   * #VmbChannelDeleteGpadl}. When the call returns the peer has acknowledged it and the server may
   * map it. GPADLs may be created from {@code EvtChannelOpened} on.
   *
   * <p>Decision (kmcl-api.md §5 item 31): the read-only flag is {@code
   * VMBUS_CHANNEL_GPADL_FLAG_READ_ONLY}, a performance hint. The GPADL covers bytes {@code
   * [position, position + ByteCount)} of {@code Buffer}.
   *
   * @param Channel a client channel
   * @param Flags bits of {@code VMBUS_CHANNEL_GPADL_FLAGS} (0x1)
   * @param Buffer the memory, from its position
   * @param ByteCount bytes, at least 1
   * @param GpadlHandle receives the GPADL handle
   * @return {@code STATUS_SUCCESS}; {@code STATUS_NOT_SUPPORTED} (server endpoint, or a backend
   *     without GPADLs); {@code STATUS_INVALID_PARAMETER_2} (flags); {@code
   *     STATUS_INVALID_PARAMETER_4} ({@code ByteCount} 0); or the backend's failure status
   */
  public static NtStatus VmbChannelCreateGpadlFromBuffer(VMBCHANNEL Channel, int Flags,
      ByteBuffer Buffer, int ByteCount, UInt32Ref GpadlHandle) {
    requireNonNull(Channel, "VmbChannelCreateGpadlFromBuffer: Channel is null");
    requireNonNull(Buffer, "VmbChannelCreateGpadlFromBuffer: Buffer is null");
    requireNonNull(GpadlHandle, "VmbChannelCreateGpadlFromBuffer: GpadlHandle is null");
    bufferHolds(Buffer, ByteCount, "VmbChannelCreateGpadlFromBuffer", "Buffer", "ByteCount");
    if (Channel.isServerEndpoint()) {
      return STATUS_NOT_SUPPORTED;
    }
    if ((Flags & ~VMBUS_CHANNEL_GPADL_FLAGS) != 0) {
      return STATUS_INVALID_PARAMETER_2;
    }
    if (ByteCount == 0) {
      return STATUS_INVALID_PARAMETER_4;
    }
    return Channel.backend().VmbChannelCreateGpadlFromBuffer(Channel, Flags, Buffer, ByteCount,
        GpadlHandle);
  }

  /**
   * #63 {@code NTSTATUS VmbChannelCreateGpadlFromMdl(_In_ VMBCHANNEL Channel, _In_ UINT32 Flags,
   * _In_ PMDL Mdl, _In_ UINT32 StartOffsetWithinMdl, _In_ UINT32 DataLengthWithinMdl, _Out_ PUINT32
   * GpadlHandle)}: as {@link #VmbChannelCreateGpadlFromBuffer}, over bytes of an MDL chain ({@code
   * DataLengthWithinMdl} 0: to the end).
   *
   * @param Channel a client channel
   * @param Flags bits of {@code VMBUS_CHANNEL_GPADL_FLAGS} (0x1)
   * @param Mdl the MDL chain
   * @param StartOffsetWithinMdl first byte, inside the chain
   * @param DataLengthWithinMdl bytes, 0 for the rest of the chain
   * @param GpadlHandle receives the GPADL handle
   * @return {@code STATUS_SUCCESS}; {@code STATUS_NOT_SUPPORTED} (server endpoint, or a backend
   *     without GPADLs); {@code STATUS_INVALID_PARAMETER_2} (flags); {@code
   *     STATUS_INVALID_PARAMETER_4} (offset outside the chain); {@code STATUS_INVALID_PARAMETER_5}
   *     (offset + length beyond the chain); or the backend's failure status
   */
  public static NtStatus VmbChannelCreateGpadlFromMdl(VMBCHANNEL Channel, int Flags, Mdl Mdl,
      int StartOffsetWithinMdl, int DataLengthWithinMdl, UInt32Ref GpadlHandle) {
    requireNonNull(Channel, "VmbChannelCreateGpadlFromMdl: Channel is null");
    requireNonNull(Mdl, "VmbChannelCreateGpadlFromMdl: Mdl is null");
    requireNonNull(GpadlHandle, "VmbChannelCreateGpadlFromMdl: GpadlHandle is null");
    if (Channel.isServerEndpoint()) {
      return STATUS_NOT_SUPPORTED;
    }
    if ((Flags & ~VMBUS_CHANNEL_GPADL_FLAGS) != 0) {
      return STATUS_INVALID_PARAMETER_2;
    }
    long chainBytes = Mdl.chainByteCount();
    long offset = Integer.toUnsignedLong(StartOffsetWithinMdl);
    if (offset >= chainBytes) {
      return STATUS_INVALID_PARAMETER_4;
    }
    if (offset + Integer.toUnsignedLong(DataLengthWithinMdl) > chainBytes) {
      return STATUS_INVALID_PARAMETER_5;
    }
    return Channel.backend().VmbChannelCreateGpadlFromMdl(Channel, Flags, Mdl,
        StartOffsetWithinMdl, DataLengthWithinMdl, GpadlHandle);
  }

  /**
   * #64 {@code NTSTATUS VmbChannelCreateGpadlFromPfnList(_In_ VMBCHANNEL Channel, _In_ UINT32
   * Flags, _In_reads_(PfnListCount) PPFN_NUMBER PfnList, _In_ UINT32 PfnListCount, _Out_ PUINT32
   * GpadlHandle)} (V4): as {@link #VmbChannelCreateGpadlFromBuffer}, over pages already locked.
   *
   * @param Channel a client channel
   * @param Flags bits of {@code VMBUS_CHANNEL_GPADL_FLAGS} (0x1)
   * @param PfnList page frame numbers
   * @param PfnListCount pages, 1 to {@code PfnList.length}
   * @param GpadlHandle receives the GPADL handle
   * @return {@code STATUS_SUCCESS}; {@code STATUS_NOT_SUPPORTED} (server endpoint, or a backend
   *     without GPADLs); {@code STATUS_INVALID_PARAMETER_2} (flags); {@code
   *     STATUS_INVALID_PARAMETER_4} (page count); or the backend's failure status
   */
  public static NtStatus VmbChannelCreateGpadlFromPfnList(VMBCHANNEL Channel, int Flags,
      long[] PfnList, int PfnListCount, UInt32Ref GpadlHandle) {
    requireNonNull(Channel, "VmbChannelCreateGpadlFromPfnList: Channel is null");
    requireNonNull(PfnList, "VmbChannelCreateGpadlFromPfnList: PfnList is null");
    requireNonNull(GpadlHandle, "VmbChannelCreateGpadlFromPfnList: GpadlHandle is null");
    if (Channel.isServerEndpoint()) {
      return STATUS_NOT_SUPPORTED;
    }
    if ((Flags & ~VMBUS_CHANNEL_GPADL_FLAGS) != 0) {
      return STATUS_INVALID_PARAMETER_2;
    }
    if (PfnListCount == 0 || above(PfnListCount, PfnList.length)) {
      return STATUS_INVALID_PARAMETER_4;
    }
    return Channel.backend().VmbChannelCreateGpadlFromPfnList(Channel, Flags, PfnList,
        PfnListCount, GpadlHandle);
  }

  /**
   * #65 {@code NTSTATUS VmbChannelCreateGpadl(_In_ VMBCHANNEL Channel, _In_ UINT32 Flags, _In_
   * UINT32 PageCount, _Out_ PUINT32 GpadlHandle)} (WDK 20348, in no interface table): the backend
   * allocates a {@code PageCount}-page buffer and creates a GPADL over it; {@link
   * #VmbChannelGetSystemAddressForGpadl} returns the buffer.
   *
   * <p>Decision (kmcl-api.md §5 item 1): reachable here although no interface table has it.
   *
   * @param Channel a client channel
   * @param Flags bits of {@code VMBUS_CHANNEL_GPADL_FLAGS} (0x1)
   * @param PageCount pages, at least 1
   * @param GpadlHandle receives the GPADL handle
   * @return {@code STATUS_SUCCESS}; {@code STATUS_NOT_SUPPORTED} (server endpoint, or a backend
   *     without GPADLs); {@code STATUS_INVALID_PARAMETER_2} (flags); {@code
   *     STATUS_INVALID_PARAMETER_3} ({@code PageCount} 0); or the backend's failure status
   */
  public static NtStatus VmbChannelCreateGpadl(VMBCHANNEL Channel, int Flags, int PageCount,
      UInt32Ref GpadlHandle) {
    requireNonNull(Channel, "VmbChannelCreateGpadl: Channel is null");
    requireNonNull(GpadlHandle, "VmbChannelCreateGpadl: GpadlHandle is null");
    if (Channel.isServerEndpoint()) {
      return STATUS_NOT_SUPPORTED;
    }
    if ((Flags & ~VMBUS_CHANNEL_GPADL_FLAGS) != 0) {
      return STATUS_INVALID_PARAMETER_2;
    }
    if (PageCount == 0) {
      return STATUS_INVALID_PARAMETER_3;
    }
    return Channel.backend().VmbChannelCreateGpadl(Channel, Flags, PageCount, GpadlHandle);
  }

  /**
   * #66 {@code NTSTATUS VmbChannelGetSystemAddressForGpadl(_In_ VMBCHANNEL Channel, _In_ UINT32
   * Flags, _In_ UINT32 GpadlHandle, _Out_ PVOID* SystemAddress)} (WDK 20348, in no interface
   * table): the buffer of a GPADL made by {@link #VmbChannelCreateGpadl}, as a {@link ByteBuffer}.
   * {@code Flags} is unused and ignored, as in C.
   *
   * @param Channel a client channel
   * @param Flags unused
   * @param GpadlHandle a handle from {@link #VmbChannelCreateGpadl}
   * @param SystemAddress receives the buffer
   * @return {@code STATUS_SUCCESS}; {@code STATUS_NOT_SUPPORTED} (server endpoint, or a backend
   *     without GPADLs); or the backend's failure status
   */
  public static NtStatus VmbChannelGetSystemAddressForGpadl(VMBCHANNEL Channel, int Flags,
      int GpadlHandle, Ref<ByteBuffer> SystemAddress) {
    requireNonNull(Channel, "VmbChannelGetSystemAddressForGpadl: Channel is null");
    requireNonNull(SystemAddress, "VmbChannelGetSystemAddressForGpadl: SystemAddress is null");
    if (Channel.isServerEndpoint()) {
      return STATUS_NOT_SUPPORTED;
    }
    return Channel.backend().VmbChannelGetSystemAddressForGpadl(Channel, Flags, GpadlHandle,
        SystemAddress);
  }

  /**
   * #67 {@code VOID VmbChannelDeleteGpadl(_In_ VMBCHANNEL Channel, _In_ UINT32 GpadlHandle)}: tears
   * down a GPADL made by #62 to #65. Blocks while the server still has it mapped.
   *
   * <p>Decision (kmcl-api.md §5 item 7): every GPADL must be deleted by the end of {@code
   * EvtChannelClosed}; a server that never unmaps blocks this call, as in KMCL. GPADLs are created
   * by clients only, so a server endpoint is a programming error: {@link IllegalStateException}.
   *
   * @param Channel a client channel
   * @param GpadlHandle the GPADL handle
   * @throws IllegalStateException on a server endpoint
   */
  public static void VmbChannelDeleteGpadl(VMBCHANNEL Channel, int GpadlHandle) {
    requireNonNull(Channel, "VmbChannelDeleteGpadl: Channel is null");
    if (Channel.isServerEndpoint()) {
      throw new IllegalStateException("VmbChannelDeleteGpadl: client endpoint only");
    }
    Channel.backend().VmbChannelDeleteGpadl(Channel, GpadlHandle);
  }

  /**
   * #68 {@code NTSTATUS VmbChannelMapGpadl(_In_ VMBCHANNEL Channel, _In_ UINT32 Flags, _In_ UINT32
   * GpadlHandle, _Out_ PMDL *Mdl)}: maps a client's GPADL and returns an MDL of its pages (no
   * virtual address). One mapping per GPADL at a time; pair it with {@link #VmbChannelUnmapGpadl}.
   * Without the read-only flag the map asks for write access, which fails on a read-only GPADL.
   *
   * @param Channel a server channel
   * @param Flags bits of {@code VMBUS_CHANNEL_GPADL_FLAGS} (0x1)
   * @param GpadlHandle the client's GPADL handle
   * @param Mdl receives the MDL
   * @return {@code STATUS_SUCCESS}; {@code STATUS_NOT_SUPPORTED} (client endpoint, or a backend
   *     without GPADLs); {@code STATUS_INVALID_PARAMETER_2} (flags); or the backend's failure
   *     status
   */
  public static NtStatus VmbChannelMapGpadl(VMBCHANNEL Channel, int Flags, int GpadlHandle,
      Ref<Mdl> Mdl) {
    requireNonNull(Channel, "VmbChannelMapGpadl: Channel is null");
    requireNonNull(Mdl, "VmbChannelMapGpadl: Mdl is null");
    if (!Channel.isServerEndpoint()) {
      return STATUS_NOT_SUPPORTED;
    }
    if ((Flags & ~VMBUS_CHANNEL_GPADL_FLAGS) != 0) {
      return STATUS_INVALID_PARAMETER_2;
    }
    return Channel.backend().VmbChannelMapGpadl(Channel, Flags, GpadlHandle, Mdl);
  }

  /**
   * #69 {@code VOID VmbChannelUnmapGpadl(_In_ VMBCHANNEL Channel, _In_ UINT32 GpadlHandle)}:
   * reverses {@link #VmbChannelMapGpadl}; the server must have stopped using the memory.
   *
   * @param Channel a server channel
   * @param GpadlHandle the mapped GPADL handle
   * @throws IllegalStateException on a client endpoint
   */
  public static void VmbChannelUnmapGpadl(VMBCHANNEL Channel, int GpadlHandle) {
    requireNonNull(Channel, "VmbChannelUnmapGpadl: Channel is null");
    if (!Channel.isServerEndpoint()) {
      throw new IllegalStateException("VmbChannelUnmapGpadl: server endpoint only");
    }
    Channel.backend().VmbChannelUnmapGpadl(Channel, GpadlHandle);
  }

  /**
   * #70 {@code NTSTATUS VmbChannelAllocateBounceBuffer(_In_ VMBCHANNEL Channel, _In_ UINT32
   * BufferSize)} (V3): a bounce buffer used instead of per-packet MDLs, for isolated guests.
   *
   * @param Channel a client channel
   * @param BufferSize a non-zero multiple of 4096
   * @return {@code STATUS_SUCCESS}; {@code STATUS_NOT_SUPPORTED} (server endpoint, or a backend
   *     without bounce buffers); {@code STATUS_INVALID_PARAMETER} (size); {@code
   *     STATUS_INSUFFICIENT_RESOURCES}
   */
  public static NtStatus VmbChannelAllocateBounceBuffer(VMBCHANNEL Channel, int BufferSize) {
    requireNonNull(Channel, "VmbChannelAllocateBounceBuffer: Channel is null");
    if (Channel.isServerEndpoint()) {
      return STATUS_NOT_SUPPORTED;
    }
    if (BufferSize == 0 || !pageMultiple(BufferSize)) {
      return STATUS_INVALID_PARAMETER;
    }
    return Channel.backend().VmbChannelAllocateBounceBuffer(Channel, BufferSize);
  }

  // ---- 2.I save / restore, server only ---------------------------------------------------------

  /**
   * #71 {@code _Must_inspect_result_ NTSTATUS VmbChannelSaveBegin(_In_ VMBCHANNEL Channel)}: sets
   * up a save context; follow it with {@link #VmbChannelSaveContinue}, repeated, then {@link
   * #VmbChannelSaveEnd}.
   *
   * @param Channel a server channel
   * @return {@code STATUS_SUCCESS}; {@code STATUS_NOT_SUPPORTED} (client endpoint, or a backend
   *     without save/restore); or the backend's failure status
   */
  public static NtStatus VmbChannelSaveBegin(VMBCHANNEL Channel) {
    requireNonNull(Channel, "VmbChannelSaveBegin: Channel is null");
    if (!Channel.isServerEndpoint()) {
      return STATUS_NOT_SUPPORTED;
    }
    return Channel.backend().VmbChannelSaveBegin(Channel);
  }

  /**
   * #72 {@code _Must_inspect_result_ NTSTATUS VmbChannelSaveContinue(_In_ VMBCHANNEL Channel,
   * _Out_writes_bytes_to_(SaveBufferSize, *BytesFilled) PVOID SaveBuffer, _In_ ULONG
   * SaveBufferSize, _Out_ PULONG BytesFilled, _Out_ PULONG BytesRequired)}: writes the next chunks
   * of channel state at the buffer's position; the per-packet save callbacks run from here.
   *
   * <p>Decision (kmcl-api.md §5 items 23 and 24): {@code STATUS_BUFFER_OVERFLOW} fails {@code
   * NT_SUCCESS} but means progress: loop while it is returned. Store each output separately; each
   * holds whole chunks, to be replayed in order with {@link #VmbChannelRestoreFromBuffer}. {@code
   * BytesRequired} is the parameter the docs also call {@code BytesNeeded}.
   *
   * @param Channel a server channel
   * @param SaveBuffer receives state, from its position
   * @param SaveBufferSize capacity in bytes
   * @param BytesFilled receives the bytes written
   * @param BytesRequired receives the size needed after {@code STATUS_BUFFER_TOO_SMALL}
   * @return {@code STATUS_SUCCESS} (all saved); {@code STATUS_BUFFER_OVERFLOW} (partial, call
   *     again); {@code STATUS_BUFFER_TOO_SMALL} (nothing written); {@code STATUS_NOT_SUPPORTED}
   *     (client endpoint, or a backend without save/restore)
   */
  public static NtStatus VmbChannelSaveContinue(VMBCHANNEL Channel, ByteBuffer SaveBuffer,
      int SaveBufferSize, UInt32Ref BytesFilled, UInt32Ref BytesRequired) {
    requireNonNull(Channel, "VmbChannelSaveContinue: Channel is null");
    requireNonNull(SaveBuffer, "VmbChannelSaveContinue: SaveBuffer is null");
    requireNonNull(BytesFilled, "VmbChannelSaveContinue: BytesFilled is null");
    requireNonNull(BytesRequired, "VmbChannelSaveContinue: BytesRequired is null");
    bufferHolds(SaveBuffer, SaveBufferSize, "VmbChannelSaveContinue", "SaveBuffer",
        "SaveBufferSize");
    if (!Channel.isServerEndpoint()) {
      return STATUS_NOT_SUPPORTED;
    }
    return Channel.backend().VmbChannelSaveContinue(Channel, SaveBuffer, SaveBufferSize,
        BytesFilled, BytesRequired);
  }

  /**
   * #73 {@code VOID VmbChannelSaveEnd(_In_ VMBCHANNEL Channel)}: releases the save context.
   *
   * @param Channel a server channel
   * @throws IllegalStateException on a client endpoint
   */
  public static void VmbChannelSaveEnd(VMBCHANNEL Channel) {
    requireNonNull(Channel, "VmbChannelSaveEnd: Channel is null");
    if (!Channel.isServerEndpoint()) {
      throw new IllegalStateException("VmbChannelSaveEnd: server endpoint only");
    }
    Channel.backend().VmbChannelSaveEnd(Channel);
  }

  /**
   * #74 {@code _Must_inspect_result_ NTSTATUS VmbChannelRestoreFromBuffer(_In_ VMBCHANNEL Channel,
   * _In_reads_bytes_(BufferSize) PVOID Buffer, _In_ ULONG BufferSize)}: restores channel state from
   * one output of {@link #VmbChannelSaveContinue}; runs the per-packet restore callbacks.
   *
   * <p>Decision (kmcl-api.md §5 items 23 and 24): {@code STATUS_MORE_PROCESSING_REQUIRED} fails
   * {@code NT_SUCCESS} but means this chunk was restored and more are expected; any other status
   * that fails {@code NT_SUCCESS} is a failure.
   *
   * @param Channel a server channel
   * @param Buffer saved state, from its position
   * @param BufferSize bytes
   * @return {@code STATUS_SUCCESS}; {@code STATUS_MORE_PROCESSING_REQUIRED} (give the next chunk);
   *     {@code STATUS_NOT_SUPPORTED} (client endpoint, or a backend without save/restore); or the
   *     backend's failure status
   */
  public static NtStatus VmbChannelRestoreFromBuffer(VMBCHANNEL Channel, ByteBuffer Buffer,
      int BufferSize) {
    requireNonNull(Channel, "VmbChannelRestoreFromBuffer: Channel is null");
    requireNonNull(Buffer, "VmbChannelRestoreFromBuffer: Buffer is null");
    bufferHolds(Buffer, BufferSize, "VmbChannelRestoreFromBuffer", "Buffer", "BufferSize");
    if (!Channel.isServerEndpoint()) {
      return STATUS_NOT_SUPPORTED;
    }
    return Channel.backend().VmbChannelRestoreFromBuffer(Channel, Buffer, BufferSize);
  }
}
