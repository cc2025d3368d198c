package io.polyshop.audit.internal;

import java.time.Clock;
import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.polyshop.audit.Audit;

/**
 * The nightly audit, once per cluster: every instance wakes up, the one that claims the night in PostgreSQL
 * runs it (a claim is one INSERT on the night's date; the others see the conflict and go back to sleep).
 */
@Component
class NightlyAudit {

	private static final Logger log = LoggerFactory.getLogger(NightlyAudit.class);

	private final Audit audit;
	private final AuditReports reports;
	private final Clock clock;

	NightlyAudit(Audit audit, AuditReports reports, Clock clock) {
		this.audit = audit;
		this.reports = reports;
		this.clock = clock;
	}

	@Scheduled(cron = "${polyshop.audit.cron:0 30 3 * * *}")
	void nightly() {
		try {
			if (reports.claimNightly(LocalDate.now(clock))) {
				audit.run("nightly", true);
			}
		}
		catch (RuntimeException e) { // a store is down tonight: tomorrow's run catches up
			log.warn("Nightly audit did not run: {}", e.toString());
		}
	}
}
