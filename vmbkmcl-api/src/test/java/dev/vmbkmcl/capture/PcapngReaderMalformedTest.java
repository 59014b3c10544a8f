package dev.vmbkmcl.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A capture file is untrusted input: every malformed file is an IOException, never a crash. */
class PcapngReaderMalformedTest {
  @TempDir Path dir;

  private byte[] validFile() throws IOException {
    Path file = dir.resolve("v.pcapng");
    try (PcapngWriter w = PcapngWriter.create(file)) {
      ChannelTap tap = new ChannelTap(w, PacketText.HEARTBEAT, null, false);
      ByteBuffer ring = ByteBuffer.allocate(256);
      ring.putShort(0, (short) 6).putShort(2, (short) 2).putShort(4, (short) 4);
      tap.packetSent(ring, 0, 32, 0, 40);
      tap.stateChanged("OPENED", "");
    }
    return Files.readAllBytes(file);
  }

  private static String parseFails(byte[] bytes) {
    return String.valueOf(assertThrows(IOException.class,
        () -> PcapngReader.parse(ByteBuffer.wrap(bytes), "f")).getMessage());
  }

  @Test
  void namesWhatIsWrong() throws IOException {
    byte[] good = validFile();
    assertEquals(2, PcapngReader.parse(ByteBuffer.wrap(good), "f").records().size());

    byte[] truncated = java.util.Arrays.copyOf(good, good.length - 6);
    assertTrue(parseFails(truncated).contains("block"));

    assertTrue(parseFails(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
        .contains("not a valid capture"));

    byte[] bigEndian = good.clone();
    ByteBuffer.wrap(bigEndian).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 0x4D3C2B1A);
    assertTrue(parseFails(bigEndian).contains("big-endian"));

    // The first packet block's interface id, pointed past the one interface.
    byte[] badInterface = good.clone();
    ByteBuffer b = ByteBuffer.wrap(badInterface).order(ByteOrder.LITTLE_ENDIAN);
    int shb = b.getInt(4);
    int idb = b.getInt(shb + 4);
    b.putInt(shb + idb + 8, 7);
    assertTrue(parseFails(badInterface).contains("interface 7 of 1"));

    byte[] hugeCaptured = good.clone();
    b = ByteBuffer.wrap(hugeCaptured).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(shb + idb + 20, Integer.MAX_VALUE);
    assertTrue(parseFails(hugeCaptured).contains("exceeds the block"));
  }

  @Test
  void randomCorruptionEitherParsesOrThrowsIoException() throws IOException {
    byte[] good = validFile();
    Random random = new Random(16);
    int rejected = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] bad = good.clone();
      for (int k = 0; k < 1 + random.nextInt(4); k++) {
        bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
      }
      try {
        PcapngReader.Capture c = PcapngReader.parse(ByteBuffer.wrap(bad), "f");
        for (CaptureRecord r : c.records()) {
          // The decoders must cope with whatever survived parsing.
          PacketText.describe(c.interfaceOf(r).classId(), r.body());
          r.stateEvent();
        }
      } catch (IOException expected) {
        rejected++;
      }
    }
    assertTrue(rejected > 1000, "most corruptions are caught: " + rejected);
  }
}
