package io.polyshop.shared;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;

/**
 * Once per cluster: a {@code @Scheduled} method annotated {@code @SchedulerLock} runs on one instance at a time,
 * whichever takes the lock row in PostgreSQL's {@code shedlock} table first (V101); the others skip that round.
 * Lock times are the database's ({@code usingDbTime}), so instances with drifting clocks still agree. A lock
 * held by an instance that died frees itself after its {@code lockAtMostFor}.
 * <p>
 * ShedLock alone only keeps two instances from running a job at the same moment: with timers that are not aligned,
 * each instance would still run it once per interval. So every periodic job also holds its lock for at least its
 * interval ({@code lockAtLeastFor} = the interval's property): whoever runs it first in an interval makes the
 * others skip the rest of it, and the job runs once per interval across the cluster. An instance's own next round
 * comes an interval after its run ended, when its lock has lapsed. {@code lockAtMostFor} must not be shorter than
 * {@code lockAtLeastFor} (ShedLock refuses the lock), so those jobs use the interval for both or a longer maximum.
 */
@Configuration(proxyBeanMethods = false)
@EnableSchedulerLock(defaultLockAtMostFor = "10m", order = ClusterLocks.ORDER)
class ClusterLocks {

	/** Outside {@link ScheduledJobRuns}: a round skipped for want of the lock is not counted as a run. */
	static final int ORDER = ScheduledJobRuns.ORDER - 10;

	@Bean
	LockProvider lockProvider(DataSource dataSource) {
		return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
				.withJdbcTemplate(new JdbcTemplate(dataSource))
				.usingDbTime()
				.build());
	}
}
