package io.polyshop.customer.internal;

import java.util.List;

import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import io.polyshop.customer.CurrentCustomer;
import io.polyshop.customer.SignedInCustomer;

/**
 * Lets any controller take a {@link SignedInCustomer} parameter. An anonymous request gets a 401 (the
 * exception goes to Spring Security's exception translation, see {@link SecurityExceptionsToFilterChain}).
 */
@Component
class SignedInCustomerParameters implements WebMvcConfigurer, HandlerMethodArgumentResolver {

	static {
		// not a request parameter: keep it out of the OpenAPI document
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(SignedInCustomer.class);
	}

	private final CurrentCustomer currentCustomer;

	SignedInCustomerParameters(CurrentCustomer currentCustomer) {
		this.currentCustomer = currentCustomer;
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(this);
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType().equals(SignedInCustomer.class);
	}

	@Override
	public SignedInCustomer resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
		return currentCustomer.current()
				.orElseThrow(() -> new AuthenticationCredentialsNotFoundException("This needs a signed-in customer"));
	}
}
