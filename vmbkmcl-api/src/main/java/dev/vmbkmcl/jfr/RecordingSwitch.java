package dev.vmbkmcl.jfr;

import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;

/**
 * Whether any JFR recording runs, kept by a recorder listener, so that an observer with no
 * recording to feed returns at one field test instead of creating an event.
 */
final class RecordingSwitch {
  private static volatile boolean running;

  private RecordingSwitch() {}

  static {
    FlightRecorder.addListener(new FlightRecorderListener() {
      @Override
      public void recorderInitialized(FlightRecorder recorder) {
        update(recorder);
      }

      @Override
      public void recordingStateChanged(Recording recording) {
        if (FlightRecorder.isInitialized()) {
          update(FlightRecorder.getFlightRecorder());
        }
      }
    });
  }

  private static void update(FlightRecorder recorder) {
    boolean any = false;
    for (Recording r : recorder.getRecordings()) {
      any |= r.getState() == RecordingState.RUNNING;
    }
    running = any;
  }

  /** True while some recording runs (events may be wanted). */
  static boolean running() {
    return running;
  }
}
