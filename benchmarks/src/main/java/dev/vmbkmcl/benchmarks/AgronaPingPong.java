package dev.vmbkmcl.benchmarks;

import java.nio.ByteBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * The Agrona round trip: a request ring and a response ring, a server thread that reads each
 * request (copying it out, as the SDK's server endpoint receives a copy) and answers at once on the
 * second, and a caller that waits for its answer. Under {@link WakeUp#BUSY_POLL} both ends poll
 * with {@link Idle}; under {@link WakeUp#PARK} both park on a {@link ParkingBell} and are unparked
 * by the other end's publication, as the SDK's PARK channels are by their doorbells.
 */
final class AgronaPingPong implements Runnable {
  private final OneToOneRingBuffer requests;
  private final OneToOneRingBuffer responses;
  private final UnsafeBuffer request;
  private final UnsafeBuffer reply;
  private final UnsafeBuffer copy;
  private final int requestBytes;
  private final int replyBytes;
  private final WakeUp wake;
  private final ParkingBell requestBell = new ParkingBell();
  private final ParkingBell responseBell = new ParkingBell();
  private final Thread server;
  private volatile boolean running = true;
  private long answered;
  private final Idle callerIdle = new Idle();
  private final Idle serverIdle = new Idle();
  private final MessageHandler serverHandler;
  private final MessageHandler callerHandler = (type, buffer, index, length) -> answered++;

  private AgronaPingPong(int capacity, int requestBytes, int replyBytes, WakeUp wake) {
    this.requests = ring(capacity);
    this.responses = ring(capacity);
    this.request = new UnsafeBuffer(PayloadSink.message(requestBytes));
    this.reply = new UnsafeBuffer(PayloadSink.message(replyBytes));
    this.copy = new UnsafeBuffer(new byte[requestBytes]);
    this.serverHandler = (type, buffer, index, length) -> {
      copy.putBytes(0, buffer, index, length);
      answer();
    };
    this.requestBytes = requestBytes;
    this.replyBytes = replyBytes;
    this.wake = wake;
    this.server = new Thread(this, "agrona-server");
    server.setDaemon(true);
  }

  /** Starts a server over two rings of {@code capacity} bytes (a power of two). */
  static AgronaPingPong start(int capacity, int requestBytes, int replyBytes, WakeUp wake) {
    AgronaPingPong p = new AgronaPingPong(capacity, requestBytes, replyBytes, wake);
    p.server.start();
    return p;
  }

  private static OneToOneRingBuffer ring(int capacity) {
    return new OneToOneRingBuffer(new UnsafeBuffer(
        ByteBuffer.allocateDirect(capacity + RingBufferDescriptor.TRAILER_LENGTH)));
  }

  @Override
  public void run() {
    while (running) {
      if (requests.read(serverHandler) > 0) {
        continue;
      }
      if (wake == WakeUp.PARK) {
        requestBell.prepare();
        if (requests.read(serverHandler) == 0 && running) {
          requestBell.sleep();
        }
        requestBell.finish();
      } else {
        serverIdle.idle();
      }
    }
  }

  private void answer() {
    // One request is outstanding at a time, so the response ring is never full for long.
    while (!responses.write(AgronaDrain.MESSAGE_TYPE, reply, 0, replyBytes)) {
      serverIdle.idle();
    }
    if (wake == WakeUp.PARK) {
      responseBell.ring();
    }
  }

  /** One request and its answer, from the calling thread; returns the answers received so far. */
  long call() {
    while (!requests.write(AgronaDrain.MESSAGE_TYPE, request, 0, requestBytes)) {
      callerIdle.idle();
    }
    if (wake == WakeUp.PARK) {
      requestBell.ring();
    }
    long before = answered;
    while (answered == before) {
      if (responses.read(callerHandler) > 0) {
        break;
      }
      if (wake == WakeUp.PARK) {
        responseBell.prepare();
        if (responses.read(callerHandler) == 0) {
          responseBell.sleep();
        }
        responseBell.finish();
      } else {
        callerIdle.idle();
      }
    }
    return answered;
  }

  /** Stops the server thread. */
  void stop() throws InterruptedException {
    running = false;
    requestBell.ring();
    server.join();
  }
}
