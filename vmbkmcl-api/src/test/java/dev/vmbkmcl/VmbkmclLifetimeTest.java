package dev.vmbkmcl;

import static dev.vmbkmcl.FacadeFixture.nul;
import static dev.vmbkmcl.NtStatus.STATUS_INVALID_PARAMETER_1;
import static dev.vmbkmcl.NtStatus.STATUS_INVALID_PARAMETER_4;
import static dev.vmbkmcl.NtStatus.STATUS_SUCCESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The functions the facade answers itself (#3, #34, the INIT helpers, {@code NT_SUCCESS}) and the
 * size rule of #2.
 */
class VmbkmclLifetimeTest {
  private final FacadeFixture f = new FacadeFixture();

  @Test
  void sizeofChannelIsOnePageAndNeedsNoBackend() {
    assertEquals(4096, Vmbkmcl.VmbSizeofChannel());
    verifyNoInteractions(f.backend);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 4095})
  void initializeWithLessThanSizeofChannelIsInvalidParameter4(int size) {
    assertSame(STATUS_INVALID_PARAMETER_4,
        Vmbkmcl.VmbChannelInitialize(f.device, false, new Ref<>(), size));
    verifyNoInteractions(f.backend);
  }

  @ParameterizedTest
  @ValueSource(ints = {4096, -1})
  void initializeWithAtLeastSizeofChannelPasses(int size) {
    Ref<VMBCHANNEL> out = new Ref<>();
    Vmbkmcl.VmbChannelInitialize(f.device, true, out, size);
    verify(f.backend).VmbChannelInitialize(f.device, true, out, size);
  }

  // ---- #34 handle conversion --------------------------------------------------------------------

  @Test
  void aUserHandleBecomesAKernelHandleWithTheSameValue() {
    Ref<Handle> kernel = new Ref<>();
    assertSame(STATUS_SUCCESS,
        Vmbkmcl.VmbConvertVmbusHandleToKernelHandle(Handle.user(42), kernel));
    assertEquals(new Handle(42, true), kernel.get());
    verifyNoInteractions(f.backend);
  }

  @Test
  void aNullHandleIsInvalidParameter1() {
    Ref<Handle> kernel = new Ref<>();
    assertSame(STATUS_INVALID_PARAMETER_1,
        Vmbkmcl.VmbConvertVmbusHandleToKernelHandle(nul(), kernel));
    assertNull(kernel.get());
  }

  @Test
  void anAlreadyKernelHandleIsInvalidParameter1() {
    Ref<Handle> kernel = new Ref<>();
    assertSame(STATUS_INVALID_PARAMETER_1,
        Vmbkmcl.VmbConvertVmbusHandleToKernelHandle(new Handle(42, true), kernel));
    assertNull(kernel.get());
  }

  @Test
  void aNullKernelHandleHolderThrows() {
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> Vmbkmcl.VmbConvertVmbusHandleToKernelHandle(Handle.user(1), nul()));
    assertEquals("VmbConvertVmbusHandleToKernelHandle: KernelHandle is null", e.getMessage());
  }

  // ---- inline helpers ---------------------------------------------------------------------------

  @Test
  void initZeroesTheStructureAndSetsVersion1Size48() {
    VMB_CHANNEL_STATE_CHANGE_CALLBACKS cb = new VMB_CHANNEL_STATE_CHANGE_CALLBACKS();
    cb.Version = 9;
    cb.Size = 9;
    cb.EvtChannelOpened = c -> STATUS_SUCCESS;
    cb.EvtChannelClosed = c -> { };
    cb.EvtChannelSuspend = c -> { };
    cb.EvtChannelStarted = c -> { };
    cb.EvtChannelPostStarted = c -> { };

    Vmbkmcl.VMB_CHANNEL_STATE_CHANGE_CALLBACKS_INIT(cb);

    assertEquals(1, cb.Version);
    assertEquals(48, cb.Size);
    assertNull(cb.EvtChannelOpened);
    assertNull(cb.EvtChannelClosed);
    assertNull(cb.EvtChannelSuspend);
    assertNull(cb.EvtChannelStarted);
    assertNull(cb.EvtChannelPostStarted);
  }

  @Test
  void initV5ZeroesTheStructureAndSetsVersion5Size56() {
    VMB_CHANNEL_STATE_CHANGE_CALLBACKS_V5 cb = new VMB_CHANNEL_STATE_CHANGE_CALLBACKS_V5();
    cb.CallbackContext = "context";
    cb.EvtChannelOpenedEx = (c, x) -> STATUS_SUCCESS;
    cb.EvtChannelClosedEx = (c, x) -> { };
    cb.EvtChannelSuspendEx = (c, x) -> { };
    cb.EvtChannelStartedEx = (c, x) -> { };
    cb.EvtChannelPostStartedEx = (c, x) -> { };

    Vmbkmcl.VMB_CHANNEL_STATE_CHANGE_CALLBACKS_INIT_V5(cb);

    assertEquals(5, cb.Version);
    assertEquals(56, cb.Size);
    assertNull(cb.CallbackContext);
    assertNull(cb.EvtChannelOpenedEx);
    assertNull(cb.EvtChannelClosedEx);
    assertNull(cb.EvtChannelSuspendEx);
    assertNull(cb.EvtChannelStartedEx);
    assertNull(cb.EvtChannelPostStartedEx);
  }

  @Test
  void initOfNullThrows() {
    assertThrows(NullPointerException.class,
        () -> Vmbkmcl.VMB_CHANNEL_STATE_CHANGE_CALLBACKS_INIT(nul()));
    assertThrows(NullPointerException.class,
        () -> Vmbkmcl.VMB_CHANNEL_STATE_CHANGE_CALLBACKS_INIT_V5(nul()));
  }

  @Test
  void ntSuccessIsReExported() {
    assertTrue(Vmbkmcl.NT_SUCCESS(NtStatus.STATUS_PENDING));
    assertFalse(Vmbkmcl.NT_SUCCESS(NtStatus.STATUS_BUFFER_OVERFLOW));
  }

  @Test
  void theDefaultDeviceComesFromTheHighestPriorityProviderOnTheClassPath() {
    DeviceObject device = Vmbkmcl.VmbDefaultDeviceObject();
    assertEquals("beta-device", device.name());
    assertSame(device, Vmbkmcl.VmbDefaultDeviceObject());
  }
}
