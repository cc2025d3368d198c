package io.polyshop;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;

import io.polyshop.shared.ClassArchive;
import io.polyshop.shared.StartupCompilation;

/**
 * Started from the executable jar ({@code java -jar polyshop.jar}), Polyshop runs in a second JVM that maps a class
 * data sharing archive (AppCDS) of the classes it loaded at an earlier start: at a restart the application JVM spent
 * 39 s of CPU without it and 24 s with it (2 cores, loaded machine; docs/measured.md), most of it reading, parsing
 * and verifying the same 30,000 classes from jars nested in the jar.
 * <p>
 * {@code java -jar} leaves no place for JVM options, and the JVM archives classes only from plain jars on its class
 * path, not from jars nested in a jar. So the launched JVM, before Spring starts, unpacks the jar once per build into
 * {@code <data-dir>/app-cds/<key>/} (application classes in one jar whose manifest lists the libraries, in the order
 * of the jar's class path index; the same layout as Spring Boot's {@code -Djarmode=tools extract}) and runs the
 * application from there in a child JVM with the same JVM options, arguments, standard streams and environment, then
 * exits with the child's exit code. It stops the child (SIGTERM, a graceful stop) when it is stopped itself; the
 * child stops when the launcher dies (even by {@code kill -9}), so it never outlives it.
 * <p>
 * The archive: on JDK 17 the first start writes it when the child exits ({@code -XX:ArchiveClassesAtExit}, into a
 * pending file that becomes the archive only after a clean stop: exit 0, or 130/143 for Ctrl-C/SIGTERM); later
 * starts map it ({@code -XX:SharedArchiveFile}). JDK 19 and later manage it themselves
 * ({@code -XX:+AutoCreateSharedArchive}). Its name carries the JDK and the jar (path, size, time), so another build
 * or JDK makes a new one; those of other builds are removed. An archive that does not match is ignored by the JVM.
 * <p>
 * Not relaunched: the one-shot commands (backup, restore), a start from a class path of directories
 * ({@code mvn spring-boot:run}, the tests), or with {@code -Dpolyshop.relaunch=false}; a launcher that cannot unpack
 * the jar (a read-only data directory) starts Polyshop itself, as before.
 */
final class ClassArchiveRelaunch {

	/** Set to false to run Polyshop in the launched JVM itself, without a class archive. */
	static final String ENABLED = "polyshop.relaunch";
	/** Set on the child: the pid of the launcher it watches. */
	static final String LAUNCHER_PID = "polyshop.launcher.pid";
	static final String DIRECTORY = "app-cds";
	private static final String APPLICATION_JAR = "polyshop.jar";
	private static final String CLASSES = "BOOT-INF/classes/";
	private static final String LIBRARIES = "BOOT-INF/lib/";
	private static final String CLASSPATH_INDEX = "BOOT-INF/classpath.idx";
	private static final Set<Integer> CLEAN_EXIT = Set.of(0, 130, 143);

	private final Path jar;
	private final Path directory;
	private final String key;
	private final ClassArchive archive;

	private ClassArchiveRelaunch(Path jar, Path directory, String key, int javaFeature) {
		this.jar = jar;
		this.directory = directory;
		this.key = key;
		this.archive = new ClassArchive(directory.resolve("polyshop-" + key + ".jsa"),
				directory.resolve("polyshop-" + key + ".jsa.pending-" + ProcessHandle.current().pid()), javaFeature);
	}

	/**
	 * Runs Polyshop in a child JVM with the class archive when this JVM was started from the executable jar, and
	 * answers the child's exit code; empty when Polyshop is to start in this JVM.
	 */
	static OptionalInt runInChild(String[] args) {
		Optional<ClassArchiveRelaunch> relaunch = of(args);
		Optional<List<String>> command = relaunch.flatMap(launch -> launch.command(args));
		if (command.isEmpty()) {
			return OptionalInt.empty();
		}
		try {
			return OptionalInt.of(relaunch.get().run(command.get()));
		}
		catch (IOException e) {
			System.err.println("Polyshop starts without its class archive: cannot start " + command.get().get(0) + " ("
					+ e.getMessage() + ")");
			return OptionalInt.empty();
		}
	}

	/**
	 * The relaunch of this JVM, when it was started by {@code java -jar} on Polyshop's executable jar, is not itself
	 * a relaunched child and relaunching is not switched off.
	 */
	static Optional<ClassArchiveRelaunch> of(String[] args) {
		if (!Boolean.parseBoolean(System.getProperty(ENABLED, "true")) || System.getProperty(LAUNCHER_PID) != null) {
			return Optional.empty();
		}
		String classpath = System.getProperty("java.class.path", "");
		if (!classpath.endsWith(".jar") || classpath.contains(java.io.File.pathSeparator)) {
			return Optional.empty();
		}
		Path jar = Path.of(classpath).toAbsolutePath().normalize();
		try (JarFile file = new JarFile(jar.toFile())) {
			if (file.getEntry(CLASSPATH_INDEX) == null) {
				return Optional.empty(); // not an executable Spring Boot jar: already an unpacked layout
			}
		}
		catch (IOException e) {
			return Optional.empty();
		}
		int feature = Runtime.version().feature();
		String key = ClassArchive.key(jar + "\n" + fileStamp(jar) + "\n" + System.getProperty("java.home") + "\n"
				+ System.getProperty("java.vm.version"));
		return Optional.of(new ClassArchiveRelaunch(jar, dataDirectory(args).resolve(DIRECTORY), key, feature));
	}

	/**
	 * Where the data directory is, as the application will see it (argument, system property, environment, default):
	 * the archive and the unpacked jar live there because the data directory is what Polyshop may write to.
	 */
	static Path dataDirectory(String[] args) {
		String value = null;
		for (String arg : args) {
			if (arg.startsWith("--polyshop.data-dir=")) {
				value = arg.substring("--polyshop.data-dir=".length());
			}
		}
		if (value == null) {
			value = System.getProperty("polyshop.data-dir");
		}
		if (value == null || value.isBlank()) {
			value = System.getenv("POLYSHOP_DATA_DIR");
		}
		if (value == null || value.isBlank()) {
			value = "./data";
		}
		return Path.of(value).toAbsolutePath().normalize();
	}

	/** Unpacks the jar when needed; empty when it cannot (Polyshop then starts in this JVM). */
	Optional<List<String>> command(String[] args) {
		Path unpacked = directory.resolve(key);
		try {
			if (!Files.isRegularFile(unpacked.resolve(APPLICATION_JAR))) {
				unpack(unpacked);
			}
			removeOthers();
		}
		catch (IOException | UncheckedIOException e) {
			System.err.println("Polyshop starts without its class archive: cannot unpack " + jar + " into " + unpacked
					+ " (" + e.getMessage() + ")");
			return Optional.empty();
		}
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		List<String> options = jvmOptions();
		command.addAll(options);
		command.addAll(StartupCompilation.jvmOptions(options));
		if (options.stream().noneMatch(option -> option.startsWith("-Xshare") || option.contains("SharedArchiveFile")
				|| option.contains("ArchiveClassesAtExit"))) {
			command.addAll(archiveOptions());
		}
		command.add("-D" + LAUNCHER_PID + "=" + ProcessHandle.current().pid());
		command.addAll(List.of("-jar", unpacked.resolve(APPLICATION_JAR).toString()));
		command.addAll(List.of(args));
		return Optional.of(command);
	}

	/**
	 * Runs the child and answers its exit code. A stop of this JVM (SIGTERM, Ctrl-C) stops the child the same way and
	 * waits for it, so that its graceful shutdown (and the archive it writes) completes before this JVM is gone.
	 */
	int run(List<String> command) throws IOException {
		Process child = new ProcessBuilder(command).inheritIO().start();
		Thread stopChild = new Thread(() -> {
			if (child.isAlive()) {
				child.destroy();
			}
			awaitExit(child);
			keepArchive(child.exitValue());
		}, "polyshop-child-stop");
		Runtime.getRuntime().addShutdownHook(stopChild);
		int exitCode = awaitExit(child);
		keepArchive(exitCode);
		return exitCode;
	}

	/** In the child: stops the application (gracefully, through Spring's shutdown hook) once the launcher is gone. */
	static void watchLauncher() {
		String pid = System.getProperty(LAUNCHER_PID);
		if (pid == null) {
			return;
		}
		ProcessHandle.of(Long.parseLong(pid)).ifPresentOrElse(
				launcher -> launcher.onExit().thenRun(() -> System.exit(143)), () -> System.exit(143));
	}

	Path archive() {
		return archive.file();
	}

	/**
	 * The options that map the archive or make it. The JVM's remarks about it stay out of the log: a few hundred
	 * classes it cannot archive (generated accessors, classes that fail verification against optional libraries
	 * that are absent), named one per line on standard output, while an archive that does not match is skipped.
	 */
	private List<String> archiveOptions() {
		List<String> options = new ArrayList<>(List.of("-Xlog:cds*=off"));
		options.addAll(archive.jvmOptions());
		return options;
	}

	/** After the child exited: the archive it wrote at a clean stop (or Ctrl-C, SIGTERM) becomes the one later starts map. */
	private void keepArchive(int exitCode) {
		try {
			archive.settle(CLEAN_EXIT.contains(exitCode));
		}
		catch (IOException e) {
			// the next start makes another one
		}
	}

	/** This JVM's options, except those the child picks up from the environment itself (they would apply twice). */
	private static List<String> jvmOptions() {
		Set<String> fromEnvironment = new HashSet<>();
		for (String variable : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS")) {
			String value = System.getenv(variable);
			if (value != null) {
				fromEnvironment.addAll(Arrays.asList(value.trim().split("\\s+")));
			}
		}
		return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
				.filter(option -> !fromEnvironment.contains(option)).toList();
	}

	/**
	 * Unpacks into a directory of its own, renamed into place once complete: a half-unpacked jar is never used, and
	 * two launchers starting at once each unpack and the second rename loses harmlessly.
	 */
	private void unpack(Path target) throws IOException {
		Files.createDirectories(directory);
		Path partial = Files.createTempDirectory(directory, key + ".partial-");
		try (JarFile source = new JarFile(jar.toFile())) {
			Path libraries = Files.createDirectories(partial.resolve("lib"));
			List<String> classPath = new ArrayList<>();
			for (String line : new String(source.getInputStream(source.getEntry(CLASSPATH_INDEX)).readAllBytes(),
					StandardCharsets.UTF_8).lines().toList()) {
				String entry = line.replaceFirst("^- \"", "").replaceFirst("\"$", "").trim();
				if (entry.startsWith(LIBRARIES)) {
					String name = entry.substring(LIBRARIES.length());
					try (InputStream in = source.getInputStream(source.getEntry(entry))) {
						Files.copy(in, libraries.resolve(name));
					}
					classPath.add("lib/" + name);
				}
			}
			Manifest manifest = new Manifest(source.getManifest());
			Attributes main = manifest.getMainAttributes();
			main.put(Attributes.Name.MAIN_CLASS, main.getValue("Start-Class"));
			main.putValue("Class-Path", String.join(" ", classPath));
			main.keySet().removeIf(name -> name.toString().startsWith("Spring-Boot-") && !name.toString().equals("Spring-Boot-Version")
					|| name.toString().equals("Start-Class"));
			try (OutputStream file = Files.newOutputStream(partial.resolve(APPLICATION_JAR));
					JarOutputStream out = new JarOutputStream(file, manifest)) {
				Enumeration<JarEntry> entries = source.entries();
				while (entries.hasMoreElements()) {
					JarEntry entry = entries.nextElement();
					if (entry.getName().startsWith(CLASSES) && entry.getName().length() > CLASSES.length()
							&& !entry.getName().equals(CLASSES + JarFile.MANIFEST_NAME)) {
						copy(source, entry, entry.getName().substring(CLASSES.length()), out);
					}
					else if (entry.getName().startsWith("META-INF/") && !entry.isDirectory()
							&& !entry.getName().equals(JarFile.MANIFEST_NAME) && !ofTheLoader(source, entry)) {
						copy(source, entry, entry.getName(), out); // the application's (spring.factories): Spring Boot puts them at the root
					}
				}
			}
			try {
				Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (IOException e) {
				if (!Files.isRegularFile(target.resolve(APPLICATION_JAR))) {
					throw e;
				}
			}
		}
		finally {
			deleteRecursively(partial);
		}
	}

	/** A service the nested-jar loader declares for itself (its classes are not in the unpacked layout). */
	private static boolean ofTheLoader(JarFile source, JarEntry entry) throws IOException {
		if (!entry.getName().startsWith("META-INF/services/")) {
			return false;
		}
		try (InputStream in = source.getInputStream(entry)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).contains("org.springframework.boot.loader.");
		}
	}

	/** Stored entries (the Neo4j runtime: 128 MB) stay stored: copied, not compressed again. */
	private static void copy(JarFile source, JarEntry entry, String name, JarOutputStream out) throws IOException {
		ZipEntry copied = new ZipEntry(name);
		copied.setTime(entry.getTime());
		if (entry.getMethod() == ZipEntry.STORED && !entry.isDirectory()) {
			copied.setMethod(ZipEntry.STORED);
			copied.setSize(entry.getSize());
			copied.setCompressedSize(entry.getSize());
			copied.setCrc(entry.getCrc());
		}
		else if (entry.isDirectory()) {
			copied.setMethod(ZipEntry.STORED);
			copied.setSize(0);
			copied.setCrc(new CRC32().getValue());
		}
		out.putNextEntry(copied);
		try (InputStream in = source.getInputStream(entry)) {
			in.transferTo(out);
		}
		out.closeEntry();
	}

	/** The unpacked jars and archives of other builds or JDKs go; this build's archive and pending ones stay. */
	private void removeOthers() throws IOException {
		try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
			for (Path file : files) {
				if (!file.getFileName().toString().contains(key)) {
					deleteRecursively(file);
				}
			}
		}
	}

	private static int awaitExit(Process child) {
		while (true) {
			try {
				return child.waitFor();
			}
			catch (InterruptedException e) {
				// keep waiting: leaving would orphan the child while it stops
			}
		}
	}

	private static void deleteRecursively(Path path) throws IOException {
		if (!Files.exists(path)) {
			return;
		}
		try (var paths = Files.walk(path)) {
			for (Path each : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
				Files.deleteIfExists(each);
			}
		}
	}

	private static String fileStamp(Path file) {
		try {
			return Files.size(file) + " " + Files.getLastModifiedTime(file).to(TimeUnit.MILLISECONDS);
		}
		catch (IOException e) {
			return "unknown";
		}
	}
}
