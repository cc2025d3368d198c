package io.polyshop.operations.internal;

import java.util.Map;
import java.util.TreeMap;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import io.polyshop.stores.Store;

/** Uses {@code buildInfo}, which every MongoDB-wire-protocol server answers (mongo-java-server lacks {@code hello}). */
@Component
class MongoProbe implements StoreProbe {

	private final MongoTemplate mongo;

	MongoProbe(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public Store store() {
		return Store.MONGODB;
	}

	@Override
	public void ping() {
		mongo.executeCommand(new Document("ping", 1));
	}

	@Override
	public String version() {
		Document buildInfo = mongo.executeCommand(new Document("buildInfo", 1));
		return buildInfo.getString("version");
	}

	@Override
	public Map<String, Long> recordCounts() {
		Map<String, Long> counts = new TreeMap<>();
		mongo.getCollectionNames().forEach(name -> counts.put(name, mongo.getCollection(name).estimatedDocumentCount()));
		return counts;
	}
}
