package dev.vmbkmcl;

import static dev.vmbkmcl.FacadeFixture.bytes;
import static dev.vmbkmcl.FacadeFixture.mdl;
import static dev.vmbkmcl.KmclConstants.VMBUS_CHANNEL_FORMAT_FLAG_DATA_IN_ONLY;
import static dev.vmbkmcl.KmclConstants.VMBUS_CHANNEL_FORMAT_FLAG_DATA_OUT_ONLY;
import static dev.vmbkmcl.KmclConstants.VMBUS_CHANNEL_FORMAT_FLAG_FORCE_MDL_LENGTH;
import static dev.vmbkmcl.KmclConstants.VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION;
import static dev.vmbkmcl.NtStatus.STATUS_INVALID_PARAMETER_5;
import static dev.vmbkmcl.NtStatus.STATUS_INVALID_PARAMETER_6;
import static dev.vmbkmcl.NtStatus.STATUS_INVALID_PARAMETER_7;
import static dev.vmbkmcl.NtStatus.STATUS_INVALID_PARAMETER_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules of #60 {@code VmbChannelSendSynchronousRequest}: format flags, the completion buffer
 * and its multiple-of-8 size, and the root-partition rule for server endpoints.
 */
class VmbkmclSynchronousRequestRulesTest {
  private static final int WAIT = VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION;

  private final FacadeFixture f = new FacadeFixture();
  private final ByteBuffer request = bytes(16);
  private final ByteBuffer response = bytes(64);
  private final LargeInteger oneSecond = LargeInteger.relativeMillis(1000);
  private final LargeInteger zero = new LargeInteger(0);

  private NtStatus send(VMBCHANNEL channel, @Nullable Mdl mdl, int flags,
      @Nullable ByteBuffer completion, @Nullable UInt32Ref size, @Nullable LargeInteger timeout) {
    return Vmbkmcl.VmbChannelSendSynchronousRequest(channel, request, 16, mdl, flags, completion,
        size, timeout);
  }

  @ParameterizedTest
  @ValueSource(ints = {0x20, 0x8000_0000})
  void flagsOutsideTheMaskAreInvalidParameter5(int flags) {
    assertSame(STATUS_INVALID_PARAMETER_5, send(f.client, null, flags, null, null, null));
    verifyNoInteractions(f.backend);
  }

  @Test
  void forceMdlLengthIsInvalidParameter5() {
    assertSame(STATUS_INVALID_PARAMETER_5, send(f.client, mdl(64),
        WAIT | VMBUS_CHANNEL_FORMAT_FLAG_FORCE_MDL_LENGTH, null, null, null));
    verifyNoInteractions(f.backend);
  }

  @Test
  void directionFlagsWithoutAnMdlOrBothTogetherAreInvalidParameter5() {
    assertSame(STATUS_INVALID_PARAMETER_5,
        send(f.client, null, WAIT | VMBUS_CHANNEL_FORMAT_FLAG_DATA_IN_ONLY, null, null, null));
    assertSame(STATUS_INVALID_PARAMETER_5, send(f.client, mdl(64), WAIT
        | VMBUS_CHANNEL_FORMAT_FLAG_DATA_IN_ONLY | VMBUS_CHANNEL_FORMAT_FLAG_DATA_OUT_ONLY, null,
        null, null));
    verifyNoInteractions(f.backend);
  }

  @Test
  void anMdlOnACallThatMayNotWaitIsInvalidParameter5() {
    assertSame(STATUS_INVALID_PARAMETER_5, send(f.client, mdl(64), 0, null, null, zero));
    verifyNoInteractions(f.backend);
  }

  @Test
  void anMdlWithoutTheFlagPassesWhenTheCallWaitsAnyway() {
    Mdl external = mdl(64);
    send(f.client, external, 0, null, null, oneSecond);
    send(f.client, external, 0, null, null, null);
    send(f.client, external, WAIT, null, null, zero);
    verify(f.backend).VmbChannelSendSynchronousRequest(f.client, request, 16, external, 0, null,
        null, oneSecond);
    verify(f.backend).VmbChannelSendSynchronousRequest(f.client, request, 16, external, 0, null,
        null, null);
    verify(f.backend).VmbChannelSendSynchronousRequest(f.client, request, 16, external, WAIT,
        null, null, zero);
  }

  @Test
  void aCompletionSizeWithoutACompletionBufferIsInvalidParameter6() {
    assertSame(STATUS_INVALID_PARAMETER_6,
        send(f.client, null, WAIT, null, new UInt32Ref(8), oneSecond));
    verifyNoInteractions(f.backend);
  }

  @ParameterizedTest
  @ValueSource(ints = {4, 12, 63})
  void aCompletionSizeNotAMultipleOf8IsInvalidParameter7(int size) {
    assertSame(STATUS_INVALID_PARAMETER_7,
        send(f.client, null, WAIT, response, new UInt32Ref(size), oneSecond));
    verifyNoInteractions(f.backend);
  }

  @Test
  void aCompletionSizeBeyondTheCompletionBufferThrows() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> send(f.client, null, WAIT, response, new UInt32Ref(72), oneSecond));
    assertEquals("VmbChannelSendSynchronousRequest: *CompletionBufferSize 72 is larger than the"
        + " 64 bytes remaining in CompletionBuffer", e.getMessage());
    verifyNoInteractions(f.backend);
  }

  @Test
  void completionSizesOfZeroOrAMultipleOf8Pass() {
    UInt32Ref full = new UInt32Ref(64);
    UInt32Ref none = new UInt32Ref(0);
    send(f.client, null, WAIT, response, full, oneSecond);
    send(f.client, null, WAIT, null, none, oneSecond);
    verify(f.backend).VmbChannelSendSynchronousRequest(f.client, request, 16, null, WAIT,
        response, full, oneSecond);
    verify(f.backend).VmbChannelSendSynchronousRequest(f.client, request, 16, null, WAIT, null,
        none, oneSecond);
  }

  @Test
  void aServerWithoutATimeoutIsInvalidParameter8() {
    assertSame(STATUS_INVALID_PARAMETER_8, send(f.server, null, 0, null, null, null));
    verifyNoInteractions(f.backend);
  }

  @Test
  void aServerWithANonZeroTimeoutIsInvalidParameter8() {
    assertSame(STATUS_INVALID_PARAMETER_8, send(f.server, null, 0, null, null, oneSecond));
    assertSame(STATUS_INVALID_PARAMETER_8, send(f.server, null, 0, null, null,
        new LargeInteger(1)));
    verifyNoInteractions(f.backend);
  }

  @Test
  void aServerAskingToWaitForCompletionIsInvalidParameter5() {
    assertSame(STATUS_INVALID_PARAMETER_5, send(f.server, null, WAIT, null, null, zero));
    verifyNoInteractions(f.backend);
  }

  @Test
  void aServerWithAZeroTimeoutAndNoWaitPasses() {
    send(f.server, null, 0, null, null, zero);
    verify(f.backend).VmbChannelSendSynchronousRequest(f.server, request, 16, null, 0, null, null,
        zero);
  }

  @Test
  void aClientMayUseAnyTimeoutWithOrWithoutWaiting() {
    send(f.client, null, 0, null, null, null);
    send(f.client, null, WAIT, null, null, zero);
    verify(f.backend).VmbChannelSendSynchronousRequest(f.client, request, 16, null, 0, null, null,
        null);
    verify(f.backend).VmbChannelSendSynchronousRequest(f.client, request, 16, null, WAIT, null,
        null, zero);
  }

  @Test
  void aRequestSizeBeyondTheBufferThrows() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Vmbkmcl.VmbChannelSendSynchronousRequest(f.client, request, 17, null, 0, null, null,
            null));
    assertEquals("VmbChannelSendSynchronousRequest: BufferSize 17 is larger than the 16 bytes"
        + " remaining in Buffer", e.getMessage());
    verifyNoInteractions(f.backend);
  }
}
