/**
 * Customer accounts (email, password hash, roles, addresses) in PostgreSQL; HTTP sessions in Redis through Spring Session.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Customer", allowedDependencies = { "stores", "shared" })
package io.polyshop.customer;
