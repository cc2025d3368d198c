package io.polyshop.stores.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Picks loopback ports for embedded engines, so they never clash with servers already on 5432, 6379, 27017 or 7687. */
final class LoopbackPorts {

	private LoopbackPorts() {
	}

	/** The configured port, or a free one when it is 0. */
	static int choose(int configured) {
		if (configured > 0) {
			return configured;
		}
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException e) {
			throw new UncheckedIOException("No free loopback port", e);
		}
	}
}
