package dev.vmbkmcl.benchmarks;

import java.nio.ByteBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * The Agrona round trip: a request ring and a response ring, a server thread that polls the first
 * and answers every message at once on the second, and a caller that polls for its answer; both wait
 * with {@link Idle}.
 */
final class AgronaPingPong implements Runnable {
  private final OneToOneRingBuffer requests;
  private final OneToOneRingBuffer responses;
  private final UnsafeBuffer request;
  private final UnsafeBuffer reply;
  private final int requestBytes;
  private final int replyBytes;
  private final Thread server;
  private volatile boolean running = true;
  private long answered;
  private final Idle callerIdle = new Idle();
  private final Idle serverIdle = new Idle();
  private final MessageHandler serverHandler = (type, buffer, index, length) -> answer();
  private final MessageHandler callerHandler = (type, buffer, index, length) -> answered++;

  private AgronaPingPong(int capacity, int requestBytes, int replyBytes) {
    this.requests = ring(capacity);
    this.responses = ring(capacity);
    this.request = new UnsafeBuffer(PayloadSink.message(requestBytes));
    this.reply = new UnsafeBuffer(PayloadSink.message(replyBytes));
    this.requestBytes = requestBytes;
    this.replyBytes = replyBytes;
    this.server = new Thread(this, "agrona-server");
    server.setDaemon(true);
  }

  /** Starts a server over two rings of {@code capacity} bytes (a power of two). */
  static AgronaPingPong start(int capacity, int requestBytes, int replyBytes) {
    AgronaPingPong p = new AgronaPingPong(capacity, requestBytes, replyBytes);
    p.server.start();
    return p;
  }

  private static OneToOneRingBuffer ring(int capacity) {
    return new OneToOneRingBuffer(new UnsafeBuffer(
        ByteBuffer.allocateDirect(capacity + RingBufferDescriptor.TRAILER_LENGTH)));
  }

  @Override
  public void run() {
    Idle idle = new Idle();
    while (running) {
      if (requests.read(serverHandler) == 0) {
        idle.idle();
      }
    }
  }

  private void answer() {
    while (!responses.write(AgronaDrain.MESSAGE_TYPE, reply, 0, replyBytes)) {
      serverIdle.idle();
    }
  }

  /** One request and its answer, from the calling thread; returns the answers received so far. */
  long call() {
    while (!requests.write(AgronaDrain.MESSAGE_TYPE, request, 0, requestBytes)) {
      callerIdle.idle();
    }
    long before = answered;
    while (answered == before) {
      if (responses.read(callerHandler) == 0) {
        callerIdle.idle();
      }
    }
    return answered;
  }

  /** Stops the server thread. */
  void stop() throws InterruptedException {
    running = false;
    server.join();
  }
}
