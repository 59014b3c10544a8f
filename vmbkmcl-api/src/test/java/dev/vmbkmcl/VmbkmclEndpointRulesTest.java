package dev.vmbkmcl;

import static dev.vmbkmcl.FacadeFixture.bytes;
import static dev.vmbkmcl.FacadeFixture.mdl;
import static dev.vmbkmcl.NtStatus.STATUS_INVALID_PARAMETER;
import static dev.vmbkmcl.NtStatus.STATUS_INVALID_PARAMETER_2;
import static dev.vmbkmcl.NtStatus.STATUS_INVALID_PARAMETER_3;
import static dev.vmbkmcl.NtStatus.STATUS_INVALID_PARAMETER_4;
import static dev.vmbkmcl.NtStatus.STATUS_INVALID_PARAMETER_5;
import static dev.vmbkmcl.NtStatus.STATUS_NOT_SUPPORTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Endpoint roles and parameters of the GPADL, bounce-buffer and save/restore functions (#61 to
 * #74): a function of one endpoint called on the other returns {@code STATUS_NOT_SUPPORTED} or
 * throws, and each bad parameter returns its exact status, never reaching the backend.
 */
class VmbkmclEndpointRulesTest {
  private final FacadeFixture f = new FacadeFixture();
  private final TestChannel client = f.client;
  private final TestChannel server = f.server;

  static List<String> clientEndpointFunctions() {
    return List.of("VmbChannelCreateGpadlFromBuffer", "VmbChannelCreateGpadlFromMdl",
        "VmbChannelCreateGpadlFromPfnList", "VmbChannelCreateGpadl",
        "VmbChannelGetSystemAddressForGpadl", "VmbChannelAllocateBounceBuffer");
  }

  static List<String> serverEndpointFunctions() {
    return List.of("VmbChannelMapGpadl", "VmbChannelSaveBegin", "VmbChannelSaveContinue",
        "VmbChannelRestoreFromBuffer");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clientEndpointFunctions")
  void clientEndpointFunctionsOnAServerAreNotSupported(String name) throws Throwable {
    Object[] args = new FacadeCalls(f).args(name);
    args[0] = server;
    assertSame(STATUS_NOT_SUPPORTED, FacadeCalls.invoke(FacadeCalls.facade(name), null, args));
    verifyNoInteractions(f.backend);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("serverEndpointFunctions")
  void serverEndpointFunctionsOnAClientAreNotSupported(String name) throws Throwable {
    Object[] args = new FacadeCalls(f).args(name);
    args[0] = client;
    assertSame(STATUS_NOT_SUPPORTED, FacadeCalls.invoke(FacadeCalls.facade(name), null, args));
    verifyNoInteractions(f.backend);
  }

  @Test
  void packetRestoreOnAClientPacketIsNotSupported() {
    assertSame(STATUS_NOT_SUPPORTED, Vmbkmcl.VmbPacketRestore(f.packet, bytes(8), 8));
    verify(f.backend, never()).VmbPacketRestore(any(), any(), anyInt());
  }

  @Test
  void unmapAndSaveEndOnAClientThrowServerEndpointOnly() {
    IllegalStateException unmap = assertThrows(IllegalStateException.class,
        () -> Vmbkmcl.VmbChannelUnmapGpadl(client, 1));
    IllegalStateException saveEnd = assertThrows(IllegalStateException.class,
        () -> Vmbkmcl.VmbChannelSaveEnd(client));
    assertEquals("VmbChannelUnmapGpadl: server endpoint only", unmap.getMessage());
    assertEquals("VmbChannelSaveEnd: server endpoint only", saveEnd.getMessage());
    verifyNoInteractions(f.backend);
  }

  @Test
  void deleteGpadlOnAServerThrowsClientEndpointOnly() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Vmbkmcl.VmbChannelDeleteGpadl(server, 1));
    assertEquals("VmbChannelDeleteGpadl: client endpoint only", e.getMessage());
    verifyNoInteractions(f.backend);
  }

  // ---- #62 to #66 GPADL creation ----------------------------------------------------------------

  @Test
  void gpadlFlagsOutsideTheMaskAreInvalidParameter2() {
    assertSame(STATUS_INVALID_PARAMETER_2,
        Vmbkmcl.VmbChannelCreateGpadlFromBuffer(client, 2, bytes(8), 8, new UInt32Ref()));
    assertSame(STATUS_INVALID_PARAMETER_2,
        Vmbkmcl.VmbChannelCreateGpadlFromMdl(client, 2, mdl(8), 0, 0, new UInt32Ref()));
    assertSame(STATUS_INVALID_PARAMETER_2, Vmbkmcl.VmbChannelCreateGpadlFromPfnList(client, 2,
        new long[] {1}, 1, new UInt32Ref()));
    assertSame(STATUS_INVALID_PARAMETER_2,
        Vmbkmcl.VmbChannelCreateGpadl(client, 2, 1, new UInt32Ref()));
    assertSame(STATUS_INVALID_PARAMETER_2,
        Vmbkmcl.VmbChannelMapGpadl(server, 2, 1, new Ref<>()));
    verifyNoInteractions(f.backend);
  }

  @Test
  void aGpadlOfZeroBytesIsInvalidParameter4() {
    ByteBuffer b = bytes(8);
    UInt32Ref handle = new UInt32Ref();
    assertSame(STATUS_INVALID_PARAMETER_4,
        Vmbkmcl.VmbChannelCreateGpadlFromBuffer(client, 0, b, 0, handle));
    verifyNoInteractions(f.backend);
    Vmbkmcl.VmbChannelCreateGpadlFromBuffer(client, 0, b, 1, handle);
    verify(f.backend).VmbChannelCreateGpadlFromBuffer(client, 0, b, 1, handle);
  }

  @Test
  void aGpadlByteCountBeyondTheBufferThrows() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Vmbkmcl.VmbChannelCreateGpadlFromBuffer(client, 0, bytes(8), 9, new UInt32Ref()));
    assertEquals("VmbChannelCreateGpadlFromBuffer: ByteCount 9 is larger than the 8 bytes"
        + " remaining in Buffer", e.getMessage());
    verifyNoInteractions(f.backend);
  }

  @Test
  void anMdlGpadlOffsetOutsideTheChainIsInvalidParameter4() {
    assertSame(STATUS_INVALID_PARAMETER_4,
        Vmbkmcl.VmbChannelCreateGpadlFromMdl(client, 0, mdl(8), 8, 0, new UInt32Ref()));
    verifyNoInteractions(f.backend);
  }

  @Test
  void anMdlGpadlRangeBeyondTheChainIsInvalidParameter5() {
    assertSame(STATUS_INVALID_PARAMETER_5,
        Vmbkmcl.VmbChannelCreateGpadlFromMdl(client, 0, mdl(8), 4, 5, new UInt32Ref()));
    verifyNoInteractions(f.backend);
  }

  @Test
  void anMdlGpadlRangeInsideTheChainPasses() {
    Mdl m = mdl(8);
    UInt32Ref handle = new UInt32Ref();
    Vmbkmcl.VmbChannelCreateGpadlFromMdl(client, 0, m, 4, 4, handle);
    Vmbkmcl.VmbChannelCreateGpadlFromMdl(client, 0, m, 7, 0, handle);
    verify(f.backend).VmbChannelCreateGpadlFromMdl(client, 0, m, 4, 4, handle);
    verify(f.backend).VmbChannelCreateGpadlFromMdl(client, 0, m, 7, 0, handle);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 3})
  void aPfnListCountOfZeroOrBeyondTheArrayIsInvalidParameter4(int count) {
    assertSame(STATUS_INVALID_PARAMETER_4, Vmbkmcl.VmbChannelCreateGpadlFromPfnList(client, 0,
        new long[] {1, 2}, count, new UInt32Ref()));
    verifyNoInteractions(f.backend);
  }

  @Test
  void aPageCountOfZeroIsInvalidParameter3() {
    assertSame(STATUS_INVALID_PARAMETER_3,
        Vmbkmcl.VmbChannelCreateGpadl(client, 0, 0, new UInt32Ref()));
    verifyNoInteractions(f.backend);
    UInt32Ref handle = new UInt32Ref();
    Vmbkmcl.VmbChannelCreateGpadl(client, 0, 1, handle);
    verify(f.backend).VmbChannelCreateGpadl(client, 0, 1, handle);
  }

  @Test
  void theUnusedFlagsOfGetSystemAddressAreIgnored() {
    Ref<ByteBuffer> address = new Ref<>();
    Vmbkmcl.VmbChannelGetSystemAddressForGpadl(client, 0xFFFF, 3, address);
    verify(f.backend).VmbChannelGetSystemAddressForGpadl(client, 0xFFFF, 3, address);
  }

  // ---- #70 bounce buffer ------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(ints = {0, 4097, 100})
  void aBounceBufferSizeOfZeroOrNotPagesIsInvalidParameter(int size) {
    assertSame(STATUS_INVALID_PARAMETER, Vmbkmcl.VmbChannelAllocateBounceBuffer(client, size));
    verifyNoInteractions(f.backend);
  }

  @Test
  void aBounceBufferOfOnePagePasses() {
    Vmbkmcl.VmbChannelAllocateBounceBuffer(client, 4096);
    verify(f.backend).VmbChannelAllocateBounceBuffer(client, 4096);
  }

  // ---- #72, #74 save and restore buffers --------------------------------------------------------

  @Test
  void aSaveBufferSizeBeyondTheBufferThrows() {
    ByteBuffer b = bytes(16);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Vmbkmcl.VmbChannelSaveContinue(server, b, 17, new UInt32Ref(), new UInt32Ref()));
    assertEquals("VmbChannelSaveContinue: SaveBufferSize 17 is larger than the 16 bytes remaining"
        + " in SaveBuffer", e.getMessage());
    verifyNoInteractions(f.backend);
  }

  @Test
  void aRestoreBufferSizeBeyondTheBufferThrows() {
    assertThrows(IllegalArgumentException.class,
        () -> Vmbkmcl.VmbChannelRestoreFromBuffer(server, bytes(16), 17));
    assertThrows(IllegalArgumentException.class,
        () -> Vmbkmcl.VmbPacketRestore(f.serverPacket, bytes(16), 17));
    verifyNoInteractions(f.backend);
  }
}
