package dev.vmbkmcl.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** One doorbell rung (sent) or a wake-up by the peer's doorbell (received). */
@Name("dev.vmbkmcl.Signal")
@Label("VMBus Signal")
@Description("A doorbell this side rang, or a wake-up by the peer's")
@StackTrace(false)
final class SignalEvent extends ChannelEvent {
  @Label("Direction")
  String direction = "";
}
