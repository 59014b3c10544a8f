package dev.vmbkmcl;

import static dev.vmbkmcl.NtStatus.STATUS_INVALID_PARAMETER_1;
import static dev.vmbkmcl.NtStatus.STATUS_INVALID_PARAMETER_2;
import static dev.vmbkmcl.NtStatus.STATUS_INVALID_PARAMETER_3;
import static dev.vmbkmcl.NtStatus.STATUS_INVALID_PARAMETER_4;
import static dev.vmbkmcl.NtStatus.STATUS_SUCCESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The documented statuses of the {@code InitSet*} functions (#9 to #33): each rejected value
 * returns its exact status without reaching the backend, and the valid value next to it passes
 * through.
 */
class VmbkmclInitSetRulesTest {
  private final FacadeFixture f = new FacadeFixture();
  private final TestChannel client = f.client;
  private final TestChannel server = f.server;

  static List<String> initSetFunctions() {
    return FacadeCalls.names().stream()
        .filter(n -> n.contains("InitSet"))
        .toList();
  }

  static List<String> clientOnly() {
    return List.of("VmbClientChannelInitSetRingBufferPageCount",
        "VmbClientChannelInitSetTargetPnp", "VmbClientChannelInitSetTargetProcessorIndex");
  }

  static List<String> serverOnly() {
    return initSetFunctions().stream().filter(n -> n.startsWith("VmbServer")).toList();
  }

  @Test
  void everyInitSetFunctionIsCovered() {
    assertEquals(22, initSetFunctions().size());
    assertEquals(7, serverOnly().size());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("initSetFunctions")
  void initSetOnAChannelThatIsNotDisabledIsInvalidParameter1(String name) throws Throwable {
    Object[] args = new FacadeCalls(f).args(name);
    ((TestChannel) args[0]).disabled = false;

    Object status = FacadeCalls.invoke(FacadeCalls.facade(name), null, args);

    assertSame(STATUS_INVALID_PARAMETER_1, status);
    verifyNoInteractions(f.backend);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clientOnly")
  void clientOnlyInitSetOnAServerIsInvalidParameter1(String name) throws Throwable {
    Object[] args = new FacadeCalls(f).args(name);
    args[0] = server;

    assertSame(STATUS_INVALID_PARAMETER_1,
        FacadeCalls.invoke(FacadeCalls.facade(name), null, args));
    verifyNoInteractions(f.backend);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("serverOnly")
  void serverOnlyInitSetOnAClientIsInvalidParameter1(String name) throws Throwable {
    Object[] args = new FacadeCalls(f).args(name);
    args[0] = client;

    assertSame(STATUS_INVALID_PARAMETER_1,
        FacadeCalls.invoke(FacadeCalls.facade(name), null, args));
    verifyNoInteractions(f.backend);
  }

  // ---- #9 maximum packet size ------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(ints = {0, 524_281, -1})
  void maximumPacketSizeZeroOrAboveTheMtuIsInvalidParameter2(int size) {
    assertSame(STATUS_INVALID_PARAMETER_2,
        Vmbkmcl.VmbChannelInitSetMaximumPacketSize(client, size));
    verifyNoInteractions(f.backend);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 524_280})
  void maximumPacketSizeFromOneToTheMtuPasses(int size) {
    when(f.backend.VmbChannelInitSetMaximumPacketSize(client, size)).thenReturn(STATUS_SUCCESS);
    assertSame(STATUS_SUCCESS, Vmbkmcl.VmbChannelInitSetMaximumPacketSize(client, size));
  }

  // ---- #10, #11 ---------------------------------------------------------------------------------

  @Test
  void maximumPacketCountZeroIsInvalidParameter2AndOnePasses() {
    assertSame(STATUS_INVALID_PARAMETER_2, Vmbkmcl.VmbChannelInitSetMaximumPacketCount(client, 0));
    verifyNoInteractions(f.backend);
    Vmbkmcl.VmbChannelInitSetMaximumPacketCount(client, 1);
    verify(f.backend).VmbChannelInitSetMaximumPacketCount(client, 1);
  }

  @Test
  void maximumExternalDataSizeZeroIsInvalidParameter2() {
    assertSame(STATUS_INVALID_PARAMETER_2,
        Vmbkmcl.VmbChannelInitSetMaximumExternalData(client, 0, 1));
    verifyNoInteractions(f.backend);
  }

  @Test
  void maximumExternalDataChainLengthZeroIsInvalidParameter3() {
    assertSame(STATUS_INVALID_PARAMETER_3,
        Vmbkmcl.VmbChannelInitSetMaximumExternalData(client, 1, 0));
    verifyNoInteractions(f.backend);
    Vmbkmcl.VmbChannelInitSetMaximumExternalData(client, 1, 1);
    verify(f.backend).VmbChannelInitSetMaximumExternalData(client, 1, 1);
  }

  // ---- #12, #13 context sizes -------------------------------------------------------------------

  @Test
  void clientContextSizeNoJavaBufferCanHoldIsInvalidParameter2AndZeroPasses() {
    assertSame(STATUS_INVALID_PARAMETER_2, Vmbkmcl.VmbChannelInitSetClientContextSize(client, -1));
    verifyNoInteractions(f.backend);
    Vmbkmcl.VmbChannelInitSetClientContextSize(client, 0);
    verify(f.backend).VmbChannelInitSetClientContextSize(client, 0);
  }

  @Test
  void inlinePacketContextSizeNoJavaBufferCanHoldIsInvalidParameter2AndMaxIntPasses() {
    assertSame(STATUS_INVALID_PARAMETER_2,
        Vmbkmcl.VmbChannelInitSetInlinePacketContextSize(client, Integer.MIN_VALUE));
    verifyNoInteractions(f.backend);
    Vmbkmcl.VmbChannelInitSetInlinePacketContextSize(client, Integer.MAX_VALUE);
    verify(f.backend).VmbChannelInitSetInlinePacketContextSize(client, Integer.MAX_VALUE);
  }

  // ---- #14 bounce buffer sizes ------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 4095, 4097, -1})
  void bounceInitialSizeZeroOrNotPagesIsInvalidParameter2(int initial) {
    assertSame(STATUS_INVALID_PARAMETER_2,
        Vmbkmcl.VmbChannelInitSetBounceBufferSizes(client, initial, 0, 0));
    verifyNoInteractions(f.backend);
  }

  @Test
  void bounceIncrementNotPagesIsInvalidParameter3() {
    assertSame(STATUS_INVALID_PARAMETER_3,
        Vmbkmcl.VmbChannelInitSetBounceBufferSizes(client, 4096, 100, 0));
    verifyNoInteractions(f.backend);
  }

  @Test
  void bounceMaximumNotPagesIsInvalidParameter4() {
    assertSame(STATUS_INVALID_PARAMETER_4,
        Vmbkmcl.VmbChannelInitSetBounceBufferSizes(client, 4096, 0, 8200));
    verifyNoInteractions(f.backend);
  }

  @Test
  void bounceMaximumBelowTheInitialSizeIsInvalidParameter4() {
    assertSame(STATUS_INVALID_PARAMETER_4,
        Vmbkmcl.VmbChannelInitSetBounceBufferSizes(client, 8192, 0, 4096));
    verifyNoInteractions(f.backend);
  }

  @Test
  void bounceDefaultsAndAMaximumEqualToTheInitialSizePass() {
    Vmbkmcl.VmbChannelInitSetBounceBufferSizes(client, 4096, 0, 0);
    Vmbkmcl.VmbChannelInitSetBounceBufferSizes(client, 8192, 4096, 8192);
    verify(f.backend).VmbChannelInitSetBounceBufferSizes(client, 4096, 0, 0);
    verify(f.backend).VmbChannelInitSetBounceBufferSizes(client, 8192, 4096, 8192);
  }

  // ---- #17 state-change callbacks ---------------------------------------------------------------

  @Test
  void aLegacyStructureClaimingVersion5IsInvalidParameter2() {
    VMB_CHANNEL_STATE_CHANGE_CALLBACKS cb = new VMB_CHANNEL_STATE_CHANGE_CALLBACKS();
    cb.Version = 5;
    cb.Size = VMB_CHANNEL_STATE_CHANGE_CALLBACKS_V5.SIZEOF;
    assertSame(STATUS_INVALID_PARAMETER_2,
        Vmbkmcl.VmbChannelInitSetStateChangeCallbacks(client, cb));
    verifyNoInteractions(f.backend);
  }

  @Test
  void aV5StructureClaimingVersion1IsInvalidParameter2() {
    VMB_CHANNEL_STATE_CHANGE_CALLBACKS_V5 cb = new VMB_CHANNEL_STATE_CHANGE_CALLBACKS_V5();
    cb.Version = 1;
    cb.Size = VMB_CHANNEL_STATE_CHANGE_CALLBACKS.SIZEOF;
    assertSame(STATUS_INVALID_PARAMETER_2,
        Vmbkmcl.VmbChannelInitSetStateChangeCallbacks(client, cb));
    verifyNoInteractions(f.backend);
  }

  @Test
  void anUninitialisedStructureIsInvalidParameter2() {
    assertSame(STATUS_INVALID_PARAMETER_2, Vmbkmcl.VmbChannelInitSetStateChangeCallbacks(client,
        new VMB_CHANNEL_STATE_CHANGE_CALLBACKS()));
    verifyNoInteractions(f.backend);
  }

  @Test
  void aWrongSizeIsInvalidParameter2() {
    VMB_CHANNEL_STATE_CHANGE_CALLBACKS cb = new VMB_CHANNEL_STATE_CHANGE_CALLBACKS();
    Vmbkmcl.VMB_CHANNEL_STATE_CHANGE_CALLBACKS_INIT(cb);
    cb.Size = 56;
    assertSame(STATUS_INVALID_PARAMETER_2,
        Vmbkmcl.VmbChannelInitSetStateChangeCallbacks(client, cb));
    VMB_CHANNEL_STATE_CHANGE_CALLBACKS_V5 v5 = new VMB_CHANNEL_STATE_CHANGE_CALLBACKS_V5();
    Vmbkmcl.VMB_CHANNEL_STATE_CHANGE_CALLBACKS_INIT_V5(v5);
    v5.Size = 48;
    assertSame(STATUS_INVALID_PARAMETER_2,
        Vmbkmcl.VmbChannelInitSetStateChangeCallbacks(client, v5));
    verifyNoInteractions(f.backend);
  }

  @Test
  void bothInitialisedStructuresPass() {
    VMB_CHANNEL_STATE_CHANGE_CALLBACKS v1 = new VMB_CHANNEL_STATE_CHANGE_CALLBACKS();
    Vmbkmcl.VMB_CHANNEL_STATE_CHANGE_CALLBACKS_INIT(v1);
    VMB_CHANNEL_STATE_CHANGE_CALLBACKS_V5 v5 = new VMB_CHANNEL_STATE_CHANGE_CALLBACKS_V5();
    Vmbkmcl.VMB_CHANNEL_STATE_CHANGE_CALLBACKS_INIT_V5(v5);
    Vmbkmcl.VmbChannelInitSetStateChangeCallbacks(client, v1);
    Vmbkmcl.VmbChannelInitSetStateChangeCallbacks(client, v5);
    verify(f.backend).VmbChannelInitSetStateChangeCallbacks(client, v1);
    verify(f.backend).VmbChannelInitSetStateChangeCallbacks(client, v5);
  }

  // ---- #18, #19 ---------------------------------------------------------------------------------

  @Test
  void anEmptyFriendlyNameIsInvalidParameter2() {
    assertSame(STATUS_INVALID_PARAMETER_2, Vmbkmcl.VmbChannelInitSetFriendlyName(client, ""));
    verifyNoInteractions(f.backend);
    Vmbkmcl.VmbChannelInitSetFriendlyName(client, "N");
    verify(f.backend).VmbChannelInitSetFriendlyName(client, "N");
  }

  @ParameterizedTest
  @ValueSource(ints = {0x2, 0x80000000, 0x3})
  void channelFlagsOutsideTheMaskAreInvalidParameter2(int flags) {
    assertSame(STATUS_INVALID_PARAMETER_2, Vmbkmcl.VmbChannelInitSetFlags(client, flags));
    verifyNoInteractions(f.backend);
  }

  @Test
  void channelFlagsInsideTheMaskPass() {
    Vmbkmcl.VmbChannelInitSetFlags(client, 0);
    Vmbkmcl.VmbChannelInitSetFlags(client, KmclConstants.VMBUS_CHANNEL_INIT_FLAG_IS_PIPE);
    verify(f.backend).VmbChannelInitSetFlags(client, 0);
    verify(f.backend).VmbChannelInitSetFlags(client, 1);
  }

  // ---- #20 primary channel ----------------------------------------------------------------------

  @Test
  void aChannelCannotBeItsOwnPrimary() {
    assertSame(STATUS_INVALID_PARAMETER_2,
        Vmbkmcl.VmbChannelInitSetPrimaryChannel(client, client, 1));
    verifyNoInteractions(f.backend);
  }

  @Test
  void aPrimaryOfTheOtherRoleIsInvalidParameter2() {
    assertSame(STATUS_INVALID_PARAMETER_2,
        Vmbkmcl.VmbChannelInitSetPrimaryChannel(client, server, 1));
    verifyNoInteractions(f.backend);
  }

  @Test
  void aPrimaryOfAnotherBackendIsInvalidParameter2() {
    KmclBackend other = mock(KmclBackend.class);
    assertSame(STATUS_INVALID_PARAMETER_2, Vmbkmcl.VmbChannelInitSetPrimaryChannel(client,
        new TestChannel(other, false), 1));
    verifyNoInteractions(f.backend, other);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 0x10000, -1})
  void subChannelIndexZeroOrAboveUint16IsInvalidParameter3(int index) {
    assertSame(STATUS_INVALID_PARAMETER_3,
        Vmbkmcl.VmbChannelInitSetPrimaryChannel(client, f.client2, index));
    verifyNoInteractions(f.backend);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 0xFFFF})
  void subChannelIndexFromOneToUint16MaxPasses(int index) {
    Vmbkmcl.VmbChannelInitSetPrimaryChannel(client, f.client2, index);
    verify(f.backend).VmbChannelInitSetPrimaryChannel(client, f.client2, index);
  }

  @Test
  void serverSubChannelsOfAServerPrimaryPass() {
    TestChannel serverSub = new TestChannel(f.backend, true);
    Vmbkmcl.VmbChannelInitSetPrimaryChannel(serverSub, server, 2);
    verify(f.backend).VmbChannelInitSetPrimaryChannel(serverSub, server, 2);
  }

  // ---- #24 ring pages ---------------------------------------------------------------------------

  @Test
  void fewerThanTwoIncomingPagesIsInvalidParameter2() {
    assertSame(STATUS_INVALID_PARAMETER_2,
        Vmbkmcl.VmbClientChannelInitSetRingBufferPageCount(client, 1, 2));
    verifyNoInteractions(f.backend);
  }

  @Test
  void fewerThanTwoOutgoingPagesIsInvalidParameter3() {
    assertSame(STATUS_INVALID_PARAMETER_3,
        Vmbkmcl.VmbClientChannelInitSetRingBufferPageCount(client, 2, 0));
    verifyNoInteractions(f.backend);
    Vmbkmcl.VmbClientChannelInitSetRingBufferPageCount(client, 2, 2);
    verify(f.backend).VmbClientChannelInitSetRingBufferPageCount(client, 2, 2);
  }

  // ---- #27, #29, #30 server settings ------------------------------------------------------------

  @Test
  void serverFlagsOutsideTheMaskAreInvalidParameter2() {
    assertSame(STATUS_INVALID_PARAMETER_2, Vmbkmcl.VmbServerChannelInitSetFlags(server, 0x20));
    verifyNoInteractions(f.backend);
    Vmbkmcl.VmbServerChannelInitSetFlags(server, 0x1F);
    verify(f.backend).VmbServerChannelInitSetFlags(server, 0x1F);
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 255, -1})
  void targetVtlAboveTwoIsInvalidParameter2(int vtl) {
    assertSame(STATUS_INVALID_PARAMETER_2, Vmbkmcl.VmbServerChannelInitSetTargetVtl(server, vtl));
    verifyNoInteractions(f.backend);
  }

  @Test
  void targetVtlZeroToTwoPasses() {
    for (int vtl = 0; vtl <= 2; vtl++) {
      Vmbkmcl.VmbServerChannelInitSetTargetVtl(server, vtl);
      verify(f.backend).VmbServerChannelInitSetTargetVtl(server, vtl);
    }
  }

  @Test
  void mmioBothZeroIsInvalidParameter2() {
    assertSame(STATUS_INVALID_PARAMETER_2,
        Vmbkmcl.VmbServerChannelInitSetMmioMegabytes(server, 0, 0));
    verifyNoInteractions(f.backend);
  }

  @Test
  void mmioAboveUint16IsInvalidParameter2ForEitherValue() {
    assertSame(STATUS_INVALID_PARAMETER_2,
        Vmbkmcl.VmbServerChannelInitSetMmioMegabytes(server, 0x10000, 0));
    assertSame(STATUS_INVALID_PARAMETER_2,
        Vmbkmcl.VmbServerChannelInitSetMmioMegabytes(server, 1, 0x10000));
    verifyNoInteractions(f.backend);
  }

  @Test
  void mmioWithOneValueSetOrBothAtUint16MaxPasses() {
    Vmbkmcl.VmbServerChannelInitSetMmioMegabytes(server, 0, 1);
    Vmbkmcl.VmbServerChannelInitSetMmioMegabytes(server, 0xFFFF, 0xFFFF);
    verify(f.backend).VmbServerChannelInitSetMmioMegabytes(server, 0, 1);
    verify(f.backend).VmbServerChannelInitSetMmioMegabytes(server, 0xFFFF, 0xFFFF);
  }

  // ---- #22, #23 knobs without an error path -----------------------------------------------------

  @Test
  void aZeroTransactionQuotaThrowsAndOnePasses() {
    assertThrows(IllegalArgumentException.class,
        () -> Vmbkmcl.VmbChannelSetTransactionQuota(client, 0));
    verifyNoInteractions(f.backend);
    Vmbkmcl.VmbChannelSetTransactionQuota(client, 1);
    verify(f.backend).VmbChannelSetTransactionQuota(client, 1);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 101, -1})
  void cpuPercentageOutsideOneToHundredThrows(int percentage) {
    IllegalArgumentException e = assertThrows(
        IllegalArgumentException.class,
        () -> Vmbkmcl.VmbChannelSetAllowableDpcCpuUsage(client, percentage));
    assertTrue(
        String.valueOf(e.getMessage()).contains("VmbChannelSetAllowableDpcCpuUsage"));
    verifyNoInteractions(f.backend);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 100})
  void cpuPercentageOneToHundredPasses(int percentage) {
    Vmbkmcl.VmbChannelSetAllowableDpcCpuUsage(client, percentage);
    verify(f.backend).VmbChannelSetAllowableDpcCpuUsage(client, percentage);
  }

  @Test
  void initSetOnAServerChannelIsAllowedForCommonFunctions() {
    when(f.backend.VmbChannelInitSetMaximumPacketSize(any(), anyInt())).thenReturn(STATUS_SUCCESS);
    assertSame(STATUS_SUCCESS, Vmbkmcl.VmbChannelInitSetMaximumPacketSize(server, 64));
  }
}
