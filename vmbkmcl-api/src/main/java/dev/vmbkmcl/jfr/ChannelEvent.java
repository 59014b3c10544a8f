package dev.vmbkmcl.jfr;

import jdk.jfr.Category;
import jdk.jfr.Event;
import jdk.jfr.Label;

/** The fields every channel event has: which channel (the instance GUID) and which side. */
@Category({"VMBus", "Channel"})
abstract class ChannelEvent extends Event {
  @Label("Channel")
  String channel = "";

  @Label("Side")
  String side = "";
}
