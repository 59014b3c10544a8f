package dev.vmbkmcl.benchmarks;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;

/**
 * The Agrona stream: {@link #send} on the producing thread and a consumer thread that reads every
 * message, both under one {@link WakeUp} policy and the consumer doing {@link ConsumerWork}.
 * Polling ends wait with {@link Idle}; parking ends with a {@link ParkingBell} each way (data for
 * the consumer, space for a producer facing a full ring).
 */
final class AgronaDrain implements Runnable {
  /** Agrona message types must be positive. */
  static final int MESSAGE_TYPE = 1;

  private final OneToOneRingBuffer ring;
  private final WakeUp wake;
  private final PayloadSink sink = new PayloadSink();
  private final UnsafeBuffer copy;
  private final MessageHandler handler;
  private final ParkingBell data = new ParkingBell();
  private final ParkingBell space = new ParkingBell();
  private final Idle producerIdle = new Idle();
  private final Thread thread;
  private volatile boolean running = true;

  private AgronaDrain(OneToOneRingBuffer ring, WakeUp wake, ConsumerWork work, int maxPayload) {
    this.ring = ring;
    this.wake = wake;
    this.copy = new UnsafeBuffer(new byte[Math.max(1, maxPayload)]);
    this.handler = work == ConsumerWork.COPY ? this::copyOut : this::inPlace;
    this.thread = new Thread(this, "agrona-drain");
    thread.setDaemon(true);
  }

  /** Starts the consumer of {@code ring}; messages are at most {@code maxPayload} bytes. */
  static AgronaDrain start(OneToOneRingBuffer ring, WakeUp wake, ConsumerWork work,
      int maxPayload) {
    AgronaDrain d = new AgronaDrain(ring, wake, work, maxPayload);
    d.thread.start();
    return d;
  }

  private void copyOut(int type, DirectBuffer buffer, int index, int length) {
    copy.putBytes(0, buffer, index, length);
    sink.consume(copy, 0, length);
  }

  private void inPlace(int type, DirectBuffer buffer, int index, int length) {
    sink.consume(buffer, index, length);
  }

  /** Writes one message from the producing thread, waiting under the policy while the ring is full. */
  void send(DirectBuffer message, int length) {
    while (!ring.write(MESSAGE_TYPE, message, 0, length)) {
      if (wake == WakeUp.PARK) {
        space.prepare();
        if (!ring.write(MESSAGE_TYPE, message, 0, length)) {
          space.sleep();
          space.finish();
          continue;
        }
        space.finish();
        break;
      }
      producerIdle.idle();
    }
    if (wake == WakeUp.PARK) {
      data.ring();
    }
  }

  @Override
  public void run() {
    Idle idle = new Idle();
    while (running) {
      if (ring.read(handler) > 0) {
        if (wake == WakeUp.PARK) {
          space.ring();
        }
      } else if (wake == WakeUp.PARK) {
        data.prepare();
        if (ring.read(handler) == 0 && running) {
          data.sleep();
        } else {
          space.ring();
        }
        data.finish();
      } else {
        idle.idle();
      }
    }
  }

  /** Stops the thread and checks that it received something. */
  void stop() throws InterruptedException {
    running = false;
    data.ring();
    thread.join();
    sink.requireSeen("the Agrona consumer");
  }
}
