package dev.vmbkmcl.ring;

/**
 * The Hyper-V page ({@code HV_HYP_PAGE_SIZE} in Linux, {@code PAGE_SIZE} in wdm.h on x64): 4096
 * bytes, the unit the VMBus formats count in whatever the guest kernel's own page size is. A ring's
 * control page, a GPA-direct range's page numbers and {@code byte_offset}, GPADL and MDL pages and
 * the sizes the KMCL rules check are all in this unit.
 *
 * <p>The one definition of the value in the project: {@link dev.vmbkmcl.Vmbkmcl#PAGE_SIZE} and
 * {@link dev.vmbkmcl.Mdl#PAGE_SIZE} (the C name), {@link GpaDirect#PAGE_SIZE} and {@link
 * RingControlLayout#CONTROL_PAGE_SIZE} (the ring format's own names) are this constant. It lives in
 * the ring package because that is the lowest layer that needs it. The Hyper-V backend's runtime
 * page size (sysconf, 64 KiB on some arm64 guests) is a different quantity and stays there.
 */
public final class HvPage {
  /** 4096: the size of one Hyper-V page in bytes. */
  public static final int SIZE = 4096;

  private HvPage() {}
}
