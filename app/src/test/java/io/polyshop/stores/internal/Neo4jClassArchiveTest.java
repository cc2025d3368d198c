package io.polyshop.stores.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Neo4j child JVM's class archive: made once, kept only after a clean exit, then mapped by every start. */
class Neo4jClassArchiveTest {

	private static final String JAVA_HOME = System.getProperty("java.home");

	@TempDir
	Path dataDirectory;

	@Test
	void onJdk17TheFirstRunDumpsAPendingArchiveThatACleanExitKeeps() {
		Neo4jClassArchive archive = Neo4jClassArchive.of(dataDirectory, "/runtime/lib/*", JAVA_HOME, 17).orElseThrow();

		List<String> first = archive.jvmOptions();
		assertThat(first).singleElement().asString().startsWith("-XX:ArchiveClassesAtExit=").endsWith(".jsa.pending");
		assertThat(archive.file()).doesNotExist();

		Path pending = Path.of(first.get(0).substring("-XX:ArchiveClassesAtExit=".length()));
		write(pending, "dumped");
		archive.exited(0);

		assertThat(pending).doesNotExist();
		assertThat(archive.file()).hasContent("dumped");
		assertThat(archive.jvmOptions()).containsExactly("-XX:SharedArchiveFile=" + archive.file());
	}

	@Test
	void anArchiveDumpedByAChildThatDidNotExitCleanlyIsDropped() {
		Neo4jClassArchive archive = Neo4jClassArchive.of(dataDirectory, "/runtime/lib/*", JAVA_HOME, 17).orElseThrow();
		Path pending = Path.of(archive.jvmOptions().get(0).substring("-XX:ArchiveClassesAtExit=".length()));
		write(pending, "maybe half written");

		archive.exited(137);

		assertThat(pending).doesNotExist();
		assertThat(archive.file()).doesNotExist();
		assertThat(archive.jvmOptions()).singleElement().asString().startsWith("-XX:ArchiveClassesAtExit=");
	}

	@Test
	void onJdk19AndLaterTheJvmManagesTheArchive() {
		Neo4jClassArchive archive = Neo4jClassArchive.of(dataDirectory, "/runtime/lib/*", JAVA_HOME, 25).orElseThrow();

		assertThat(archive.jvmOptions()).containsExactly("-XX:+AutoCreateSharedArchive",
				"-XX:SharedArchiveFile=" + archive.file());
	}

	@Test
	void anotherJdkOrRuntimeGetsAnArchiveOfItsOwnAndOldOnesGo() {
		Neo4jClassArchive jdk17 = Neo4jClassArchive.of(dataDirectory, "/runtime/a/lib/*", "/jdk17", 17).orElseThrow();
		Neo4jClassArchive otherRuntime = Neo4jClassArchive.of(dataDirectory, "/runtime/b/lib/*", "/jdk17", 17).orElseThrow();
		Neo4jClassArchive otherJdk = Neo4jClassArchive.of(dataDirectory, "/runtime/a/lib/*", "/jdk25", 25).orElseThrow();
		assertThat(List.of(otherRuntime.file(), otherJdk.file())).doesNotContain(jdk17.file());

		jdk17.jvmOptions();
		write(jdk17.file(), "archive of the old runtime");
		otherRuntime.jvmOptions();

		assertThat(jdk17.file()).doesNotExist();
	}

	@Test
	void aRuntimeUnpackedAgainGetsANewArchive() throws IOException {
		Path lib = Files.createDirectories(dataDirectory.resolve("runtime/lib"));
		Neo4jClassArchive before = Neo4jClassArchive.of(dataDirectory, lib + "/*", JAVA_HOME, 17).orElseThrow();
		Files.setLastModifiedTime(lib, java.nio.file.attribute.FileTime.fromMillis(Files.getLastModifiedTime(lib).toMillis() + 60_000));

		Neo4jClassArchive after = Neo4jClassArchive.of(dataDirectory, lib + "/*", JAVA_HOME, 17).orElseThrow();

		assertThat(after.file()).isNotEqualTo(before.file());
	}

	@Test
	void noArchiveForAClasspathWithADirectoryTheJvmRefusesToArchive() {
		assertThat(Neo4jClassArchive.of(dataDirectory, "/repo/neo4j-server/target/classes" + File.pathSeparator
				+ "/repo/neo4j-server/target/lib/*", JAVA_HOME, 17)).isEmpty();
	}

	/** The options work with this JDK: the first run leaves an archive, the second loads its classes from it. */
	@Test
	void theRunningJdkMakesTheArchiveAndTheNextStartMapsIt() throws Exception {
		Path jar = launcherJar();
		Optional<Neo4jClassArchive> archive = Neo4jClassArchive.of(dataDirectory, jar.toString(), JAVA_HOME,
				Runtime.version().feature());
		assertThat(archive).isPresent();

		Process first = run(archive.get().jvmOptions(), jar);
		archive.get().exited(first.waitFor());
		assertThat(first.exitValue()).isZero();
		assertThat(archive.get().file()).isNotEmptyFile();

		List<String> options = new ArrayList<>(archive.get().jvmOptions());
		options.add("-Xlog:class+load=info");
		Process second = run(options, jar);
		String output = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(second.waitFor()).isZero();
		assertThat(output).containsPattern("Launcher source: shared objects file \\(top\\)");
	}

	private static Process run(List<String> archiveOptions, Path jar) throws IOException {
		List<String> command = new ArrayList<>(List.of(Path.of(JAVA_HOME, "bin", "java").toString(), "-Xshare:auto"));
		command.addAll(archiveOptions);
		command.addAll(List.of("-cp", jar.toString(), "Launcher"));
		return new ProcessBuilder(command).redirectErrorStream(true).start();
	}

	/** A jar with one main class that uses a few JDK classes, as the Neo4j launcher does on a much larger scale. */
	private Path launcherJar() throws IOException {
		Path sources = Files.createDirectories(dataDirectory.resolve("src"));
		Path source = sources.resolve("Launcher.java");
		Files.writeString(source, """
				public class Launcher {
					public static void main(String[] args) {
						System.out.println(new java.util.concurrent.ConcurrentSkipListMap<String, String>().size());
					}
				}
				""");
		assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", sources.toString(), source.toString()))
				.isZero();
		Path jar = dataDirectory.resolve("launcher.jar");
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
			out.putNextEntry(new JarEntry("Launcher.class"));
			out.write(Files.readAllBytes(sources.resolve("Launcher.class")));
			out.closeEntry();
		}
		return jar;
	}

	private static void write(Path file, String text) {
		try (OutputStream out = Files.newOutputStream(file)) {
			out.write(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}
}
