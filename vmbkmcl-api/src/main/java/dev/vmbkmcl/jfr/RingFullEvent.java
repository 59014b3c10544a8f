package dev.vmbkmcl.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Timespan;

/** A sender found the outgoing ring full and its packet waited in the send queue. */
@Name("dev.vmbkmcl.RingFullWait")
@Label("VMBus Ring Full Wait")
@Description("A packet waited for room in the outgoing ring")
final class RingFullEvent extends ChannelEvent {
  @Label("Waited")
  @Timespan(Timespan.NANOSECONDS)
  long waited;
}
