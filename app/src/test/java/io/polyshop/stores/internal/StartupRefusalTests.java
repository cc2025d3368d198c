package io.polyshop.stores.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.polyshop.support.PolyshopInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Faults an operator fixes outside Polyshop stop the start with one line that says what to fix, and a non-zero exit. */
@Tag("integration")
@ExtendWith(OutputCaptureExtension.class)
class StartupRefusalTests {

	@TempDir
	Path dataDirectory;

	@Test
	void unreachableStoreIsOneLine(CapturedOutput output) throws IOException {
		String url = "jdbc:postgresql://127.0.0.1:" + closedPort() + "/shop?user=shop&password=s3cret-password";

		assertThatThrownBy(() -> PolyshopInstance.start(dataDirectory, "--polyshop.postgres.url=" + url))
				.isInstanceOfSatisfying(ExitCodeGenerator.class, e -> assertThat(e.getExitCode()).isEqualTo(2));

		List<String> lines = output.getOut().lines().filter(line -> line.contains("Polyshop cannot start")).toList();
		assertThat(lines).singleElement().satisfies(line -> assertThat(line)
				.contains("the postgres store at jdbc:postgresql://127.0.0.1:", "POLYSHOP_POSTGRES_URL", "does not answer")
				.doesNotContain("s3cret"));
		assertThat(output.getAll()).doesNotContain("s3cret", "\tat ", "APPLICATION FAILED TO START", "Application run failed");
		assertThat(dataDirectory.resolve("postgres")).as("no engine was started").doesNotExist();
	}

	/** Each store's URL, unreachable or wrong (the mistakes an operator makes), with a password that must not show. */
	static Stream<Arguments> badUrls() throws IOException {
		int closed = closedPort();
		return Stream.of(
				Arguments.of("redis", "POLYSHOP_REDIS_URL", "redis://:s3cret-password@127.0.0.1:" + closed, "does not answer"),
				Arguments.of("mongodb", "POLYSHOP_MONGODB_URI", "mongodb://shop:s3cret-password@127.0.0.1:" + closed + "/polyshop", "does not answer"),
				Arguments.of("neo4j", "POLYSHOP_NEO4J_URI", "bolt://neo4j:s3cret-password@127.0.0.1:" + closed, "does not answer"),
				// libpq's form instead of JDBC's, a scheme the driver does not know, and a port that is no number
				Arguments.of("postgres", "POLYSHOP_POSTGRES_URL", "postgresql://shop:s3cret-password@127.0.0.1:" + closed + "/shop", "is not valid"),
				Arguments.of("redis", "POLYSHOP_REDIS_URL", "http://:s3cret-password@127.0.0.1:" + closed, "is not valid"),
				Arguments.of("mongodb", "POLYSHOP_MONGODB_URI", "mongodb://shop:s3cret-password@127.0.0.1:port/polyshop", "is not valid"),
				Arguments.of("neo4j", "POLYSHOP_NEO4J_URI", "http://neo4j:s3cret-password@127.0.0.1:" + closed, "is not valid"));
	}

	@ParameterizedTest(name = "{0} at {2}: {3}")
	@MethodSource("badUrls")
	void wrongOrUnreachableUrlOfAnyStoreIsOneLine(String store, String variable, String url, String verdict, CapturedOutput output) {
		String property = "--polyshop." + store + (store.equals("mongodb") || store.equals("neo4j") ? ".uri=" : ".url=") + url;

		assertThatThrownBy(() -> PolyshopInstance.start(dataDirectory, property))
				.isInstanceOfSatisfying(ExitCodeGenerator.class, e -> assertThat(e.getExitCode()).isEqualTo(2));

		List<String> lines = output.getOut().lines().filter(line -> line.contains("Polyshop cannot start")).toList();
		assertThat(lines).singleElement().satisfies(line -> assertThat(line)
				.contains("the " + store + " store", Addresses.withoutCredentials(url), variable, verdict)
				.doesNotContain("s3cret"));
		assertThat(output.getAll()).doesNotContain("s3cret", "\tat ", "APPLICATION FAILED TO START", "Application run failed");
	}

	@Test
	void dataDirectoryInUseStopsTheStartWithTheOwnersPid(CapturedOutput output) throws Exception {
		Process other = lockHolder();
		try (BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream()))) {
			assertThat(out.readLine()).isEqualTo("locked");

			assertThatThrownBy(() -> PolyshopInstance.start(dataDirectory))
					.isInstanceOfSatisfying(ExitCodeGenerator.class, e -> assertThat(e.getExitCode()).isEqualTo(2));

			List<String> lines = output.getOut().lines().filter(line -> line.contains("Polyshop cannot start")).toList();
			assertThat(lines).singleElement().asString()
					.contains("the data directory " + dataDirectory, "in use by another running Polyshop (pid " + other.pid() + ")");
			assertThat(output.getAll()).doesNotContain("\tat ", "APPLICATION FAILED TO START", "Application run failed");
			assertThat(dataDirectory.resolve("postgres")).as("no engine was started").doesNotExist();
		}
		finally {
			other.destroy();
			other.waitFor();
		}
	}

	@Test
	void dataDirectoryInUseNamesTheOwner() throws Exception {
		Process other = lockHolder();
		try (BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream()))) {
			assertThat(out.readLine()).isEqualTo("locked");

			assertThatThrownBy(() -> DataDirectoryLock.acquire(dataDirectory))
					.isInstanceOf(StartupRefused.class)
					.hasMessageContaining("in use by another running Polyshop (pid " + other.pid() + ")");
		}
		finally {
			other.destroy();
			other.waitFor();
		}
		DataDirectoryLock.acquire(dataDirectory).close(); // free again once the other process is gone
	}

	private Process lockHolder() throws IOException {
		return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), dataDirectory.toString())
				.redirectErrorStream(true).start();
	}

	/** Another process holding a data directory, as another running Polyshop does. */
	public static final class LockHolder {

		public static void main(String[] args) throws IOException {
			DataDirectoryLock.acquire(Path.of(args[0]));
			System.out.println("locked");
			System.out.flush();
			System.in.read();
		}
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}
}
