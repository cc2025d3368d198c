package io.polyshop.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/** The queue time of a task handed to a decorated executor, as the checkout's wait for room reads it. */
class ListenerBacklogTest {

	private final ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
	private final CountDownLatch release = new CountDownLatch(1);

	@AfterEach
	void stop() {
		release.countDown();
		executor.shutdown();
	}

	@Test
	void aQueuedTaskAgesAndOnceItHasWaitedTheDelayLimitThereIsNoRoomThoughOnlyOneIsQueued() throws Exception {
		ListenerBacklog backlog = backlog(Duration.ofMillis(50), Duration.ofMillis(200));
		occupyTheOnlyThread();
		assertThat(backlog.oldestWaited()).isEqualTo(Duration.ZERO);
		backlog.awaitRoom(); // nothing queued

		executor.execute(() -> { });
		Thread.sleep(80);

		assertThat(backlog.queued()).isEqualTo(1);
		assertThat(backlog.oldestWaited()).isGreaterThanOrEqualTo(Duration.ofMillis(80));
		long started = System.nanoTime();
		assertThatThrownBy(backlog::awaitRoom).isInstanceOfSatisfying(Refusal.class,
				refusal -> assertThat(refusal.reason()).isEqualTo(Refusal.Reason.UNAVAILABLE));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).as("waited queue-wait first").isGreaterThanOrEqualTo(Duration.ofMillis(200));
	}

	@Test
	void aWaitEndsOnceTheOldDeliveryIsTaken() throws Exception {
		ListenerBacklog backlog = backlog(Duration.ofMillis(50), Duration.ofSeconds(5));
		occupyTheOnlyThread();
		executor.execute(() -> { });
		Thread.sleep(80);

		Thread releaser = new Thread(() -> {
			sleep(150);
			release.countDown();
		});
		long started = System.nanoTime();
		releaser.start();
		backlog.awaitRoom();

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(140), Duration.ofSeconds(4));
		releaser.join();
	}

	@Test
	void aWaitingCheckoutIsWokenWhenTheDeliveryLeavesTheQueueNotAtItsNextTimedLook() throws Exception {
		ListenerBacklog backlog = backlog(Duration.ofMillis(20), Duration.ofSeconds(5));
		occupyTheOnlyThread();
		executor.execute(() -> { });
		Thread.sleep(40);

		long[] releasedAt = new long[1];
		Thread releaser = new Thread(() -> {
			sleep(60);
			releasedAt[0] = System.nanoTime();
			release.countDown();
		});
		releaser.start();
		backlog.awaitRoom();
		long returnedAt = System.nanoTime();
		releaser.join();

		// a waiter that only looked again on its own (every 250 ms) would return ~190 ms after the release
		assertThat(Duration.ofNanos(returnedAt - releasedAt[0])).isLessThan(Duration.ofMillis(120));
	}

	private ListenerBacklog backlog(Duration maxQueueDelay, Duration maxWait) {
		executor.setCorePoolSize(1);
		executor.setMaxPoolSize(1);
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("applicationTaskExecutor", executor);
		ListenerBacklog backlog = new ListenerBacklog(beans.getBeanProvider(ThreadPoolTaskExecutor.class), 100, maxQueueDelay, maxWait);
		executor.setTaskDecorator(backlog);
		executor.initialize();
		return backlog;
	}

	private void occupyTheOnlyThread() throws InterruptedException {
		CountDownLatch running = new CountDownLatch(1);
		executor.execute(() -> {
			running.countDown();
			try {
				release.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		});
		assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
