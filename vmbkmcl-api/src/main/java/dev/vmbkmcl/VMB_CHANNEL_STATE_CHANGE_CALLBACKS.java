package dev.vmbkmcl;

import org.jspecify.annotations.Nullable;

/**
 * {@code VMB_CHANNEL_STATE_CHANGE_CALLBACKS}: the optional state-change callbacks of a channel
 * (Version 1, 48 bytes on x64). Initialise it with {@link
 * Vmbkmcl#VMB_CHANNEL_STATE_CHANGE_CALLBACKS_INIT}, fill the fields you need (null entries are
 * allowed), and register it with {@code VmbChannelInitSetStateChangeCallbacks}.
 */
@SuppressWarnings("MemberName")
public final class VMB_CHANNEL_STATE_CHANGE_CALLBACKS extends StateChangeCallbacksHeader {
  /** {@code sizeof(VMB_CHANNEL_STATE_CHANGE_CALLBACKS)} on x64. */
  public static final int SIZEOF = 48;

  /** {@code EvtChannelOpened}. */
  public @Nullable EVT_VMB_CHANNEL_OPENED EvtChannelOpened;
  /** {@code EvtChannelClosed}. */
  public @Nullable EVT_VMB_CHANNEL_CLOSED EvtChannelClosed;
  /** {@code EvtChannelSuspend}. */
  public @Nullable EVT_VMB_CHANNEL_SUSPEND EvtChannelSuspend;
  /** {@code EvtChannelStarted}. */
  public @Nullable EVT_VMB_CHANNEL_STARTED EvtChannelStarted;
  /** {@code EvtChannelPostStarted}. */
  public @Nullable EVT_VMB_CHANNEL_POST_STARTED EvtChannelPostStarted;

  /** An all-zero structure (Version and Size 0): call the {@code _INIT} helper before use. */
  public VMB_CHANNEL_STATE_CHANGE_CALLBACKS() {}
}
