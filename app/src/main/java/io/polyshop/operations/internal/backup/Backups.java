package io.polyshop.operations.internal.backup;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/** Backups taken by this instance in the background, one at a time, into {@code polyshop.backup.dir}. */
@Service
public class Backups implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(Backups.class);
	private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

	private final StoreBackup backup;
	private final Path directory;
	private final Clock clock;
	private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> new Thread(r, "backup"));
	private final Map<String, BackupStatus> runs = new ConcurrentHashMap<>();

	Backups(StoreBackup backup, @Value("${polyshop.backup.dir}") Path directory, Clock clock) {
		this.backup = backup;
		this.directory = directory;
		this.clock = clock;
	}

	public record BackupStatus(String id, String status, Instant startedAt, String archive, String sha256, Long bytes,
			Map<String, Long> recordsPerStore, String postgresSnapshot, Double seconds, String progress, String error) {

		BackupStatus progressed(String line) {
			return new BackupStatus(id, status, startedAt, archive, sha256, bytes, recordsPerStore, postgresSnapshot, seconds, line, error);
		}
	}

	public BackupStatus start() {
		String id = UUID.randomUUID().toString();
		Instant started = clock.instant();
		Path archive = directory.resolve("polyshop-" + FILE_TIME.format(started) + "-" + id.substring(0, 8) + ".zip").toAbsolutePath();
		BackupStatus status = new BackupStatus(id, "RUNNING", started, archive.toString(), null, null, null, null, null, null, null);
		runs.put(id, status);
		runner.execute(() -> {
			try {
				Manifest manifest = backup.backup(archive, line -> {
					log.info("Backup {}: {}", id, line);
					runs.computeIfPresent(id, (k, s) -> s.progressed(line));
				});
				String sha256 = Archives.sha256Of(archive);
				java.nio.file.Files.writeString(archive.resolveSibling(archive.getFileName() + ".sha256"), sha256 + "  " + archive.getFileName() + "\n");
				double seconds = Duration.between(started, clock.instant()).toMillis() / 1000.0;
				runs.put(id, new BackupStatus(id, "DONE", started, archive.toString(), sha256, java.nio.file.Files.size(archive),
						manifest.recordsPerStore(), manifest.postgresSnapshot(), seconds, "done", null));
				log.info("Backup {} written to {} ({} bytes, {} s, records {})", id, archive, java.nio.file.Files.size(archive), seconds,
						manifest.recordsPerStore());
			}
			catch (Exception | Error e) {
				log.warn("Backup {} failed: {}", id, e.toString());
				runs.computeIfPresent(id, (k, s) -> new BackupStatus(id, "FAILED", started, null, null, null, null, null, null, s.progress(),
						e.getMessage()));
			}
		});
		return status;
	}

	public Optional<BackupStatus> find(String id) {
		return Optional.ofNullable(runs.get(id));
	}

	@Override
	public void destroy() {
		runner.shutdownNow();
	}
}
