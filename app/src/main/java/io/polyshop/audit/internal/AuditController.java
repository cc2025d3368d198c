package io.polyshop.audit.internal;

import java.net.URI;
import java.time.Duration;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.polyshop.audit.Audit;
import io.polyshop.audit.AuditReport;
import io.polyshop.shared.Refusal;
import io.polyshop.shared.Refusal.Reason;

/**
 * {@code POST /api/admin/audit} runs the audit: the report (200) if it finishes within {@code wait} (default 20 s),
 * else 202 with the run's status URL, which answers the report as it grows and when done.
 * {@code GET /api/admin/audit} answers the last report (the console shows it).
 */
@RestController
class AuditController {

	private static final Duration MAX_WAIT = Duration.ofMinutes(1);

	private final Audit audit;

	AuditController(Audit audit) {
		this.audit = audit;
	}

	@PostMapping("/api/admin/audit")
	ResponseEntity<AuditReport> run(@RequestParam(defaultValue = "true") boolean repair,
			@RequestParam(defaultValue = "PT20S") Duration wait) throws InterruptedException {
		if (wait.isNegative() || wait.compareTo(MAX_WAIT) > 0) {
			throw new Refusal(Reason.INVALID, "Invalid wait", "wait must be between PT0S and " + MAX_WAIT + ".");
		}
		AuditReport started = audit.start("api", repair);
		long deadline = System.nanoTime() + wait.toNanos();
		AuditReport report = started;
		while (report.running() && System.nanoTime() < deadline) {
			Thread.sleep(100);
			report = audit.find(started.id()).orElse(report);
		}
		if (report.running()) {
			return ResponseEntity.accepted().location(URI.create("/api/admin/audit/runs/" + report.id())).body(report);
		}
		return ResponseEntity.ok(report);
	}

	@GetMapping("/api/admin/audit/runs/{id}")
	AuditReport run(@PathVariable String id) {
		return audit.find(id).orElseThrow(() -> new Refusal(Reason.NOT_FOUND, "No such audit run", "No audit run " + id + "."));
	}

	@GetMapping("/api/admin/audit")
	AuditReport last() {
		return audit.last().orElseThrow(() -> new Refusal(Reason.NOT_FOUND, "No audit yet", "The audit has not run yet."));
	}
}
