package dev.vmbkmcl.samples.ic;

/**
 * Layout of the 28-byte IC message prefix ({@code ICMSG_HDR}: the 8-byte pipe header followed by
 * the kernel's {@code struct icmsg_hdr}), with the message types and flag bits it carries
 * (vmbus-ring-and-uio.md §5.1, §5.2).
 *
 * <pre>
 *  0      4         8      10     12     14     16     18      20       24  25    26     28
 *  +------+---------+------+------+------+------+------+-------+--------+---+-----+------+-----
 *  |pipe  |pipe     |frame |frame |msg   |msg   |msg   |icmsg- |status  |txn|flags|rsvd  | body
 *  |flags |msgsize  |major |minor |type  |major |minor |size   |HRESULT |id |     |      |
 *  +------+---------+------+------+------+------+------+-------+--------+---+-----+------+-----
 * </pre>
 *
 * All offsets are relative to the start of the VMBus payload; all fields are little-endian.
 */
public final class IcHeader {
  /**
   * Pipe header {@code flags} (u32); the host writes {@link #PIPE_FLAG_DATA}, the guest echoes it.
   */
  public static final int PIPE_FLAGS = 0;

  /** Pipe header {@code msgsize} (u32): bytes following the pipe header. */
  public static final int PIPE_MESSAGE_SIZE = 4;

  /** {@code icverframe.major} (u16). */
  public static final int FRAMEWORK_MAJOR = 8;

  /** {@code icverframe.minor} (u16). */
  public static final int FRAMEWORK_MINOR = 10;

  /** {@code icmsgtype} (u16). */
  public static final int MESSAGE_TYPE = 12;

  /** {@code icvermsg.major} (u16). */
  public static final int MESSAGE_MAJOR = 14;

  /** {@code icvermsg.minor} (u16). */
  public static final int MESSAGE_MINOR = 16;

  /** {@code icmsgsize} (u16): size of the body after the header. */
  public static final int MESSAGE_SIZE = 18;

  /** {@code status} (u32 HRESULT, see {@link IcStatus}), set by the responder. */
  public static final int STATUS = 20;

  /** {@code ictransaction_id} (u8), echoed in the response. */
  public static final int TRANSACTION_ID = 24;

  /** {@code icflags} (u8). */
  public static final int FLAGS = 25;

  /** Reserved (u16), zero. */
  public static final int RESERVED = 26;

  /** {@code ICMSG_HDR}: the body starts here. */
  public static final int SIZE = 28;

  /** Size of the pipe header that precedes {@code struct icmsg_hdr}. */
  public static final int PIPE_HEADER_SIZE = 8;

  /** Pipe {@code flags} value of a data packet. */
  public static final int PIPE_FLAG_DATA = 1;

  /** {@code ICMSGTYPE_NEGOTIATE}. */
  public static final int TYPE_NEGOTIATE = 0;

  /** {@code ICMSGTYPE_HEARTBEAT}. */
  public static final int TYPE_HEARTBEAT = 1;

  /** {@code ICMSGTYPE_KVPEXCHANGE}. */
  public static final int TYPE_KVP_EXCHANGE = 2;

  /** {@code ICMSGTYPE_SHUTDOWN}. */
  public static final int TYPE_SHUTDOWN = 3;

  /** {@code ICMSGTYPE_TIMESYNC}. */
  public static final int TYPE_TIMESYNC = 4;

  /** {@code ICMSGTYPE_VSS}. */
  public static final int TYPE_VSS = 5;

  /** {@code ICMSGTYPE_FCOPY} (file copy, "guest services"). */
  public static final int TYPE_FCOPY = 7;

  /** {@code ICMSGHDRFLAG_TRANSACTION}: a response is expected. */
  public static final int FLAG_TRANSACTION = 0x01;

  /** {@code ICMSGHDRFLAG_REQUEST}: host to guest. */
  public static final int FLAG_REQUEST = 0x02;

  /** {@code ICMSGHDRFLAG_RESPONSE}: guest to host. */
  public static final int FLAG_RESPONSE = 0x04;

  /** Flags of every host request: TRANSACTION | REQUEST. */
  public static final int FLAGS_HOST_REQUEST = FLAG_TRANSACTION | FLAG_REQUEST;

  /** Flags of every guest response: TRANSACTION | RESPONSE. */
  public static final int FLAGS_GUEST_RESPONSE = FLAG_TRANSACTION | FLAG_RESPONSE;

  /** Largest body {@code icmsgsize} can describe. */
  public static final int MAX_BODY_SIZE = 0xFFFF;

  private IcHeader() {}
}
