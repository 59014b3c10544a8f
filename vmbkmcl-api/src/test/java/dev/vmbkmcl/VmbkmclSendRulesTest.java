package dev.vmbkmcl;

import static dev.vmbkmcl.FacadeFixture.bytes;
import static dev.vmbkmcl.FacadeFixture.mdl;
import static dev.vmbkmcl.FacadeFixture.nul;
import static dev.vmbkmcl.KmclConstants.VMBUS_CHANNEL_FORMAT_FLAG_DATA_IN_ONLY;
import static dev.vmbkmcl.KmclConstants.VMBUS_CHANNEL_FORMAT_FLAG_DATA_OUT_ONLY;
import static dev.vmbkmcl.KmclConstants.VMBUS_CHANNEL_FORMAT_FLAG_FORCE_MDL_LENGTH;
import static dev.vmbkmcl.KmclConstants.VMBUS_CHANNEL_FORMAT_FLAG_PAGED_BUFFER;
import static dev.vmbkmcl.KmclConstants.VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION;
import static dev.vmbkmcl.NtStatus.STATUS_INVALID_PARAMETER_2;
import static dev.vmbkmcl.NtStatus.STATUS_INVALID_PARAMETER_3;
import static dev.vmbkmcl.NtStatus.STATUS_INVALID_PARAMETER_5;
import static dev.vmbkmcl.NtStatus.STATUS_INVALID_PARAMETER_6;
import static dev.vmbkmcl.NtStatus.STATUS_INVALID_PARAMETER_7;
import static dev.vmbkmcl.NtStatus.STATUS_NOT_SUPPORTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The documented rules of the send side and the receive side (#41, #43, #46, #49, #57 to #59):
 * each rejected call returns its exact status or throws, without reaching the backend, and the
 * valid neighbour passes through.
 */
class VmbkmclSendRulesTest {
  private static final int WAIT = VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION;
  private static final int IN = VMBUS_CHANNEL_FORMAT_FLAG_DATA_IN_ONLY;
  private static final int OUT = VMBUS_CHANNEL_FORMAT_FLAG_DATA_OUT_ONLY;
  private static final int FORCE = VMBUS_CHANNEL_FORMAT_FLAG_FORCE_MDL_LENGTH;

  private final FacadeFixture f = new FacadeFixture();
  private final TestPacket packet = f.packet;
  private final ByteBuffer buffer = bytes(16);

  // ---- #41 interrupt latency --------------------------------------------------------------------

  @Test
  void interruptLatencyOnAServerIsNotSupported() {
    assertSame(STATUS_NOT_SUPPORTED,
        Vmbkmcl.VmbChannelSetInterruptLatency(f.server, 10, new UInt16Ref()));
    verifyNoInteractions(f.backend);
  }

  @ParameterizedTest
  @ValueSource(ints = {0x10000, -1})
  void interruptLatencyAboveUint16IsInvalidParameter2(int latency) {
    assertSame(STATUS_INVALID_PARAMETER_2,
        Vmbkmcl.VmbChannelSetInterruptLatency(f.client, latency, new UInt16Ref()));
    verifyNoInteractions(f.backend);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 0xFFFF})
  void interruptLatencyInsideUint16Passes(int latency) {
    UInt16Ref original = new UInt16Ref();
    Vmbkmcl.VmbChannelSetInterruptLatency(f.client, latency, original);
    verify(f.backend).VmbChannelSetInterruptLatency(f.client, latency, original);
  }

  // ---- #43 packet completion --------------------------------------------------------------------

  @Test
  void aCompletionSizeWithoutABufferThrowsNullPointerException() {
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> Vmbkmcl.VmbChannelPacketComplete(f.completion, null, 8));
    assertEquals("VmbChannelPacketComplete: PacketCompletionBuffer is null", e.getMessage());
    verifyNoInteractions(f.backend);
  }

  @Test
  void aCompletionSizeBeyondTheBufferThrowsNamingBothNumbers() {
    ByteBuffer small = ByteBuffer.allocate(8).position(4);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Vmbkmcl.VmbChannelPacketComplete(f.completion, small, 5));
    assertEquals("VmbChannelPacketComplete: BufSize 5 is larger than the 4 bytes remaining in"
        + " PacketCompletionBuffer", e.getMessage());
    verifyNoInteractions(f.backend);
  }

  @Test
  void aCompletionOfTheRemainingBytesOrOfNothingPasses() {
    ByteBuffer small = ByteBuffer.allocate(8).position(4);
    Vmbkmcl.VmbChannelPacketComplete(f.completion, small, 4);
    Vmbkmcl.VmbChannelPacketComplete(f.completion, null, 0);
    verify(f.backend).VmbChannelPacketComplete(f.completion, small, 4);
    verify(f.backend).VmbChannelPacketComplete(f.completion, null, 0);
  }

  // ---- #46 external data ------------------------------------------------------------------------

  @Test
  void externalDataFlagsOutsideTheMaskAreInvalidParameter2() {
    assertSame(STATUS_INVALID_PARAMETER_2,
        Vmbkmcl.VmbChannelPacketGetExternalData(f.completion, 2, new Ref<>()));
    verifyNoInteractions(f.backend);
    Ref<Mdl> out = new Ref<>();
    Vmbkmcl.VmbChannelPacketGetExternalData(f.completion, 0, out);
    verify(f.backend).VmbChannelPacketGetExternalData(f.completion, 0, out);
  }

  // ---- #49 packet initialize --------------------------------------------------------------------

  @Test
  void aPacketBufferBelowTheChannelsPacketSizeIsInvalidParameter3() {
    when(f.backend.VmbChannelSizeofPacket(f.client)).thenReturn(100);
    assertSame(STATUS_INVALID_PARAMETER_3, Vmbkmcl.VmbPacketInitialize(f.client, new Ref<>(), 99));
    verify(f.backend, never()).VmbPacketInitialize(any(), any(), anyInt());
  }

  @Test
  void aPacketBufferOfExactlyThePacketSizePasses() {
    when(f.backend.VmbChannelSizeofPacket(f.client)).thenReturn(100);
    Ref<VMBPACKET> out = new Ref<>();
    Vmbkmcl.VmbPacketInitialize(f.client, out, 100);
    verify(f.backend).VmbPacketInitialize(f.client, out, 100);
  }

  // ---- #57 VmbPacketSend ------------------------------------------------------------------------

  @Test
  void sendFlagsOutsideTheMaskAreInvalidParameter5() {
    assertSame(STATUS_INVALID_PARAMETER_5, Vmbkmcl.VmbPacketSend(packet, buffer, 16, null, 0x20));
    verifyNoInteractions(f.backend);
  }

  @Test
  void sendWithForceMdlLengthIsInvalidParameter5() {
    assertSame(STATUS_INVALID_PARAMETER_5,
        Vmbkmcl.VmbPacketSend(packet, buffer, 16, mdl(64), WAIT | FORCE));
    verifyNoInteractions(f.backend);
  }

  @Test
  void sendWithBothDirectionFlagsIsInvalidParameter5() {
    assertSame(STATUS_INVALID_PARAMETER_5,
        Vmbkmcl.VmbPacketSend(packet, buffer, 16, mdl(64), WAIT | IN | OUT));
    verifyNoInteractions(f.backend);
  }

  @Test
  void sendWithADirectionFlagButNoMdlIsInvalidParameter5() {
    assertSame(STATUS_INVALID_PARAMETER_5, Vmbkmcl.VmbPacketSend(packet, buffer, 16, null, OUT));
    verifyNoInteractions(f.backend);
  }

  @Test
  void sendWithAnMdlButWithoutWaitForCompletionIsInvalidParameter5() {
    assertSame(STATUS_INVALID_PARAMETER_5, Vmbkmcl.VmbPacketSend(packet, buffer, 16, mdl(64), 0));
    verifyNoInteractions(f.backend);
  }

  @Test
  void sendWithAnMdlWaitAndOneDirectionPasses() {
    Mdl external = mdl(64);
    Vmbkmcl.VmbPacketSend(packet, buffer, 16, external, WAIT | IN);
    verify(f.backend).VmbPacketSend(packet, buffer, 16, external, WAIT | IN);
  }

  @Test
  void sendWithoutAnMdlAndAPagedBufferPasses() {
    Vmbkmcl.VmbPacketSend(packet, buffer, 16, null, VMBUS_CHANNEL_FORMAT_FLAG_PAGED_BUFFER);
    verify(f.backend).VmbPacketSend(packet, buffer, 16, null,
        VMBUS_CHANNEL_FORMAT_FLAG_PAGED_BUFFER);
  }

  @Test
  void aSendLengthBeyondTheBufferThrowsNamingBothNumbers() {
    ByteBuffer b = ByteBuffer.allocate(32).position(10).limit(26);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Vmbkmcl.VmbPacketSend(packet, b, 17, null, 0));
    assertEquals("VmbPacketSend: BufferLength 17 is larger than the 16 bytes remaining in Buffer",
        e.getMessage());
    verifyNoInteractions(f.backend);
  }

  @Test
  void aNegativeSendLengthIsAHugeUnsignedLength() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Vmbkmcl.VmbPacketSend(packet, buffer, -1, null, 0));
    assertEquals("VmbPacketSend: BufferLength 4294967295 is larger than the 16 bytes remaining in"
        + " Buffer", e.getMessage());
  }

  @Test
  void aNullSendBufferThrowsBeforeAnythingElse() {
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> Vmbkmcl.VmbPacketSend(packet, nul(), 16, null, 0x20));
    assertEquals("VmbPacketSend: Buffer is null", e.getMessage());
  }

  // ---- #58 VmbPacketSendWithExternalMdl ---------------------------------------------------------

  @Test
  void mdlSendFlagsOutsideTheMaskAreInvalidParameter7() {
    assertSame(STATUS_INVALID_PARAMETER_7,
        Vmbkmcl.VmbPacketSendWithExternalMdl(packet, buffer, 16, mdl(64), 0, 0, WAIT | 0x40));
    verifyNoInteractions(f.backend);
  }

  @Test
  void mdlSendWithoutWaitForCompletionIsInvalidParameter7() {
    assertSame(STATUS_INVALID_PARAMETER_7,
        Vmbkmcl.VmbPacketSendWithExternalMdl(packet, buffer, 16, mdl(64), 0, 0, 0));
    verifyNoInteractions(f.backend);
  }

  @Test
  void mdlSendWithBothDirectionFlagsIsInvalidParameter7() {
    assertSame(STATUS_INVALID_PARAMETER_7,
        Vmbkmcl.VmbPacketSendWithExternalMdl(packet, buffer, 16, mdl(64), 0, 0, WAIT | IN | OUT));
    verifyNoInteractions(f.backend);
  }

  @Test
  void anMdlOffsetAtOrBeyondTheChainsEndIsInvalidParameter5() {
    Mdl chain = mdl(64);
    chain.link(mdl(36));
    assertSame(STATUS_INVALID_PARAMETER_5,
        Vmbkmcl.VmbPacketSendWithExternalMdl(packet, buffer, 16, chain, 100, 0, WAIT));
    assertSame(STATUS_INVALID_PARAMETER_5,
        Vmbkmcl.VmbPacketSendWithExternalMdl(packet, buffer, 16, chain, -1, 0, WAIT));
    verifyNoInteractions(f.backend);
  }

  @Test
  void anMdlRangeBeyondTheChainIsInvalidParameter6() {
    Mdl chain = mdl(64);
    chain.link(mdl(36));
    assertSame(STATUS_INVALID_PARAMETER_6,
        Vmbkmcl.VmbPacketSendWithExternalMdl(packet, buffer, 16, chain, 50, 51, WAIT));
    verifyNoInteractions(f.backend);
  }

  @Test
  void anMdlRangeEndingAtTheChainsEndPasses() {
    Mdl chain = mdl(64);
    chain.link(mdl(36));
    Vmbkmcl.VmbPacketSendWithExternalMdl(packet, buffer, 16, chain, 99, 1, WAIT);
    Vmbkmcl.VmbPacketSendWithExternalMdl(packet, buffer, 16, chain, 50, 0, WAIT);
    verify(f.backend).VmbPacketSendWithExternalMdl(packet, buffer, 16, chain, 99, 1, WAIT);
    verify(f.backend).VmbPacketSendWithExternalMdl(packet, buffer, 16, chain, 50, 0, WAIT);
  }

  @Test
  void forceMdlLengthLetsTheRangeRunPastTheChain() {
    Mdl element = mdl(100);
    Vmbkmcl.VmbPacketSendWithExternalMdl(packet, buffer, 16, element, 0, 4096, WAIT | FORCE);
    verify(f.backend).VmbPacketSendWithExternalMdl(packet, buffer, 16, element, 0, 4096,
        WAIT | FORCE);
  }

  // ---- #59 VmbPacketSendWithExternalPfns --------------------------------------------------------

  @Test
  void pfnSendFlagsOutsideTheMaskAreInvalidParameter6() {
    assertSame(STATUS_INVALID_PARAMETER_6, Vmbkmcl.VmbPacketSendWithExternalPfns(packet, buffer,
        16, new long[] {1}, 1, WAIT | 0x100));
    verifyNoInteractions(f.backend);
  }

  @Test
  void pfnSendWithoutWaitForCompletionIsInvalidParameter6() {
    assertSame(STATUS_INVALID_PARAMETER_6, Vmbkmcl.VmbPacketSendWithExternalPfns(packet, buffer,
        16, new long[] {1}, 1, OUT));
    verifyNoInteractions(f.backend);
  }

  @Test
  void pfnSendWithForceMdlLengthOrBothDirectionsIsInvalidParameter6() {
    assertSame(STATUS_INVALID_PARAMETER_6, Vmbkmcl.VmbPacketSendWithExternalPfns(packet, buffer,
        16, new long[] {1}, 1, WAIT | FORCE));
    assertSame(STATUS_INVALID_PARAMETER_6, Vmbkmcl.VmbPacketSendWithExternalPfns(packet, buffer,
        16, new long[] {1}, 1, WAIT | IN | OUT));
    verifyNoInteractions(f.backend);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 3, -1})
  void aPfnCountOfZeroOrBeyondTheArrayIsInvalidParameter5(int count) {
    assertSame(STATUS_INVALID_PARAMETER_5, Vmbkmcl.VmbPacketSendWithExternalPfns(packet, buffer,
        16, new long[] {1, 2}, count, WAIT));
    verifyNoInteractions(f.backend);
  }

  @Test
  void aPfnCountUpToTheArrayLengthPasses() {
    long[] pfns = {1, 2};
    Vmbkmcl.VmbPacketSendWithExternalPfns(packet, buffer, 16, pfns, 1, WAIT | IN);
    Vmbkmcl.VmbPacketSendWithExternalPfns(packet, buffer, 16, pfns, 2, WAIT);
    verify(f.backend).VmbPacketSendWithExternalPfns(packet, buffer, 16, pfns, 1, WAIT | IN);
    verify(f.backend).VmbPacketSendWithExternalPfns(packet, buffer, 16, pfns, 2, WAIT);
  }
}
