package io.polyshop.shared;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import io.polyshop.inventory.InsufficientStock;
import io.polyshop.inventory.Sku;
import io.polyshop.shared.Refusal.Reason;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProblemsTest {

	@Test
	void everyReasonHasItsOwnStatus() {
		assertThat(List.of(Reason.values()).stream().map(Problems::status).distinct()).hasSize(Reason.values().length);
		assertThat(Problems.status(Reason.INVALID)).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(Problems.status(Reason.UNAVAILABLE)).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
	}

	@Test
	void aModuleRefusalBecomesAProblemWithItsTitleDetailAndProperties() {
		ResponseEntity<ProblemDetail> answer = Problems.answer(new InsufficientStock(List.of("A-1", "B-2")));

		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(answer.getBody().getTitle()).isEqualTo("Insufficient stock");
		assertThat(answer.getBody().getDetail()).isEqualTo("Not enough stock for: A-1, B-2.");
		assertThat(answer.getBody().getProperties()).containsEntry("skus", List.of("A-1", "B-2"));
	}

	@Test
	void instanceAndRetryAfterTravelToTheAnswer() {
		ResponseEntity<ProblemDetail> answer = Problems.answer(new Refusal(Reason.TOO_MANY_REQUESTS, "Too many requests", "Later.")
			.about("/api/orders/42").retryingAfter(Duration.ofSeconds(30)));

		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("30");
		assertThat(answer.getBody().getInstance()).isEqualTo(URI.create("/api/orders/42"));
	}

	@Test
	void withoutATitleTheStatusNamesTheProblem() {
		assertThat(Problems.answer(new Refusal(Reason.NOT_FOUND, null, "Gone.")).getBody().getTitle()).isEqualTo("Not Found");
	}

	@Test
	void moduleApiExceptionsAreNoWebTypes() {
		assertThatThrownBy(() -> Sku.of("lower case")).isInstanceOf(Refusal.class)
			.isNotInstanceOf(org.springframework.web.ErrorResponse.class);
	}
}
