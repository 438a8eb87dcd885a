package dev.knowledgecard.infra.synth;

import com.pulumi.deployment.internal.Runner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Stops the SDK's task runner from busy-waiting. What follows is read from pulumi-java 1.36.1
 * ({@code com.pulumi.deployment.internal.DeploymentImpl$DefaultRunner}, {@code javap -c -p}): while
 * a program runs, {@code loopUntilDone} calls {@code checkForTasks} and, while tasks remain,
 * schedules itself again with {@code runAsync}, never pausing. Each {@code checkForTasks} with
 * tasks in flight formats the whole {@code inFlightTasks} map ("Remaining tasks [%s]: %s") and each
 * pending task ("Tasks not done: %s") into FINEST messages with {@code String.format}, whether or
 * not that level is logged. With the hundreds of outputs a stack holds in flight, that loop took
 * most of the synth's CPU on a 2-core machine, away from the program itself. The runner's task map
 * is swapped for one that prints its size only and makes each {@code isEmpty} of a non-empty map
 * wait a millisecond. If a later SDK renames the field, nothing is swapped and the synth is merely
 * slower ({@code QuietRunnerTest} then fails).
 */
final class QuietRunner {
  private static final String TASKS_FIELD = "inFlightTasks";
  private static final long POLL_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private QuietRunner() {}

  /** Whether the runner's task map could be replaced. */
  static boolean install(Runner runner) {
    try {
      var field = runner.getClass().getDeclaredField(TASKS_FIELD);
      field.setAccessible(true);
      if (!(field.get(runner) instanceof ConcurrentHashMap<?, ?> tasks) || !tasks.isEmpty()) {
        return false;
      }
      field.set(runner, new PacedTaskMap<>());
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  /**
   * The runner's task map. In 1.36.1 {@code DefaultRunner.checkForTasks} calls {@link #isEmpty}
   * twice per pass, at entry and for its return value, so a pass with tasks in flight pauses about
   * two milliseconds; that paces the loop. Its text is its size, so the runner's log line costs
   * nothing to build.
   */
  static final class PacedTaskMap<K, V> extends ConcurrentHashMap<K, V> {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean isEmpty() {
      if (super.isEmpty()) {
        return true;
      }
      LockSupport.parkNanos(POLL_PAUSE_NANOS);
      return false;
    }

    @Override
    public String toString() {
      return size() + " tasks";
    }
  }
}
