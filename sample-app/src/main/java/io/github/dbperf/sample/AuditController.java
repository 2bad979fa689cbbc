package io.github.dbperf.sample;

import java.util.List;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * An audit log of 100,000 events, filtered on a column with no index: the statement whose
 * plan ({@code /actuator/slowqueries/{id}/plan}) suggests the index that makes it fast.
 * Seeded with one {@code INSERT ... SELECT} ({@code generate_series} on PostgreSQL,
 * {@code system_range} on H2).
 *
 * @author dbperf
 * @since 0.2.0
 */
@RestController
class AuditController implements ApplicationRunner {

	static final int EVENTS = 100_000;

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	AuditController(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	@Override
	public void run(ApplicationArguments args) {
		boolean postgres = Boolean.TRUE
			.equals(this.template.execute((ConnectionCallback<Boolean>) (connection) -> "PostgreSQL"
				.equals(connection.getMetaData().getDatabaseProductName())));
		this.jdbc.sql("drop table if exists audit_event").update();
		this.jdbc
			.sql("create table audit_event (id bigint primary key, actor varchar(40) not null, "
					+ "action varchar(20) not null)")
			.update();
		// H2's system_range names its column x
		String rows = postgres ? "generate_series(1, " + EVENTS + ") g" : "system_range(1, " + EVENTS + ")";
		String g = postgres ? "g" : "x";
		this.jdbc
			.sql("insert into audit_event (id, actor, action) select " + g + ", 'user' || (" + g + " % 5000), "
					+ "case when " + g + " % 3 = 0 then 'login' else 'view' end from " + rows)
			.update();
		if (postgres) {
			this.jdbc.sql("analyze audit_event").update();
		}
	}

	@GetMapping("/audit")
	List<AuditEvent> audit(@RequestParam String actor) {
		return this.jdbc.sql("select id, actor, action from audit_event where actor = ? order by id")
			.param(actor)
			.query(AuditEvent.class)
			.list();
	}

	record AuditEvent(long id, String actor, String action) {

	}

}
