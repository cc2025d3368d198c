package io.polyshop.orders.internal;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Runs the order documents consistency check on demand and answers what it found and repaired. */
@RestController
class ConsistencyController {

	private final OrderDocumentsCheck check;

	ConsistencyController(OrderDocumentsCheck check) {
		this.check = check;
	}

	@PostMapping("/api/admin/consistency/orders")
	OrderDocumentsCheck.Report checkOrderDocuments() {
		return check.run();
	}
}
