package io.polyshop.stores.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * An engine run as a child JVM (Neo4j, the document engine): started with a command and an environment, ready when
 * it prints its ready line (followed by its URL), stopped by closing its standard input. Closing the pipe is also
 * what happens when this JVM dies, even by {@code kill -9}, so a child never outlives Polyshop.
 */
final class ChildJvm {

	private final String name;
	private final List<String> command;
	private final Map<String, String> environment;
	private final Path pidFile;
	private final String readyLine;
	private final Duration startupTimeout;
	private final Logger log;
	private final Level outputLevel;

	/**
	 * The environment carries secrets (a command line is visible to every local user). Every other line the child
	 * prints is logged at {@code outputLevel}.
	 */
	ChildJvm(String name, List<String> command, Map<String, String> environment, Path pidFile, String readyLine,
			Duration startupTimeout, Logger log, Level outputLevel) {
		this.name = name;
		this.command = List.copyOf(command);
		this.environment = Map.copyOf(environment);
		this.pidFile = pidFile;
		this.readyLine = readyLine;
		this.startupTimeout = startupTimeout;
		this.log = log;
		this.outputLevel = outputLevel;
	}

	/** A started child and the URL it printed when it became ready. */
	record Started(Process process, String url) {
	}

	/** Starts the child (its pid in the pid file, for {@link LeftoverProcesses}) and waits until it is ready. */
	Started start() {
		try {
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
			builder.environment().putAll(environment);
			Process process = builder.start();
			LeftoverProcesses.writePid(pidFile, process.pid());
			return new Started(process, awaitReady(process));
		}
		catch (IOException e) {
			throw new UncheckedIOException(name + " did not start", e);
		}
	}

	/** Reads the child's output on a daemon thread (for its whole life) and answers the URL once it is ready. */
	private String awaitReady(Process process) {
		CompletableFuture<String> ready = new CompletableFuture<>();
		Deque<String> lastLines = new ArrayDeque<>();
		Thread reader = new Thread(() -> {
			try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line = out.readLine(); line != null; line = out.readLine()) {
					if (line.startsWith(readyLine)) {
						ready.complete(line.substring(readyLine.length()).trim());
					}
					else {
						log.atLevel(outputLevel).log(line);
						synchronized (lastLines) {
							lastLines.addLast(line);
							if (lastLines.size() > 20) {
								lastLines.removeFirst();
							}
						}
					}
				}
			}
			catch (IOException ignored) {
				// the child is gone; its exit is noticed below
			}
			ready.completeExceptionally(new IllegalStateException(name + " stopped before it was ready"));
		}, name.toLowerCase().replace(' ', '-') + "-output");
		reader.setDaemon(true);
		reader.start();
		try {
			return ready.get(startupTimeout.toSeconds(), TimeUnit.SECONDS);
		}
		catch (InterruptedException | ExecutionException | TimeoutException e) {
			process.destroyForcibly();
			synchronized (lastLines) {
				throw new IllegalStateException(name + " did not become ready: " + String.join("\n", lastLines), e);
			}
		}
	}

	/** Closes the child's standard input (its signal to stop cleanly) and kills it if it has not exited in time. */
	void stop(Process process, Duration timeout) {
		try {
			process.getOutputStream().close();
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				log.warn("{} did not stop within {} s; killing it", name, timeout.toSeconds());
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (IOException e) {
			process.destroyForcibly();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
		}
	}
}
