package io.polyshop.checkout.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Fault injection for the crash tests, off unless {@code polyshop.checkout.fault-seams=true}: a checkout whose
 * shipping name is {@code seam:<step>} stops at that step and never goes on (its thread parks), so a test can
 * kill -9 the JVM with checkouts frozen at known steps and check what a restart makes of them. Steps:
 * {@code after-order-insert} (stock reserved, PAYMENT_PENDING committed, not charged), {@code after-charge} (the
 * provider charged, nothing recorded on our side), {@code before-completion-commit} (inside the completing
 * transaction, before its commit).
 */
@Component
class CheckoutSeams {

	private static final Logger log = LoggerFactory.getLogger(CheckoutSeams.class);
	private static final String PREFIX = "seam:";

	private final boolean enabled;

	CheckoutSeams(@Value("${polyshop.checkout.fault-seams:false}") boolean enabled) {
		this.enabled = enabled;
		if (enabled) {
			log.warn("Checkout fault seams are on (polyshop.checkout.fault-seams): for crash tests only");
		}
	}

	void reached(String step, String shippingName) {
		if (enabled && shippingName != null && shippingName.equals(PREFIX + step)) {
			log.warn("Checkout frozen at seam {}", step);
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
