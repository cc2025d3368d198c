package io.polyshop.customer.internal;

import java.time.Clock;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The first admin, from {@code polyshop.admin.email} and {@code polyshop.admin.password} (environment
 * {@code POLYSHOP_ADMIN_EMAIL}, {@code POLYSHOP_ADMIN_PASSWORD}), made sure of at every start. The configured
 * credentials are authoritative: an account with that email gets the ADMIN role and the configured password, so
 * whoever registered the address before the operator configured it cannot keep it. An upsert, so several
 * instances starting at once end with one account.
 */
@Component
class FirstAdmin implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

	private final JdbcClient jdbc;
	private final TransactionTemplate transactions;
	private final PasswordEncoder passwordEncoder;
	private final String email;
	private final String password;
	private final Clock clock;

	FirstAdmin(JdbcClient jdbc, TransactionTemplate transactions, PasswordEncoder passwordEncoder,
			@Value("${polyshop.admin.email:}") String email, @Value("${polyshop.admin.password:}") String password,
			Clock clock) {
		this.clock = clock;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.passwordEncoder = passwordEncoder;
		this.email = email.isBlank() ? null : Customer.normalizeEmail(email);
		this.password = password;
	}

	@Override
	public void run(ApplicationArguments arguments) {
		if (email == null || password.isEmpty()) {
			log.info("No admin account configured: set POLYSHOP_ADMIN_EMAIL and POLYSHOP_ADMIN_PASSWORD to create one.");
			return;
		}
		try {
			PasswordPolicy.check(password, email);
		}
		catch (CustomerProblem weak) {
			// the most powerful account gets at least the rules every customer gets
			throw new IllegalStateException("POLYSHOP_ADMIN_PASSWORD does not meet the password policy: "
					+ weak.getMessage());
		}
		if (alreadyThere()) {
			log.info("Admin account {} is ready.", email);
			return;
		}
		transactions.executeWithoutResult(status -> {
			UUID id = jdbc.sql("""
					INSERT INTO customers (id, email, name, password_hash, referral_code, registered_at, version)
					VALUES (:id, :email, 'Admin', :hash, :code, :now, 0)
					ON CONFLICT ((lower(email))) DO UPDATE SET password_hash = EXCLUDED.password_hash,
					    version = customers.version + 1
					RETURNING id""")
				.param("id", UUID.randomUUID()).param("email", email).param("hash", passwordEncoder.encode(password))
				.param("code", Customer.newReferralCode()).param("now", java.sql.Timestamp.from(clock.instant()))
				.query(UUID.class).single();
			jdbc.sql("""
					INSERT INTO customer_roles (customer_id, role) VALUES (:id, 'ADMIN'), (:id, 'CUSTOMER')
					ON CONFLICT DO NOTHING""").param("id", id).update();
		});
		log.info("Admin account {} created or updated from POLYSHOP_ADMIN_EMAIL / POLYSHOP_ADMIN_PASSWORD.", email);
	}

	/** Skips the write (and a new hash) when the account already is an admin with the configured password. */
	private boolean alreadyThere() {
		return jdbc.sql("""
				SELECT c.password_hash FROM customers c JOIN customer_roles r ON r.customer_id = c.id AND r.role = 'ADMIN'
				WHERE lower(c.email) = :email""").param("email", email).query(String.class).optional()
			.filter(hash -> passwordEncoder.matches(password, hash)).isPresent();
	}
}
