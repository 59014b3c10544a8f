package dev.vmbkmcl.sim;

import static dev.vmbkmcl.Vmbkmcl.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmbkmcl.Mdl;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.Ref;
import dev.vmbkmcl.UInt32Ref;
import dev.vmbkmcl.VMBCHANNEL;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GPADL rules of kmcl-api.md §1.6 and §2.H on the simulated VMBus, through the facade. */
class GpadlTest {
  private SimVmbus bus;
  private VMBCHANNEL server;
  private VMBCHANNEL client;

  @BeforeEach
  void open() throws InterruptedException {
    bus = new SimVmbus();
    SimChannelPair pair = SimChannelPair.builder(bus).ringPages(4)
        .serverPackets((ch, pkt, buf, len, flags) -> VmbChannelPacketComplete(pkt, null, 0))
        .clientPackets((ch, pkt, buf, len, flags) -> VmbChannelPacketComplete(pkt, null, 0)).enable();
    pair.awaitActive();
    server = pair.server();
    client = pair.client();
  }

  private int gpadlOver(ByteBuffer buffer, int flags) {
    UInt32Ref handle = new UInt32Ref();
    assertEquals(NtStatus.STATUS_SUCCESS,
        VmbChannelCreateGpadlFromBuffer(client, flags, buffer, buffer.remaining(), handle));
    return handle.get();
  }

  @Test
  void oneMappingAtATimeAndEachMapPairsWithAnUnmap() {
    int h = gpadlOver(ByteBuffer.allocate(8192), 0);
    Ref<Mdl> mdl = new Ref<>();
    assertEquals(NtStatus.STATUS_SUCCESS, VmbChannelMapGpadl(server, 0, h, mdl));
    assertEquals(8192, mdl.require().chainByteCount());
    assertEquals(NtStatus.STATUS_INVALID_DEVICE_STATE, VmbChannelMapGpadl(server, 0, h, new Ref<>()));
    VmbChannelUnmapGpadl(server, h);
    assertEquals(NtStatus.STATUS_SUCCESS, VmbChannelMapGpadl(server, 0, h, new Ref<>()));
  }

  @Test
  void aWriteMappingOfAReadOnlyGpadlFailsAndAReadOnlyMappingCannotWrite() {
    int h = gpadlOver(ByteBuffer.allocate(4096), VMBUS_CHANNEL_GPADL_FLAG_READ_ONLY);
    assertEquals(NtStatus.STATUS_ACCESS_DENIED, VmbChannelMapGpadl(server, 0, h, new Ref<>()));
    Ref<Mdl> mdl = new Ref<>();
    assertEquals(NtStatus.STATUS_SUCCESS,
        VmbChannelMapGpadl(server, VMBUS_CHANNEL_GPADL_FLAG_READ_ONLY, h, mdl));
    ByteBuffer va = mdl.require().systemAddress();
    assertNotNull(va);
    assertTrue(va.isReadOnly());
  }

  @Test
  void deleteBlocksWhileTheServerHasItMapped() throws Exception {
    int h = gpadlOver(ByteBuffer.allocate(4096), 0);
    assertEquals(NtStatus.STATUS_SUCCESS, VmbChannelMapGpadl(server, 0, h, new Ref<>()));
    AtomicBoolean deleted = new AtomicBoolean();
    CountDownLatch done = new CountDownLatch(1);
    Thread deleter = new Thread(() -> {
      VmbChannelDeleteGpadl(client, h);
      deleted.set(true);
      done.countDown();
    });
    deleter.start();
    // No sleep: the deleter is seen waiting inside the delete itself (Object.wait in SimGpadls).
    while (!waitsInDelete(deleter)) {
      assertTrue(deleter.isAlive() || deleted.get(), "the deleter died");
      assertFalse(deleted.get(), "delete returned while mapped");
      Thread.onSpinWait();
    }
    assertFalse(deleted.get(), "delete returned while mapped");
    VmbChannelUnmapGpadl(server, h);
    assertTrue(done.await(30, TimeUnit.SECONDS));
    assertEquals(NtStatus.STATUS_INVALID_PARAMETER_3, VmbChannelMapGpadl(server, 0, h, new Ref<>()));
  }

  @Test
  void kmclAllocatedGpadlHasASystemAddressSharedWithTheServer() {
    UInt32Ref h = new UInt32Ref();
    assertEquals(NtStatus.STATUS_SUCCESS, VmbChannelCreateGpadl(client, 0, 2, h));
    Ref<ByteBuffer> va = new Ref<>();
    assertEquals(NtStatus.STATUS_SUCCESS, VmbChannelGetSystemAddressForGpadl(client, 0, h.get(), va));
    assertEquals(8192, va.require().capacity());
    va.require().put(5000, (byte) 0x5A);
    Ref<Mdl> mdl = new Ref<>();
    assertEquals(NtStatus.STATUS_SUCCESS, VmbChannelMapGpadl(server, 0, h.get(), mdl));
    ByteBuffer seen = mdl.require().systemAddress();
    assertNotNull(seen);
    assertEquals((byte) 0x5A, seen.get(5000));
    int other = gpadlOver(ByteBuffer.allocate(4096), 0);
    assertEquals(NtStatus.STATUS_INVALID_PARAMETER_3,
        VmbChannelGetSystemAddressForGpadl(client, 0, other, new Ref<>()));
  }

  @Test
  void gpadlsFromAnMdlChainAndFromAPfnListDescribeTheSamePages() {
    ByteBuffer memory = ByteBuffer.allocate(3 * 4096);
    Mdl chain = Mdl.IoAllocateMdl(memory, 0, 4096);
    chain.link(Mdl.IoAllocateMdl(memory, 4096, 8192));
    UInt32Ref fromMdl = new UInt32Ref();
    assertEquals(NtStatus.STATUS_SUCCESS, VmbChannelCreateGpadlFromMdl(client, 0, chain, 100, 0, fromMdl));
    Ref<Mdl> mapped = new Ref<>();
    assertEquals(NtStatus.STATUS_SUCCESS, VmbChannelMapGpadl(server, 0, fromMdl.get(), mapped));
    assertEquals(3 * 4096 - 100, mapped.require().chainByteCount());
    long[] pfns = mapped.require().pfns();
    assertNotNull(pfns);
    UInt32Ref fromPfns = new UInt32Ref();
    assertEquals(NtStatus.STATUS_SUCCESS,
        VmbChannelCreateGpadlFromPfnList(client, 0, pfns, pfns.length, fromPfns));
    assertEquals(NtStatus.STATUS_INVALID_PARAMETER_3,
        VmbChannelCreateGpadlFromPfnList(client, 0, new long[] {0x7FFF_FFFFL}, 1, new UInt32Ref()),
        "a page the guest never gave out");
  }

  @Test
  void gpadlsNeedAnOpenChannelAndAClientEndpoint() {
    Ref<VMBCHANNEL> idle = new Ref<>();
    VmbChannelAllocate(bus.guestDevice(), FALSE, idle);
    assertEquals(NtStatus.STATUS_INVALID_DEVICE_STATE, VmbChannelCreateGpadlFromBuffer(idle.require(), 0,
        ByteBuffer.allocate(4096), 4096, new UInt32Ref()));
    assertEquals(NtStatus.STATUS_NOT_SUPPORTED, VmbChannelCreateGpadlFromBuffer(server, 0,
        ByteBuffer.allocate(4096), 4096, new UInt32Ref()));
    assertEquals(NtStatus.STATUS_NOT_SUPPORTED, VmbChannelMapGpadl(client, 0, 0x1000, new Ref<>()));
  }

  @Test
  void closingTheChannelDropsItsGpadls() throws InterruptedException {
    gpadlOver(ByteBuffer.allocate(4096), 0);
    assertEquals(1, bus.gpadlCount(client));
    VmbChannelDisable(client);
    assertEquals(0, bus.gpadlCount(client));
    assertSame(NtStatus.STATUS_INVALID_DEVICE_STATE, VmbChannelCreateGpadlFromBuffer(client, 0,
        ByteBuffer.allocate(4096), 4096, new UInt32Ref()));
  }

  /** True once {@code t} waits (parked in {@code Object.wait}) inside {@code SimGpadls.delete}. */
  private static boolean waitsInDelete(Thread t) {
    return t.getState() == Thread.State.WAITING
        && ThreadProbe.runsIn(t, SimGpadls.class.getName(), "delete");
  }
}
