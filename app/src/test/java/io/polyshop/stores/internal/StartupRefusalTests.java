package io.polyshop.stores.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
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

	@Test
	void dataDirectoryInUseNamesTheOwner() throws Exception {
		Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), dataDirectory.toString())
				.redirectErrorStream(true).start();
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
