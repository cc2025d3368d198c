package io.polyshop.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs calls at the same time, one thread each, and answers their results in order. */
public final class Concurrently {

	private Concurrently() {
	}

	public static <T> List<T> all(List<Callable<T>> calls) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(calls.size());
		try {
			List<T> results = new ArrayList<>();
			for (Future<T> future : pool.invokeAll(calls)) {
				results.add(future.get());
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}
}
