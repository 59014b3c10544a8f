/**
 * Channel capture (an SDK extension; KMCL has no tap): a {@link
 * dev.vmbkmcl.observe.ChannelObserver} that writes every packet, doorbell and state change of a
 * channel into a pcapng file ({@link PcapngWriter}), the reader of such files ({@link
 * PcapngReader}) and a text decoder of the VMBus packet descriptor ({@link PacketText}).
 *
 * <p>File format: one pcapng section; one interface (IDB) per channel with link type {@link
 * TapRecord#LINKTYPE} ({@code LINKTYPE_USER0}, 147), nanosecond timestamps, its name {@code
 * vmbus/INSTANCE} and its description {@code class=GUID instance=GUID side=guest|host}. Each
 * Enhanced Packet Block carries one {@link TapRecord} (a 24-byte header, then the raw ring packet
 * or the state event), its direction in the {@code epb_flags} option (bits 0-1: 1 inbound, 2
 * outbound, seen from the tapped side).
 */
@org.jspecify.annotations.NullMarked
package dev.vmbkmcl.capture;
