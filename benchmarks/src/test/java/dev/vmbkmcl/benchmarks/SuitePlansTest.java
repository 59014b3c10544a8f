package dev.vmbkmcl.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every plan of the suite runs the SDK and its peers under one policy, the same for all of them. */
class SuitePlansTest {
  private static Map<String, String> single(Suite.Plan plan) {
    Map<String, String> p = new HashMap<>();
    for (String[] values : plan.params()) {
      if (values.length == 2) {
        p.put(values[0], values[1]);
      }
    }
    return p;
  }

  @Test
  void everyStreamPlanFixesOneWaitAndOneConsumerAndLeavesTheSdkOutOfInPlace() {
    for (SuiteMode mode : SuiteMode.values()) {
      List<Suite.Plan> plans = Suite.plans(mode, true);
      int streams = 0;
      for (Suite.Plan plan : plans) {
        if (!plan.regex().contains("PacketStream")) {
          continue;
        }
        streams++;
        Map<String, String> p = single(plan);
        assertTrue(p.containsKey("wait") && p.containsKey("consumer"), plan.label());
        assertEquals("copy".equals(p.get("consumer")), plan.regex().contains("sdk"),
            plan.label() + ": the SDK runs exactly in the copy rows");
      }
      assertTrue(streams >= 3, mode + " has a busy-poll, a park and an in-place stream plan");
    }
  }

  @Test
  void roundTripPlansPairPeersOnlyUnderPoliciesTheyHave() {
    for (Suite.Plan plan : Suite.plans(SuiteMode.SMOKE, true)) {
      if (!plan.regex().contains("RoundTrip")) {
        continue;
      }
      String wait = single(plan).get("wait");
      if ("spin".equals(wait)) {
        assertFalse(plan.regex().contains("agrona") || plan.regex().contains("|c"), plan.regex());
      } else {
        assertTrue(plan.regex().contains("agrona|c"), plan.regex());
      }
    }
  }

  @Test
  void withoutTheCPeerNoPlanNamesIt() {
    for (Suite.Plan plan : Suite.plans(SuiteMode.DEFAULT, false)) {
      assertFalse(plan.regex().contains("|c)") || plan.regex().contains("(c)"), plan.regex());
    }
  }

  @Test
  void smokeRunsTheTapCostUnderEveryObserver() {
    Suite.Plan tap = Suite.plans(SuiteMode.SMOKE, true).stream()
        .filter(p -> p.regex().contains("TapCost")).findFirst().orElseThrow();
    assertArrayEquals(new String[] {"observer", "none", "off", "capture", "jfr"},
        tap.params().get(0));
  }
}
