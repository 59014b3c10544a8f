package dev.vmbkmcl.sim.reliability;

import dev.vmbkmcl.NtStatus;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one channel of the soak sent, what its server received and how each send ended, keyed by a
 * sequence number carried in every request. From it the soak's invariants are read: a send the
 * engine reported as successful was received exactly once, nothing was received twice or without
 * being sent, every packet's completion routine ran exactly once, and every status is documented.
 */
final class SoakLedger {
  /** How a send was made, which decides the statuses it may end with. */
  enum Kind { ASYNC_WAIT, ASYNC_NO_WAIT, SYNC, SYNC_GPA_DIRECT, SYNC_NO_WAIT }

  private static final Set<NtStatus> ASYNC =
      Set.of(NtStatus.STATUS_SUCCESS, NtStatus.STATUS_CANCELLED);
  private static final Set<NtStatus> SYNC = Set.of(NtStatus.STATUS_SUCCESS,
      NtStatus.STATUS_CANCELLED, NtStatus.STATUS_DEVICE_REMOVED);
  private static final Set<NtStatus> SYNC_NO_WAIT = Set.of(NtStatus.STATUS_SUCCESS,
      NtStatus.STATUS_BUFFER_OVERFLOW, NtStatus.STATUS_DEVICE_REMOVED);

  private final int channel;
  private final AtomicLong nextSequence = new AtomicLong(1);
  private final Map<Long, Kind> sent = new ConcurrentHashMap<>();
  private final Map<Long, List<NtStatus>> outcomes = new ConcurrentHashMap<>();
  private final Map<Long, AtomicInteger> received = new ConcurrentHashMap<>();
  private final Set<Long> confirmed = ConcurrentHashMap.newKeySet();
  /** Zero-timeout requests answered STATUS_BUFFER_OVERFLOW: "not queued" (§1.8). */
  private final Set<Long> notQueued = ConcurrentHashMap.newKeySet();
  private final List<String> problems;

  SoakLedger(int channel, List<String> problems) {
    this.channel = channel;
    this.problems = problems;
  }

  /** A fresh sequence number for a send of {@code kind}. */
  long begin(Kind kind) {
    long seq = nextSequence.getAndIncrement();
    sent.put(seq, kind);
    outcomes.put(seq, new CopyOnWriteArrayList<>());
    return seq;
  }

  /** The send call itself failed before anything was queued: nothing more will happen. */
  void refused(long seq, NtStatus status) {
    problem("send " + seq + " (" + sent.get(seq) + ") refused with " + status);
  }

  /** How send {@code seq} ended; {@code echo} is the peer's reply for a confirmed one. */
  void ended(long seq, NtStatus status, boolean echoMatches) {
    Kind kind = sent.get(seq);
    List<NtStatus> list = outcomes.get(seq);
    if (kind == null || list == null) {
      problem("an outcome for " + seq + ", which was never sent");
      return;
    }
    list.add(status);
    Set<NtStatus> allowed = switch (kind) {
      case ASYNC_WAIT, ASYNC_NO_WAIT -> ASYNC;
      case SYNC, SYNC_GPA_DIRECT -> SYNC;
      case SYNC_NO_WAIT -> SYNC_NO_WAIT;
    };
    if (!allowed.contains(status)) {
      problem(kind + " " + seq + " ended with undocumented " + status);
    }
    if (kind == Kind.SYNC_NO_WAIT && status.equals(NtStatus.STATUS_BUFFER_OVERFLOW)) {
      notQueued.add(seq);
    }
    boolean answered = kind != Kind.ASYNC_NO_WAIT && kind != Kind.SYNC_NO_WAIT;
    if (answered && status.equals(NtStatus.STATUS_SUCCESS)) {
      confirmed.add(seq);
      if (!echoMatches) {
        problem(kind + " " + seq + " succeeded with someone else's answer");
      }
    }
  }

  /** The server received request {@code seq}. */
  void received(long seq) {
    if (!sent.containsKey(seq)) {
      problem("the server received " + seq + ", which was never sent");
    }
    received.computeIfAbsent(seq, k -> new AtomicInteger()).incrementAndGet();
  }

  /** Sends whose outcome has not arrived yet. */
  long unfinished() {
    return outcomes.values().stream().filter(List::isEmpty).count();
  }

  /** Checks the invariants once everything has finished; adds any breach to the problems. */
  void verify() {
    for (Map.Entry<Long, List<NtStatus>> e : outcomes.entrySet()) {
      if (e.getValue().size() != 1) {
        problem("send " + e.getKey() + " (" + sent.get(e.getKey()) + ") ended "
            + e.getValue().size() + " times: " + e.getValue());
      }
    }
    for (Map.Entry<Long, AtomicInteger> e : received.entrySet()) {
      if (e.getValue().get() != 1) {
        problem("request " + e.getKey() + " was received " + e.getValue().get() + " times");
      }
    }
    for (long seq : notQueued) {
      if (received.containsKey(seq)) {
        problem("request " + seq + " was refused as not queued but the server received it");
      }
    }
    for (long seq : confirmed) {
      if (!received.containsKey(seq)) {
        problem("request " + seq + " was reported delivered but the server never saw it");
      }
    }
  }

  long sentCount() {
    return sent.size();
  }

  long receivedCount() {
    return received.size();
  }

  long confirmedCount() {
    return confirmed.size();
  }

  private void problem(String what) {
    if (problems.size() < 100) {
      problems.add("channel " + channel + ": " + what);
    }
  }
}
