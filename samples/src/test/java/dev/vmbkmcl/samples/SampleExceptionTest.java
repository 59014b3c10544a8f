package dev.vmbkmcl.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The one-line form of a reason that the hyperv backend gives on several lines. */
class SampleExceptionTest {
  @Test
  void commandsUnderAnIntroductionBecomeAPastableSequence() {
    String reason = """
        VMBus device d (Dynamic Memory) is not bound to any driver. As root, bind it:
          modprobe uio_hv_generic
          echo uio_hv_generic > /sys/bus/vmbus/devices/d/driver_override
          echo -n d > /sys/bus/vmbus/drivers_probe
        or, to take every unbound device of this class:
          echo c > /sys/bus/vmbus/drivers/uio_hv_generic/new_id""";

    assertEquals("VMBus device d (Dynamic Memory) is not bound to any driver. As root, bind it:"
        + " modprobe uio_hv_generic; echo uio_hv_generic > /sys/bus/vmbus/devices/d/driver_override;"
        + " echo -n d > /sys/bus/vmbus/drivers_probe; or, to take every unbound device of this"
        + " class: echo c > /sys/bus/vmbus/drivers/uio_hv_generic/new_id",
        new SampleException(reason).getMessage());
  }

  @Test
  void aOneLineReasonIsOnlyStripped() {
    assertEquals("no backend", new SampleException("  no backend \r\n").getMessage());
  }

  @Test
  void windowsLineBreaksAndBlankLinesFoldTheSameWay() {
    assertEquals("first; second", SampleException.oneLine("first\r\n\r\n  second"));
  }
}
