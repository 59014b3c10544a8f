package dev.vmbkmcl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.verifyNoInteractions;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A null where C has {@code _In_} or {@code _Out_} throws {@link NullPointerException} naming the
 * function and the parameter, and never reaches the backend. Every non-{@code @Nullable} reference
 * parameter of every forwarded function is tried, with every other argument valid.
 */
class VmbkmclNullArgumentTest {
  static List<Arguments> requiredReferenceParameters() {
    List<Arguments> cases = new ArrayList<>();
    for (String name : FacadeCalls.names()) {
      List<KmclSignatures.Param> params = KmclSignatures.byName(name).params();
      Class<?>[] types = FacadeCalls.facade(name).getParameterTypes();
      for (int i = 0; i < params.size(); i++) {
        if (!types[i].isPrimitive() && !params.get(i).nullable()) {
          cases.add(Arguments.of(name, i, params.get(i).name()));
        }
      }
    }
    return cases;
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("requiredReferenceParameters")
  void nullThrowsNamingFunctionAndParameter(String name, int index, String parameter) {
    FacadeFixture f = new FacadeFixture();
    Object[] args = new FacadeCalls(f).args(name);
    args[index] = null;

    NullPointerException e = assertThrows(NullPointerException.class,
        () -> FacadeCalls.invoke(FacadeCalls.facade(name), null, args));

    assertEquals(name + ": " + parameter + " is null", e.getMessage());
    verifyNoInteractions(f.backend);
  }
}
