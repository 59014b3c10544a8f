package dev.vmbkmcl.samples;

import java.util.Map;
import java.util.UUID;

/** Readable names of VMBus device classes, typed in from vmbus-ring-and-uio.md §5.9. */
final class VmbusClassNames {
  private static final Map<UUID, String> NAMES = Map.ofEntries(
      entry("57164f39-9115-4e78-ab55-382f3bd5422d", "Heartbeat"),
      entry("0e0b6031-5213-4934-818b-38d90ced39db", "Shutdown"),
      entry("9527e630-d0ae-497b-adce-e80ab0175caf", "Time synchronization"),
      entry("a9a0f4e7-5a45-4d96-b827-8a841e8c03e6", "Data exchange (KVP)"),
      entry("35fa2e29-ea23-4236-96ae-3a6ebacba440", "Backup (VSS)"),
      entry("34d14be3-dee4-41c8-9ae7-6b174977c192", "Guest services (file copy)"),
      entry("525074dc-8985-46e2-8057-a307dc18a502", "Dynamic memory"),
      entry("f8615163-df3e-46c5-913f-f2d2f965ed0e", "Synthetic network adapter"),
      entry("ba6163d9-04a1-4d29-b605-72e2ffb1dc7f", "Synthetic SCSI controller"),
      entry("32412632-86cb-44a2-9b5c-50d1417354f5", "Synthetic IDE controller"),
      entry("f912ad6d-2b17-48ea-bd65-f927a61c7684", "Synthetic keyboard"),
      entry("cfa8b69e-5b4a-4cc0-b98b-8ba1a1f3f95a", "Synthetic mouse"),
      entry("da0a7802-e377-4aac-8e77-0558eb1073f8", "Synthetic video"),
      entry("44c4f61d-4444-4400-9d52-802e27ede19f", "PCIe pass-through"),
      entry("8c2eaf3d-32a7-4b09-ab99-bd1f1c86b501", "NetworkDirect"),
      entry("2f9bcc4a-0069-4af3-b76b-6fd0be528cda", "Synthetic Fibre Channel"),
      Map.entry(EchoProtocol.ECHO_CLASS, "vmbkmcl echo sample (simulated only)"));

  private VmbusClassNames() {}

  /** The name of {@code classId}, or {@code "Unknown device class"}. */
  static String nameOf(UUID classId) {
    return NAMES.getOrDefault(classId, "Unknown device class");
  }

  private static Map.Entry<UUID, String> entry(String classId, String name) {
    return Map.entry(UUID.fromString(classId), name);
  }
}
