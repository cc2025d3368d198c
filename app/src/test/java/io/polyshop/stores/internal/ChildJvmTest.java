package io.polyshop.stores.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A child process as the engines' launchers run it (a shell stands in for the JVM): ready once it prints its ready
 * line, with the URL after it; its other lines in this JVM's log at the level given; stopped by closing its standard
 * input, after which it exits by itself.
 */
@ExtendWith(OutputCaptureExtension.class)
class ChildJvmTest {

	@TempDir
	Path directory;

	@Test
	void readyWithItsUrlItsLinesLoggedAndStoppedByClosingItsInput(CapturedOutput output) throws Exception {
		ChildJvm child = new ChildJvm("Test child",
				List.of("sh", "-c", "echo \"$GREETING from the child\"; echo 'READY-LINE mongodb://127.0.0.1:1234'; cat >/dev/null"),
				Map.of("GREETING", "a warning"), directory.resolve("child.pid"), "READY-LINE ", Duration.ofSeconds(10),
				LoggerFactory.getLogger("polyshop.test.child"), Level.WARN);

		ChildJvm.Started started = child.start();

		assertThat(started.url()).isEqualTo("mongodb://127.0.0.1:1234");
		assertThat(directory.resolve("child.pid")).hasContent(started.process().pid() + "\n");
		assertThat(started.process().isAlive()).as("serving until its input closes").isTrue();
		assertThat(output.getOut()).containsPattern("WARN .*polyshop.test.child.* a warning from the child");

		child.stop(started.process(), Duration.ofSeconds(10));
		assertThat(started.process().isAlive()).isFalse();
		assertThat(started.process().exitValue()).as("exited by itself, not killed").isZero();
	}
}
