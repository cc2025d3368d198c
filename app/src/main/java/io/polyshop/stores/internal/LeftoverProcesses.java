package io.polyshop.stores.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Engines that outlived a Polyshop killed with {@code kill -9} (PostgreSQL and Redis run as daemons and do not
 * notice their parent is gone). Found through their pid files and stopped before new engines start, so the next
 * start does not trip over a port, a lock or a half-open data directory. Only called while the data directory
 * lock is held, so a process found this way cannot belong to a live Polyshop.
 */
final class LeftoverProcesses {

	private static final Logger log = LoggerFactory.getLogger(LeftoverProcesses.class);

	private LeftoverProcesses() {
	}

	/**
	 * Stops the process named in the first line of {@code pidFile} if it is alive and its command contains
	 * {@code expectedCommand} (a pid can be reused by an unrelated process after a reboot).
	 */
	static void stop(Path pidFile, String expectedCommand) {
		readPid(pidFile).flatMap(ProcessHandle::of)
				.filter(ProcessHandle::isAlive)
				.filter(process -> process.info().command().map(c -> c.contains(expectedCommand)).orElse(false))
				.ifPresent(process -> {
					log.warn("Stopping leftover {} process {} from an earlier run that did not shut down cleanly",
							expectedCommand, process.pid());
					process.destroy();
					if (!waitForExit(process, Duration.ofSeconds(15))) {
						process.destroyForcibly();
						waitForExit(process, Duration.ofSeconds(5));
					}
				});
	}

	static void writePid(Path pidFile, long pid) {
		try {
			Files.writeString(pidFile, pid + "\n", StandardCharsets.US_ASCII);
		}
		catch (IOException e) {
			throw new IllegalStateException("Cannot write pid file " + pidFile, e);
		}
	}

	private static Optional<Long> readPid(Path pidFile) {
		if (!Files.isRegularFile(pidFile)) {
			return Optional.empty();
		}
		try {
			String firstLine = Files.readAllLines(pidFile, StandardCharsets.US_ASCII).stream().findFirst().orElse("").trim();
			return Optional.of(Long.parseLong(firstLine));
		}
		catch (IOException | NumberFormatException e) {
			return Optional.empty();
		}
	}

	private static boolean waitForExit(ProcessHandle process, Duration timeout) {
		try {
			process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (Exception e) {
			return !process.isAlive();
		}
	}
}
