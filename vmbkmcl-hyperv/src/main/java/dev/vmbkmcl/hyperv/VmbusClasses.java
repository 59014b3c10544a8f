package dev.vmbkmcl.hyperv;

import java.util.Map;
import java.util.UUID;

/**
 * Well-known VMBus device class GUIDs and their friendly names, for {@code lsvmbus}-style listings
 * and error messages (ring reference §5.9, canonical string form).
 */
public final class VmbusClasses {

  /** Heartbeat integration component. */
  public static final UUID HEARTBEAT = UUID.fromString("57164f39-9115-4e78-ab55-382f3bd5422d");

  /** Shutdown integration component. */
  public static final UUID SHUTDOWN = UUID.fromString("0e0b6031-5213-4934-818b-38d90ced39db");

  /** Time synchronization integration component. */
  public static final UUID TIME_SYNC = UUID.fromString("9527e630-d0ae-497b-adce-e80ab0175caf");

  /** Key-value pair (data exchange) integration component. */
  public static final UUID KVP = UUID.fromString("a9a0f4e7-5a45-4d96-b827-8a841e8c03e6");

  /** Volume shadow copy (backup) integration component. */
  public static final UUID VSS = UUID.fromString("35fa2e29-ea23-4236-96ae-3a6ebacba440");

  /** File copy (guest services) integration component. */
  public static final UUID FILE_COPY = UUID.fromString("34d14be3-dee4-41c8-9ae7-6b174977c192");

  /** Dynamic Memory (balloon). */
  public static final UUID DYNAMIC_MEMORY = UUID.fromString("525074dc-8985-46e2-8057-a307dc18a502");

  /** Synthetic network adapter. */
  public static final UUID NETWORK = UUID.fromString("f8615163-df3e-46c5-913f-f2d2f965ed0e");

  /** Synthetic SCSI controller. */
  public static final UUID SCSI = UUID.fromString("ba6163d9-04a1-4d29-b605-72e2ffb1dc7f");

  /** Synthetic IDE controller. */
  public static final UUID IDE = UUID.fromString("32412632-86cb-44a2-9b5c-50d1417354f5");

  /** Synthetic keyboard. */
  public static final UUID KEYBOARD = UUID.fromString("f912ad6d-2b17-48ea-bd65-f927a61c7684");

  /** Synthetic mouse. */
  public static final UUID MOUSE = UUID.fromString("cfa8b69e-5b4a-4cc0-b98b-8ba1a1f3f95a");

  /** Synthetic video. */
  public static final UUID SYNTHETIC_VIDEO =
      UUID.fromString("da0a7802-e377-4aac-8e77-0558eb1073f8");

  /** PCIe pass-through. */
  public static final UUID PCIE_PASS_THROUGH =
      UUID.fromString("44c4f61d-4444-4400-9d52-802e27ede19f");

  /** NetworkDirect. */
  public static final UUID NETWORK_DIRECT = UUID.fromString("8c2eaf3d-32a7-4b09-ab99-bd1f1c86b501");

  /** Synthetic Fibre Channel. */
  public static final UUID SYNTHETIC_FC = UUID.fromString("2f9bcc4a-0069-4af3-b76b-6fd0be528cda");

  private static final Map<UUID, String> NAMES =
      Map.ofEntries(
          Map.entry(HEARTBEAT, "Heartbeat"),
          Map.entry(SHUTDOWN, "Shutdown"),
          Map.entry(TIME_SYNC, "Time Synchronization"),
          Map.entry(KVP, "Data Exchange (KVP)"),
          Map.entry(VSS, "Backup (VSS)"),
          Map.entry(FILE_COPY, "Guest services (file copy)"),
          Map.entry(DYNAMIC_MEMORY, "Dynamic Memory"),
          Map.entry(NETWORK, "Synthetic network adapter"),
          Map.entry(SCSI, "Synthetic SCSI controller"),
          Map.entry(IDE, "Synthetic IDE controller"),
          Map.entry(KEYBOARD, "Synthetic keyboard"),
          Map.entry(MOUSE, "Synthetic mouse"),
          Map.entry(SYNTHETIC_VIDEO, "Synthetic video"),
          Map.entry(PCIE_PASS_THROUGH, "PCI Express pass-through"),
          Map.entry(NETWORK_DIRECT, "NetworkDirect"),
          Map.entry(SYNTHETIC_FC, "Synthetic Fibre Channel"));

  private VmbusClasses() {}

  /**
   * The friendly name of a device class.
   *
   * @param classId a class GUID
   * @return its name from §5.9, or {@code "Unknown class"}
   */
  public static String friendlyName(UUID classId) {
    return NAMES.getOrDefault(classId, "Unknown class");
  }
}
