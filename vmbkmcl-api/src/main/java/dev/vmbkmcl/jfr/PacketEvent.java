package dev.vmbkmcl.jfr;

import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** One ring packet sent or received. */
@Name("dev.vmbkmcl.Packet")
@Label("VMBus Packet")
@Description("One packet written into or read out of a channel's ring")
@StackTrace(false)
final class PacketEvent extends ChannelEvent {
  @Label("Direction")
  String direction = "";

  @Label("Packet Type")
  int packetType;

  @Label("Transaction Id")
  long transactionId;

  @Label("Bytes")
  @DataAmount
  long bytes;
}
