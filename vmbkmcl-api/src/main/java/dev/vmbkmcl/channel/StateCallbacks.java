package dev.vmbkmcl.channel;

import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.StateChangeCallbacksHeader;
import dev.vmbkmcl.VMB_CHANNEL_STATE_CHANGE_CALLBACKS;
import dev.vmbkmcl.VMB_CHANNEL_STATE_CHANGE_CALLBACKS_V5;
import org.jspecify.annotations.Nullable;

/**
 * The registered state-change callbacks, legacy (Version 1) or V5 with a context; the last valid
 * registration wins. Each call marks the calling thread so the channel can refuse Start / Pause /
 * Disable from inside a callback.
 */
final class StateCallbacks {
  private @Nullable VMB_CHANNEL_STATE_CHANGE_CALLBACKS v1;
  private @Nullable VMB_CHANNEL_STATE_CHANGE_CALLBACKS_V5 v5;

  void set(StateChangeCallbacksHeader header) {
    if (header instanceof VMB_CHANNEL_STATE_CHANGE_CALLBACKS_V5) {
      v5 = copyOf((VMB_CHANNEL_STATE_CHANGE_CALLBACKS_V5) header);
      v1 = null;
    } else {
      v1 = copyOf((VMB_CHANNEL_STATE_CHANGE_CALLBACKS) header);
      v5 = null;
    }
  }

  // KMCL copies the structure at registration; later edits by the driver do not count.
  private static VMB_CHANNEL_STATE_CHANGE_CALLBACKS copyOf(VMB_CHANNEL_STATE_CHANGE_CALLBACKS s) {
    VMB_CHANNEL_STATE_CHANGE_CALLBACKS c = new VMB_CHANNEL_STATE_CHANGE_CALLBACKS();
    c.Version = s.Version;
    c.Size = s.Size;
    c.EvtChannelOpened = s.EvtChannelOpened;
    c.EvtChannelClosed = s.EvtChannelClosed;
    c.EvtChannelSuspend = s.EvtChannelSuspend;
    c.EvtChannelStarted = s.EvtChannelStarted;
    c.EvtChannelPostStarted = s.EvtChannelPostStarted;
    return c;
  }

  private static VMB_CHANNEL_STATE_CHANGE_CALLBACKS_V5 copyOf(VMB_CHANNEL_STATE_CHANGE_CALLBACKS_V5 s) {
    VMB_CHANNEL_STATE_CHANGE_CALLBACKS_V5 c = new VMB_CHANNEL_STATE_CHANGE_CALLBACKS_V5();
    c.Version = s.Version;
    c.Size = s.Size;
    c.CallbackContext = s.CallbackContext;
    c.EvtChannelOpenedEx = s.EvtChannelOpenedEx;
    c.EvtChannelClosedEx = s.EvtChannelClosedEx;
    c.EvtChannelSuspendEx = s.EvtChannelSuspendEx;
    c.EvtChannelStartedEx = s.EvtChannelStartedEx;
    c.EvtChannelPostStartedEx = s.EvtChannelPostStartedEx;
    return c;
  }

  NtStatus opened(EngineChannel channel) {
    NtStatus[] result = {NtStatus.STATUS_SUCCESS};
    var a = v1;
    var b = v5;
    channel.withCallbackThread(() -> {
      if (a != null && a.EvtChannelOpened != null) {
        result[0] = a.EvtChannelOpened.EvtVmbChannelOpened(channel);
      } else if (b != null && b.EvtChannelOpenedEx != null) {
        result[0] = b.EvtChannelOpenedEx.EvtVmbChannelOpenedEx(channel, b.CallbackContext);
      }
    });
    return result[0];
  }

  void closed(EngineChannel channel) {
    var a = v1;
    var b = v5;
    channel.withCallbackThread(() -> {
      if (a != null && a.EvtChannelClosed != null) {
        a.EvtChannelClosed.EvtVmbChannelClosed(channel);
      } else if (b != null && b.EvtChannelClosedEx != null) {
        b.EvtChannelClosedEx.EvtVmbChannelClosedEx(channel, b.CallbackContext);
      }
    });
  }

  void suspend(EngineChannel channel) {
    var a = v1;
    var b = v5;
    channel.withCallbackThread(() -> {
      if (a != null && a.EvtChannelSuspend != null) {
        a.EvtChannelSuspend.EvtVmbChannelSuspend(channel);
      } else if (b != null && b.EvtChannelSuspendEx != null) {
        b.EvtChannelSuspendEx.EvtVmbChannelSuspendEx(channel, b.CallbackContext);
      }
    });
  }

  void started(EngineChannel channel) {
    var a = v1;
    var b = v5;
    channel.withCallbackThread(() -> {
      if (a != null && a.EvtChannelStarted != null) {
        a.EvtChannelStarted.EvtVmbChannelStarted(channel);
      } else if (b != null && b.EvtChannelStartedEx != null) {
        b.EvtChannelStartedEx.EvtVmbChannelStartedEx(channel, b.CallbackContext);
      }
    });
  }

  void postStarted(EngineChannel channel) {
    var a = v1;
    var b = v5;
    channel.withCallbackThread(() -> {
      if (a != null && a.EvtChannelPostStarted != null) {
        a.EvtChannelPostStarted.EvtVmbChannelPostStarted(channel);
      } else if (b != null && b.EvtChannelPostStartedEx != null) {
        b.EvtChannelPostStartedEx.EvtVmbChannelPostStartedEx(channel, b.CallbackContext);
      }
    });
  }
}
