package dev.vmbkmcl;

import org.jspecify.annotations.Nullable;

/**
 * {@code VMB_CHANNEL_STATE_CHANGE_CALLBACKS_V5}: the state-change callbacks with a context pointer
 * (Version 5, 56 bytes on x64). Initialise it with {@link
 * Vmbkmcl#VMB_CHANNEL_STATE_CHANGE_CALLBACKS_INIT_V5} and register it with {@code
 * VmbChannelInitSetStateChangeCallbacks}; every callback receives {@link #CallbackContext}.
 */
@SuppressWarnings("MemberName")
public final class VMB_CHANNEL_STATE_CHANGE_CALLBACKS_V5 extends StateChangeCallbacksHeader {
  /** {@code sizeof(VMB_CHANNEL_STATE_CHANGE_CALLBACKS_V5)} on x64. */
  public static final int SIZEOF = 56;

  /** {@code PVOID CallbackContext}, passed to every callback. */
  public @Nullable Object CallbackContext;
  /** {@code EvtChannelOpenedEx}. */
  public @Nullable EVT_VMB_CHANNEL_OPENED_EX EvtChannelOpenedEx;
  /** {@code EvtChannelClosedEx}. */
  public @Nullable EVT_VMB_CHANNEL_CLOSED_EX EvtChannelClosedEx;
  /** {@code EvtChannelSuspendEx}. */
  public @Nullable EVT_VMB_CHANNEL_SUSPEND_EX EvtChannelSuspendEx;
  /** {@code EvtChannelStartedEx}. */
  public @Nullable EVT_VMB_CHANNEL_STARTED_EX EvtChannelStartedEx;
  /** {@code EvtChannelPostStartedEx}. */
  public @Nullable EVT_VMB_CHANNEL_POST_STARTED_EX EvtChannelPostStartedEx;

  /** An all-zero structure (Version and Size 0): call the {@code _INIT_V5} helper before use. */
  public VMB_CHANNEL_STATE_CHANGE_CALLBACKS_V5() {}
}
