package dev.vmbkmcl.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The text decoder on the reference's test vectors (vmbus-ring-and-uio.md §8). */
class PacketTextTest {
  private static ByteBuffer hex(String s) {
    return ByteBuffer.wrap(HexFormat.of().parseHex(s.replace(" ", "")));
  }

  private static ByteBuffer inband(String payload) {
    ByteBuffer p = hex(payload);
    int len8 = 2 + (p.limit() + 7) / 8;
    ByteBuffer b = ByteBuffer.allocate(len8 * 8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.putShort(0, (short) 6).putShort(2, (short) 2).putShort(4, (short) len8);
    b.put(16, p, 0, p.limit());
    return b;
  }

  @Test
  void icNegotiateRequest811() {
    ByteBuffer p = hex("06 00 02 00 09 00 00 00 00 00 00 00 00 00 00 00"
        + "01 00 00 00 2c 00 00 00 00 00 00 00 00 00 00 00"
        + "00 00 18 00 00 00 00 00 00 03 00 00 02 00 02 00"
        + "00 00 00 00 01 00 00 00 03 00 00 00 01 00 00 00"
        + "03 00 00 00 00 00 00 00");
    assertEquals("inband flags=0x0 txid=0x0 offset8=2 len8=9 payload=56 | ic negotiate fw=0.0"
        + " msg=0.0 size=24 status=0x0 ictxid=0 icflags=0x3(request) framework_versions=2"
        + " message_versions=2 versions=1.0,3.0,1.0,3.0",
        PacketText.describe(PacketText.HEARTBEAT, p));
  }

  @Test
  void heartbeatResponse812() {
    ByteBuffer p = ByteBuffer.allocate(88);
    p.put(hex("06 00 02 00 0b 00 00 00 00 00 00 00 00 00 00 00"
        + "01 00 00 00 3c 00 00 00 03 00 00 00 01 00 03 00"
        + "00 00 28 00 00 00 00 00 00 05 00 00 11 00 00 00"));
    assertEquals("inband flags=0x0 txid=0x0 offset8=2 len8=11 payload=72 | ic heartbeat fw=3.0"
        + " msg=3.0 size=40 status=0x0 ictxid=0 icflags=0x5(response) seq=17",
        PacketText.describe(PacketText.HEARTBEAT, p.clear()));
  }

  @Test
  void dynamicMemoryMessages813() {
    assertEquals("inband flags=0x0 txid=0x0 offset8=2 len8=4 payload=16 | dm version_request"
        + " size=16 dmtxid=1 version=2.0 last_attempt=0", PacketText.describe(
            PacketText.DYNAMIC_MEMORY, inband("01 00 10 00 01 00 00 00 00 00 02 00 00 00 00 00")));
    assertEquals("dm capabilities_report size=32 dmtxid=2 caps=0x1f min_pages=0", tail(
        inband("03 00 20 00 02 00 00 00 1f 00 00 00 00 00 00 00"
            + "00 00 00 00 00 00 00 00 ff ff ff ff ff ff ff ff")));
    assertEquals("dm status_report size=48 dmtxid=5 avail=100000 committed=200000", tail(
        inband("05 00 30 00 05 00 00 00 a0 86 01 00 00 00 00 00 40 0d 03 00 00 00 00 00"
            + "0000000000000000000000000000000000000000000000000000000000000000")));
    assertEquals("dm balloon_request size=16 dmtxid=0 pages=256",
        tail(inband("06 00 10 00 00 00 00 00 00 01 00 00 00 00 00 00")));
    assertEquals("dm balloon_response size=24 dmtxid=3 more=0 ranges=1", tail(
        inband("07 00 18 00 03 00 00 00 00 00 00 00 02 00 00 00 45 23 01 00 00 00 01 00")));
    assertEquals("dm hot_add_request size=24 dmtxid=2 start_pfn=0x100000 pages=32768", tail(
        inband("0a 00 18 00 02 00 00 00 00 00 10 00 00 00 80 00 00 00 10 00 00 00 80 00")));
    assertEquals("dm hot_add_response size=16 dmtxid=5 pages=32768 result=1",
        tail(inband("0b 00 10 00 05 00 00 00 00 80 00 00 01 00 00 00")));
  }

  @Test
  void echoRequestAndChecksumAnswer() {
    ByteBuffer request = inband("01 00 00 00 07 00 00 00 05 00 00 00 00 00 00 00 68 65 6c 6c 6f");
    assertEquals("echo echo seq=7 length=5", tailOf(PacketText.ECHO, request));
    ByteBuffer answer = inband("00 00 00 00 00 00 00 00 ef be ad de 00 00 00 00");
    answer.putShort(0, (short) 0xB);
    assertEquals("echo answer result=0 crc=0xdeadbeef", tailOf(PacketText.ECHO, answer));
  }

  @Test
  void malformedDescriptorsSaySo() {
    assertEquals("truncated descriptor (8 bytes)",
        PacketText.describe(null, ByteBuffer.allocate(8)));
    ByteBuffer bad = ByteBuffer.allocate(16).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    bad.putShort(0, (short) 6).putShort(2, (short) 5).putShort(4, (short) 2);
    assertEquals("inband flags=0x0 txid=0x0 offset8=5 len8=2 malformed",
        PacketText.describe(PacketText.HEARTBEAT, bad));
  }

  private static String tail(ByteBuffer packet) {
    return tailOf(PacketText.DYNAMIC_MEMORY, packet);
  }

  private static String tailOf(java.util.UUID classId, ByteBuffer packet) {
    String s = PacketText.describe(classId, packet);
    return s.substring(s.indexOf("| ") + 2);
  }
}
