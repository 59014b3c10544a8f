package dev.vmbkmcl;


/**
 * {@code VMBCHANNEL}: the opaque channel handle ({@code DECLARE_HANDLE(VMBCHANNEL)}).
 *
 * <p>Made by {@code VmbChannelAllocate} or {@code VmbChannelInitialize}; drivers only pass it back to
 * {@link Vmbkmcl} functions. Backends subclass it; the facade reaches the owning backend and the few
 * facts it needs for argument checking through package-level accessors.
 */
public abstract class VMBCHANNEL {
  private final KmclBackend backend;
  private final boolean server;

  /**
   * For backends: a channel owned by {@code backend}.
   *
   * @param backend the backend that implements every call on this channel
   * @param isServer true for a server (host, VSP) endpoint, false for a client (guest, VSC) endpoint
   */
  protected VMBCHANNEL(KmclBackend backend, boolean isServer) {
    this.backend = backend;
    this.server = isServer;
  }

  final KmclBackend backend() {
    return backend;
  }

  final boolean isServerEndpoint() {
    return server;
  }

  /**
   * True while the channel is in the Disabled state, the only state in which the {@code InitSet*}
   * calls are legal (kmcl-api.md §5 item 4).
   */
  protected abstract boolean isDisabled();
}
