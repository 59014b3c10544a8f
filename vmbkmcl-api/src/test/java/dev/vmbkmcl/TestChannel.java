package dev.vmbkmcl;


/** A channel handle bound to a (mock) backend, with a state the test sets. */
final class TestChannel extends VMBCHANNEL {
  boolean disabled = true;

  TestChannel(KmclBackend backend, boolean isServer) {
    super(backend, isServer);
  }

  @Override
  protected boolean isDisabled() {
    return disabled;
  }

  @Override
  public String toString() {
    return (isServerEndpoint() ? "server" : "client") + " test channel";
  }
}
