/**
 * The customer graph in Neo4j: FOLLOWS, REFERRED and PURCHASED edges, suggestions and recommendations.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Social", allowedDependencies = { "audit", "checkout", "customer", "shared" })
package io.polyshop.social;
