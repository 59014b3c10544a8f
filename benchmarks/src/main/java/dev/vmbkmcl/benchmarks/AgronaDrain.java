package dev.vmbkmcl.benchmarks;

import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;

/** The Agrona stream's consumer: a thread that polls one ring ({@link Idle}) and reads every message. */
final class AgronaDrain implements Runnable {
  /** Agrona message types must be positive. */
  static final int MESSAGE_TYPE = 1;

  private final OneToOneRingBuffer ring;
  private final PayloadSink sink = new PayloadSink();
  private final MessageHandler handler = (type, buffer, index, length) ->
      sink.consume(buffer, index, length);
  private final Thread thread;
  private volatile boolean running = true;

  private AgronaDrain(OneToOneRingBuffer ring) {
    this.ring = ring;
    this.thread = new Thread(this, "agrona-drain");
    thread.setDaemon(true);
  }

  static AgronaDrain start(OneToOneRingBuffer ring) {
    AgronaDrain d = new AgronaDrain(ring);
    d.thread.start();
    return d;
  }

  @Override
  public void run() {
    Idle idle = new Idle();
    while (running) {
      if (ring.read(handler) == 0) {
        idle.idle();
      }
    }
  }

  /** Stops the thread and checks that it received something. */
  void stop() throws InterruptedException {
    running = false;
    thread.join();
    sink.requireSeen("the Agrona consumer");
  }
}
