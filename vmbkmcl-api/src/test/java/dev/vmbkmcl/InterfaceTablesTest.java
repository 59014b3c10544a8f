package dev.vmbkmcl;

import static dev.vmbkmcl.KmclConstants.KMCL_CLIENT_INTERFACE_TYPE;
import static dev.vmbkmcl.KmclConstants.KMCL_SERVER_INTERFACE_TYPE;
import static dev.vmbkmcl.NtStatus.STATUS_INVALID_PARAMETER;
import static dev.vmbkmcl.NtStatus.STATUS_NOT_SUPPORTED;
import static dev.vmbkmcl.NtStatus.STATUS_SUCCESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import dev.vmbkmcl.interfaces.KMCL_CLIENT_INTERFACE_V1;
import dev.vmbkmcl.interfaces.KMCL_CLIENT_INTERFACE_V2;
import dev.vmbkmcl.interfaces.KMCL_CLIENT_INTERFACE_V3;
import dev.vmbkmcl.interfaces.KMCL_CLIENT_INTERFACE_V4;
import dev.vmbkmcl.interfaces.KMCL_CLIENT_INTERFACE_V5;
import dev.vmbkmcl.interfaces.KMCL_SERVER_INTERFACE_V1;
import dev.vmbkmcl.interfaces.KMCL_SERVER_INTERFACE_V5;
import dev.vmbkmcl.interfaces.KMCL_SERVER_ONLY_METHODS;
import dev.vmbkmcl.interfaces.KMCL_SERVER_ONLY_METHODS_V5;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The interface tables of kmcl-api.md §4.2: their members (typed in from the reference), their x64
 * sizes, forwarding to the facade, and {@link Vmbkmcl#KmclQueryInterface}.
 */
class InterfaceTablesTest {
  private static final List<String> V1 = List.of("VmbChannelAllocate", "VmbChannelCleanup",
      "VmbChannelCreateGpadlFromBuffer", "VmbChannelCreateGpadlFromMdl", "VmbChannelDeleteGpadl",
      "VmbChannelDisable", "VmbChannelEnable", "VmbChannelGetInterfaceInstance",
      "VmbChannelGetMmioSpace", "VmbChannelGetPointer", "VmbChannelInitSetClientContextSize",
      "VmbChannelInitSetFlags", "VmbChannelInitSetFriendlyName",
      "VmbChannelInitSetMaximumExternalData", "VmbChannelInitSetMaximumPacketSize",
      "VmbChannelInitSetProcessPacketCallbacks", "VmbChannelInitSetStateChangeCallbacks",
      "VmbChannelPacketComplete", "VmbChannelPacketDeferToPassive", "VmbChannelPacketFail",
      "VmbChannelPacketGetExternalData", "VmbChannelPause", "VmbChannelSendSynchronousRequest",
      "VmbChannelSetIncomingProcessingAtPassive", "VmbChannelSetInterruptLatency",
      "VmbChannelSetPointer", "VmbChannelSetTransactionQuota", "VmbChannelSizeofPacket",
      "VmbChannelStart", "VmbClientChannelInitSetRingBufferPageCount",
      "VmbClientChannelInitSetTargetPnp", "VmbPacketAllocate", "VmbPacketFree",
      "VmbPacketGetChannel", "VmbPacketGetPointer", "VmbPacketInitialize", "VmbPacketSend",
      "VmbPacketSendWithExternalMdl", "VmbPacketSendWithExternalPfns",
      "VmbPacketSetCompletionRoutine", "VmbPacketSetPointer");
  private static final List<String> V2 = List.of("VmbChannelPacketGetClientContext",
      "VmbChannelGetTargetDeviceObject", "VmbChannelGetParentDeviceObject");
  private static final List<String> V3 = List.of("VmbChannelInitSetBounceBufferSizes",
      "VmbChannelAllocateBounceBuffer");
  private static final List<String> V4 = List.of("VmbChannelInitSetMaximumPacketCount",
      "VmbChannelCreateGpadlFromPfnList");
  private static final List<String> V5 = List.of("VmbChannelInitSetPrimaryChannel",
      "VmbChannelInitialize", "VmbChannelSetAllowableDpcCpuUsage",
      "VmbClientChannelInitSetTargetProcessorIndex", "VmbSizeofChannel",
      "VmbChannelInitSetInlinePacketContextSize", "VmbPacketGetInlinePacketContextPointer",
      "VmbChannelInitSetProcessPacketCallbacksEx", "VmbPacketSetCompletionRoutineEx");
  private static final List<String> S1 = List.of("VmbChannelMapGpadl",
      "VmbChannelRestoreFromBuffer", "VmbChannelSaveBegin", "VmbChannelSaveContinue",
      "VmbChannelSaveEnd", "VmbChannelUnmapGpadl", "VmbConvertVmbusHandleToKernelHandle",
      "VmbPacketRestore", "VmbServerChannelInitSetFlags", "VmbServerChannelInitSetMmioMegabytes",
      "VmbServerChannelInitSetSaveRestorePacketCallbacks",
      "VmbServerChannelInitSetTargetInterfaceId", "VmbServerChannelInitSetTargetVtl",
      "VmbServerChannelInitSetVmbusHandle");
  private static final List<String> S5 =
      List.of("VmbServerChannelInitSetSaveRestorePacketCallbacksEx");

  private final FacadeFixture f = new FacadeFixture();

  private static Set<String> declared(Class<?> type) {
    Set<String> names = new HashSet<>();
    for (Method m : type.getDeclaredMethods()) {
      if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic()) {
        names.add(m.getName());
      }
    }
    return names;
  }

  private static Set<String> union(List<?>... lists) {
    Set<String> all = new HashSet<>();
    for (List<?> l : lists) {
      for (Object o : l) {
        all.add((String) o);
      }
    }
    return all;
  }

  @Test
  void eachTableDeclaresExactlyTheMembersItsVersionAdds() {
    assertEquals(union(V1), declared(KMCL_CLIENT_INTERFACE_V1.class));
    assertEquals(union(V2), declared(KMCL_CLIENT_INTERFACE_V2.class));
    assertEquals(union(V3), declared(KMCL_CLIENT_INTERFACE_V3.class));
    assertEquals(union(V4), declared(KMCL_CLIENT_INTERFACE_V4.class));
    assertEquals(union(V5), declared(KMCL_CLIENT_INTERFACE_V5.class));
    assertEquals(union(S1), declared(KMCL_SERVER_ONLY_METHODS.class));
    assertEquals(union(S5), declared(KMCL_SERVER_ONLY_METHODS_V5.class));
    assertEquals(Set.of(), declared(KMCL_SERVER_INTERFACE_V1.class));
    assertEquals(Set.of(), declared(KMCL_SERVER_INTERFACE_V5.class));
  }

  @Test
  void theTablesCoverEveryFunctionButTheTwoExportOnlyOnes() {
    Set<String> inTables = union(V1, V2, V3, V4, V5, S1, S5);
    assertEquals(72, inTables.size());
    Set<String> all = new HashSet<>();
    for (KmclSignatures.Function fn : KmclSignatures.all()) {
      all.add(fn.name());
    }
    all.removeAll(inTables);
    assertEquals(Set.of("VmbChannelCreateGpadl", "VmbChannelGetSystemAddressForGpadl"), all);
  }

  @Test
  void sizesAreTheHeaderPlusEightBytesPerPointer() {
    assertEquals(32, INTERFACE.SIZEOF);
    assertEquals(360, KMCL_CLIENT_INTERFACE_V1.SIZEOF);
    assertEquals(384, KMCL_CLIENT_INTERFACE_V2.SIZEOF);
    assertEquals(400, KMCL_CLIENT_INTERFACE_V3.SIZEOF);
    assertEquals(416, KMCL_CLIENT_INTERFACE_V4.SIZEOF);
    assertEquals(488, KMCL_CLIENT_INTERFACE_V5.SIZEOF);
    assertEquals(112, KMCL_SERVER_ONLY_METHODS.SIZEOF);
    assertEquals(120, KMCL_SERVER_ONLY_METHODS_V5.SIZEOF);
    assertEquals(472, KMCL_SERVER_INTERFACE_V1.SIZEOF);
    assertEquals(608, KMCL_SERVER_INTERFACE_V5.SIZEOF);
    assertEquals(32 + 8 * V1.size(), KMCL_CLIENT_INTERFACE_V1.SIZEOF);
    assertEquals(32 + 8 * (V1.size() + V2.size() + V3.size() + V4.size() + V5.size()),
        KMCL_CLIENT_INTERFACE_V5.SIZEOF);
    assertEquals(8 * (S1.size() + S5.size()), KMCL_SERVER_ONLY_METHODS_V5.SIZEOF);
  }

  /** The query's own size table (it names no table class, see InterfaceQuery) matches the tables. */
  @Test
  void theQuerySizesAndEachTablesOwnSizeAreTheTablesSizeof() {
    assertEquals(KMCL_CLIENT_INTERFACE_V1.SIZEOF, InterfaceQuery.clientSize(1));
    assertEquals(KMCL_CLIENT_INTERFACE_V2.SIZEOF, InterfaceQuery.clientSize(2));
    assertEquals(KMCL_CLIENT_INTERFACE_V3.SIZEOF, InterfaceQuery.clientSize(3));
    assertEquals(KMCL_CLIENT_INTERFACE_V4.SIZEOF, InterfaceQuery.clientSize(4));
    assertEquals(KMCL_CLIENT_INTERFACE_V5.SIZEOF, InterfaceQuery.clientSize(5));
    assertEquals(0, InterfaceQuery.clientSize(6));
    assertEquals(KMCL_SERVER_INTERFACE_V1.SIZEOF, InterfaceQuery.serverSize(1));
    assertEquals(0, InterfaceQuery.serverSize(2));
    assertEquals(KMCL_SERVER_INTERFACE_V5.SIZEOF, InterfaceQuery.serverSize(5));
    assertEquals(INTERFACE.SIZEOF, sizeOf(new INTERFACE()));
    assertEquals(KMCL_CLIENT_INTERFACE_V1.SIZEOF, sizeOf(new KMCL_CLIENT_INTERFACE_V1()));
    assertEquals(KMCL_CLIENT_INTERFACE_V2.SIZEOF, sizeOf(new KMCL_CLIENT_INTERFACE_V2()));
    assertEquals(KMCL_CLIENT_INTERFACE_V3.SIZEOF, sizeOf(new KMCL_CLIENT_INTERFACE_V3()));
    assertEquals(KMCL_CLIENT_INTERFACE_V4.SIZEOF, sizeOf(new KMCL_CLIENT_INTERFACE_V4()));
    assertEquals(KMCL_CLIENT_INTERFACE_V5.SIZEOF, sizeOf(new KMCL_CLIENT_INTERFACE_V5()));
    assertEquals(KMCL_SERVER_INTERFACE_V1.SIZEOF, sizeOf(new KMCL_SERVER_INTERFACE_V1()));
    assertEquals(KMCL_SERVER_INTERFACE_V5.SIZEOF, sizeOf(new KMCL_SERVER_INTERFACE_V5()));
  }

  private static int sizeOf(INTERFACE table) {
    return table.sizeOfTable();
  }

  @Test
  void theServerV5TableHasTheCLayoutWithTheExCallbacksSetter() {
    assertTrue(KMCL_SERVER_ONLY_METHODS_V5.class.isAssignableFrom(KMCL_SERVER_INTERFACE_V5.class));
    assertEquals(KMCL_CLIENT_INTERFACE_V5.SIZEOF + KMCL_SERVER_ONLY_METHODS_V5.SIZEOF,
        KMCL_SERVER_INTERFACE_V5.SIZEOF);
    assertEquals(KMCL_CLIENT_INTERFACE_V1.SIZEOF + KMCL_SERVER_ONLY_METHODS.SIZEOF,
        KMCL_SERVER_INTERFACE_V1.SIZEOF);
  }

  static List<Arguments> tableMembers() {
    List<Arguments> cases = new ArrayList<>();
    Set<String> forwarded = new HashSet<>(FacadeCalls.names());
    addMembers(cases, "KMCL_CLIENT_INTERFACE_V5", union(V1, V2, V3, V4, V5), forwarded);
    addMembers(cases, "KMCL_SERVER_INTERFACE_V1", union(V1, S1), forwarded);
    addMembers(cases, "KMCL_SERVER_INTERFACE_V5", union(V1, V2, V3, V4, V5, S1, S5), forwarded);
    return cases;
  }

  private static void addMembers(List<Arguments> cases, String table, Set<String> members,
      Set<String> forwarded) {
    for (String name : members) {
      if (forwarded.contains(name)) {
        cases.add(Arguments.of(table, name));
      }
    }
  }

  @ParameterizedTest(name = "{0}.{1}")
  @MethodSource("tableMembers")
  void aTableMemberCallsTheFacadeFunctionOfTheSameName(String tableName, String name)
      throws Throwable {
    INTERFACE table = switch (tableName) {
      case "KMCL_CLIENT_INTERFACE_V5" -> new KMCL_CLIENT_INTERFACE_V5();
      case "KMCL_SERVER_INTERFACE_V5" -> new KMCL_SERVER_INTERFACE_V5();
      default -> new KMCL_SERVER_INTERFACE_V1();
    };
    Object[] args = new FacadeCalls(f).args(name);

    FacadeCalls.invoke(FacadeCalls.only(table.getClass(), name), table, args);

    FacadeCalls.invoke(FacadeCalls.backend(name), verify(f.backend), args);
  }

  @Test
  void tableMembersAnsweredByTheFacadeItselfWork() {
    KMCL_SERVER_INTERFACE_V5 table = new KMCL_SERVER_INTERFACE_V5();
    Ref<Handle> kernel = new Ref<>();
    assertEquals(4096, table.VmbSizeofChannel());
    assertSame(STATUS_SUCCESS, table.VmbConvertVmbusHandleToKernelHandle(Handle.user(3), kernel));
    assertEquals(new Handle(3, true), kernel.get());
  }

  @Test
  void tableMembersApplyTheFacadesChecks() {
    KMCL_CLIENT_INTERFACE_V1 table = new KMCL_CLIENT_INTERFACE_V1();
    assertSame(NtStatus.STATUS_INVALID_PARAMETER_2,
        table.VmbChannelInitSetMaximumPacketSize(f.client, 0));
    verifyNoInteractions(f.backend);
  }

  // ---- KmclQueryInterface -----------------------------------------------------------------------

  @Test
  void queryingAClientTableFillsItsHeader() {
    KMCL_CLIENT_INTERFACE_V5 table = new KMCL_CLIENT_INTERFACE_V5();
    assertNull(table.Context);

    assertSame(STATUS_SUCCESS, Vmbkmcl.KmclQueryInterface(f.device, KMCL_CLIENT_INTERFACE_TYPE,
        table, KMCL_CLIENT_INTERFACE_V5.SIZEOF, 5));

    assertEquals(488, table.Size);
    assertEquals(5, table.Version);
    assertSame(f.device, table.Context);
    table.InterfaceReference.call(table.Context);
    table.InterfaceDereference.call(table.Context);
    verifyNoInteractions(f.backend);
  }

  @Test
  void everyClientVersionCanBeQueriedWithItsOwnTable() {
    INTERFACE[] tables = {new KMCL_CLIENT_INTERFACE_V1(), new KMCL_CLIENT_INTERFACE_V2(),
        new KMCL_CLIENT_INTERFACE_V3(), new KMCL_CLIENT_INTERFACE_V4(),
        new KMCL_CLIENT_INTERFACE_V5()};
    int[] sizes = {360, 384, 400, 416, 488};
    for (int v = 1; v <= 5; v++) {
      assertSame(STATUS_SUCCESS, Vmbkmcl.KmclQueryInterface(f.device, KMCL_CLIENT_INTERFACE_TYPE,
          tables[v - 1], sizes[v - 1], v), "V" + v);
      assertEquals(v, tables[v - 1].Version);
    }
  }

  @Test
  void serverVersions1And5CanBeQueried() {
    KMCL_SERVER_INTERFACE_V1 v1 = new KMCL_SERVER_INTERFACE_V1();
    KMCL_SERVER_INTERFACE_V5 v5 = new KMCL_SERVER_INTERFACE_V5();
    assertSame(STATUS_SUCCESS,
        Vmbkmcl.KmclQueryInterface(f.device, KMCL_SERVER_INTERFACE_TYPE, v1, 472, 1));
    assertSame(STATUS_SUCCESS,
        Vmbkmcl.KmclQueryInterface(f.device, KMCL_SERVER_INTERFACE_TYPE, v5, 608, 5));
    assertEquals(608, v5.Size);
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3, 4})
  void serverVersions2To4NeverShippedAndAreNotSupported(int version) {
    assertSame(STATUS_NOT_SUPPORTED, Vmbkmcl.KmclQueryInterface(f.device,
        KMCL_SERVER_INTERFACE_TYPE, new KMCL_SERVER_INTERFACE_V5(), 608, version));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 6})
  void clientVersionsThatDoNotExistAreNotSupported(int version) {
    assertSame(STATUS_NOT_SUPPORTED, Vmbkmcl.KmclQueryInterface(f.device,
        KMCL_CLIENT_INTERFACE_TYPE, new KMCL_CLIENT_INTERFACE_V5(), 488, version));
  }

  @Test
  void anUnknownInterfaceTypeIsNotSupported() {
    assertSame(STATUS_NOT_SUPPORTED, Vmbkmcl.KmclQueryInterface(f.device, UUID.randomUUID(),
        new KMCL_CLIENT_INTERFACE_V1(), 360, 1));
  }

  @Test
  void aSizeThatDoesNotMatchTheVersionIsInvalidParameter() {
    KMCL_CLIENT_INTERFACE_V1 table = new KMCL_CLIENT_INTERFACE_V1();
    assertSame(STATUS_INVALID_PARAMETER,
        Vmbkmcl.KmclQueryInterface(f.device, KMCL_CLIENT_INTERFACE_TYPE, table, 488, 1));
    assertEquals(0, table.Size);
    assertNull(table.Context);
  }

  @Test
  void aTableOfAnotherVersionIsInvalidParameter() {
    assertSame(STATUS_INVALID_PARAMETER, Vmbkmcl.KmclQueryInterface(f.device,
        KMCL_CLIENT_INTERFACE_TYPE, new KMCL_CLIENT_INTERFACE_V5(), 360, 1));
    assertSame(STATUS_INVALID_PARAMETER, Vmbkmcl.KmclQueryInterface(f.device,
        KMCL_CLIENT_INTERFACE_TYPE, new KMCL_SERVER_INTERFACE_V1(), 360, 1));
    assertSame(STATUS_INVALID_PARAMETER, Vmbkmcl.KmclQueryInterface(f.device,
        KMCL_SERVER_INTERFACE_TYPE, new KMCL_CLIENT_INTERFACE_V5(), 608, 5));
    assertSame(STATUS_INVALID_PARAMETER, Vmbkmcl.KmclQueryInterface(f.device,
        KMCL_CLIENT_INTERFACE_TYPE, new INTERFACE(), 360, 1));
  }

  @Test
  void queryArgumentsMustNotBeNull() {
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> Vmbkmcl.KmclQueryInterface(f.device, KMCL_CLIENT_INTERFACE_TYPE,
            FacadeFixture.nul(), 360, 1));
    assertEquals("KmclQueryInterface: Interface is null", e.getMessage());
    assertThrows(NullPointerException.class, () -> Vmbkmcl.KmclQueryInterface(FacadeFixture.nul(),
        KMCL_CLIENT_INTERFACE_TYPE, new KMCL_CLIENT_INTERFACE_V1(), 360, 1));
    assertThrows(NullPointerException.class, () -> Vmbkmcl.KmclQueryInterface(f.device,
        FacadeFixture.nul(), new KMCL_CLIENT_INTERFACE_V1(), 360, 1));
  }
}
