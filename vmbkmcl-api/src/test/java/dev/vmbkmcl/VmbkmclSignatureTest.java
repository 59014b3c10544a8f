package dev.vmbkmcl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The facade has every KMCL function under its C name, in C parameter order, and nothing else. */
class VmbkmclSignatureTest {
  static List<KmclSignatures.Function> functions() {
    return KmclSignatures.all();
  }

  @Test
  void theCatalogueHasSeventyFourFunctionsNumberedInOrder() {
    List<KmclSignatures.Function> all = functions();
    assertEquals(74, all.size());
    for (int i = 0; i < all.size(); i++) {
      assertEquals(i + 1, all.get(i).number());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("functions")
  void facadeDeclaresTheFunctionWithItsCSignature(KmclSignatures.Function f) {
    Method m = FacadeCalls.facade(f.name());
    assertTrue(Modifier.isStatic(m.getModifiers()) && Modifier.isPublic(m.getModifiers()));
    assertEquals(erasure(f.returnType()), m.getReturnType().getSimpleName(), "return type");
    assertEquals(f.params().size(), m.getParameterCount(), "parameter count");
    AnnotatedType[] annotated = m.getAnnotatedParameterTypes();
    for (int i = 0; i < f.params().size(); i++) {
      KmclSignatures.Param p = f.params().get(i);
      assertEquals(erasure(p.type()), m.getParameterTypes()[i].getSimpleName(), p.name());
      assertEquals(p.nullable(), annotated[i].isAnnotationPresent(Nullable.class),
          p.name() + " @Nullable");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("functions")
  void theBackendSpiMirrorsEveryForwardedFunction(KmclSignatures.Function f) {
    boolean facadeOnly = f.name().equals("VmbSizeofChannel")
        || f.name().equals("VmbConvertVmbusHandleToKernelHandle");
    boolean declared = false;
    for (Method m : KmclBackend.class.getMethods()) {
      if (m.getName().equals(f.name())) {
        declared = true;
        assertEquals(List.of(FacadeCalls.facade(f.name()).getParameterTypes()),
            List.of(m.getParameterTypes()));
      }
    }
    assertEquals(!facadeOnly, declared);
  }

  @Test
  void theOnlyOtherPublicMethodsAreTheDocumentedExtras() {
    Set<String> expected = new HashSet<>();
    for (KmclSignatures.Function f : functions()) {
      expected.add(f.name());
    }
    expected.addAll(List.of("NT_SUCCESS", "VMB_CHANNEL_STATE_CHANGE_CALLBACKS_INIT",
        "VMB_CHANNEL_STATE_CHANGE_CALLBACKS_INIT_V5", "VmbDefaultDeviceObject",
        "KmclQueryInterface"));
    Set<String> actual = new HashSet<>();
    for (Method m : Vmbkmcl.class.getDeclaredMethods()) {
      if (Modifier.isPublic(m.getModifiers())) {
        actual.add(m.getName());
      }
    }
    assertEquals(expected, actual);
  }

  @Test
  void theFacadeIsAFinalClassWithAPrivateConstructorThatCarriesTheConstants() throws Exception {
    assertTrue(Modifier.isFinal(Vmbkmcl.class.getModifiers()));
    Constructor<?>[] constructors = Vmbkmcl.class.getDeclaredConstructors();
    assertEquals(1, constructors.length);
    assertTrue(Modifier.isPrivate(constructors[0].getModifiers()));
    assertTrue(KmclConstants.class.isAssignableFrom(Vmbkmcl.class));
    assertEquals(0x1F, Vmbkmcl.class.getField("VMBUS_CHANNEL_FORMAT_FLAGS").getInt(null));
    assertEquals(4096, Vmbkmcl.PAGE_SIZE);
    assertFalse(Modifier.isPublic(Vmbkmcl.class.getDeclaredField("SIZEOF_CHANNEL").getModifiers()));
  }

  /** "Ref<VMBCHANNEL>" → "Ref", "long[]" stays, "@Nullable Object" → "Object". */
  private static String erasure(String type) {
    String t = type.replace("@Nullable ", "");
    int generic = t.indexOf('<');
    return generic < 0 ? t : t.substring(0, generic);
  }
}
