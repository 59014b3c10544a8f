package dev.vmbkmcl.sim.reliability;

import static dev.vmbkmcl.Vmbkmcl.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmbkmcl.Mdl;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.Ref;
import dev.vmbkmcl.UInt32Ref;
import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.VMBPACKET;
import dev.vmbkmcl.sim.SimChannelPair;
import dev.vmbkmcl.sim.SimVmbus;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A host that names guest pages in its own GPA-direct packets: the guest driver's {@code
 * VmbChannelPacketGetExternalData} maps only what the guest shared with this channel's host (its
 * GPADLs on this channel, within their bytes, read-only ones only for reading, and the MDLs of
 * packets the guest sent on it). Anything else answers STATUS_ACCESS_DENIED and maps nothing.
 */
class HostileExternalDataTest {
  private static final UUID TYPE_A = UUID.fromString("a11e0000-0000-4000-8000-00000000000a");
  private static final UUID TYPE_B = UUID.fromString("a11e0000-0000-4000-8000-00000000000b");
  private static final int PAGE = 4096;

  /** What the guest's packet callback got from VmbChannelPacketGetExternalData. */
  private record Mapping(NtStatus status, @Nullable Mdl mdl) {}

  private final SimVmbus bus = new SimVmbus();
  private final AtomicInteger mapFlags = new AtomicInteger();
  private final BlockingQueue<Mapping> mappedA = new ArrayBlockingQueue<>(16);
  private final BlockingQueue<Mapping> mappedB = new ArrayBlockingQueue<>(16);
  private final BlockingQueue<Mapping> mappedByHostA = new ArrayBlockingQueue<>(16);
  private SimChannelPair a;
  private SimChannelPair b;

  @BeforeEach
  void open() throws InterruptedException {
    a = SimChannelPair.open(bus, TYPE_A, 4, this::hostMapsWhatItGets, c -> guestMaps(c, mappedA));
    b = SimChannelPair.open(bus, TYPE_B, 4, s -> {}, c -> guestMaps(c, mappedB));
  }

  @AfterEach
  void close() {
    a.close();
    b.close();
  }

  private void guestMaps(VMBCHANNEL client, BlockingQueue<Mapping> into) {
    VmbChannelInitSetMaximumExternalData(client, 64 * 1024, 4);
    VmbChannelInitSetProcessPacketCallbacks(client, (ch, pkt, buf, len, flags) -> {
      Ref<Mdl> mdl = new Ref<>();
      NtStatus status = (flags & VMBUS_CHANNEL_PROCESS_PACKET_FLAG_EXTERNAL_DATA) == 0
          ? NtStatus.STATUS_NOT_FOUND : VmbChannelPacketGetExternalData(pkt, mapFlags.get(), mdl);
      into.add(new Mapping(status, mdl.get()));
      VmbChannelPacketComplete(pkt, null, 0);
    }, null);
  }

  private void hostMapsWhatItGets(VMBCHANNEL server) {
    VmbChannelInitSetProcessPacketCallbacks(server, (ch, pkt, buf, len, flags) -> {
      Ref<Mdl> mdl = new Ref<>();
      NtStatus status = VmbChannelPacketGetExternalData(pkt, 0, mdl);
      mappedByHostA.add(new Mapping(status, mdl.get()));
      VmbChannelPacketComplete(pkt, null, 0);
    }, null);
  }

  /** The guest page numbers of a GPADL, as its host learns them by mapping it. */
  private static long[] pagesOfGpadl(SimChannelPair pair, int handle) {
    Ref<Mdl> mdl = new Ref<>();
    assertEquals(NtStatus.STATUS_SUCCESS,
        VmbChannelMapGpadl(pair.server(), VMBUS_CHANNEL_GPADL_FLAG_READ_ONLY, handle, mdl));
    List<Long> pages = new ArrayList<>();
    for (Mdl m = mdl.require(); m != null; m = m.next()) {
      for (long pfn : pages(m)) {
        pages.add(pfn);
      }
    }
    VmbChannelUnmapGpadl(pair.server(), handle);
    return pages.stream().mapToLong(Long::longValue).toArray();
  }

  private static long[] pages(Mdl m) {
    long[] pfns = m.pfns();
    assertNotNull(pfns);
    return pfns;
  }

  private static int gpadl(SimChannelPair pair, ByteBuffer buffer, int bytes, boolean readOnly) {
    UInt32Ref handle = new UInt32Ref();
    assertEquals(NtStatus.STATUS_SUCCESS, VmbChannelCreateGpadlFromBuffer(pair.client(),
        readOnly ? VMBUS_CHANNEL_GPADL_FLAG_READ_ONLY : 0, buffer, bytes, handle));
    return handle.get();
  }

  /** The host of {@code pair} sends a GPA-direct packet naming those bytes of those pages. */
  private static void hostNames(SimChannelPair pair, long[] pfns, int byteOffset, int byteCount) {
    VMBPACKET packet = VmbPacketAllocate(pair.server());
    assertNotNull(packet);
    ByteBuffer body = ByteBuffer.allocate(8);
    assertEquals(NtStatus.STATUS_SUCCESS, VmbPacketSendWithExternalMdl(packet, body, 8,
        Mdl.forPages(pfns, byteOffset, byteCount), 0, 0,
        VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION));
  }

  private static Mapping next(BlockingQueue<Mapping> queue) throws InterruptedException {
    Mapping m = queue.poll(60, TimeUnit.SECONDS);
    assertNotNull(m, "the guest did not receive the host's packet");
    return m;
  }

  private static void assertDenied(Mapping m) {
    assertEquals(NtStatus.STATUS_ACCESS_DENIED, m.status());
    assertNull(m.mdl(), "nothing may be mapped");
  }

  private static ByteBuffer filled(int size, int seed) {
    ByteBuffer buffer = ByteBuffer.allocate(size);
    for (int i = 0; i < size; i++) {
      buffer.put(i, (byte) (i * 7 + seed));
    }
    return buffer;
  }

  @Test
  void anotherChannelsGpadlIsAccessDenied() throws InterruptedException {
    ByteBuffer secret = filled(2 * PAGE, 1);
    int handle = gpadl(b, secret, 2 * PAGE, false);
    long[] pfns = pagesOfGpadl(b, handle);

    hostNames(a, pfns, 0, 2 * PAGE);
    assertDenied(next(mappedA));

    // The same pages on their own channel map, and show the guest's bytes.
    hostNames(b, pfns, 0, 2 * PAGE);
    Mapping own = next(mappedB);
    assertEquals(NtStatus.STATUS_SUCCESS, own.status());
    ByteBuffer view = own.mdl() == null ? null : own.mdl().systemAddress();
    assertNotNull(view);
    assertEquals(secret.get(5), view.get(5));
    VmbChannelDeleteGpadl(b.client(), handle);
  }

  @Test
  void aReadOnlyGpadlCannotBeMappedForWriting() throws InterruptedException {
    ByteBuffer shared = filled(PAGE, 2);
    int handle = gpadl(a, shared, PAGE, true);
    long[] pfns = pagesOfGpadl(a, handle);

    mapFlags.set(0);
    hostNames(a, pfns, 0, PAGE);
    assertDenied(next(mappedA));

    mapFlags.set(VMBUS_CHANNEL_PACKET_EXTERNAL_DATA_FLAG_READ_ONLY);
    hostNames(a, pfns, 0, PAGE);
    Mapping read = next(mappedA);
    assertEquals(NtStatus.STATUS_SUCCESS, read.status());
    ByteBuffer view = read.mdl() == null ? null : read.mdl().systemAddress();
    assertNotNull(view);
    assertTrue(view.isReadOnly());
    assertThrows(ReadOnlyBufferException.class, () -> view.put(0, (byte) 0));
    assertEquals(shared.get(9), view.get(9));
    VmbChannelDeleteGpadl(a.client(), handle);
  }

  @Test
  void bytesPastTheGpadlAreAccessDenied() throws InterruptedException {
    ByteBuffer buffer = filled(3 * PAGE, 3);
    buffer.position(100);
    int handle = gpadl(a, buffer, 5000, false); // bytes [100, 5100) of two pages
    long[] pfns = pagesOfGpadl(a, handle);

    hostNames(a, pfns, 0, 4096); // bytes 0..99 were never shared
    assertDenied(next(mappedA));
    hostNames(a, pfns, 100, 5001); // one byte past the end
    assertDenied(next(mappedA));
    hostNames(a, new long[] {pfns[0], pfns[1], pfns[1] + 1}, 100, 2 * PAGE); // the third page
    assertDenied(next(mappedA));

    hostNames(a, pfns, 100, 5000);
    assertEquals(NtStatus.STATUS_SUCCESS, next(mappedA).status());
    VmbChannelDeleteGpadl(a.client(), handle);
  }

  @Test
  void pagesNeverSharedAreAccessDenied() throws InterruptedException {
    // Pages the guest sent on channel B, pages of a deleted GPADL, a page that does not exist.
    ByteBuffer onB = filled(PAGE, 4);
    int handle = gpadl(b, onB, PAGE, false);
    long[] pfnsOfB = pagesOfGpadl(b, handle);
    ByteBuffer deleted = filled(PAGE, 5);
    int gone = gpadl(a, deleted, PAGE, false);
    long[] pfnsOfDeleted = pagesOfGpadl(a, gone);
    VmbChannelDeleteGpadl(a.client(), gone);

    hostNames(a, pfnsOfB, 0, PAGE);
    assertDenied(next(mappedA));
    hostNames(a, pfnsOfDeleted, 0, PAGE);
    assertDenied(next(mappedA));
    hostNames(a, new long[] {0x7fff_ffffL}, 0, 16);
    assertDenied(next(mappedA));
    hostNames(a, new long[] {0}, 0, 16);
    assertDenied(next(mappedA));
    VmbChannelDeleteGpadl(b.client(), handle);
  }

  @Test
  void theMdlOfAPacketTheGuestSentMayBeNamedBack() throws InterruptedException {
    ByteBuffer data = filled(2 * PAGE, 6);
    VMBPACKET packet = VmbPacketAllocate(a.client());
    assertNotNull(packet);
    assertEquals(NtStatus.STATUS_SUCCESS, VmbPacketSendWithExternalMdl(packet,
        ByteBuffer.allocate(8), 8, Mdl.IoAllocateMdl(data, 10, 6000), 0, 0,
        VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION));
    Mapping atHost = next(mappedByHostA);
    assertEquals(NtStatus.STATUS_SUCCESS, atHost.status());
    Mdl sent = atHost.mdl();
    assertNotNull(sent);
    long[] pfns = pages(sent);

    mapFlags.set(0);
    hostNames(a, pfns, 10, 6000);
    Mapping back = next(mappedA);
    assertEquals(NtStatus.STATUS_SUCCESS, back.status());
    ByteBuffer view = back.mdl() == null ? null : back.mdl().systemAddress();
    assertNotNull(view);
    view.put(view.position(), (byte) 0x5A);
    assertEquals((byte) 0x5A, data.get(10), "the guest's own bytes, writable");

    hostNames(a, pfns, 0, 6010); // the 10 bytes before the MDL were not sent
    assertDenied(next(mappedA));
  }
}
