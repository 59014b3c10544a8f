package dev.vmbkmcl;

import java.util.UUID;

/**
 * The flag and limit macros and interface identifiers of {@code VmbusKernelModeClientLibApi.h}
 * (kmcl-api.md §4.3 and §4.4), with their numeric values. {@link Vmbkmcl} implements this interface,
 * so {@code import static dev.vmbkmcl.Vmbkmcl.*;} brings them in with the functions, as the C header
 * does.
 */
@SuppressWarnings("InterfaceWithOnlyStatics") // a C header's #defines, imported with the facade
public interface KmclConstants {
  /** {@code BOOLEAN TRUE}, so {@code VmbChannelAllocate(Device, TRUE, &Channel)} ports as it is. */
  boolean TRUE = true;
  /** {@code BOOLEAN FALSE}. */
  boolean FALSE = false;

  /** The transaction holds its resources until the peer sends a completion (0x1). */
  int VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION = 0x1;
  /** Trust {@code MdlLength} beyond the MDL's byte count, rounding to a page only (0x2). */
  int VMBUS_CHANNEL_FORMAT_FLAG_FORCE_MDL_LENGTH = 0x2;
  /** The inline buffer is pageable; it is copied before the send proceeds (0x4). */
  int VMBUS_CHANNEL_FORMAT_FLAG_PAGED_BUFFER = 0x4;
  /** The MDL only receives data from the peer (0x8). */
  int VMBUS_CHANNEL_FORMAT_FLAG_DATA_IN_ONLY = 0x8;
  /** The MDL only supplies data to the peer (0x10). */
  int VMBUS_CHANNEL_FORMAT_FLAG_DATA_OUT_ONLY = 0x10;
  /** Mask of the five format flags (0x1F). */
  int VMBUS_CHANNEL_FORMAT_FLAGS = 0x1F;

  /** A read-only GPADL or mapping: a performance hint, not protection (0x1). */
  int VMBUS_CHANNEL_GPADL_FLAG_READ_ONLY = 0x1;
  /** Mask of the GPADL flags (0x1). */
  int VMBUS_CHANNEL_GPADL_FLAGS = 0x1;

  /** Pipe mode: a small header per packet, no transactions, no external memory (0x1). */
  int VMBUS_CHANNEL_INIT_FLAG_IS_PIPE = 0x1;
  /** Mask of the channel init flags (0x1). */
  int VMBUS_CHANNEL_INIT_FLAGS = 0x1;

  /** Loopback offer (0x1; wire bit 0x100). */
  int VMBUS_SERVER_CHANNEL_INIT_FLAG_LOOPBACK_OFFER = 0x1;
  /** The guest exposes a device interface for the channel type (0x2; wire bit 0x1). */
  int VMBUS_SERVER_CHANNEL_INIT_FLAG_ENUMERATE_DEVICE_INTERFACE = 0x2;
  /** Offer the channel in pipe mode (0x4; wire bit 0x10). */
  int VMBUS_SERVER_CHANNEL_INIT_FLAG_OFFER_AS_PIPE = 0x4;
  /** After a save/restore, offer a fresh channel (0x8; wire bit 0x1000). */
  int VMBUS_SERVER_CHANNEL_INIT_FLAG_FORCE_NEW_CHANNEL = 0x8;
  /** The channel provides an hvsocket interface (0x10; wire bit 0x2000). */
  int VMBUS_SERVER_CHANNEL_INIT_FLAG_TLNPI_PROVIDER_OFFER = 0x10;
  /** Mask of the server init flags (0x1F). */
  int VMBUS_SERVER_CHANNEL_INIT_FLAGS = 0x1F;

  /** The delivered packet carries external data; fetch it with {@code VmbChannelPacketGetExternalData}. */
  int VMBUS_CHANNEL_PROCESS_PACKET_FLAG_EXTERNAL_DATA = 0x1;
  /** Mask of the process-packet flags (0x1). */
  int VMBUS_CHANNEL_PROCESS_PACKET_FLAGS = 0x1;

  /** Map external data read-only (0x1). */
  int VMBUS_CHANNEL_PACKET_EXTERNAL_DATA_FLAG_READ_ONLY = 0x1;
  /** Mask of the external-data flags (0x1). */
  int VMBUS_CHANNEL_PACKET_EXTERNAL_DATA_FLAGS = 0x1;

  /** Largest number of user-defined bytes a channel offer carries (120). */
  int VMBUS_SERVER_CHANNEL_INIT_MAXIMUM_OFFER_DATA = 120;

  /** The KMCL ring MTU: no packet may reach 524,280 bytes with its headers. */
  int VMBUS_MAXIMUM_PACKET_SIZE = 524_280;

  /** {@code KMCL_CLIENT_INTERFACE_TYPE} {4aecb860-e161-42bb-a5ca-77f3a9645905}. */
  UUID KMCL_CLIENT_INTERFACE_TYPE = UUID.fromString("4aecb860-e161-42bb-a5ca-77f3a9645905");
  /** {@code KMCL_SERVER_INTERFACE_TYPE} {83b21474-c5b9-4f65-b5e7-720c692bd371}. */
  UUID KMCL_SERVER_INTERFACE_TYPE = UUID.fromString("83b21474-c5b9-4f65-b5e7-720c692bd371");

  /** {@code KMCL_CLIENT_INTERFACE_VERSION_V1}. */
  int KMCL_CLIENT_INTERFACE_VERSION_V1 = 1;
  /** {@code KMCL_CLIENT_INTERFACE_VERSION_V2}. */
  int KMCL_CLIENT_INTERFACE_VERSION_V2 = 2;
  /** {@code KMCL_CLIENT_INTERFACE_VERSION_V3}. */
  int KMCL_CLIENT_INTERFACE_VERSION_V3 = 3;
  /** {@code KMCL_CLIENT_INTERFACE_VERSION_V4}. */
  int KMCL_CLIENT_INTERFACE_VERSION_V4 = 4;
  /** {@code KMCL_CLIENT_INTERFACE_VERSION_V5}. */
  int KMCL_CLIENT_INTERFACE_VERSION_V5 = 5;
  /** {@code KMCL_CLIENT_INTERFACE_VERSION_LATEST} (V5). */
  int KMCL_CLIENT_INTERFACE_VERSION_LATEST = KMCL_CLIENT_INTERFACE_VERSION_V5;
  /** {@code KMCL_SERVER_INTERFACE_VERSION_V1}. */
  int KMCL_SERVER_INTERFACE_VERSION_V1 = 1;
  /** {@code KMCL_SERVER_INTERFACE_VERSION_V5} (versions 2 to 4 never shipped). */
  int KMCL_SERVER_INTERFACE_VERSION_V5 = 5;
  /** {@code KMCL_SERVER_INTERFACE_VERSION_LATEST} (V5). */
  int KMCL_SERVER_INTERFACE_VERSION_LATEST = KMCL_SERVER_INTERFACE_VERSION_V5;
}
