package io.polyshop.stores.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.neo4j.driver.Driver;

import io.lettuce.core.ClientOptions;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.data.neo4j.core.DatabaseSelectionProvider;
import org.springframework.data.neo4j.core.transaction.Neo4jTransactionManager;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * Client settings shared by all modules. Two transaction managers: the primary one is PostgreSQL's (Spring
 * Modulith's event publication registry and every JDBC repository use it); Neo4j repositories name theirs.
 */
@Configuration(proxyBeanMethods = false)
class StoreClientsConfiguration {

	@Bean
	@Primary
	JdbcTransactionManager transactionManager(DataSource dataSource) {
		return new JdbcTransactionManager(dataSource);
	}

	/**
	 * PostgreSQL connections are taken from the pool at a transaction's first statement, not at its start. Every
	 * outbox delivery runs in a PostgreSQL transaction (Spring Modulith's listeners are transactional), most of them
	 * writing only to MongoDB, Neo4j or the search index; held from the start, those connections starved checkout
	 * and the outbox's own bookkeeping under a burst (a delivery that cannot mark itself failed waits minutes for
	 * its retry). The pool's own metrics and settings are unchanged: the proxy unwraps to it.
	 */
	@Bean
	static BeanPostProcessor lazyPostgresConnections() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String name) {
				if (bean instanceof DataSource pool && !(bean instanceof LazyConnectionDataSourceProxy)) {
					LazyConnectionDataSourceProxy lazy = new LazyConnectionDataSourceProxy(pool);
					// the pool's and PostgreSQL's defaults, declared so that the proxy does not open a connection to learn them
					lazy.setDefaultAutoCommit(true);
					lazy.setDefaultTransactionIsolation(java.sql.Connection.TRANSACTION_READ_COMMITTED);
					return lazy;
				}
				return bean;
			}
		};
	}

	@Bean
	Neo4jTransactionManager neo4jTransactionManager(Driver driver, DatabaseSelectionProvider databaseSelectionProvider) {
		return Neo4jTransactionManager.with(driver).withDatabaseSelectionProvider(databaseSelectionProvider).build();
	}

	/**
	 * While Redis is unreachable, commands fail at once instead of queueing until the command timeout: a request that
	 * needs Redis gets its 503 quickly, and the connection comes back by itself when Redis does.
	 */
	@Bean
	LettuceClientOptionsBuilderCustomizer redisRejectsWhileDisconnected() {
		return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
	}

	/**
	 * Server selection (what a request waits for while the store is down) is the short timeout; connecting gets five
	 * times more, since the driver's monitor also reads its heartbeat with it and a busy machine would log timeouts.
	 * A store that is down answers within seconds instead of the driver's 30 s default. */
	@Bean
	MongoClientSettingsBuilderCustomizer mongoTimeouts(@Value("${polyshop.mongodb.timeout:5s}") Duration timeout) {
		return settings -> settings
				.applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS))
				.applyToSocketSettings(socket -> socket.connectTimeout((int) timeout.multipliedBy(5).toMillis(), TimeUnit.MILLISECONDS)
						.readTimeout((int) timeout.multipliedBy(6).toMillis(), TimeUnit.MILLISECONDS));
	}
}
