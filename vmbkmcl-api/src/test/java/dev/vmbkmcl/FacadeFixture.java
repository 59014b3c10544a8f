package dev.vmbkmcl;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.ByteBuffer;

/**
 * A Mockito backend with handles bound to it: a client and a server channel, a second client (for
 * sub-channels), a packet of each channel and a delivery. {@code VmbPacketGetChannel} is stubbed so
 * the facade can learn a packet's endpoint role; stubbing is not an interaction, so a fresh fixture
 * still passes {@code verifyNoInteractions(backend)}.
 */
final class FacadeFixture {
  final KmclBackend backend = mock(KmclBackend.class);
  final DeviceObject device = new DeviceObject(backend, "test-device");
  final TestChannel client = new TestChannel(backend, false);
  final TestChannel client2 = new TestChannel(backend, false);
  final TestChannel server = new TestChannel(backend, true);
  final TestPacket packet = new TestPacket(backend);
  final TestPacket serverPacket = new TestPacket(backend);
  final TestCompletion completion = new TestCompletion(backend);

  FacadeFixture() {
    when(backend.VmbPacketGetChannel(packet)).thenReturn(client);
    when(backend.VmbPacketGetChannel(serverPacket)).thenReturn(server);
  }

  /** A heap buffer of {@code size} bytes, position 0. */
  static ByteBuffer bytes(int size) {
    return ByteBuffer.allocate(size);
  }

  /** An MDL over a fresh buffer of {@code size} bytes. */
  static Mdl mdl(int size) {
    return Mdl.forBuffer(ByteBuffer.allocate(size));
  }

  /** Returns null where the type says non-null: the misuse C would crash on. */
  @SuppressWarnings({"NullAway", "TypeParameterUnusedInFormals"})
  static <T> T nul() {
    return null;
  }
}
