/*
 * vmbring.c: the C peer of the vmbkmcl benchmarks. A small implementation of the VMBus ring format
 * (control page, 16-byte packet descriptor, zero padding, 8-byte trailer) and of its signalling
 * rules, written for this project from docs vmbus-ring-and-uio.md sections 1 to 3. Both ends poll
 * (spinning, yielding now and then); nothing here sleeps. Java calls it through JNA (dev.vmbkmcl.benchmarks.CPeer).
 *
 * Build: gcc -O2 -shared -fPIC -pthread -o libvmbring.so vmbring.c   (run.sh does this)
 */
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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
  int64_t sum;         /* consumer: sum of the sequence numbers it saw */
  int64_t signals;     /* consumer: pending_send_sz wake-ups it would have sent */
  int failed;          /* set by the consumer */
  int stop;            /* set by the producer when it gives up */
};

static void *stream_consumer(void *argument) {
  struct stream *st = argument;
  struct side s;
  struct packet_info p;
  consumer_init(&s, st->ring, st->dsize);
  uint32_t capacity = st->dsize < MAX_PACKET + 8u ? st->dsize : MAX_PACKET + 8u;
  uint8_t *copy = malloc(capacity);
  if (copy == NULL) {
    __atomic_store_n(&st->failed, 1, __ATOMIC_RELEASE);
    return NULL;
  }
  /* A polling consumer keeps the writer from signalling it, as a DPDK-style poller does. */
  store_seq_cst(st->ring, INTERRUPT_MASK, 1);
  int64_t received = 0;
  uint32_t unread = 0;
  unsigned spins = 0;
  while (received < st->packets) {
    int rc = ring_read(&s, copy, capacity, &p);
    if (rc == EMPTY) {
      if (__atomic_load_n(&st->stop, __ATOMIC_ACQUIRE)) {
        break;
      }
      if (unread > 0) {
        st->signals += ring_commit(&s);
        unread = 0;
      }
      idle(&spins);
      continue;
    }
    if (rc != PACKET) {
      __atomic_store_n(&st->failed, 1, __ATOMIC_RELEASE);
      break;
    }
    if (st->payload >= 8) {
      st->sum += (int64_t)get_u64(copy + p.offset8 * 8u);
    }
    received++;
    if (++unread == COMMIT_EVERY) {
      st->signals += ring_commit(&s);
      unread = 0;
    }
  }
  st->signals += ring_commit(&s);
  free(copy);
  return NULL;
}

/*
 * Streams packets inband packets of payload bytes from the calling thread to a consumer thread
 * through one ring with a data area of dsize bytes. Each payload starts with its sequence number.
 * Returns the sum of the sequence numbers the consumer saw (packets * (packets - 1) / 2 when every
 * packet arrived in order), or -1 on failure.
 */
int64_t vmbr_stream(uint32_t dsize, uint32_t payload, int64_t packets) {
  uint32_t total = (uint32_t)(((DESCRIPTOR + (uint64_t)payload + 7u) & ~7ull) + TRAILER);
  if (dsize < 64 || dsize % 8 != 0 || payload > MAX_PACKET - DESCRIPTOR || total >= dsize) {
    return -1;
  }
  struct stream st = {ring_allocate(dsize), dsize, payload, packets, 0, 0, 0, 0};
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
  unsigned spins = 0;
  for (int64_t i = 0; i < packets && !failed; i++) {
    if (payload >= 8) {
      put_u64(message, (uint64_t)i);
    }
    int rc;
    int asked = 0;
    while ((rc = ring_write(&s, TYPE_INBAND, 0, (uint64_t)i, message, payload)) == FULL) {
      if (!asked) {
        asked = 1;
        if (request_space(&s, total)) {
          continue;
        }
      }
      if (__atomic_load_n(&st.failed, __ATOMIC_ACQUIRE)) {
        break;
      }
      idle(&spins);
    }
    if (asked) {
      clear_space_request(&s);
    }
    failed = rc != WRITTEN && rc != WRITTEN_SIGNAL;
  }
  if (failed) {
    __atomic_store_n(&st.stop, 1, __ATOMIC_RELEASE);
  }
  pthread_join(consumer, NULL);
  free(st.ring);
  free(message);
  return failed || st.failed ? -1 : st.sum;
}

/* ---- request / completion ping-pong ------------------------------------------------------------ */

struct pingpong {
  uint8_t *requests;  /* client produces, server consumes */
  uint8_t *responses; /* server produces, client consumes */
  uint32_t dsize;
  struct side client_out, client_in;
  uint8_t *client_copy;
  uint64_t next_id;
  pthread_t server;
  int stop;
  int failed;
};

/* The server answers every request at once with an 8-byte completion echoing its transaction id. */
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
  store_seq_cst(pp->requests, INTERRUPT_MASK, 1);
  unsigned spins = 0;
  while (!__atomic_load_n(&pp->stop, __ATOMIC_ACQUIRE)) {
    int rc = ring_read(&in, copy, pp->dsize, &p);
    if (rc == EMPTY) {
      idle(&spins);
      continue;
    }
    if (rc != PACKET) {
      __atomic_store_n(&pp->failed, 1, __ATOMIC_RELEASE);
      break;
    }
    ring_commit(&in);
    while (ring_write(&out, TYPE_COMPLETION, 0, p.trans_id, status, sizeof status) == FULL) {
      idle(&spins);
    }
  }
  free(copy);
  return NULL;
}

/* Starts a polling server over a pair of rings with data areas of dsize bytes; NULL on failure. */
struct pingpong *vmbr_pingpong_start(uint32_t dsize) {
  struct pingpong *pp = calloc(1, sizeof *pp);
  if (pp == NULL) {
    return NULL;
  }
  pp->dsize = dsize;
  pp->requests = ring_allocate(dsize);
  pp->responses = ring_allocate(dsize);
  pp->client_copy = malloc(dsize);
  if (pp->requests == NULL || pp->responses == NULL || pp->client_copy == NULL) {
    goto fail;
  }
  producer_init(&pp->client_out, pp->requests, dsize);
  consumer_init(&pp->client_in, pp->responses, dsize);
  store_seq_cst(pp->responses, INTERRUPT_MASK, 1);
  pp->next_id = 1; /* 0 is never a completion-requested id (section 2.6) */
  if (pthread_create(&pp->server, NULL, pingpong_server, pp) != 0) {
    goto fail;
  }
  return pp;
fail:
  free(pp->requests);
  free(pp->responses);
  free(pp->client_copy);
  free(pp);
  return NULL;
}

/*
 * One round trip from the calling thread: a request of payload bytes with COMPLETION_REQUESTED,
 * then polls for its completion. Returns the completion's transaction id, or -1 on failure.
 */
int64_t vmbr_pingpong_call(struct pingpong *pp, const uint8_t *payload, uint32_t length) {
  uint64_t id = pp->next_id++;
  int rc;
  unsigned spins = 0;
  while ((rc = ring_write(&pp->client_out, TYPE_INBAND, FLAG_COMPLETION_REQUESTED, id, payload,
                          length)) == FULL) {
    idle(&spins);
  }
  if (rc != WRITTEN && rc != WRITTEN_SIGNAL) {
    return -1;
  }
  struct packet_info p;
  while ((rc = ring_read(&pp->client_in, pp->client_copy, pp->dsize, &p)) == EMPTY) {
    if (__atomic_load_n(&pp->failed, __ATOMIC_ACQUIRE)) {
      return -1;
    }
    idle(&spins);
  }
  ring_commit(&pp->client_in);
  return rc == PACKET && p.type == TYPE_COMPLETION ? (int64_t)p.trans_id : -1;
}

void vmbr_pingpong_stop(struct pingpong *pp) {
  __atomic_store_n(&pp->stop, 1, __ATOMIC_RELEASE);
  pthread_join(pp->server, NULL);
  free(pp->requests);
  free(pp->responses);
  free(pp->client_copy);
  free(pp);
}
