/*
 * vmbring.c: the C peer of the vmbkmcl benchmarks. A small implementation of the VMBus ring format
 * (control page, 16-byte packet descriptor, zero padding, 8-byte trailer) and of its signalling
 * rules, written for this project from docs vmbus-ring-and-uio.md sections 1 to 3. Java calls it
 * through JNA (dev.vmbkmcl.benchmarks.CPeer), one call per run of many packets or round trips.
 *
 * Every run takes a wake-up policy, so that each peer is measured under the policy of the SDK row
 * beside it:
 *   WAIT_POLL:  both ends poll (a spin hint, a sched_yield every 128th look); the consumers keep
 *               interrupt_mask set, so no writer ever signals (the SDK's busy-poll).
 *   WAIT_FUTEX: an idle consumer unmasks its ring, looks once more and sleeps in
 *               futex(FUTEX_WAIT_PRIVATE) on a doorbell word; a writer whose ring_write says
 *               "signal" (section 3.3) increments the word and calls futex(FUTEX_WAKE_PRIVATE).
 *               A writer facing a full ring sets pending_send_sz and sleeps on a second doorbell
 *               that the consumer rings when its commit crosses it (section 3.6). This is the
 *               SDK's PARK mode with the kernel's futex in place of LockSupport.park/unpark.
 * and a consumer policy: CONSUME_COPY copies each packet out of the ring before reading it (as the
 * SDK engine does, so drivers never see memory the host can change), CONSUME_IN_PLACE validates the
 * descriptor and reads the payload where it lies in the ring.
 *
 * Build: gcc -O2 -shared -fPIC -pthread -o libvmbring.so vmbring.c   (run.sh does this)
 */
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define CONTROL_PAGE 4096u
#define WRITE_INDEX 0u
#define READ_INDEX 4u
#define INTERRUPT_MASK 8u
#define PENDING_SEND_SIZE 12u
#define FEATURE_BITS 64u
#define FEATURE_PENDING_SEND_SIZE 1u
#define DESCRIPTOR 16u
#define TRAILER 8u
#define MAX_PACKET 524280u
#define TYPE_INBAND 6u
#define TYPE_TRANSFER_PAGES 7u
#define TYPE_GPA_DIRECT 9u
#define TYPE_COMPLETION 0x0Bu
#define FLAG_COMPLETION_REQUESTED 1u
#define COMMIT_EVERY 16u

/* Results, the same numbers as dev.vmbkmcl.ring.RingWriter / RingReader use. */
enum { WRITTEN = 0, WRITTEN_SIGNAL = 1, FULL = 2, TOO_LARGE = 3, CORRUPT = 4 };
enum { PACKET = 0, EMPTY = 1, BROKEN = 2 };
/* Wake-up and consumer policies, the numbers CPeer.java passes. */
enum { WAIT_POLL = 0, WAIT_FUTEX = 1 };
enum { CONSUME_COPY = 0, CONSUME_IN_PLACE = 1 };

/*
 * One idle step of a polling end: a spin hint, and every 128th step a yield, so that on a loaded
 * 2-core machine a poller gives its core to the thread it waits for (Idle.java does the same).
 */
static inline void idle(unsigned *spins) {
  if (++*spins % 128u == 0) {
    sched_yield();
    return;
  }
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}

/* Control fields are aligned u32s; every access names its ordering (section 3.8). */
static inline uint32_t *control(uint8_t *ring, uint32_t offset) {
  return (uint32_t *)(void *)(ring + offset);
}
static inline uint32_t load_acquire(uint8_t *ring, uint32_t offset) {
  return __atomic_load_n(control(ring, offset), __ATOMIC_ACQUIRE);
}
static inline uint32_t load_relaxed(uint8_t *ring, uint32_t offset) {
  return __atomic_load_n(control(ring, offset), __ATOMIC_RELAXED);
}
static inline void store_release(uint8_t *ring, uint32_t offset, uint32_t value) {
  __atomic_store_n(control(ring, offset), value, __ATOMIC_RELEASE);
}
static inline void store_seq_cst(uint8_t *ring, uint32_t offset, uint32_t value) {
  __atomic_store_n(control(ring, offset), value, __ATOMIC_SEQ_CST);
}

/* The wire is little-endian whatever the host is. */
static void put_u16(uint8_t *p, uint32_t v) {
  p[0] = (uint8_t)v;
  p[1] = (uint8_t)(v >> 8);
}
static void put_u32(uint8_t *p, uint32_t v) {
  put_u16(p, v);
  put_u16(p + 2, v >> 16);
}
static void put_u64(uint8_t *p, uint64_t v) {
  put_u32(p, (uint32_t)v);
  put_u32(p + 4, (uint32_t)(v >> 32));
}
static uint32_t get_u16(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8; }
static uint64_t get_u64(const uint8_t *p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; i--) {
    v = v << 8 | p[i];
  }
  return v;
}

/* One side's view of a ring: memory, data-area size, and the index it owns, cached privately. */
struct side {
  uint8_t *ring;
  uint32_t dsize;
  uint32_t own;       /* producer: next write offset; consumer: read cursor */
  uint32_t committed; /* consumer: read_index last stored */
};

static inline uint32_t advance(const struct side *s, uint32_t at, uint32_t bytes) {
  uint32_t n = at + bytes;
  return n >= s->dsize ? n - s->dsize : n;
}

/* Section 3.1: bytes the producer could still use, counting the slot that must stay empty. */
static inline uint32_t free_bytes(uint32_t dsize, uint32_t w, uint32_t r) {
  return w >= r ? dsize - (w - r) : r - w;
}

static inline int valid_index(const struct side *s, uint32_t index) {
  return index < s->dsize && (index & 7u) == 0;
}

/* Section 1.4: no double mapping, so every copy is split at the end of the data area. */
static void copy_in(const struct side *s, uint32_t at, const uint8_t *src, uint32_t length) {
  uint8_t *data = s->ring + CONTROL_PAGE;
  uint32_t first = s->dsize - at < length ? s->dsize - at : length;
  memcpy(data + at, src, first);
  if (first < length) {
    memcpy(data, src + first, length - first);
  }
}

static void copy_out(const struct side *s, uint32_t at, uint8_t *dst, uint32_t length) {
  const uint8_t *data = s->ring + CONTROL_PAGE;
  uint32_t first = s->dsize - at < length ? s->dsize - at : length;
  memcpy(dst, data + at, first);
  if (first < length) {
    memcpy(dst + first, data, length - first);
  }
}

/* A side starts at the current value of the index it owns (0 when that value is invalid). */
static void side_init(struct side *s, uint8_t *ring, uint32_t dsize, uint32_t own_index) {
  s->ring = ring;
  s->dsize = dsize;
  uint32_t index = load_acquire(ring, own_index);
  s->own = valid_index(s, index) ? index : 0;
  s->committed = s->own;
}

static void producer_init(struct side *s, uint8_t *ring, uint32_t dsize) {
  side_init(s, ring, dsize, WRITE_INDEX);
}

static void consumer_init(struct side *s, uint8_t *ring, uint32_t dsize) {
  side_init(s, ring, dsize, READ_INDEX);
}

/*
 * Section 3.2 and 3.3: writes one packet (descriptor, payload, zero padding, trailer), publishes the
 * write index with release ordering and says whether the reader must be signalled.
 */
static int ring_write(struct side *s, uint32_t type, uint32_t flags, uint64_t trans_id,
                      const uint8_t *payload, uint32_t length) {
  static const uint8_t zeros[8];
  uint64_t raw = (uint64_t)DESCRIPTOR + length;
  uint64_t packet = (raw + 7u) & ~7ull;
  uint64_t total = packet + TRAILER;
  if (packet > MAX_PACKET || total >= s->dsize) {
    return TOO_LARGE;
  }
  uint32_t r = load_acquire(s->ring, READ_INDEX);
  if (!valid_index(s, r)) {
    return CORRUPT;
  }
  uint32_t w0 = s->own;
  /* Equal is full too: the write would make w == r, which reads as empty. */
  if (free_bytes(s->dsize, w0, r) <= total) {
    return FULL;
  }
  uint8_t descriptor[DESCRIPTOR];
  put_u16(descriptor, type);
  put_u16(descriptor + 2, DESCRIPTOR / 8u);
  put_u16(descriptor + 4, (uint32_t)(packet / 8u));
  put_u16(descriptor + 6, flags);
  put_u64(descriptor + 8, trans_id);
  uint32_t at = w0;
  copy_in(s, at, descriptor, DESCRIPTOR);
  at = advance(s, at, DESCRIPTOR);
  if (length > 0) {
    copy_in(s, at, payload, length);
    at = advance(s, at, length);
  }
  uint32_t padding = (uint32_t)(packet - raw);
  if (padding > 0) {
    copy_in(s, at, zeros, padding);
    at = advance(s, at, padding);
  }
  uint8_t trailer[TRAILER];
  put_u32(trailer, 0);
  put_u32(trailer + 4, w0);
  copy_in(s, at, trailer, TRAILER);
  at = advance(s, at, TRAILER);
  s->own = at;
  store_release(s->ring, WRITE_INDEX, at);
  /* Store-load fence: the index store must not pass the loads of the reader's fields below. */
  __atomic_thread_fence(__ATOMIC_SEQ_CST);
  if (load_relaxed(s->ring, INTERRUPT_MASK) != 0) {
    return WRITTEN;
  }
  return load_acquire(s->ring, READ_INDEX) == w0 ? WRITTEN_SIGNAL : WRITTEN;
}

/* Section 3.4: asks for room, then looks again once; true when the packet fits now. */
static int request_space(struct side *s, uint32_t total) {
  store_seq_cst(s->ring, PENDING_SEND_SIZE, total);
  uint32_t r = __atomic_load_n(control(s->ring, READ_INDEX), __ATOMIC_SEQ_CST);
  return valid_index(s, r) && free_bytes(s->dsize, s->own, r) > total;
}

static void clear_space_request(struct side *s) {
  if (load_relaxed(s->ring, PENDING_SEND_SIZE) != 0) {
    store_seq_cst(s->ring, PENDING_SEND_SIZE, 0);
  }
}

struct packet_info {
  uint32_t type, offset8, len8, flags;
  uint64_t trans_id;
};

/*
 * Section 3.5 and 2.10: copies the next packet into copy (capacity bytes) and validates it there;
 * the read index is only stored by ring_commit.
 */
static int ring_read(struct side *s, uint8_t *copy, uint32_t capacity, struct packet_info *info) {
  uint32_t w = load_acquire(s->ring, WRITE_INDEX);
  if (!valid_index(s, w)) {
    return BROKEN;
  }
  uint32_t avail = w >= s->own ? w - s->own : s->dsize - s->own + w;
  if (avail < DESCRIPTOR) {
    return EMPTY;
  }
  if (capacity < DESCRIPTOR) {
    return BROKEN;
  }
  copy_out(s, s->own, copy, DESCRIPTOR);
  uint32_t type = get_u16(copy), offset8 = get_u16(copy + 2), len8 = get_u16(copy + 4);
  uint32_t flags = get_u16(copy + 6);
  uint32_t length = len8 * 8u;
  if (length < DESCRIPTOR || offset8 < 2 || offset8 > len8 || length + TRAILER > avail
      || length > capacity || (flags & ~FLAG_COMPLETION_REQUESTED) != 0) {
    return BROKEN;
  }
  if (type != TYPE_INBAND && type != TYPE_TRANSFER_PAGES && type != TYPE_GPA_DIRECT
      && type != TYPE_COMPLETION) {
    return BROKEN;
  }
  copy_out(s, advance(s, s->own, DESCRIPTOR), copy + DESCRIPTOR, length - DESCRIPTOR);
  info->type = type;
  info->offset8 = offset8;
  info->len8 = len8;
  info->flags = flags;
  info->trans_id = get_u64(copy + 8);
  s->own = advance(s, s->own, length + TRAILER);
  return PACKET;
}

/*
 * Section 3.5 step 4 and 3.6: stores the read index (release) and says whether the writer must be
 * signalled because the free space crossed its pending_send_sz.
 */
static int ring_commit(struct side *s) {
  if (s->own == s->committed) {
    return 0;
  }
  uint32_t before = s->committed;
  store_release(s->ring, READ_INDEX, s->own);
  s->committed = s->own;
  if ((load_relaxed(s->ring, FEATURE_BITS) & FEATURE_PENDING_SEND_SIZE) == 0) {
    return 0;
  }
  __atomic_thread_fence(__ATOMIC_SEQ_CST);
  uint32_t pending = load_relaxed(s->ring, PENDING_SEND_SIZE) & ~7u;
  if (pending == 0) {
    return 0;
  }
  uint32_t w = load_acquire(s->ring, WRITE_INDEX);
  if (!valid_index(s, w)) {
    return 0;
  }
  uint32_t bytes_read = s->own >= before ? s->own - before : s->dsize - before + s->own;
  uint32_t free_now = free_bytes(s->dsize, w, s->own);
  uint32_t free_before = free_now - bytes_read;
  return free_before <= pending && pending < free_now;
}

static void ring_initialize(uint8_t *ring) {
  memset(ring, 0, CONTROL_PAGE);
  store_release(ring, FEATURE_BITS, FEATURE_PENDING_SEND_SIZE);
}

static uint8_t *ring_allocate(uint32_t dsize) {
  void *memory = NULL;
  if (posix_memalign(&memory, CONTROL_PAGE, (size_t)CONTROL_PAGE + dsize) != 0) {
    return NULL;
  }
  ring_initialize(memory);
  return memory;
}

/*
 * Section 3.5, reading in place: validates the descriptor (copied out: 16 bytes, the fields a
 * hostile peer could change between two reads) and reads the payload's first 8 bytes where they
 * lie in the ring, into *first (0 when the payload is shorter). Nothing else is copied.
 */
static int ring_read_in_place(struct side *s, struct packet_info *info, uint64_t *first) {
  uint32_t w = load_acquire(s->ring, WRITE_INDEX);
  if (!valid_index(s, w)) {
    return BROKEN;
  }
  uint32_t avail = w >= s->own ? w - s->own : s->dsize - s->own + w;
  if (avail < DESCRIPTOR) {
    return EMPTY;
  }
  uint8_t d[DESCRIPTOR];
  copy_out(s, s->own, d, DESCRIPTOR);
  uint32_t type = get_u16(d), offset8 = get_u16(d + 2), len8 = get_u16(d + 4);
  uint32_t flags = get_u16(d + 6);
  uint32_t length = len8 * 8u;
  if (length < DESCRIPTOR || offset8 < 2 || offset8 > len8 || length + TRAILER > avail
      || (flags & ~FLAG_COMPLETION_REQUESTED) != 0) {
    return BROKEN;
  }
  if (type != TYPE_INBAND && type != TYPE_TRANSFER_PAGES && type != TYPE_GPA_DIRECT
      && type != TYPE_COMPLETION) {
    return BROKEN;
  }
  *first = 0;
  if (length - offset8 * 8u >= 8u) {
    uint8_t word[8];
    copy_out(s, advance(s, s->own, offset8 * 8u), word, 8);
    *first = get_u64(word);
  }
  info->type = type;
  info->offset8 = offset8;
  info->len8 = len8;
  info->flags = flags;
  info->trans_id = get_u64(d + 8);
  s->own = advance(s, s->own, length + TRAILER);
  return PACKET;
}

/* ---- doorbells (WAIT_FUTEX) ------------------------------------------------------------------ */

/*
 * A doorbell is a u32 counter: ringing increments it and wakes one sleeper; a sleeper passes the
 * value it read before its last look at the ring, so a ring between that look and the sleep makes
 * FUTEX_WAIT return at once instead of being lost (the uio interrupt counter's semantics).
 */
static inline uint32_t bell_read(uint32_t *bell) { return __atomic_load_n(bell, __ATOMIC_SEQ_CST); }

static void bell_ring(uint32_t *bell) {
  __atomic_add_fetch(bell, 1u, __ATOMIC_SEQ_CST);
  syscall(SYS_futex, bell, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

static void bell_wait(uint32_t *bell, uint32_t seen) {
  syscall(SYS_futex, bell, FUTEX_WAIT_PRIVATE, seen, NULL, NULL, 0);
}

static inline int has_data(const struct side *s) {
  return __atomic_load_n(control(s->ring, WRITE_INDEX), __ATOMIC_SEQ_CST) != s->own;
}

/*
 * Section 3.7 for a sleeping consumer: unmask, look once more (a writer that published before the
 * unmask did not signal), sleep on the doorbell, mask again while draining. The caller committed
 * what it read first, so a writer's "was the ring empty" test sees the true read_index.
 */
static void await_data(struct side *s, uint32_t *bell, const int *stop) {
  uint32_t seen = bell_read(bell);
  store_seq_cst(s->ring, INTERRUPT_MASK, 0);
  if (!has_data(s) && !__atomic_load_n(stop, __ATOMIC_ACQUIRE)) {
    bell_wait(bell, seen);
  }
  store_seq_cst(s->ring, INTERRUPT_MASK, 1);
}

/*
 * Writes one packet under a wake-up policy: on a full ring it asks for room (pending_send_sz) and
 * polls, or sleeps on space_bell until the consumer's commit crosses the request. Rings data_bell
 * when ring_write says the reader must be signalled. Returns WRITTEN or an error result.
 */
static int write_waiting(struct side *s, int wait, uint32_t *data_bell, uint32_t *space_bell,
                         uint32_t type, uint32_t flags, uint64_t id, const uint8_t *payload,
                         uint32_t length, const int *give_up) {
  uint32_t total = (uint32_t)(((DESCRIPTOR + (uint64_t)length + 7u) & ~7ull) + TRAILER);
  unsigned spins = 0;
  int asked = 0;
  int rc;
  for (;;) {
    uint32_t seen = wait == WAIT_FUTEX ? bell_read(space_bell) : 0;
    rc = ring_write(s, type, flags, id, payload, length);
    if (rc != FULL) {
      break;
    }
    if (__atomic_load_n(give_up, __ATOMIC_ACQUIRE)) {
      break;
    }
    if (wait == WAIT_FUTEX) {
      asked = 1;
      if (!request_space(s, total)) {
        bell_wait(space_bell, seen);
      }
      continue;
    }
    if (!asked) {
      asked = 1;
      if (request_space(s, total)) {
        continue;
      }
    }
    idle(&spins);
  }
  if (asked) {
    clear_space_request(s);
  }
  if (rc == WRITTEN_SIGNAL) {
    if (wait == WAIT_FUTEX) {
      bell_ring(data_bell);
    }
    rc = WRITTEN;
  }
  return rc;
}

/* Commits the read index and rings the writer's space doorbell when the commit says so. */
static int commit_waking(struct side *s, int wait, uint32_t *space_bell) {
  int signal = ring_commit(s);
  if (signal && wait == WAIT_FUTEX) {
    bell_ring(space_bell);
  }
  return signal;
}

static int64_t now_nanos(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

/* ---- single steps, for the golden-vector tests -------------------------------------------- */

/* Writes one packet into the ring at ring (its current write_index); returns the write result. */
int vmbr_write_one(uint8_t *ring, uint32_t dsize, uint32_t type, uint32_t flags,
                   uint64_t trans_id, const uint8_t *payload, uint32_t length) {
  struct side s;
  producer_init(&s, ring, dsize);
  return ring_write(&s, type, flags, trans_id, payload, length);
}

/*
 * Reads and commits one packet from the ring at its current read_index. out receives the packet
 * (descriptor included); info receives type, offset8, len8, flags and the commit's signal decision;
 * trans_id receives the transaction id. Returns PACKET, EMPTY or BROKEN.
 */
int vmbr_read_one(uint8_t *ring, uint32_t dsize, uint8_t *out, uint32_t capacity, int32_t *info,
                  int64_t *trans_id) {
  struct side s;
  struct packet_info p;
  consumer_init(&s, ring, dsize);
  int rc = ring_read(&s, out, capacity, &p);
  if (rc != PACKET) {
    return rc;
  }
  info[0] = (int32_t)p.type;
  info[1] = (int32_t)p.offset8;
  info[2] = (int32_t)p.len8;
  info[3] = (int32_t)p.flags;
  info[4] = ring_commit(&s);
  *trans_id = (int64_t)p.trans_id;
  return PACKET;
}

/* ---- packet stream ---------------------------------------------------------------------------- */

struct stream {
  uint8_t *ring;
  uint32_t dsize;
  uint32_t payload;
  int64_t packets;
  int wait;            /* WAIT_POLL or WAIT_FUTEX */
  int consume;         /* CONSUME_COPY or CONSUME_IN_PLACE */
  int64_t sum;         /* consumer: sum of the sequence numbers it saw */
  int64_t signals;     /* consumer: pending_send_sz wake-ups it sent (or would have, polling) */
  int failed;          /* set by the consumer */
  int stop;            /* set by the producer when it gives up */
  uint32_t data_bell;  /* rung by the producer (WAIT_FUTEX) */
  uint32_t space_bell; /* rung by the consumer (WAIT_FUTEX) */
};

static void *stream_consumer(void *argument) {
  struct stream *st = argument;
  struct side s;
  struct packet_info p;
  consumer_init(&s, st->ring, st->dsize);
  uint32_t capacity = st->dsize < MAX_PACKET + 8u ? st->dsize : MAX_PACKET + 8u;
  uint8_t *copy = st->consume == CONSUME_COPY ? malloc(capacity) : NULL;
  if (st->consume == CONSUME_COPY && copy == NULL) {
    __atomic_store_n(&st->failed, 1, __ATOMIC_RELEASE);
    return NULL;
  }
  /* Masked while draining: a writer signals only a consumer that is about to sleep. */
  store_seq_cst(st->ring, INTERRUPT_MASK, 1);
  int64_t received = 0;
  uint32_t unread = 0;
  unsigned spins = 0;
  while (received < st->packets) {
    uint64_t first = 0;
    int rc = st->consume == CONSUME_COPY ? ring_read(&s, copy, capacity, &p)
                                         : ring_read_in_place(&s, &p, &first);
    if (rc == EMPTY) {
      if (__atomic_load_n(&st->stop, __ATOMIC_ACQUIRE)) {
        break;
      }
      if (unread > 0) {
        st->signals += commit_waking(&s, st->wait, &st->space_bell);
        unread = 0;
      }
      if (st->wait == WAIT_FUTEX) {
        await_data(&s, &st->data_bell, &st->stop);
      } else {
        idle(&spins);
      }
      continue;
    }
    if (rc != PACKET) {
      __atomic_store_n(&st->failed, 1, __ATOMIC_RELEASE);
      bell_ring(&st->space_bell); /* a producer asleep on a full ring must see the failure */
      break;
    }
    if (st->payload >= 8) {
      st->sum += st->consume == CONSUME_COPY ? (int64_t)get_u64(copy + p.offset8 * 8u)
                                             : (int64_t)first;
    }
    received++;
    if (++unread == COMMIT_EVERY) {
      st->signals += commit_waking(&s, st->wait, &st->space_bell);
      unread = 0;
    }
  }
  st->signals += commit_waking(&s, st->wait, &st->space_bell);
  free(copy);
  return NULL;
}

/*
 * Streams packets inband packets of payload bytes from the calling thread to a consumer thread
 * through one ring with a data area of dsize bytes, under a wake-up policy (WAIT_POLL, WAIT_FUTEX)
 * and a consumer policy (CONSUME_COPY, CONSUME_IN_PLACE). Each payload starts with its sequence
 * number. Returns the sum of the sequence numbers the consumer saw (packets * (packets - 1) / 2
 * when every packet arrived in order), or -1 on failure.
 */
int64_t vmbr_stream(uint32_t dsize, uint32_t payload, int64_t packets, int32_t wait,
                    int32_t consume) {
  uint32_t total = (uint32_t)(((DESCRIPTOR + (uint64_t)payload + 7u) & ~7ull) + TRAILER);
  if (dsize < 64 || dsize % 8 != 0 || payload > MAX_PACKET - DESCRIPTOR || total >= dsize
      || (wait != WAIT_POLL && wait != WAIT_FUTEX)
      || (consume != CONSUME_COPY && consume != CONSUME_IN_PLACE)) {
    return -1;
  }
  struct stream st = {0};
  st.ring = ring_allocate(dsize);
  st.dsize = dsize;
  st.payload = payload;
  st.packets = packets;
  st.wait = wait;
  st.consume = consume;
  uint8_t *message = calloc(1, payload < 8 ? 8 : payload);
  if (st.ring == NULL || message == NULL) {
    free(st.ring);
    free(message);
    return -1;
  }
  pthread_t consumer;
  if (pthread_create(&consumer, NULL, stream_consumer, &st) != 0) {
    free(st.ring);
    free(message);
    return -1;
  }
  struct side s;
  producer_init(&s, st.ring, dsize);
  int failed = 0;
  for (int64_t i = 0; i < packets && !failed; i++) {
    if (payload >= 8) {
      put_u64(message, (uint64_t)i);
    }
    int rc = write_waiting(&s, wait, &st.data_bell, &st.space_bell, TYPE_INBAND, 0, (uint64_t)i,
                           message, payload, &st.failed);
    failed = rc != WRITTEN;
  }
  if (failed) {
    __atomic_store_n(&st.stop, 1, __ATOMIC_RELEASE);
    bell_ring(&st.data_bell);
  }
  pthread_join(consumer, NULL);
  free(st.ring);
  free(message);
  return failed || st.failed ? -1 : st.sum;
}

/* ---- request / completion ping-pong, timed in C ------------------------------------------------ */

struct pingpong {
  uint8_t *requests;  /* client produces, server consumes */
  uint8_t *responses; /* server produces, client consumes */
  uint32_t dsize;
  int wait;
  int stop;
  int failed;
  uint32_t request_bell, request_space_bell;   /* the server sleeps on the first */
  uint32_t response_bell, response_space_bell; /* the client sleeps on the first */
};

/*
 * The server answers every request at once with an 8-byte completion echoing its transaction id,
 * copying each request out of the ring first (as the SDK's server endpoint does).
 */
static void *pingpong_server(void *argument) {
  struct pingpong *pp = argument;
  struct side in, out;
  struct packet_info p;
  consumer_init(&in, pp->requests, pp->dsize);
  producer_init(&out, pp->responses, pp->dsize);
  uint8_t *copy = malloc(pp->dsize);
  uint8_t status[8] = {0};
  if (copy == NULL) {
    __atomic_store_n(&pp->failed, 1, __ATOMIC_RELEASE);
    return NULL;
  }
  unsigned spins = 0;
  while (!__atomic_load_n(&pp->stop, __ATOMIC_ACQUIRE)) {
    int rc = ring_read(&in, copy, pp->dsize, &p);
    if (rc == EMPTY) {
      if (pp->wait == WAIT_FUTEX) {
        await_data(&in, &pp->request_bell, &pp->stop);
      } else {
        idle(&spins);
      }
      continue;
    }
    if (rc != PACKET) {
      __atomic_store_n(&pp->failed, 1, __ATOMIC_RELEASE);
      bell_ring(&pp->response_bell); /* the client may be asleep waiting for an answer */
      break;
    }
    commit_waking(&in, pp->wait, &pp->request_space_bell);
    if (write_waiting(&out, pp->wait, &pp->response_bell, &pp->response_space_bell,
                      TYPE_COMPLETION, 0, p.trans_id, status, sizeof status, &pp->stop)
        != WRITTEN) {
      __atomic_store_n(&pp->failed, 1, __ATOMIC_RELEASE);
      bell_ring(&pp->response_bell);
      break;
    }
  }
  free(copy);
  return NULL;
}

/*
 * Runs rounds request/completion round trips between the calling thread and a server pthread over
 * two rings with data areas of dsize bytes, under a wake-up policy (WAIT_POLL: both ends poll;
 * WAIT_FUTEX: both ends sleep on futex doorbells when their ring is empty). Each round trip is
 * timed here with clock_gettime(CLOCK_MONOTONIC), one clock read per round trip (the end of one is
 * the start of the next), into samples[i] in nanoseconds; no JNA call is inside the loop. One
 * untimed round trip first waits for the server thread to start. Returns
 * the elapsed nanoseconds of all rounds, or -1 on failure.
 */
int64_t vmbr_pingpong_run(uint32_t dsize, uint32_t payload, int32_t rounds, int32_t wait,
                          int64_t *samples) {
  if (rounds <= 0 || (wait != WAIT_POLL && wait != WAIT_FUTEX) || payload + 64u >= dsize) {
    return -1;
  }
  struct pingpong pp = {0};
  pp.dsize = dsize;
  pp.wait = wait;
  pp.requests = ring_allocate(dsize);
  pp.responses = ring_allocate(dsize);
  uint8_t *copy = malloc(dsize);
  uint8_t *request = calloc(1, payload < 8 ? 8 : payload);
  pthread_t server;
  int started = 0;
  int64_t elapsed = -1;
  if (pp.requests == NULL || pp.responses == NULL || copy == NULL || request == NULL) {
    goto done;
  }
  store_seq_cst(pp.requests, INTERRUPT_MASK, 1);
  store_seq_cst(pp.responses, INTERRUPT_MASK, 1);
  if (pthread_create(&server, NULL, pingpong_server, &pp) != 0) {
    goto done;
  }
  started = 1;
  struct side out, in;
  struct packet_info p;
  producer_init(&out, pp.requests, dsize);
  consumer_init(&in, pp.responses, dsize);
  unsigned spins = 0;
  int64_t start = 0;
  int64_t last = 0;
  /* Round -1 is not timed: it waits for the server thread to start. */
  for (int32_t i = -1; i < rounds; i++) {
    uint64_t id = (uint64_t)(i + 2); /* 0 is never a completion-requested id (section 2.6) */
    if (write_waiting(&out, wait, &pp.request_bell, &pp.request_space_bell, TYPE_INBAND,
                      FLAG_COMPLETION_REQUESTED, id, request, payload, &pp.failed) != WRITTEN) {
      goto done;
    }
    int rc;
    while ((rc = ring_read(&in, copy, dsize, &p)) == EMPTY) {
      if (__atomic_load_n(&pp.failed, __ATOMIC_ACQUIRE)) {
        goto done;
      }
      if (wait == WAIT_FUTEX) {
        await_data(&in, &pp.response_bell, &pp.failed);
      } else {
        idle(&spins);
      }
    }
    commit_waking(&in, wait, &pp.response_space_bell);
    if (rc != PACKET || p.type != TYPE_COMPLETION || p.trans_id != id) {
      goto done;
    }
    int64_t t = now_nanos();
    if (i >= 0) {
      samples[i] = t - last;
    } else {
      start = t;
    }
    last = t;
  }
  elapsed = last - start;
done:
  if (started) {
    __atomic_store_n(&pp.stop, 1, __ATOMIC_RELEASE);
    bell_ring(&pp.request_bell);
    pthread_join(server, NULL);
  }
  free(pp.requests);
  free(pp.responses);
  free(copy);
  free(request);
  return pp.failed ? -1 : elapsed;
}
