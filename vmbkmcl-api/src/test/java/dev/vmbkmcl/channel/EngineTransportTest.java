package dev.vmbkmcl.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;

import dev.vmbkmcl.DeviceObject;
import dev.vmbkmcl.Mdl;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.Ref;
import dev.vmbkmcl.UInt32Ref;
import dev.vmbkmcl.UInt64Ref;
import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.spi.TimeSource;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The seam between the one {@link Engine} and a backend's {@link Transport} (issue 14): the engine
 * asks the transport, hands it a {@link ChannelConnection} per channel, forwards the GPADL calls
 * to its {@link GpadlPort}, and a driver holding a channel cannot raise link events itself.
 */
class EngineTransportTest {
  /** An in-memory transport that records what the engine asked of it. */
  private static final class RecordingTransport implements Transport {
    final List<ChannelConnection> connected = new CopyOnWriteArrayList<>();
    final List<EngineChannel> disconnected = new CopyOnWriteArrayList<>();
    final GpadlPort gpadls = mock(GpadlPort.class);
    @Nullable DeviceObject device;
    boolean refuseServers;

    @Override
    public String name() {
      return "recording";
    }

    @Override
    public DeviceObject defaultDevice() {
      DeviceObject d = device;
      if (d == null) {
        throw new IllegalStateException("no device yet");
      }
      return d;
    }

    @Override
    public NtStatus admitEndpoint(boolean isServer) {
      return isServer && refuseServers ? NtStatus.STATUS_NOT_SUPPORTED : NtStatus.STATUS_SUCCESS;
    }

    @Override
    public NtStatus connect(ChannelConnection connection) {
      connected.add(connection);
      return NtStatus.STATUS_SUCCESS;
    }

    @Override
    public void disconnect(EngineChannel channel) {
      disconnected.add(channel);
    }

    @Override
    public GpadlPort gpadls() {
      return gpadls;
    }
  }

  private final RecordingTransport transport = new RecordingTransport();
  private final Engine engine = new Engine(transport, TimeSource.SYSTEM);
  private final DeviceObject device = new DeviceObject(engine, "test");

  EngineTransportTest() {
    transport.device = device;
  }

  private EngineChannel client() {
    Ref<VMBCHANNEL> ref = new Ref<>();
    assertEquals(NtStatus.STATUS_SUCCESS, engine.VmbChannelAllocate(device, false, ref));
    return assertInstanceOf(EngineChannel.class, ref.get());
  }

  @Test
  void theEngineIsFinalAndNamedAfterItsTransport() {
    assertTrue(Modifier.isFinal(Engine.class.getModifiers()), "no backend extends the engine");
    assertEquals("recording", engine.name());
    assertSame(device, engine.defaultDevice());
  }

  @Test
  void allocateAsksTheTransportWhetherItCanMakeThatEndpoint() {
    transport.refuseServers = true;
    Ref<VMBCHANNEL> server = new Ref<>();
    assertEquals(NtStatus.STATUS_NOT_SUPPORTED, engine.VmbChannelAllocate(device, true, server));
    assertNull(server.get(), "a refused endpoint makes no channel");
    assertEquals(NtStatus.STATUS_NOT_SUPPORTED,
        engine.VmbChannelInitialize(device, true, server, 4096));
    assertNull(server.get());
    client(); // a client endpoint is admitted
  }

  @Test
  void enableHandsTheTransportTheChannelsConnectionAndDisableTakesItBack() {
    EngineChannel channel = client();
    engine.VmbClientChannelInitSetTargetPnp(channel, UUID.randomUUID(), null, null);
    assertEquals(NtStatus.STATUS_SUCCESS, engine.VmbChannelEnable(channel));
    assertEquals(1, transport.connected.size());
    assertSame(channel, transport.connected.get(0).channel());
    engine.VmbChannelDisable(channel);
    assertEquals(List.of(channel), transport.disconnected);
  }

  @Test
  void aConnectFailureReportedThroughTheConnectionRunsPnpFailure() throws Exception {
    EngineChannel channel = client();
    AtomicReference<NtStatus> seen = new AtomicReference<>();
    CountDownLatch ran = new CountDownLatch(1);
    engine.VmbClientChannelInitSetTargetPnp(channel, UUID.randomUUID(), null, (ch, status) -> {
      seen.set(status);
      ran.countDown();
    });
    assertEquals(NtStatus.STATUS_SUCCESS, engine.VmbChannelEnable(channel));
    transport.connected.get(0).failed(NtStatus.STATUS_NOT_FOUND);
    assertTrue(ran.await(10, TimeUnit.SECONDS), "EvtChannelPnpFailure ran");
    assertEquals(NtStatus.STATUS_NOT_FOUND, seen.get());
    engine.VmbChannelDisable(channel);
  }

  @Test
  void aDriverHoldingTheChannelCannotRaiseLinkEvents() {
    for (Method m : EngineChannel.class.getMethods()) {
      assertFalse(List.of("linkUp", "linkDown", "connectFailed").contains(m.getName()),
          "EngineChannel." + m.getName() + " is public");
    }
    assertEquals(0, ChannelConnection.class.getConstructors().length,
        "only the engine makes a ChannelConnection");
  }

  @Test
  void gpadlCallsGoToTheTransportsGpadlPort() {
    EngineChannel channel = client();
    GpadlPort port = transport.gpadls;
    ByteBuffer buffer = ByteBuffer.allocate(8192);
    UInt32Ref handle = new UInt32Ref();
    Mdl mdl = Mdl.forBuffer(buffer);
    long[] pfns = {1, 2};
    Ref<ByteBuffer> address = new Ref<>();
    Ref<Mdl> mapped = new Ref<>();
    UInt64Ref mmio = new UInt64Ref();
    UInt64Ref mmioSize = new UInt64Ref();
    engine.VmbChannelCreateGpadlFromBuffer(channel, 1, buffer, 4096, handle);
    engine.VmbChannelCreateGpadlFromMdl(channel, 1, mdl, 0, 4096, handle);
    engine.VmbChannelCreateGpadlFromPfnList(channel, 1, pfns, 2, handle);
    engine.VmbChannelCreateGpadl(channel, 1, 3, handle);
    engine.VmbChannelGetSystemAddressForGpadl(channel, 0, 7, address);
    engine.VmbChannelDeleteGpadl(channel, 7);
    engine.VmbChannelMapGpadl(channel, 1, 8, mapped);
    engine.VmbChannelUnmapGpadl(channel, 8);
    engine.VmbChannelAllocateBounceBuffer(channel, 512);
    engine.VmbChannelGetMmioSpace(channel, mmio, mmioSize);
    verify(port).createFromBuffer(channel, 1, buffer, 4096, handle);
    verify(port).createFromMdl(channel, 1, mdl, 0, 4096, handle);
    verify(port).createFromPfns(channel, 1, pfns, 2, handle);
    verify(port).create(channel, 1, 3, handle);
    verify(port).systemAddress(channel, 0, 7, address);
    verify(port).delete(channel, 7);
    verify(port).map(channel, 1, 8, mapped);
    verify(port).unmap(channel, 8);
    verify(port).allocateBounceBuffer(channel, 512);
    verify(port).mmioSpace(channel, mmio, mmioSize);
    verifyNoMoreInteractions(port);
  }

  @Test
  void aTransportWithoutGuestMemoryRefusesEveryGpadlCall() {
    Transport bare = new Transport() {
      @Override
      public String name() {
        return "bare";
      }

      @Override
      public DeviceObject defaultDevice() {
        throw new UnsupportedOperationException();
      }

      @Override
      public NtStatus connect(ChannelConnection connection) {
        return NtStatus.STATUS_NOT_SUPPORTED;
      }

      @Override
      public void disconnect(EngineChannel channel) {}
    };
    Engine plain = new Engine(bare, TimeSource.SYSTEM);
    Ref<VMBCHANNEL> ref = new Ref<>();
    assertEquals(NtStatus.STATUS_SUCCESS,
        plain.VmbChannelAllocate(new DeviceObject(plain, "bare"), true, ref));
    VMBCHANNEL channel = java.util.Objects.requireNonNull(ref.get());
    UInt32Ref handle = new UInt32Ref();
    ByteBuffer buffer = ByteBuffer.allocate(4096);
    assertSame(GpadlPort.NONE, bare.gpadls());
    assertEquals(IdleStrategy.PARK, bare.defaultIdleStrategy());
    assertEquals(NtStatus.STATUS_NOT_SUPPORTED,
        plain.VmbChannelCreateGpadlFromBuffer(channel, 0, buffer, 4096, handle));
    assertEquals(NtStatus.STATUS_NOT_SUPPORTED,
        plain.VmbChannelCreateGpadlFromMdl(channel, 0, Mdl.forBuffer(buffer), 0, 0, handle));
    assertEquals(NtStatus.STATUS_NOT_SUPPORTED,
        plain.VmbChannelCreateGpadlFromPfnList(channel, 0, new long[] {1}, 1, handle));
    assertEquals(NtStatus.STATUS_NOT_SUPPORTED, plain.VmbChannelCreateGpadl(channel, 0, 1, handle));
    assertEquals(NtStatus.STATUS_NOT_SUPPORTED,
        plain.VmbChannelGetSystemAddressForGpadl(channel, 0, 1, new Ref<>()));
    assertEquals(NtStatus.STATUS_NOT_SUPPORTED, plain.VmbChannelMapGpadl(channel, 0, 1, new Ref<>()));
    assertEquals(NtStatus.STATUS_NOT_SUPPORTED, plain.VmbChannelAllocateBounceBuffer(channel, 64));
    plain.VmbChannelDeleteGpadl(channel, 1);
    plain.VmbChannelUnmapGpadl(channel, 1);
    UInt64Ref address = new UInt64Ref();
    address.set(5);
    UInt64Ref size = new UInt64Ref();
    size.set(5);
    plain.VmbChannelGetMmioSpace(channel, address, size);
    assertEquals(0, address.get());
    assertEquals(0, size.get());
    assertEquals(NtStatus.STATUS_NOT_SUPPORTED, plain.VmbChannelEnable(channel),
        "the transport's refusal of connect is Enable's answer");
  }
}
