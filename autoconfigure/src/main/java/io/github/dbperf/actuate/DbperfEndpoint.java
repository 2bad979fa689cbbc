package io.github.dbperf.actuate;

import java.util.List;

import io.github.dbperf.pool.DataAccessReport;
import io.github.dbperf.pool.Finding;
import io.github.dbperf.pool.PoolReport;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@link Endpoint @Endpoint} that shows each DataSource's effective pool settings with
 * their sources, the live pool state, who held connections when callers starved, and the
 * advisor's findings.
 *
 * @author dbperf
 * @since 0.1.0
 */
@Endpoint(id = "dbperf")
public class DbperfEndpoint {

	private final DataAccessReport report;

	/**
	 * Create a new endpoint.
	 * @param report the advisor's report
	 */
	public DbperfEndpoint(DataAccessReport report) {
		this.report = report;
	}

	@ReadOperation
	public DbperfDescriptor dbperf() {
		return new DbperfDescriptor(this.report.pools(), this.report.findings());
	}

	/**
	 * The endpoint's response.
	 *
	 * @param pools one entry per DataSource
	 * @param findings what will hurt, most severe first
	 */
	public record DbperfDescriptor(List<PoolReport> pools, List<Finding> findings) implements OperationResponseBody {

	}

}
