package io.polyshop.shared;

import java.io.IOException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * No request body above {@code polyshop.http.max-body-size}: a declared larger one is answered 413 problem+json
 * before anything reads it; one without a declared length (chunked) is cut off where it passes the limit, so
 * its reading fails (a 4xx, nothing stored). Every body the API takes is small; this keeps a client from making
 * the application parse megabytes of JSON.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestBodyLimit extends OncePerRequestFilter {

	private final long maxBytes;
	private final JsonMapper json;

	RequestBodyLimit(@Value("${polyshop.http.max-body-size:1MB}") DataSize maxBodySize, JsonMapper json) {
		this.maxBytes = maxBodySize.toBytes();
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > maxBytes) {
			ProblemDetail problem = Problems.problem(HttpStatus.CONTENT_TOO_LARGE, "Request body too large",
					"The request body is larger than the " + maxBytes + " bytes this API accepts.");
			response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
			response.setHeader(HttpHeaders.CONNECTION, "close"); // the rest of the body is not read
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			json.writeValue(response.getOutputStream(), problem);
			return;
		}
		chain.doFilter(request.getContentLengthLong() < 0 ? new Limited(request, maxBytes) : request, response);
	}

	/** A body of unknown length, read at most up to the limit. */
	private static final class Limited extends HttpServletRequestWrapper {

		private final long maxBytes;

		Limited(HttpServletRequest request, long maxBytes) {
			super(request);
			this.maxBytes = maxBytes;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			ServletInputStream in = super.getInputStream();
			return new ServletInputStream() {
				private long read;

				@Override
				public int read() throws IOException {
					int b = in.read();
					if (b >= 0 && ++read > maxBytes) {
						throw new IOException("Request body larger than " + maxBytes + " bytes");
					}
					return b;
				}

				@Override
				public int read(byte[] buffer, int offset, int length) throws IOException {
					int n = in.read(buffer, offset, length);
					if (n > 0 && (read += n) > maxBytes) {
						throw new IOException("Request body larger than " + maxBytes + " bytes");
					}
					return n;
				}

				@Override
				public boolean isFinished() {
					return in.isFinished();
				}

				@Override
				public boolean isReady() {
					return in.isReady();
				}

				@Override
				public void setReadListener(ReadListener listener) {
					in.setReadListener(listener);
				}
			};
		}
	}
}
