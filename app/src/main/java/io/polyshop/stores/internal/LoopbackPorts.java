package io.polyshop.stores.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/** Picks loopback ports for embedded engines, so they never clash with servers already on 5432, 6379, 27017 or 7687. */
final class LoopbackPorts {

	/**
	 * Ports this JVM has handed out. The operating system may give the same free port to two probes in a row, and
	 * several engines (of one or more instances in this JVM) pick their ports before any of them binds.
	 */
	private static final Set<Integer> handedOut = new HashSet<>();

	private LoopbackPorts() {
	}

	/** The configured port, or a free one, never handed out before in this JVM, when it is 0. */
	static synchronized int choose(int configured) {
		if (configured > 0) {
			return configured;
		}
		while (true) {
			try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
				if (handedOut.add(socket.getLocalPort())) {
					return socket.getLocalPort();
				}
			}
			catch (IOException e) {
				throw new UncheckedIOException("No free loopback port", e);
			}
		}
	}
}
