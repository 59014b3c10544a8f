package dev.vmbkmcl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every constant of {@link KmclConstants} has the value of kmcl-api.md §4.3 and §4.4. */
class KmclConstantsTest {
  /** Typed in from the reference tables. */
  private static final Map<String, Integer> NUMBERS = Map.ofEntries(
      Map.entry("VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION", 0x1),
      Map.entry("VMBUS_CHANNEL_FORMAT_FLAG_FORCE_MDL_LENGTH", 0x2),
      Map.entry("VMBUS_CHANNEL_FORMAT_FLAG_PAGED_BUFFER", 0x4),
      Map.entry("VMBUS_CHANNEL_FORMAT_FLAG_DATA_IN_ONLY", 0x8),
      Map.entry("VMBUS_CHANNEL_FORMAT_FLAG_DATA_OUT_ONLY", 0x10),
      Map.entry("VMBUS_CHANNEL_FORMAT_FLAGS", 0x1F),
      Map.entry("VMBUS_CHANNEL_GPADL_FLAG_READ_ONLY", 0x1),
      Map.entry("VMBUS_CHANNEL_GPADL_FLAGS", 0x1),
      Map.entry("VMBUS_CHANNEL_INIT_FLAG_IS_PIPE", 0x1),
      Map.entry("VMBUS_CHANNEL_INIT_FLAGS", 0x1),
      Map.entry("VMBUS_SERVER_CHANNEL_INIT_FLAG_LOOPBACK_OFFER", 0x1),
      Map.entry("VMBUS_SERVER_CHANNEL_INIT_FLAG_ENUMERATE_DEVICE_INTERFACE", 0x2),
      Map.entry("VMBUS_SERVER_CHANNEL_INIT_FLAG_OFFER_AS_PIPE", 0x4),
      Map.entry("VMBUS_SERVER_CHANNEL_INIT_FLAG_FORCE_NEW_CHANNEL", 0x8),
      Map.entry("VMBUS_SERVER_CHANNEL_INIT_FLAG_TLNPI_PROVIDER_OFFER", 0x10),
      Map.entry("VMBUS_SERVER_CHANNEL_INIT_FLAGS", 0x1F),
      Map.entry("VMBUS_CHANNEL_PROCESS_PACKET_FLAG_EXTERNAL_DATA", 0x1),
      Map.entry("VMBUS_CHANNEL_PROCESS_PACKET_FLAGS", 0x1),
      Map.entry("VMBUS_CHANNEL_PACKET_EXTERNAL_DATA_FLAG_READ_ONLY", 0x1),
      Map.entry("VMBUS_CHANNEL_PACKET_EXTERNAL_DATA_FLAGS", 0x1),
      Map.entry("VMBUS_SERVER_CHANNEL_INIT_MAXIMUM_OFFER_DATA", 120),
      Map.entry("VMBUS_MAXIMUM_PACKET_SIZE", 524_280),
      Map.entry("KMCL_CLIENT_INTERFACE_VERSION_V1", 1),
      Map.entry("KMCL_CLIENT_INTERFACE_VERSION_V2", 2),
      Map.entry("KMCL_CLIENT_INTERFACE_VERSION_V3", 3),
      Map.entry("KMCL_CLIENT_INTERFACE_VERSION_V4", 4),
      Map.entry("KMCL_CLIENT_INTERFACE_VERSION_V5", 5),
      Map.entry("KMCL_CLIENT_INTERFACE_VERSION_LATEST", 5),
      Map.entry("KMCL_SERVER_INTERFACE_VERSION_V1", 1),
      Map.entry("KMCL_SERVER_INTERFACE_VERSION_V5", 5),
      Map.entry("KMCL_SERVER_INTERFACE_VERSION_LATEST", 5));

  @Test
  void everyNumericConstantHasTheReferenceValue() throws Exception {
    int ints = 0;
    for (Field field : KmclConstants.class.getFields()) {
      if (field.getType() == int.class) {
        Integer expected = NUMBERS.get(field.getName());
        assertEquals(expected, Integer.valueOf(field.getInt(null)), field.getName());
        ints++;
      }
    }
    assertEquals(NUMBERS.size(), ints);
  }

  @Test
  void theInterfaceTypeGuidsMatchTheirDefineGuidBytes() {
    // DEFINE_GUID(…, 0x4aecb860, 0xe161, 0x42bb, 0xa5, 0xca, 0x77, 0xf3, 0xa9, 0x64, 0x59, 0x05)
    assertEquals(new UUID(0x4aecb860_e161_42bbL, 0xa5ca_77f3a9645905L),
        KmclConstants.KMCL_CLIENT_INTERFACE_TYPE);
    // DEFINE_GUID(…, 0x83b21474, 0xc5b9, 0x4f65, 0xb5, 0xe7, 0x72, 0x0c, 0x69, 0x2b, 0xd3, 0x71)
    assertEquals(new UUID(0x83b21474_c5b9_4f65L, 0xb5e7_720c692bd371L),
        KmclConstants.KMCL_SERVER_INTERFACE_TYPE);
  }

  @Test
  void booleansArePortable() {
    assertTrue(KmclConstants.TRUE);
    assertFalse(KmclConstants.FALSE);
  }
}
