package io.github.dbperf.autoconfigure;

import io.github.dbperf.context.StartupPhase;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.SmartApplicationListener;

/**
 * Ends the {@link StartupPhase} when the application is ready: at
 * {@link ApplicationReadyEvent}, after the runners, for a {@code SpringApplication}; at
 * the end of the refresh for a context started without one, which runs no runners and
 * publishes no ready event.
 *
 * @author dbperf
 * @since 0.1.0
 */
class StartupPhaseListener implements SmartApplicationListener, ApplicationContextAware {

	private final ObjectProvider<StartupPhase> phase;

	private @Nullable ApplicationContext context;

	StartupPhaseListener(ObjectProvider<StartupPhase> phase) {
		this.phase = phase;
	}

	@Override
	public void setApplicationContext(ApplicationContext context) {
		this.context = context;
	}

	@Override
	public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
		return ApplicationReadyEvent.class.isAssignableFrom(eventType)
				|| ContextRefreshedEvent.class.isAssignableFrom(eventType);
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		ApplicationContext source = (event instanceof ApplicationReadyEvent ready) ? ready.getApplicationContext()
				: ((ContextRefreshedEvent) event).getApplicationContext();
		// Child contexts (such as the management server's) publish to their parents too
		if (source != this.context) {
			return;
		}
		if (event instanceof ApplicationReadyEvent || !startedBySpringApplication(source)) {
			this.phase.ifAvailable(StartupPhase::end);
		}
	}

	private static boolean startedBySpringApplication(ApplicationContext context) {
		return context.getBeanNamesForType(ApplicationArguments.class, false, false).length > 0;
	}

}
