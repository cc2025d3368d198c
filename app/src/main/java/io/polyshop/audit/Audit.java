package io.polyshop.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.polyshop.audit.internal.AuditReports;

/**
 * Runs every {@link AuditCheck} in turn and keeps the report. One run at a time per instance (a second request
 * while one runs gets the running one); finished reports are kept in PostgreSQL, so any instance's console shows
 * the last one. Metrics per invariant (the last finished run): {@code polyshop.audit.drifted},
 * {@code polyshop.audit.repaired}, {@code polyshop.audit.checked}.
 */
@Service
public class Audit implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(Audit.class);

	private final List<AuditCheck> checks;
	private final AuditReports reports;
	private final MeterRegistry meters;
	private final Clock clock;
	private final int batchSize;
	private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> new Thread(r, "audit"));
	private final AtomicReference<Running> running = new AtomicReference<>();
	private final Map<String, Map<String, AtomicLong>> lastFigures = new ConcurrentHashMap<>();

	Audit(List<AuditCheck> checks, AuditReports reports, MeterRegistry meters, Clock clock,
			@Value("${polyshop.audit.batch-size:500}") int batchSize) {
		this.checks = List.copyOf(checks);
		this.reports = reports;
		this.meters = meters;
		this.clock = clock;
		this.batchSize = batchSize;
	}

	/** The invariants this application checks, in order. */
	public List<String> invariants() {
		return checks.stream().map(AuditCheck::invariant).toList();
	}

	/** Starts a run in the background (or answers the one already running here). */
	public AuditReport start(String trigger, boolean repair) {
		Running run = new Running(UUID.randomUUID().toString(), trigger, repair, clock.instant());
		if (!running.compareAndSet(null, run)) {
			return running.get().report(clock.instant(), "RUNNING");
		}
		runner.execute(() -> execute(run));
		return run.report(null, "RUNNING");
	}

	/** Runs the whole audit in the caller's thread (CLI, nightly, tests). */
	public AuditReport run(String trigger, boolean repair) {
		Running run = new Running(UUID.randomUUID().toString(), trigger, repair, clock.instant());
		while (!running.compareAndSet(null, run)) {
			try {
				Thread.sleep(200); // wait for this instance's run in progress: two runs would repair the same drift twice
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for the running audit", e);
			}
		}
		return execute(run);
	}

	public Optional<AuditReport> find(String id) {
		Running current = running.get();
		if (current != null && current.id.equals(id)) {
			return Optional.of(current.report(null, "RUNNING"));
		}
		return reports.find(id);
	}

	/** The run in progress on this instance, else the last finished one (any instance). */
	public Optional<AuditReport> last() {
		Running current = running.get();
		return current != null ? Optional.of(current.report(null, "RUNNING")) : reports.last();
	}

	private AuditReport execute(Running run) {
		try {
			log.info("Audit {} started ({}, {})", run.id, run.trigger, run.repair ? "repairing" : "report only");
			boolean failed = false;
			for (AuditCheck check : checks) {
				AuditTally tally = new AuditTally(check.invariant(), run.repair, batchSize);
				run.current.set(new Current(check, tally));
				String error = null;
				try {
					check.run(tally);
				}
				catch (RuntimeException e) {
					failed = true;
					error = e.toString();
					log.warn("Audit {}: {} stopped: {}", run.id, check.invariant(), e.toString());
				}
				InvariantReport report = tally.report(check.description(), error);
				run.done.add(report);
				log.info("Audit {}: {}: {} checked, {} drifted, {} repaired{}", run.id, report.invariant(), report.checked(),
						report.drifted(), report.repaired(), report.samples().isEmpty() ? "" : " e.g. " + report.samples());
				publish(report);
			}
			run.current.set(null);
			AuditReport report = run.report(clock.instant(), failed ? "FAILED" : "DONE");
			reports.save(report);
			log.info("Audit {} finished: {} drifted, {} repaired", run.id, report.drifted(), report.repaired());
			return report;
		}
		finally {
			running.set(null);
		}
	}

	private void publish(InvariantReport report) {
		Map<String, AtomicLong> figures = lastFigures.computeIfAbsent(report.invariant(), invariant -> {
			Map<String, AtomicLong> values = new ConcurrentHashMap<>();
			for (String figure : List.of("checked", "drifted", "repaired")) {
				AtomicLong value = new AtomicLong();
				values.put(figure, value);
				Gauge.builder("polyshop.audit." + figure, value, AtomicLong::get).tag("invariant", invariant)
						.description("Items " + figure + " by the last audit run, per invariant").register(meters);
			}
			return values;
		});
		figures.get("checked").set(report.checked());
		figures.get("drifted").set(report.drifted());
		figures.get("repaired").set(report.repaired());
	}

	@Override
	public void destroy() {
		runner.shutdownNow();
	}

	private record Current(AuditCheck check, AuditTally tally) {
	}

	private static final class Running {

		final String id;
		final String trigger;
		final boolean repair;
		final Instant startedAt;
		final List<InvariantReport> done = new java.util.concurrent.CopyOnWriteArrayList<>();
		final AtomicReference<Current> current = new AtomicReference<>();

		Running(String id, String trigger, boolean repair, Instant startedAt) {
			this.id = id;
			this.trigger = trigger;
			this.repair = repair;
			this.startedAt = startedAt;
		}

		AuditReport report(Instant finishedAt, String status) {
			Current now = current.get();
			List<InvariantReport> invariants = new ArrayList<>(done);
			return new AuditReport(id, status, repair, trigger, startedAt, finishedAt,
					now == null ? null : now.check().invariant(), now == null ? 0 : now.tally().checkedSoFar(), invariants);
		}
	}
}
