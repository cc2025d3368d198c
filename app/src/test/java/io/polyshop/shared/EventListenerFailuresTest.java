package io.polyshop.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

class EventListenerFailuresTest {

	@Test
	void atAStopQueuedDeliveriesAreDroppedAndNeverRunWhileTheRunningOneFinishes() throws Exception {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(1);
		executor.setMaxPoolSize(1);
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("applicationTaskExecutor", executor);
		ListenerBacklog backlog = new ListenerBacklog(beans.getBeanProvider(ThreadPoolTaskExecutor.class), 100,
				Duration.ofMillis(300), Duration.ofSeconds(2));
		executor.setTaskDecorator(backlog); // as in the application: queued tasks carry their queue time
		executor.initialize();
		EventListenerFailures failures = new EventListenerFailures(backlog);
		failures.start();

		CountDownLatch running = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger ran = new AtomicInteger();
		executor.execute(() -> {
			running.countDown();
			await(release);
			ran.incrementAndGet();
		});
		assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
		for (int i = 0; i < 5; i++) {
			executor.execute(ran::incrementAndGet);
		}

		failures.stop();
		release.countDown();
		executor.shutdown();
		assertThat(executor.getThreadPoolExecutor().awaitTermination(5, TimeUnit.SECONDS)).isTrue();

		assertThat(ran).as("only the delivery already running").hasValue(1);
		assertThat(failures.isRunning()).isFalse();
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
