package io.polyshop.stores.internal;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import io.polyshop.documentengine.DocumentEngineServer;
import io.polyshop.documentengine.DocumentStore;
import io.polyshop.shared.StartupCompilation;

/**
 * The embedded document engine run as a child JVM ({@link DocumentEngineServer}) on this JVM's own class path. In the
 * application's JVM, the pages the engine writes and caches outlived young collections, so G1 copied them at each one
 * and paused the requests in flight for ~40 ms (p50, 10k stored orders); in a JVM of its own those pauses are the
 * engine's alone: the application's fell to ~6.5 ms and CPU per order by 6-14 % (docs/performance.md). Its default
 * collector there is ZGC: with a stop-the-world collector the engine's own young collections (serial: 300-700 ms on a
 * loaded 2-core machine) stalled the outbox deliveries, and through them checkout. Possible when this JVM's class path
 * is plain files: the jar's relaunched JVM, {@code mvn spring-boot:run}, the tests; not in a JVM running from the
 * executable jar itself (the one-shot commands), which opens the engine in process ({@link MongoEngine}).
 */
final class DocumentEngineProcess extends ChildJvmEngine {

	private static final Logger log = LoggerFactory.getLogger("polyshop.embedded.mongodb");
	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);
	/** Logging of the child: warnings and errors only, to its standard output, which this JVM logs as warnings. */
	private static final String LOGGING = "io/polyshop/documentengine/logback.xml";

	private DocumentEngineProcess(ChildJvm child, ChildJvm.Started started) {
		super(child, started.process(), started.url() + "/" + MongoEngine.DATABASE);
	}

	/**
	 * The class path for the child: this JVM's, if the engine's classes are loaded from a plain file here (not from a
	 * jar nested in the executable jar, which no other JVM can read).
	 */
	static Optional<String> classpath() {
		var source = DocumentStore.class.getProtectionDomain().getCodeSource();
		boolean plain = source != null && "file".equals(source.getLocation().getProtocol());
		return plain ? Optional.of(System.getProperty("java.class.path")) : Optional.empty();
	}

	/**
	 * @param maxHeap blank for the JVM's default maximum: the heap grows only as needed, and a whole-collection read
	 *        (the backup's, docs/document-store.md) holds every document of the collection at once
	 */
	static DocumentEngineProcess start(Path dataDirectory, int port, String classpath, String maxHeap,
			List<String> jvmOptions, DocumentStore.Settings settings) {
		Path pidFile = dataDirectory.resolve("mongodb.pid");
		LeftoverProcesses.stop(pidFile, "java");
		String javaHome = System.getProperty("java.home");
		List<String> command = new ArrayList<>(List.of(Path.of(javaHome, "bin", "java").toString(),
				"-XX:+ExitOnOutOfMemoryError", "-Dlogback.configurationFile=" + LOGGING));
		command.addAll(heapOptions(maxHeap, jvmOptions, defaultMaxHeap()));
		command.addAll(StartupCompilation.jvmOptions(jvmOptions));
		command.addAll(List.of("-cp", classpath, DocumentEngineServer.class.getName(),
				dataDirectory.resolve("mongodb").resolve(MongoEngine.FILE).toAbsolutePath().toString(), Integer.toString(port),
				Integer.toString(settings.cacheMegabytes()), Long.toString(settings.commitWindow().toMillis())));
		ChildJvm child = new ChildJvm("Embedded document engine", command, Map.of(), pidFile, DocumentEngineServer.READY,
				STARTUP_TIMEOUT, log, Level.WARN);
		return new DocumentEngineProcess(child, child.start());
	}

	/**
	 * The maximum heap, then the options; a soft maximum (ZGC's heap target) above the maximum (given, or else the JVM's
	 * default) is lowered to it, as the JVM refuses to start with one above the other (the default soft maximum of 1g
	 * with a heap capped at 512m, or on a machine with less than 4 GiB).
	 */
	static List<String> heapOptions(String maxHeap, List<String> jvmOptions, long defaultMaxBytes) {
		List<String> options = new ArrayList<>();
		long max = defaultMaxBytes;
		if (!maxHeap.isBlank()) {
			options.add("-Xmx" + maxHeap);
			max = bytes(maxHeap);
		}
		String soft = "-XX:SoftMaxHeapSize=";
		for (String option : jvmOptions) {
			boolean above = option.startsWith(soft) && max >= 0 && bytes(option.substring(soft.length())) > max;
			options.add(above ? soft + max : option);
		}
		return options;
	}

	/** The JVM's default maximum heap: a quarter of the memory it sees (the container's limit, if any). */
	private static long defaultMaxHeap() {
		var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
		return os.getTotalMemorySize() / 4;
	}

	/** A JVM size (512m, 2g, 1048576k, a count of bytes) in bytes; -1 if it is none (the JVM then says so). */
	static long bytes(String size) {
		if (!size.matches("\\d{1,12}[kKmMgGtT]?")) {
			return -1;
		}
		String digits = size.replaceAll("[kKmMgGtT]$", "");
		int shift = switch (Character.toLowerCase(size.charAt(size.length() - 1))) {
			case 'k' -> 10;
			case 'm' -> 20;
			case 'g' -> 30;
			case 't' -> 40;
			default -> 0;
		};
		return Long.parseLong(digits) << shift;
	}

	@Override
	public void close() {
		stop(Duration.ofSeconds(30));
	}
}
