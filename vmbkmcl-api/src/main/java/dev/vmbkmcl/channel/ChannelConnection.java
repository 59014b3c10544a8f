package dev.vmbkmcl.channel;

import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.spi.ChannelLink;

/**
 * What the engine hands a {@link Transport} in {@link Transport#connect}: the channel being
 * connected and the engine's callbacks for its link. Only the engine makes one, so a driver that
 * holds a {@code VMBCHANNEL} cannot report a link event; a transport keeps it as long as the
 * connection lives.
 */
public final class ChannelConnection {
  private final EngineChannel channel;

  ChannelConnection(EngineChannel channel) {
    this.channel = channel;
  }

  /** The channel this connection is for. */
  public EngineChannel channel() {
    return channel;
  }

  /**
   * The peer accepted the channel and {@code link} carries its rings. Runs {@code
   * EvtChannelOpened}, then Started / PostStarted if the channel is started, in a control thread.
   *
   * @param link the open connection; the engine owns it from now on
   */
  public void up(ChannelLink link) {
    channel.linkUp(link);
  }

  /**
   * The peer closed the channel or rescinded the offer. Waiters return {@code
   * STATUS_DEVICE_REMOVED} at once; then Suspend and Closed run in a control thread. A client
   * channel ends Disabled; a server channel stays enabled and waits for the next open.
   *
   * @param rescinded true when the offer was rescinded
   */
  public void down(boolean rescinded) {
    channel.linkDown(rescinded);
  }

  /**
   * Connecting failed after {@code VmbChannelEnable} returned: runs the client's {@code
   * EvtChannelPnpFailure} and leaves the channel Enabled (the driver disables it).
   *
   * @param failure the status passed to the callback
   */
  public void failed(NtStatus failure) {
    channel.connectFailed(failure);
  }

  /** Runs {@code task} in a new control thread of the engine, where blocking is allowed. */
  public void controlThread(String what, Runnable task) {
    channel.backend.controlThread(channel, what, task);
  }

  /** A new, not yet started daemon thread named after the transport and {@code role}. */
  public Thread newThread(Runnable task, String role) {
    return channel.backend.newThread(task, role);
  }
}
