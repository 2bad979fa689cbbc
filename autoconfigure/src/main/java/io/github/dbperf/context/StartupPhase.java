package io.github.dbperf.context;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether the application is still starting: creating its beans, running its schema
 * scripts, migrations and runners. Statements executed meanwhile are marked as startup
 * statements, so DDL and seeding can be told apart from the application's own work. One
 * phase per application context; it starts when created and is {@link #end() ended} once,
 * when the application is ready.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class StartupPhase {

	private static final StartupPhase ENDED = ended();

	private volatile boolean starting = true;

	private final List<Runnable> endActions = new ArrayList<>();

	/**
	 * Return a phase that has already ended, for capture without startup marking.
	 * @return the phase
	 */
	public static StartupPhase none() {
		return ENDED;
	}

	private static StartupPhase ended() {
		StartupPhase phase = new StartupPhase();
		phase.starting = false;
		return phase;
	}

	/**
	 * Return whether the application is still starting. A single volatile read.
	 * @return whether statements now are startup statements
	 */
	public boolean isStarting() {
		return this.starting;
	}

	/**
	 * Run an action when the phase ends, such as logging a summary; at once if it has
	 * ended.
	 * @param action the action
	 */
	public void whenEnded(Runnable action) {
		synchronized (this.endActions) {
			if (this.starting) {
				this.endActions.add(action);
				return;
			}
		}
		run(action);
	}

	/**
	 * End the phase and run the registered actions. Later calls do nothing.
	 */
	public void end() {
		List<Runnable> actions;
		synchronized (this.endActions) {
			if (!this.starting) {
				return;
			}
			this.starting = false;
			actions = List.copyOf(this.endActions);
			this.endActions.clear();
		}
		actions.forEach(StartupPhase::run);
	}

	private static void run(Runnable action) {
		try {
			action.run();
		}
		catch (RuntimeException ex) {
			DbperfFailures.swallow("startup end", ex);
		}
	}

}
