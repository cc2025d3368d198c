package io.polyshop.checkout.internal;

import java.util.concurrent.TimeUnit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * {@code polyshop.checkout{outcome=...}}: every {@code POST /api/checkout}, timed, by what the shopper got: {@code
 * created} (a new order), {@code replayed} (the Idempotency-Key's earlier order), {@code declined} (payment refused),
 * {@code payment_failed} (the gateway failed), {@code refused} (any other 4xx: empty cart, no stock, bad input) or
 * {@code error}. Measured at the HTTP edge, so it counts exactly what clients saw, whatever path the checkout took.
 */
@Configuration(proxyBeanMethods = false)
class CheckoutMetrics implements WebMvcConfigurer {

	static final String METER = "polyshop.checkout";
	private static final String STARTED = CheckoutMetrics.class.getName() + ".started";

	private final MeterRegistry registry;

	CheckoutMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void addInterceptors(InterceptorRegistry interceptors) {
		interceptors.addInterceptor(new HandlerInterceptor() {

			@Override
			public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
				if ("POST".equals(request.getMethod())) {
					request.setAttribute(STARTED, System.nanoTime());
				}
				return true;
			}

			@Override
			public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception failure) {
				if (request.getAttribute(STARTED) instanceof Long started) {
					Timer.builder(METER).description("Checkouts, by outcome").tag("outcome", outcome(response.getStatus(), failure))
							.publishPercentileHistogram().register(registry)
							.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
				}
			}
		}).addPathPatterns("/api/checkout");
	}

	static String outcome(int status, Exception failure) {
		if (failure != null && status < 400) {
			return "error";
		}
		return switch (status) {
			case 201 -> "created";
			case 200 -> "replayed";
			case 402 -> "declined";
			case 502, 504 -> "payment_failed";
			default -> status >= 400 && status < 500 ? "refused" : status >= 500 ? "error" : "other";
		};
	}
}
