/**
 * Small value types and web conventions every module uses: {@link io.polyshop.shared.Money}, paginated
 * answers, and RFC 9457 problem details for anything no module handled. An open module: anyone may use it,
 * it depends on no one.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Shared", type = org.springframework.modulith.ApplicationModule.Type.OPEN,
		allowedDependencies = {})
package io.polyshop.shared;
