package io.polyshop;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.util.ClassUtils;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.polyshop.support.PolyshopHttp;
import io.polyshop.support.PolyshopInstance;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Each scheduled job runs once per schedule across the instances of one shop, not once per instance. Two instances
 * share every store (the first embedded on a data directory of its own, so no other test's schedules touch its lock
 * table; the second pointed at its engines by URL), every job scheduled each second on both. For every
 * {@code @Scheduled} job found in the application, the runs both instances count ({@code polyshop.jobs.runs}, taken
 * inside the cluster lock) during a window are summed: at most one per second plus one, and at least one every
 * two seconds (the job does run). Two jobs differ on purpose: the store heartbeat runs on every instance (it measures
 * that instance's own round trips), and the nightly audit wakes up on every instance but runs once per night, by a
 * claim in PostgreSQL, whatever the schedule.
 */
@Tag("integration")
class ScheduledJobsOnSeveralInstancesTests {

	private static final Logger log = LoggerFactory.getLogger(ScheduledJobsOnSeveralInstancesTests.class);

	private static final Duration INTERVAL = Duration.ofSeconds(1);
	private static final Duration WINDOW = Duration.ofSeconds(12);
	private static final String RUNS = "polyshop.jobs.runs";
	private static final Set<String> ON_EVERY_INSTANCE = Set.of("StoreHeartbeat.beat", "NightlyAudit.nightly");

	/** Every job, and the first rounds of those that wait long after start-up, once a second. */
	private static final String[] EVERY_SECOND = { "--polyshop.checkout.in-doubt-first-check=1s",
			"--polyshop.checkout.in-doubt-check-interval=1s", "--polyshop.checkout.idempotency-key-purge-first-run=1s",
			"--polyshop.checkout.idempotency-key-purge-interval=1s", "--polyshop.outbox.purge-first-run=1s",
			"--polyshop.outbox.purge-interval=1s", "--polyshop.outbox.resubmit-interval=1s",
			"--polyshop.catalog.drafts.cleanup-interval=1s", "--polyshop.social.schema-retry-interval=1s",
			"--polyshop.operations.heartbeat-interval=1s", "--polyshop.audit.cron=* * * * * *",
			"--polyshop.admin.email=" + PolyshopHttp.ADMIN_EMAIL, "--polyshop.admin.password=" + PolyshopHttp.ADMIN_PASSWORD };

	@TempDir
	Path firstDataDirectory;

	@TempDir
	Path secondDataDirectory;

	@Test
	void eachScheduledJobRunsOncePerScheduleAcrossTwoInstances() throws InterruptedException {
		try (ConfigurableApplicationContext first = PolyshopInstance.start(firstDataDirectory, EVERY_SECOND);
				ConfigurableApplicationContext second = PolyshopInstance.startOnStoresOf(first.getEnvironment(),
						secondDataDirectory, EVERY_SECOND)) {
			Set<String> jobs = scheduledJobs(first);
			assertThat(jobs).as("the jobs this test knows apart").containsAll(ON_EVERY_INSTANCE).hasSizeGreaterThan(ON_EVERY_INSTANCE.size());

			Map<String, Double> firstBefore = runs(first, jobs);
			Map<String, Double> secondBefore = runs(second, jobs);
			long started = System.nanoTime();
			Thread.sleep(WINDOW.toMillis());
			Map<String, Double> firstAfter = runs(first, jobs);
			Map<String, Double> secondAfter = runs(second, jobs);
			double seconds = (System.nanoTime() - started) / 1e9;
			double rounds = seconds / INTERVAL.toSeconds();

			Map<String, double[]> ran = new TreeMap<>(); // per job: runs on the first, on the second instance
			jobs.forEach(job -> ran.put(job, new double[] { firstAfter.get(job) - firstBefore.get(job),
					secondAfter.get(job) - secondBefore.get(job) }));
			Map<String, String> shown = new TreeMap<>();
			ran.forEach((job, counts) -> shown.put(job, "%.0f + %.0f".formatted(counts[0], counts[1])));
			String summary = "runs in %.1f s on the first + the second instance: %s".formatted(seconds, shown);
			log.info("Scheduled jobs, {}", summary);

			ran.forEach((job, counts) -> {
				if (ON_EVERY_INSTANCE.contains(job)) {
					assertThat(Math.min(counts[0], counts[1])).as(job + " wakes up on every instance; " + summary).isGreaterThanOrEqualTo(rounds / 2);
				}
				else {
					// a run holds the lock for an interval: run starts are an interval apart across the cluster
					assertThat(counts[0] + counts[1]).as(job + " runs once per second across both instances; " + summary)
							.isLessThanOrEqualTo(Math.floor(rounds) + 2).isGreaterThanOrEqualTo(rounds / 2);
				}
			});

			// the nightly audit: woken every second on both instances, it ran once (tonight's claim)
			JdbcTemplate postgres = first.getBean(JdbcTemplate.class);
			assertThat(postgres.queryForObject("SELECT count(*) FROM audit_nightly", Integer.class)).isEqualTo(1);
			assertThat(postgres.queryForObject("SELECT count(*) FROM audit_report WHERE report->>'trigger' = 'nightly'",
					Integer.class)).as("nightly audit reports").isEqualTo(1);
		}
	}

	/** The application's {@code @Scheduled} methods, named as their runs are counted. */
	private static Set<String> scheduledJobs(ConfigurableApplicationContext context) {
		Set<String> jobs = new TreeSet<>();
		for (String bean : context.getBeanDefinitionNames()) {
			Class<?> type = context.getType(bean);
			if (type == null || !type.getName().startsWith("io.polyshop.")) {
				continue;
			}
			for (Method method : ClassUtils.getUserClass(type).getDeclaredMethods()) {
				if (method.isAnnotationPresent(Scheduled.class)) {
					SchedulerLock lock = method.getAnnotation(SchedulerLock.class);
					jobs.add(lock != null ? lock.name() : method.getDeclaringClass().getSimpleName() + "." + method.getName());
				}
			}
		}
		return jobs;
	}

	private static Map<String, Double> runs(ConfigurableApplicationContext instance, Set<String> jobs) {
		MeterRegistry meters = instance.getBean(MeterRegistry.class);
		Map<String, Double> runs = new TreeMap<>();
		for (String job : jobs) {
			Counter counter = meters.find(RUNS).tag("job", job).counter();
			runs.put(job, counter == null ? 0 : counter.count());
		}
		return runs;
	}
}
