package io.polyshop.stores.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks loopback ports for embedded engines, so they never clash with servers already on 5432, 6379, 27017 or 7687.
 * <p>
 * Ports come from below the operating system's ephemeral range (Linux: 32768 and up): a port from that range,
 * free when probed, can be taken as the local port of some client connection before the engine binds it, which
 * on a busy machine (a test run) happens. A port is also never handed out twice by one JVM, since several engines,
 * of one or more instances, pick their ports before any of them binds.
 */
final class LoopbackPorts {

	private static final int LOWEST = 15_000;
	private static final int HIGHEST = 32_000;
	private static final Set<Integer> handedOut = new HashSet<>();

	private LoopbackPorts() {
	}

	/** The configured port, or a free one when it is 0. */
	static synchronized int choose(int configured) {
		if (configured > 0) {
			return configured;
		}
		for (int attempt = 0; attempt < 1_000; attempt++) {
			int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST);
			if (!handedOut.contains(port) && isFree(port)) {
				handedOut.add(port);
				return port;
			}
		}
		throw new IllegalStateException("No free loopback port between " + LOWEST + " and " + HIGHEST);
	}

	private static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			return true;
		}
		catch (IOException inUse) {
			return false;
		}
	}
}
