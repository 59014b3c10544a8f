package dev.vmbkmcl;

import static dev.vmbkmcl.FacadeFixture.bytes;
import static dev.vmbkmcl.FacadeFixture.mdl;
import static dev.vmbkmcl.KmclConstants.VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION;
import static dev.vmbkmcl.KmclConstants.VMBUS_CHANNEL_GPADL_FLAG_READ_ONLY;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One valid call of each of the 72 functions the facade forwards (all but {@code VmbSizeofChannel}
 * and {@code VmbConvertVmbusHandleToKernelHandle}), built over a {@link FacadeFixture}: arguments
 * that pass every facade rule, so the call must reach the backend unchanged.
 */
final class FacadeCalls {
  private static final int WAIT = VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION;
  private static final UUID TYPE = UUID.fromString("57164f39-9115-4e78-ab55-382f3bd5422d");
  private static final UUID INSTANCE = UUID.fromString("2dd1ce17-079e-403c-b352-a1921ee207ee");

  private final Map<String, Object[]> calls = new LinkedHashMap<>();

  FacadeCalls(FacadeFixture f) {
    VMB_CHANNEL_STATE_CHANGE_CALLBACKS callbacks = new VMB_CHANNEL_STATE_CHANGE_CALLBACKS();
    Vmbkmcl.VMB_CHANNEL_STATE_CHANGE_CALLBACKS_INIT(callbacks);
    EVT_VMB_CHANNEL_PROCESS_PACKET process = (c, p, b, l, fl) -> { };
    EVT_VMB_CHANNEL_PROCESSING_COMPLETE complete = (c, n) -> { };
    EVT_VMB_CHANNEL_PROCESS_PACKET_EX processEx = (c, x, p, b, l, fl) -> { };
    EVT_VMB_CHANNEL_PROCESSING_COMPLETE_EX completeEx = (c, x, n) -> { };
    EVT_VMB_CHANNEL_PNP_FAILURE pnpFailure = (c, s) -> { };
    EVT_VMB_CHANNEL_SAVE_PACKET save = (c, p, b, s, n) -> NtStatus.STATUS_SUCCESS;
    EVT_VMB_CHANNEL_RESTORE_PACKET restore = (c, lb, ls, sb, ss) -> NtStatus.STATUS_SUCCESS;
    EVT_VMB_CHANNEL_SAVE_PACKET_EX saveEx = (c, x, p, b, s, n) -> NtStatus.STATUS_SUCCESS;
    EVT_VMB_CHANNEL_RESTORE_PACKET_EX restoreEx = (c, x, lb, ls, sb, ss) -> NtStatus.STATUS_SUCCESS;
    EVT_VMB_PACKET_COMPLETION_ROUTINE routine = (p, s, b, l) -> { };
    EVT_VMB_PACKET_COMPLETION_ROUTINE_EX routineEx = (p, x, s, b, l) -> { };
    Object context = new Object();

    add("VmbChannelAllocate", f.device, false, new Ref<VMBCHANNEL>());
    add("VmbChannelInitialize", f.device, true, new Ref<VMBCHANNEL>(), 4096);
    add("VmbChannelCleanup", f.client);
    add("VmbChannelEnable", f.client);
    add("VmbChannelDisable", f.client);
    add("VmbChannelStart", f.server);
    add("VmbChannelPause", f.client);
    add("VmbChannelInitSetMaximumPacketSize", f.client, 4096);
    add("VmbChannelInitSetMaximumPacketCount", f.client, 16);
    add("VmbChannelInitSetMaximumExternalData", f.client, 65536, 4);
    add("VmbChannelInitSetClientContextSize", f.client, 32);
    add("VmbChannelInitSetInlinePacketContextSize", f.client, 16);
    add("VmbChannelInitSetBounceBufferSizes", f.client, 8192, 4096, 65536);
    add("VmbChannelInitSetProcessPacketCallbacks", f.client, process, complete);
    add("VmbChannelInitSetProcessPacketCallbacksEx", f.client, context, processEx, completeEx);
    add("VmbChannelInitSetStateChangeCallbacks", f.client, callbacks);
    add("VmbChannelInitSetFriendlyName", f.client, "Network");
    add("VmbChannelInitSetFlags", f.client, KmclConstants.VMBUS_CHANNEL_INIT_FLAG_IS_PIPE);
    add("VmbChannelInitSetPrimaryChannel", f.client, f.client2, 1);
    add("VmbChannelSetIncomingProcessingAtPassive", f.client, true);
    add("VmbChannelSetTransactionQuota", f.client, 8);
    add("VmbChannelSetAllowableDpcCpuUsage", f.client, 50);
    add("VmbClientChannelInitSetRingBufferPageCount", f.client, 4, 8);
    add("VmbClientChannelInitSetTargetPnp", f.client, TYPE, INSTANCE, pnpFailure);
    add("VmbClientChannelInitSetTargetProcessorIndex", f.client, 1);
    add("VmbServerChannelInitSetFlags", f.server, KmclConstants.VMBUS_SERVER_CHANNEL_INIT_FLAGS);
    add("VmbServerChannelInitSetTargetInterfaceId", f.server, TYPE, INSTANCE);
    add("VmbServerChannelInitSetTargetVtl", f.server, 2);
    add("VmbServerChannelInitSetMmioMegabytes", f.server, 16, 0);
    add("VmbServerChannelInitSetVmbusHandle", f.server, new Handle(7, true));
    add("VmbServerChannelInitSetSaveRestorePacketCallbacks", f.server, save, restore);
    add("VmbServerChannelInitSetSaveRestorePacketCallbacksEx", f.server, context, saveEx,
        restoreEx);
    add("VmbChannelSetPointer", f.client, context);
    add("VmbChannelGetPointer", f.client);
    add("VmbChannelGetInterfaceInstance", f.client, new Ref<UUID>());
    add("VmbChannelGetTargetDeviceObject", f.client, new Ref<DeviceObject>());
    add("VmbChannelGetParentDeviceObject", f.client, new Ref<DeviceObject>());
    add("VmbChannelGetMmioSpace", f.client, new UInt64Ref(), new UInt64Ref());
    add("VmbChannelSetInterruptLatency", f.client, 100, new UInt16Ref());
    add("VmbChannelSizeofPacket", f.client);
    add("VmbChannelPacketComplete", f.completion, bytes(8), 8);
    add("VmbChannelPacketDeferToPassive", f.completion);
    add("VmbChannelPacketFail", f.completion);
    add("VmbChannelPacketGetExternalData", f.completion, 1, new Ref<Mdl>());
    add("VmbChannelPacketGetClientContext", f.completion);
    add("VmbPacketAllocate", f.client);
    add("VmbPacketInitialize", f.client, new Ref<VMBPACKET>(), 4096);
    add("VmbPacketFree", f.packet);
    add("VmbPacketSetCompletionRoutine", f.packet, routine);
    add("VmbPacketSetCompletionRoutineEx", f.packet, context, routineEx);
    add("VmbPacketSetPointer", f.packet, context);
    add("VmbPacketGetPointer", f.packet);
    add("VmbPacketGetChannel", f.packet);
    add("VmbPacketGetInlinePacketContextPointer", f.packet);
    add("VmbPacketSend", f.packet, bytes(16), 16, null, WAIT);
    add("VmbPacketSendWithExternalMdl", f.packet, bytes(16), 16, mdl(8192), 0, 0, WAIT);
    add("VmbPacketSendWithExternalPfns", f.packet, bytes(16), 16, new long[] {5, 6}, 2, WAIT);
    add("VmbChannelSendSynchronousRequest", f.client, bytes(16), 16, null, WAIT, bytes(64),
        new UInt32Ref(64), LargeInteger.relativeMillis(1000));
    add("VmbPacketRestore", f.serverPacket, bytes(16), 16);
    add("VmbChannelCreateGpadlFromBuffer", f.client, VMBUS_CHANNEL_GPADL_FLAG_READ_ONLY, bytes(16),
        16, new UInt32Ref());
    add("VmbChannelCreateGpadlFromMdl", f.client, 0, mdl(8192), 0, 0, new UInt32Ref());
    add("VmbChannelCreateGpadlFromPfnList", f.client, 0, new long[] {5, 6}, 2, new UInt32Ref());
    add("VmbChannelCreateGpadl", f.client, 0, 4, new UInt32Ref());
    add("VmbChannelGetSystemAddressForGpadl", f.client, 0, 3, new Ref<java.nio.ByteBuffer>());
    add("VmbChannelDeleteGpadl", f.client, 3);
    add("VmbChannelMapGpadl", f.server, VMBUS_CHANNEL_GPADL_FLAG_READ_ONLY, 3, new Ref<Mdl>());
    add("VmbChannelUnmapGpadl", f.server, 3);
    add("VmbChannelAllocateBounceBuffer", f.client, 8192);
    add("VmbChannelSaveBegin", f.server);
    add("VmbChannelSaveContinue", f.server, bytes(16), 16, new UInt32Ref(), new UInt32Ref());
    add("VmbChannelSaveEnd", f.server);
    add("VmbChannelRestoreFromBuffer", f.server, bytes(16), 16);
  }

  private void add(String name, @Nullable Object... args) {
    calls.put(name, args);
  }

  /** The names of the 72 forwarded functions, in catalogue order. */
  static List<String> names() {
    return List.copyOf(new FacadeCalls(new FacadeFixture()).calls.keySet());
  }

  /** A fresh copy of the valid arguments of {@code name}. */
  Object[] args(String name) {
    Object[] args = calls.get(name);
    if (args == null) {
      throw new IllegalArgumentException("no valid call recorded for " + name);
    }
    return Arrays.copyOf(args, args.length);
  }

  /** The facade's public static method {@code name} (the facade has no overloads). */
  static Method facade(String name) {
    return only(Vmbkmcl.class, name);
  }

  /** The backend SPI's method of the same name and parameters. */
  static Method backend(String name) {
    try {
      return KmclBackend.class.getMethod(name, facade(name).getParameterTypes());
    } catch (NoSuchMethodException e) {
      throw new AssertionError("KmclBackend lacks " + name, e);
    }
  }

  static Method only(Class<?> type, String name) {
    Method found = null;
    for (Method m : type.getMethods()) {
      if (m.getName().equals(name)) {
        if (found != null) {
          throw new AssertionError(type.getSimpleName() + "." + name + " is overloaded");
        }
        found = m;
      }
    }
    if (found == null) {
      throw new AssertionError(type.getSimpleName() + " has no method " + name);
    }
    return found;
  }

  /** Calls {@code method} on {@code target} and unwraps what it threw. */
  static @Nullable Object invoke(Method method, @Nullable Object target, Object[] args)
      throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
