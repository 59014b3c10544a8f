package dev.vmbkmcl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;

import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every forwarded function, called with valid arguments, reaches the backend that owns its handle
 * exactly once, with exactly its arguments, and returns exactly what the backend returned.
 */
class VmbkmclForwardingTest {
  static List<String> forwarded() {
    return FacadeCalls.names();
  }

  @Test
  void seventyTwoFunctionsAreForwarded() {
    assertEquals(72, forwarded().size());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forwarded")
  void forwardsItsArgumentsAndReturnsTheBackendsResult(String name) throws Throwable {
    FacadeFixture f = new FacadeFixture();
    Object[] args = new FacadeCalls(f).args(name);
    Method facade = FacadeCalls.facade(name);
    Method backend = FacadeCalls.backend(name);
    Object sentinel = sentinelFor(facade.getReturnType(), f);
    if (sentinel != null) {
      FacadeCalls.invoke(backend, doReturn(sentinel).when(f.backend), args);
    }

    Object result = FacadeCalls.invoke(facade, null, args);

    if (sentinel == null) {
      assertNull(result);
    } else if (facade.getReturnType() == int.class) {
      assertEquals(sentinel, result);
    } else {
      assertSame(sentinel, result);
    }
    FacadeCalls.invoke(backend, verify(f.backend), args);
    // The two queries some checks need are the only other calls allowed.
    if (name.equals("VmbPacketInitialize")) {
      verify(f.backend).VmbChannelSizeofPacket(f.client);
    }
    if (name.equals("VmbPacketRestore")) {
      verify(f.backend).VmbPacketGetChannel(f.serverPacket);
    }
    verifyNoMoreInteractions(f.backend);
  }

  @Test
  void handlesOfAnotherBackendGoToThatBackend() {
    FacadeFixture f = new FacadeFixture();
    KmclBackend other = mock(KmclBackend.class);
    TestChannel foreign = new TestChannel(other, false);

    Vmbkmcl.VmbChannelEnable(foreign);
    Vmbkmcl.VmbChannelAllocate(new DeviceObject(other, "other"), false, new Ref<>());

    verify(other).VmbChannelEnable(foreign);
    verifyNoInteractions(f.backend);
  }

  @Test
  void buffersKeepTheirPositionAndLimit() {
    FacadeFixture f = new FacadeFixture();
    ByteBuffer buffer = ByteBuffer.allocate(32).position(4).limit(20);

    Vmbkmcl.VmbPacketSend(f.packet, buffer, 16, null, 0);

    assertEquals(4, buffer.position());
    assertEquals(20, buffer.limit());
    verify(f.backend).VmbPacketSend(f.packet, buffer, 16, null, 0);
  }

  /** A value the backend returns that the facade could not make up; null for void. */
  private static @Nullable Object sentinelFor(Class<?> type, FacadeFixture f) {
    if (type == void.class) {
      return null;
    }
    if (type == NtStatus.class) {
      return NtStatus.valueOf(0x4000_1234);
    }
    if (type == int.class) {
      return 4711;
    }
    if (type == ByteBuffer.class) {
      return ByteBuffer.allocate(3);
    }
    if (type == VMBPACKET.class) {
      return new TestPacket(f.backend);
    }
    if (type == VMBCHANNEL.class) {
      return new TestChannel(f.backend, true);
    }
    if (type == Object.class) {
      return new Object();
    }
    throw new AssertionError("no sentinel for " + type);
  }
}
