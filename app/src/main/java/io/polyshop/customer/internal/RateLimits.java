package io.polyshop.customer.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.stereotype.Component;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.bucket4j.redis.lettuce.cas.LettuceBasedProxyManager;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;

/**
 * Rate limits that hold across instances: token buckets kept in Redis by Bucket4j (compare-and-swap through
 * Lettuce), one bucket per limit and subject (an account, a client address, a customer). Each limit is
 * "capacity/period" (e.g. {@code 10/1m}): at most that many requests in a burst, refilled evenly over the period.
 * A bucket's key names its limit, so a changed limit starts fresh buckets instead of inheriting old ones.
 */
@Component
class RateLimits implements DisposableBean {

	/** A named limit: {@code capacity} requests per {@code period}. */
	record Limit(String name, long capacity, Duration period) {

		static Limit parse(String name, String spec) {
			String[] parts = spec.strip().split("/", 2);
			if (parts.length != 2) {
				throw new IllegalArgumentException("Rate limit " + name + " must look like 10/1m, not " + spec);
			}
			long capacity = Long.parseLong(parts[0].strip());
			Duration period = DurationStyle.detectAndParse(parts[1].strip());
			if (capacity < 1 || period.isNegative() || period.isZero()) {
				throw new IllegalArgumentException("Rate limit " + name + " needs a capacity and a period above zero: " + spec);
			}
			return new Limit(name, capacity, period);
		}

		BucketConfiguration bucket() {
			return BucketConfiguration.builder().addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period)).build();
		}

		String key(String subject) {
			return "polyshop:rate:" + name + ":" + capacity + "/" + period.toSeconds() + ":" + subject.toLowerCase(Locale.ROOT);
		}
	}

	final Limit passwordAttemptsPerAccount;
	final Limit passwordAttemptsPerAddress;
	final Limit registrationsPerAddress;
	final Limit anonymousCartsPerAddress;
	final Limit checkoutsPerCustomer;
	final Limit searchesPerAddress;

	private final boolean enabled;
	private final StatefulConnection<String, byte[]> connection;
	private final LettuceBasedProxyManager<String> buckets;

	RateLimits(RedisConnectionFactory redis, @Value("${polyshop.rate-limits.enabled:true}") boolean enabled,
			@Value("${polyshop.rate-limits.password-attempts-per-account:10/1m}") String passwordAttemptsPerAccount,
			@Value("${polyshop.rate-limits.password-attempts-per-address:30/1m}") String passwordAttemptsPerAddress,
			@Value("${polyshop.rate-limits.registrations-per-address:20/1h}") String registrationsPerAddress,
			@Value("${polyshop.rate-limits.anonymous-carts-per-address:100/1h}") String anonymousCartsPerAddress,
			@Value("${polyshop.rate-limits.checkouts-per-customer:30/1m}") String checkoutsPerCustomer,
			@Value("${polyshop.rate-limits.searches-per-address:120/1m}") String searchesPerAddress) {
		this.enabled = enabled;
		this.passwordAttemptsPerAccount = Limit.parse("password-attempts-per-account", passwordAttemptsPerAccount);
		this.passwordAttemptsPerAddress = Limit.parse("password-attempts-per-address", passwordAttemptsPerAddress);
		this.registrationsPerAddress = Limit.parse("registrations-per-address", registrationsPerAddress);
		this.anonymousCartsPerAddress = Limit.parse("anonymous-carts-per-address", anonymousCartsPerAddress);
		this.checkoutsPerCustomer = Limit.parse("checkouts-per-customer", checkoutsPerCustomer);
		this.searchesPerAddress = Limit.parse("searches-per-address", searchesPerAddress);
		// the buckets use the application's Redis (embedded or external, plain or cluster) through its own connection
		Object client = ((LettuceConnectionFactory) redis).getRequiredNativeClient();
		RedisCodec<String, byte[]> codec = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
		// an idle bucket is full again after its period: Redis may forget it then
		ExpirationAfterWriteStrategy expiry = ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10));
		if (client instanceof RedisClusterClient cluster) {
			StatefulRedisClusterConnection<String, byte[]> clusterConnection = cluster.connect(codec);
			this.connection = clusterConnection;
			this.buckets = Bucket4jLettuce.casBasedBuilder(clusterConnection).expirationAfterWrite(expiry).build();
		}
		else {
			StatefulRedisConnection<String, byte[]> plain = ((RedisClient) client).connect(codec);
			this.connection = plain;
			this.buckets = Bucket4jLettuce.casBasedBuilder(plain).expirationAfterWrite(expiry).build();
		}
	}

	/** Takes one request from the subject's bucket; empty if allowed, else how long until one is. */
	Optional<Duration> tryTake(Limit limit, String subject) {
		if (!enabled || subject == null || subject.isBlank()) {
			return Optional.empty();
		}
		try {
			var probe = buckets.builder().build(limit.key(subject), limit::bucket).tryConsumeAndReturnRemaining(1);
			return probe.isConsumed() ? Optional.empty() : Optional.of(retryAfter(probe.getNanosToWaitForRefill()));
		}
		catch (RuntimeException redisUnreachable) {
			return unlimitedDuringOutage(redisUnreachable);
		}
	}

	/** Whether the subject's bucket is empty now, without taking from it (for limits that count failures only). */
	Optional<Duration> exhausted(Limit limit, String subject) {
		if (!enabled || subject == null || subject.isBlank()) {
			return Optional.empty();
		}
		try {
			var estimate = buckets.builder().build(limit.key(subject), limit::bucket).estimateAbilityToConsume(1);
			return estimate.canBeConsumed() ? Optional.empty() : Optional.of(retryAfter(estimate.getNanosToWaitForRefill()));
		}
		catch (RuntimeException redisUnreachable) {
			return unlimitedDuringOutage(redisUnreachable);
		}
	}

	/**
	 * The buckets live in Redis: while it is down, requests pass unlimited rather than fail in a filter (where no
	 * problem+json mapping reaches them); whatever they need of Redis then answers 503 by itself. Logged once a minute.
	 */
	private Optional<Duration> unlimitedDuringOutage(RuntimeException e) {
		long now = System.nanoTime();
		if (now - lastOutageLog > TimeUnit.MINUTES.toNanos(1)) {
			lastOutageLog = now;
			org.slf4j.LoggerFactory.getLogger(RateLimits.class).warn("Rate limits not applied: their Redis does not answer ({})", e.toString());
		}
		return Optional.empty();
	}

	private volatile long lastOutageLog = System.nanoTime() - TimeUnit.MINUTES.toNanos(2);

	private static Duration retryAfter(long nanos) {
		// Retry-After has whole seconds; round up so that a client waiting that long does get through
		return Duration.ofSeconds(Math.max(1, (TimeUnit.NANOSECONDS.toMillis(nanos) + 999) / 1000));
	}

	@Override
	public void destroy() {
		connection.close();
	}
}
