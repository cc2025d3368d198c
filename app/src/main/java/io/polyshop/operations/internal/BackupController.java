package io.polyshop.operations.internal;

import java.net.URI;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import io.polyshop.operations.internal.backup.Backups;
import io.polyshop.operations.internal.backup.Backups.BackupStatus;
import io.polyshop.shared.Refusal;

/**
 * {@code POST /api/admin/backups} starts a backup of all four stores while the shop keeps taking orders: 202 with the
 * status URL, which answers the archive's path, SHA-256, size and records per store when done.
 */
@RestController
class BackupController {

	private final Backups backups;

	BackupController(Backups backups) {
		this.backups = backups;
	}

	@PostMapping("/api/admin/backups")
	ResponseEntity<BackupStatus> start() {
		BackupStatus status = backups.start();
		return ResponseEntity.accepted().location(URI.create("/api/admin/backups/" + status.id())).body(status);
	}

	@GetMapping("/api/admin/backups/{id}")
	BackupStatus status(@PathVariable String id) {
		return backups.find(id).orElseThrow(
				() -> new Refusal(Refusal.Reason.NOT_FOUND, "No such backup", "No backup " + id + " on this instance."));
	}
}
