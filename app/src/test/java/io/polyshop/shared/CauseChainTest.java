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
	void endsAChainThatLoopsBackOnItself() {
		var first = new RuntimeException("first");
		var second = new RuntimeException("second", first);
		first.initCause(second);

		assertThat(CauseChain.anyMatch(first, cause -> cause instanceof ConnectException)).isFalse();
	}
}
