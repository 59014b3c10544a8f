package dev.vmbkmcl;


/** A delivery handle bound to a (mock) backend. */
final class TestCompletion extends VMBPACKETCOMPLETION {
  TestCompletion(KmclBackend backend) {
    super(backend);
  }
}
