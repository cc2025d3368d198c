/**
 * The customer graph in Neo4j: FOLLOWS, REFERRED and PURCHASED edges, suggestions and recommendations.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Social")
package io.polyshop.social;
