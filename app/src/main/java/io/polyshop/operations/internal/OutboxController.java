package io.polyshop.operations.internal;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.polyshop.operations.internal.OutboxBacklog.OutboxView;

/** {@code GET /api/admin/outbox}: the event publications still waiting for a listener, oldest first. */
@RestController
class OutboxController {

	private final OutboxBacklog backlog;

	OutboxController(OutboxBacklog backlog) {
		this.backlog = backlog;
	}

	@GetMapping("/api/admin/outbox")
	OutboxView outbox() {
		return backlog.backlog();
	}
}
