package io.polyshop.audit.internal;

import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.polyshop.audit.AuditReport;
import tools.jackson.databind.json.JsonMapper;

/** Finished audit reports, as JSON in PostgreSQL: the console of any instance shows the last one. */
@Component
public class AuditReports {

	private static final int KEEP = 100;

	private final JdbcClient jdbc;
	private final JsonMapper json;

	AuditReports(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	public void save(AuditReport report) {
		jdbc.sql("INSERT INTO audit_report (id, started_at, finished_at, report) VALUES (?, ?, ?, ?::jsonb)")
				.params(UUID.fromString(report.id()), Timestamp.from(report.startedAt()), Timestamp.from(report.finishedAt()),
						json.writeValueAsString(report))
				.update();
		jdbc.sql("DELETE FROM audit_report WHERE id NOT IN (SELECT id FROM audit_report ORDER BY finished_at DESC LIMIT ?)")
				.param(KEEP).update();
	}

	public Optional<AuditReport> find(String id) {
		UUID uuid;
		try {
			uuid = UUID.fromString(id);
		}
		catch (IllegalArgumentException notAnId) {
			return Optional.empty();
		}
		return jdbc.sql("SELECT report::text FROM audit_report WHERE id = ?").param(uuid).query(String.class).optional()
				.map(text -> json.readValue(text, AuditReport.class));
	}

	public Optional<AuditReport> last() {
		return jdbc.sql("SELECT report::text FROM audit_report ORDER BY finished_at DESC LIMIT 1").query(String.class)
				.optional().map(text -> json.readValue(text, AuditReport.class));
	}

	/** Claims tonight's scheduled run for this instance: true for exactly one instance of the cluster per day. */
	public boolean claimNightly(java.time.LocalDate day) {
		return jdbc.sql("INSERT INTO audit_nightly (day) VALUES (?) ON CONFLICT DO NOTHING").param(day).update() == 1;
	}
}
