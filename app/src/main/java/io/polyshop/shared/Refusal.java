package io.polyshop.shared;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request the shop refuses for a reason the client can act on. Plain Java, no web types: module APIs throw it
 * (or a subtype named for the reason, such as {@code UnknownSku}) and {@link Problems} alone turns it into an
 * RFC 9457 problem+json answer. The message is the problem's detail, so it must be fit for the client to read.
 */
public class Refusal extends RuntimeException {

	/** Why the request was refused; {@link Problems} maps each to one HTTP status. */
	public enum Reason {
		/** The request itself is wrong (400). */
		INVALID,
		/** What it names does not exist (404). */
		NOT_FOUND,
		/** It clashes with the current state (409). */
		CONFLICT,
		/** Well-formed but not what this idempotency key stood for (422). */
		UNPROCESSABLE,
		/** The payment was declined (402). */
		PAYMENT_DECLINED,
		/** The payment provider failed (502). */
		PAYMENT_FAILED,
		/** Asked too often (429; see {@link #retryAfter()}). */
		TOO_MANY_REQUESTS,
		/** A store or service needed for it did not answer; nothing was changed (503). */
		UNAVAILABLE
	}

	private final Reason reason;
	private final String title;
	private final Map<String, Object> properties = new LinkedHashMap<>();
	private String instance;
	private Duration retryAfter;

	public Refusal(Reason reason, String title, String detail) {
		this(reason, title, detail, null);
	}

	public Refusal(Reason reason, String title, String detail, Throwable cause) {
		super(detail, cause);
		this.reason = reason;
		this.title = title;
	}

	public Reason reason() {
		return reason;
	}

	/** A short summary that does not change from occurrence to occurrence; null: the status's reason phrase. */
	public String title() {
		return title;
	}

	public String detail() {
		return getMessage();
	}

	/** Extra members of the answer a client may act on (an order id, the short SKUs). */
	public Map<String, Object> properties() {
		return Collections.unmodifiableMap(properties);
	}

	/** The path of the resource the refusal is about (the problem's {@code instance}), or null. */
	public String instance() {
		return instance;
	}

	/** When the client may try again, or null. */
	public Duration retryAfter() {
		return retryAfter;
	}

	public Refusal with(String property, Object value) {
		properties.put(property, value);
		return this;
	}

	public Refusal about(String instancePath) {
		this.instance = instancePath;
		return this;
	}

	public Refusal retryingAfter(Duration wait) {
		this.retryAfter = wait;
		return this;
	}
}
