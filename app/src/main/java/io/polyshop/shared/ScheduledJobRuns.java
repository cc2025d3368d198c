package io.polyshop.shared;

import java.lang.reflect.Method;

import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.scheduling.annotation.Scheduled;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Counts the runs of every {@code @Scheduled} job that really happened on this instance: counter
 * {@value #METER}, tag {@code job} (the job's {@code @SchedulerLock} name, else {@code Class.method}). The count is
 * taken inside ShedLock's lock ({@link ClusterLocks} orders ShedLock's advice outside this one), so a round another
 * instance held the lock for is not counted; Spring's own {@code tasks.scheduled.execution} counts attempts,
 * skipped rounds included. Summed over the instances it shows each job running once per schedule.
 */
@Configuration(proxyBeanMethods = false)
class ScheduledJobRuns {

	static final String METER = "polyshop.jobs.runs";

	/** Innermost: runs after (inside) ShedLock's advice, whose order is {@link ClusterLocks#ORDER}. */
	static final int ORDER = Ordered.LOWEST_PRECEDENCE;

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static Advisor scheduledJobRunsAdvisor(ObjectProvider<MeterRegistry> registry) {
		MethodInterceptor counting = invocation -> {
			// resolved per run, not when the advisor is built: an advisor exists before the meter registry may
			registry.ifAvailable(meters -> Counter.builder(METER)
					.description("Runs of a scheduled job on this instance (rounds another instance held the lock for excluded)")
					.tag("job", jobName(AopUtils.getMostSpecificMethod(invocation.getMethod(), invocation.getThis().getClass())))
					.register(meters).increment());
			return invocation.proceed();
		};
		DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(AnnotationMatchingPointcut.forMethodAnnotation(Scheduled.class), counting);
		advisor.setOrder(ORDER);
		return advisor;
	}

	/** The name a job's runs are counted under. */
	static String jobName(Method method) {
		SchedulerLock lock = method.getAnnotation(SchedulerLock.class);
		return lock != null ? lock.name() : method.getDeclaringClass().getSimpleName() + "." + method.getName();
	}
}
