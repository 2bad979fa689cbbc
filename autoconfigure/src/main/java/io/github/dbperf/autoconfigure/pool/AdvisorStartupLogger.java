package io.github.dbperf.autoconfigure.pool;

import java.util.concurrent.atomic.AtomicBoolean;

import io.github.dbperf.advisor.DataAccessReport;
import io.github.dbperf.context.DbperfFailures;
import io.github.dbperf.rules.Finding;
import io.github.dbperf.rules.RuleSettings;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Logs the startup rules' findings (mapping and configuration) once the application is
 * ready, after the user's {@link RuleSettings}, one line each at the level of its
 * severity, naming its rule.
 *
 * @author dbperf
 * @since 0.1.0
 */
class AdvisorStartupLogger implements ApplicationListener<ApplicationReadyEvent> {

	private static final Log logger = LogFactory.getLog(AdvisorStartupLogger.class);

	private final ObjectProvider<DataAccessReport> report;

	private final ObjectProvider<RuleSettings> settings;

	private final AtomicBoolean logged = new AtomicBoolean();

	AdvisorStartupLogger(ObjectProvider<DataAccessReport> report, ObjectProvider<RuleSettings> settings) {
		this.report = report;
		this.settings = settings;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		DataAccessReport dataAccessReport = this.report.getIfAvailable();
		if (dataAccessReport == null || this.logged.getAndSet(true)) {
			return;
		}
		try {
			RuleSettings ruleSettings = this.settings.getIfAvailable(RuleSettings::defaults);
			for (Finding finding : ruleSettings.apply(dataAccessReport.findings())) {
				switch (finding.severity()) {
					case ERROR -> logger.error("dbperf advisor: " + finding);
					case WARN -> logger.warn("dbperf advisor: " + finding);
					default -> logger.info("dbperf advisor: " + finding);
				}
			}
		}
		catch (RuntimeException ex) {
			DbperfFailures.swallow("the advisor's startup report", ex);
		}
	}

}
