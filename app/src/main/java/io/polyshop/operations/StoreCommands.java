package io.polyshop.operations;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.polyshop.audit.Audit;
import io.polyshop.audit.AuditReport;
import io.polyshop.audit.InvariantReport;
import io.polyshop.operations.internal.backup.Archives;
import io.polyshop.operations.internal.backup.InvalidArchive;
import io.polyshop.operations.internal.backup.Manifest;
import io.polyshop.operations.internal.backup.StoreBackup;
import io.polyshop.operations.internal.backup.StoreRestore;
import io.polyshop.operations.internal.backup.StoresNotEmpty;
import io.polyshop.search.ProductSearch;

/**
 * The jar's command verbs besides serving: {@code backup --to FILE} and {@code restore --from ARCHIVE [--force]}.
 * Each starts the application without its HTTP port and schedules, on the stores the usual {@code POLYSHOP_*}
 * settings choose (embedded under the data directory, or external), does its one job, prints a summary and exits.
 */
public final class StoreCommands {

	/**
	 * What a command runs with: no HTTP port (server.port -1 keeps the web application context the security and
	 * session configuration need, without a server), no schedules, and nothing written at start-up that a restore
	 * would collide with. Passed as command-line arguments: they must win over application.yaml and the environment.
	 */
	private static final Map<String, String> COMMAND_SETTINGS = Map.of(
			"server.port", "-1",
			"polyshop.scheduling.enabled", "false",
			"polyshop.catalog.demo.enabled", "false",
			"polyshop.catalog.generate", "0",
			"polyshop.social.generate.customers", "0",
			"polyshop.admin.email", "",
			"spring.modulith.events.republish-outstanding-events-on-restart", "false",
			"spring.main.banner-mode", "off");

	private StoreCommands() {
	}

	public static boolean handles(String[] args) {
		return args.length > 0 && (args[0].equals("backup") || args[0].equals("restore"));
	}

	/** Runs the command; answers the process exit code (0 done, 1 failed, 2 bad usage). */
	public static int run(Class<?> application, String[] args) {
		return run(application, args, System.out);
	}

	public static int run(Class<?> application, String[] args, PrintStream out) {
		String verb = args[0];
		Path file = null;
		boolean force = false;
		List<String> springArgs = new ArrayList<>();
		for (int i = 1; i < args.length; i++) {
			String arg = args[i];
			if ((arg.equals("--to") && verb.equals("backup")) || (arg.equals("--from") && verb.equals("restore"))) {
				if (i + 1 == args.length) {
					return usage(out, arg + " needs a file");
				}
				file = Path.of(args[++i]);
			}
			else if (arg.equals("--force") && verb.equals("restore")) {
				force = true;
			}
			else if (arg.startsWith("--") && arg.contains("=")) {
				springArgs.add(arg); // --polyshop.data-dir=... and other settings
			}
			else {
				return usage(out, "unknown argument " + arg);
			}
		}
		if (file == null) {
			return usage(out, verb.equals("backup") ? "backup needs --to FILE" : "restore needs --from ARCHIVE");
		}
		long started = System.nanoTime();
		try {
			return verb.equals("backup") ? backup(application, file, springArgs, out, started)
					: restore(application, file, force, springArgs, out, started);
		}
		catch (InvalidArchive | StoresNotEmpty e) {
			out.println("Refused, nothing written: " + e.getMessage());
			return 1;
		}
		catch (Exception e) {
			out.println(verb + " failed: " + e);
			return 1;
		}
	}

	private static int backup(Class<?> application, Path archive, List<String> springArgs, PrintStream out, long started) throws Exception {
		if (Files.exists(archive)) {
			out.println("Refused: " + archive + " exists");
			return 1;
		}
		try (ConfigurableApplicationContext context = start(application, springArgs)) {
			Manifest manifest = context.getBean(StoreBackup.class).backup(archive, out::println);
			String sha256 = Archives.sha256Of(archive);
			Files.writeString(archive.resolveSibling(archive.getFileName() + ".sha256"), sha256 + "  " + archive.getFileName() + "\n");
			out.printf("Backup written: %s%n  SHA-256 %s%n  records per store %s%n  %d bytes, %.1f s%n", archive.toAbsolutePath(), sha256,
					manifest.recordsPerStore(), Files.size(archive), seconds(started));
			return 0;
		}
	}

	private static int restore(Class<?> application, Path archive, boolean force, List<String> springArgs, PrintStream out, long started)
			throws Exception {
		out.println("Verifying " + archive + " ...");
		Manifest manifest = Archives.verify(archive); // before anything starts: a damaged archive writes nothing anywhere
		out.printf("Archive of %s (PostgreSQL snapshot %s at %s, schema version %s): records per store %s, %d bytes%n",
				manifest.createdAt(), manifest.postgresSnapshot(), manifest.postgresSnapshotAt(), manifest.schemaVersion(),
				manifest.recordsPerStore(), manifest.bytes());
		try (ConfigurableApplicationContext context = start(application, springArgs)) {
			Map<String, Long> records = context.getBean(StoreRestore.class).restore(archive, manifest, force, out::println);
			rebuildSearchIndex(context.getBean(ProductSearch.class), out);
			out.println("Re-deriving the projections from the restored PostgreSQL (audit with repair) ...");
			AuditReport audit = context.getBean(Audit.class).run("restore", true);
			for (InvariantReport invariant : audit.invariants()) {
				out.printf("  %-18s %8d checked %6d drifted %6d repaired%s%n", invariant.invariant(), invariant.checked(),
						invariant.drifted(), invariant.repaired(), invariant.error() == null ? "" : "  ERROR " + invariant.error());
			}
			out.printf("Restored: records per store %s, %d bytes, %.1f s%n", records, manifest.bytes(), seconds(started));
			return "DONE".equals(audit.status()) ? 0 : 1;
		}
	}

	/**
	 * The search index is not in the archive (a projection of catalog and inventory): built afresh from what was
	 * restored, rather than found missing product by product by the audit. A build the start-up began on the still
	 * empty stores is waited for first.
	 */
	private static void rebuildSearchIndex(ProductSearch search, PrintStream out) throws InterruptedException {
		awaitRebuilt(search, out);
		search.rebuild();
		out.println("Search index: rebuilding from the restored catalog ...");
		awaitRebuilt(search, out);
		out.println("Search index: " + search.status().documents() + " products");
	}

	private static void awaitRebuilt(ProductSearch search, PrintStream out) throws InterruptedException {
		long lastReport = System.nanoTime();
		while (search.status().rebuilding()) {
			Thread.sleep(100);
			if (System.nanoTime() - lastReport > Duration.ofSeconds(10).toNanos()) {
				out.println("Search index: " + search.status().rebuildProgress() + " products indexed so far");
				lastReport = System.nanoTime();
			}
		}
	}

	private static ConfigurableApplicationContext start(Class<?> application, List<String> springArgs) {
		List<String> args = new ArrayList<>(springArgs);
		COMMAND_SETTINGS.forEach((name, value) -> {
			if (springArgs.stream().noneMatch(arg -> arg.startsWith("--" + name + "="))) {
				args.add("--" + name + "=" + value);
			}
		});
		return new SpringApplicationBuilder(application).run(args.toArray(String[]::new));
	}

	private static double seconds(long started) {
		return Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0;
	}

	private static int usage(PrintStream out, String problem) {
		out.println(problem);
		out.println("usage: java -jar polyshop.jar backup --to FILE [--setting=value ...]");
		out.println("       java -jar polyshop.jar restore --from ARCHIVE [--force] [--setting=value ...]");
		return 2;
	}
}
