package io.polyshop.shared;

import java.net.ConnectException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

import static org.assertj.core.api.Assertions.assertThat;

class CauseChainTest {

	@Test
	void findsACauseAtAnyDepth() {
		var root = new ConnectException("refused");
		var wrapped = new IllegalStateException("outer", new RuntimeException("middle", root));

		assertThat(CauseChain.find(wrapped, ConnectException.class)).containsSame(root);
		assertThat(CauseChain.find(wrapped, ArithmeticException.class)).isEmpty();
		assertThat(StoreOutages.causedBy(wrapped)).isTrue();
		assertThat(StoreOutages.causedBy(new IllegalStateException("a bug"))).isFalse();
		assertThat(StoreOutages.causedBy(new RuntimeException(new DataAccessResourceFailureException("down")))).isTrue();
	}

	@Test
	void aNeo4jPoolTimeOutIsAnOutageButOtherClientErrorsAreNot() {
		var poolTimeOut = new org.neo4j.driver.exceptions.ClientException("Unable to acquire connection from the pool within configured maximum time of 1000ms",
				new java.util.concurrent.TimeoutException("Unable to acquire connection from the pool"));
		assertThat(StoreOutages.causedBy(new org.springframework.dao.InvalidDataAccessResourceUsageException("translated", poolTimeOut))).isTrue();
		assertThat(StoreOutages.causedBy(new org.neo4j.driver.exceptions.ClientException("Invalid input 'MATCHX'"))).isFalse();
	}

	@Test
	void endsAChainThatLoopsBackOnItself() {
		var first = new RuntimeException("first");
		var second = new RuntimeException("second", first);
		first.initCause(second);

		assertThat(CauseChain.anyMatch(first, cause -> cause instanceof ConnectException)).isFalse();
	}
}
