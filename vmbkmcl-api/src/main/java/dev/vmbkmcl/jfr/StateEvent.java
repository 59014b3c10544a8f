package dev.vmbkmcl.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** A channel state change; {@code POISONED} carries the reason in its detail. */
@Name("dev.vmbkmcl.ChannelState")
@Label("VMBus Channel State")
@Description("ENABLED, OPENED, STARTED, PAUSED, RESUMED, CLOSED, RESCINDED, DISABLED or POISONED")
final class StateEvent extends ChannelEvent {
  @Label("Event")
  String event = "";

  @Label("Detail")
  String detail = "";
}
