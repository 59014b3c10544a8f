package dev.vmbkmcl;


/** A packet handle bound to a (mock) backend. */
final class TestPacket extends VMBPACKET {
  TestPacket(KmclBackend backend) {
    super(backend);
  }
}
