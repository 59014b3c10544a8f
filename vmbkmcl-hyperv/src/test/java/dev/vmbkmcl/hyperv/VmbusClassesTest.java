package dev.vmbkmcl.hyperv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class VmbusClassesTest {

  @Test
  void namesTheClassesOfTheReferenceTable() {
    // GUID strings typed from ring reference §5.9.
    assertEquals(
        "Dynamic Memory",
        VmbusClasses.friendlyName(UUID.fromString("525074dc-8985-46e2-8057-a307dc18a502")));
    assertEquals(
        "Heartbeat",
        VmbusClasses.friendlyName(UUID.fromString("57164f39-9115-4e78-ab55-382f3bd5422d")));
    assertEquals(
        "Synthetic network adapter",
        VmbusClasses.friendlyName(UUID.fromString("f8615163-df3e-46c5-913f-f2d2f965ed0e")));
    assertEquals(
        "Guest services (file copy)",
        VmbusClasses.friendlyName(UUID.fromString("34d14be3-dee4-41c8-9ae7-6b174977c192")));
    assertEquals(
        "Synthetic mouse",
        VmbusClasses.friendlyName(UUID.fromString("cfa8b69e-5b4a-4cc0-b98b-8ba1a1f3f95a")));
  }

  @Test
  void unknownClassesSaySo() {
    assertEquals(
        "Unknown class",
        VmbusClasses.friendlyName(UUID.fromString("00000000-0000-0000-0000-000000000001")));
  }
}
