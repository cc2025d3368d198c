package io.polyshop.shared;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.access.WebInvocationPrivilegeEvaluator;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;

/**
 * The OpenAPI document ({@code /v3/api-docs}), completed in one place rather than on every controller: a summary
 * per operation (from its handler method's name), the security each operation really needs (asked of the running
 * security rules, so the document cannot drift from them), RFC 9457 problem responses with their schema, and the
 * API's license and server. {@code .ci/run} lints the result with Redocly's recommended rules.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	static final String PROBLEM = "Problem";
	static final String PROBLEM_JSON = "application/problem+json";
	private static final Pattern PATH_VARIABLE = Pattern.compile("\\{[^}]+}");
	private static final List<String> SCHEMES = List.of("basicAuth", "bearerAuth", "sessionCookie");

	/**
	 * Summaries from handler names: {@code addItem} becomes "Add item"; a lone word is read with the HTTP method
	 * ({@code GET me}: "Get me") or the controller ({@code CartController.add}: "Cart: add").
	 */
	@Bean
	OperationCustomizer operationSummaries() {
		return (operation, handler) -> {
			if (operation.getSummary() == null || operation.getSummary().isBlank()) {
				operation.setSummary(summary(handler.getMethod().getName(), handler.getBeanType().getSimpleName(),
						handler.hasMethodAnnotation(org.springframework.web.bind.annotation.GetMapping.class)));
			}
			return operation;
		};
	}

	@Bean
	OpenApiCustomizer securityProblemsAndInfo(ObjectProvider<WebInvocationPrivilegeEvaluator> privileges,
			@Value("${polyshop.api.license-name:Proprietary}") String licenseName,
			@Value("${polyshop.api.license-url:}") String licenseUrl,
			@Value("${polyshop.api.server-url:/}") String serverUrl) {
		return openApi -> {
			Info info = openApi.getInfo() == null ? new Info() : openApi.getInfo();
			openApi.info(info.title("Polyshop API").version("v1")
					.description("""
							E-commerce backend on four stores (PostgreSQL, Redis, MongoDB, Neo4j). Errors are RFC 9457 \
							problem details (application/problem+json). Sign in with HTTP Basic, a bearer token \
							(POST /api/auth/token) or the browser session cookie; a session cookie write also needs the \
							CSRF token from GET /api/csrf in the X-XSRF-TOKEN header.""")
					.license(license(licenseName, licenseUrl)));
			openApi.servers(List.of(new Server().url(serverUrl).description("This Polyshop instance")));
			Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
			openApi.components(components);
			components.addSecuritySchemes("basicAuth", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
					.description("An account's email and password"));
			components.addSecuritySchemes("bearerAuth", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
					.description("A token from POST /api/auth/token"));
			components.addSecuritySchemes("sessionCookie", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
					.in(SecurityScheme.In.COOKIE).name("SESSION").description("The session of a browser signed in with the form at /login"));
			components.addSchemas(PROBLEM, problemSchema());

			WebInvocationPrivilegeEvaluator evaluator = privileges.getIfAvailable();
			Set<String> tagsUsed = new TreeSet<>();
			if (openApi.getPaths() != null) {
				openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
					Access access = access(evaluator, path, method);
					document(operation, path, access);
					if (operation.getTags() != null) {
						tagsUsed.addAll(operation.getTags());
					}
				}));
			}
			describeTags(openApi, tagsUsed);
			dropUnusedProblemSchemas(components);
		};
	}

	/** Who may call an operation, asked of the application's own security rules. */
	enum Access {
		PUBLIC, SIGNED_IN, ADMIN
	}

	static Access access(WebInvocationPrivilegeEvaluator evaluator, String path, PathItem.HttpMethod method) {
		if (evaluator == null) {
			return Access.SIGNED_IN;
		}
		String uri = PATH_VARIABLE.matcher(path).replaceAll("x");
		if (evaluator.isAllowed("", uri, method.name(), anonymous())) {
			return Access.PUBLIC;
		}
		return evaluator.isAllowed("", uri, method.name(), customer()) ? Access.SIGNED_IN : Access.ADMIN;
	}

	private static void document(Operation operation, String path, Access access) {
		ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
		operation.responses(responses);
		if (access == Access.PUBLIC) {
			operation.security(List.of(new SecurityRequirement())); // explicitly public: {} in the document
		}
		else {
			List<SecurityRequirement> requirements = new ArrayList<>();
			SCHEMES.forEach(scheme -> requirements.add(new SecurityRequirement().addList(scheme)));
			operation.security(requirements);
			responses.putIfAbsent("401", problem("Not signed in, or the credentials are wrong"));
			responses.putIfAbsent("403", problem(access == Access.ADMIN
					? "Signed in without the ADMIN role, or a session cookie write without its CSRF token"
					: "Not allowed for this account, or a session cookie write without its CSRF token"));
		}
		boolean hasInput = operation.getRequestBody() != null
				|| (operation.getParameters() != null && !operation.getParameters().isEmpty());
		if (hasInput || responses.keySet().stream().noneMatch(code -> code.startsWith("4"))) {
			responses.putIfAbsent("400", problem("The request is not valid: the problem's detail says why"));
		}
		if (PATH_VARIABLE.matcher(path).find()) {
			responses.putIfAbsent("404", problem("No such resource"));
		}
		responses.putIfAbsent("500", problem("Unexpected failure; the problem has no internals, the log has the details"));
		responses.putIfAbsent("503", problem("A store this operation needs does not answer, or (checkout) earlier orders are still being recorded; retry after Retry-After seconds"));
		// whatever springdoc derived from exception handlers: every error is a problem document
		responses.forEach((code, response) -> {
			if (response.get$ref() == null && (code.startsWith("4") || code.startsWith("5"))) {
				response.content(problemContent());
				if (response.getDescription() == null || response.getDescription().isBlank()) {
					response.description("Error");
				}
			}
		});
	}

	private static ApiResponse problem(String description) {
		return new ApiResponse().description(description).content(problemContent());
	}

	private static Content problemContent() {
		return new Content().addMediaType(PROBLEM_JSON,
				new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)));
	}

	@SuppressWarnings("rawtypes")
	private static Schema problemSchema() {
		Map<String, Schema> properties = new LinkedHashMap<>();
		properties.put("type", new StringSchema().format("uri-reference").description("Identifies the kind of problem"));
		properties.put("title", new StringSchema().description("Short summary of the kind of problem"));
		properties.put("status", new IntegerSchema().format("int32").description("The HTTP status code"));
		properties.put("detail", new StringSchema().description("What went wrong this time, for a person"));
		properties.put("instance", new StringSchema().format("uri-reference").description("The request that failed"));
		ObjectSchema schema = new ObjectSchema();
		schema.setProperties(properties);
		schema.additionalProperties(true);
		schema.description("An RFC 9457 problem detail; some problems add members (e.g. the order concerned)");
		return schema;
	}

	private static void describeTags(OpenAPI openApi, Set<String> used) {
		Map<String, Tag> tags = new LinkedHashMap<>();
		if (openApi.getTags() != null) {
			openApi.getTags().forEach(tag -> tags.put(tag.getName(), tag));
		}
		used.forEach(name -> tags.computeIfAbsent(name, n -> new Tag().name(n)));
		tags.values().forEach(tag -> {
			if (tag.getDescription() == null || tag.getDescription().isBlank()) {
				tag.setDescription(sentence(tag.getName().replace("-controller", "").replace('-', ' ')));
			}
		});
		openApi.setTags(new ArrayList<>(tags.values()));
	}

	/** springdoc's schemas for Spring's ProblemDetail are replaced by {@value #PROBLEM} everywhere. */
	private static void dropUnusedProblemSchemas(Components components) {
		if (components.getSchemas() != null) {
			components.getSchemas().remove("ProblemDetail");
		}
	}

	static String summary(String methodName, String controllerName, boolean read) {
		String[] words = methodName.split("(?<=[a-z0-9])(?=[A-Z])");
		String text = String.join(" ", words).toLowerCase(Locale.ROOT);
		if (words.length > 1) {
			return sentence(text);
		}
		if (read) {
			return "Get " + text;
		}
		String noun = String.join(" ", controllerName.replaceAll("(Controller|Resource|Endpoint)$", "")
				.split("(?<=[a-z0-9])(?=[A-Z])")).toLowerCase(Locale.ROOT);
		return noun.equals(text) ? sentence(text) : sentence(noun) + ": " + text;
	}

	private static String sentence(String text) {
		return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

	private static License license(String name, String url) {
		License license = new License().name(name);
		return url == null || url.isBlank() ? license : license.url(url);
	}

	private static Authentication anonymous() {
		return new AnonymousAuthenticationToken("api-docs", "anonymous", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
	}

	private static Authentication customer() {
		return UsernamePasswordAuthenticationToken.authenticated("api-docs", null, AuthorityUtils.createAuthorityList("ROLE_CUSTOMER"));
	}
}
