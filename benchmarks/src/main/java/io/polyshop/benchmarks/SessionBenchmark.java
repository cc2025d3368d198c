package io.polyshop.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

import java.util.List;

/** Spring Session per request: load + touch + save (read), and with one attribute changed (write); 8 threads. */
@State(Scope.Benchmark)
@Threads(8)
public class SessionBenchmark {

	@Param({ Sides.POLYGLOT, Sides.PG_ONLY })
	public String side;

	private SessionStore sessions;
	private List<String> ids;

	@Setup(Level.Trial)
	public void setUp(Shop shop) {
		sessions = SessionStore.of(side, shop.connections);
		ids = Loader.readSessionIds(shop.dataDirectory, side);
	}

	/**
	 * Each thread its own sessions (one browser sends one request at a time): Spring Session JDBC inserts a new
	 * attribute, and two concurrent requests adding it to the same session collide on its primary key.
	 */
	private String session(Shop.Inputs in) {
		int threads = 8;
		return ids.get((in.below(ids.size() / threads) * threads + in.thread % threads) % ids.size());
	}

	@Benchmark
	public boolean read(Shop.Inputs in) {
		return sessions.read(session(in));
	}

	@Benchmark
	public boolean write(Shop.Inputs in) {
		return sessions.write(session(in), "SKU-" + in.below(100_000));
	}
}
