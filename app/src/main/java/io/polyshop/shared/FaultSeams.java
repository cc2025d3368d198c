package io.polyshop.shared;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Fault injection for the crash tests, off unless {@code polyshop.checkout.fault-seams=true}: work marked
 * {@code seam:<step>} stops at that step and never goes on (its thread parks), so a test can kill -9 the JVM with
 * work frozen at known steps and check what a restart makes of it. Checkout steps, marked by the order's shipping
 * name: {@code after-order-insert} (stock reserved, PAYMENT_PENDING committed, not charged), {@code after-charge}
 * (the provider charged, nothing recorded on our side), {@code before-completion-commit} (inside the completing
 * transaction, before its commit). Projection steps, marked by the title of a product in the order:
 * {@code before-order-document} (the order committed, its document not yet written), {@code before-purchased-edges}
 * (its PURCHASED edges not yet merged), {@code before-cart-cleanup} (the outbox's cart clean-up of a completed order).
 */
@Component
public class FaultSeams {

	private static final Logger log = LoggerFactory.getLogger(FaultSeams.class);
	private static final String PREFIX = "seam:";

	private final boolean enabled;

	FaultSeams(@Value("${polyshop.checkout.fault-seams:false}") boolean enabled) {
		this.enabled = enabled;
		if (enabled) {
			log.warn("Fault seams are on (polyshop.checkout.fault-seams): for crash tests only");
		}
	}

	/** Parks the calling thread for good if the seams are on and {@code marker} names this step. */
	public void reached(String step, String marker) {
		if (enabled && marker != null && marker.equals(PREFIX + step)) {
			log.warn("Frozen at fault seam {}", step);
			while (true) {
				try {
					Thread.sleep(Long.MAX_VALUE);
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("interrupted at seam " + step);
				}
			}
		}
	}
}
