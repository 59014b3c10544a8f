package dev.vmbkmcl;

import dev.vmbkmcl.spi.KmclBackend;

/** A packet handle bound to a (mock) backend. */
final class TestPacket extends VMBPACKET {
  TestPacket(KmclBackend backend) {
    super(backend);
  }
}
