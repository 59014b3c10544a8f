package dev.vmbkmcl.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** The channel was poisoned (the peer broke the ring format), with the reason. */
@Name("dev.vmbkmcl.ChannelPoisoned")
@Label("VMBus Channel Poisoned")
@Description("The peer broke the ring rules; the channel stops")
final class PoisonEvent extends ChannelEvent {
  @Label("Reason")
  String reason = "";
}
