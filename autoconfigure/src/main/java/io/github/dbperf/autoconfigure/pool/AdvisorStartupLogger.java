package io.github.dbperf.autoconfigure.pool;

import io.github.dbperf.advisor.DataAccessReport;
import io.github.dbperf.advisor.Finding;
import io.github.dbperf.context.DbperfFailures;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Logs the advisor's findings once the application is ready, one line each.
 *
 * @author dbperf
 * @since 0.1.0
 */
class AdvisorStartupLogger implements ApplicationListener<ApplicationReadyEvent> {

	private static final Log logger = LogFactory.getLog(AdvisorStartupLogger.class);

	private final ObjectProvider<DataAccessReport> report;

	AdvisorStartupLogger(ObjectProvider<DataAccessReport> report) {
		this.report = report;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		DataAccessReport dataAccessReport = this.report.getIfAvailable();
		if (dataAccessReport == null) {
			return;
		}
		try {
			for (Finding finding : dataAccessReport.findings()) {
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
