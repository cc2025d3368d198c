package io.polyshop.operations.internal.backup;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.neo4j.driver.Value;

/**
 * Graph property values to JSON and back. JSON has no dates: a temporal value is written as a one-key object naming
 * its type, e.g. {@code {"$datetime": "2026-11-25T21:00Z"}}, and read back as the same Neo4j type.
 */
final class GraphValues {

	private GraphValues() {
	}

	static Map<String, Object> encode(Value properties) {
		Map<String, Object> encoded = new LinkedHashMap<>();
		properties.asMap(value -> value).forEach((name, value) -> encoded.put(name, encode(value.asObject())));
		return encoded;
	}

	private static Object encode(Object value) {
		if (value instanceof ZonedDateTime || value instanceof OffsetDateTime) {
			return Map.of("$datetime", value.toString());
		}
		if (value instanceof LocalDateTime) {
			return Map.of("$localdatetime", value.toString());
		}
		if (value instanceof LocalDate) {
			return Map.of("$date", value.toString());
		}
		if (value instanceof List<?> list) {
			return list.stream().map(GraphValues::encode).toList();
		}
		return value;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> decode(Map<String, Object> properties) {
		Map<String, Object> decoded = new LinkedHashMap<>();
		properties.forEach((name, value) -> decoded.put(name, decodeValue(value)));
		return decoded;
	}

	@SuppressWarnings("unchecked")
	private static Object decodeValue(Object value) {
		if (value instanceof Map<?, ?> map && map.size() == 1) {
			Map.Entry<String, Object> typed = ((Map<String, Object>) map).entrySet().iterator().next();
			String text = String.valueOf(typed.getValue());
			switch (typed.getKey()) {
				case "$datetime":
					return ZonedDateTime.parse(text);
				case "$localdatetime":
					return LocalDateTime.parse(text);
				case "$date":
					return LocalDate.parse(text);
				default:
					return value;
			}
		}
		if (value instanceof List<?> list) {
			List<Object> decoded = new ArrayList<>();
			list.forEach(item -> decoded.add(decodeValue(item)));
			return decoded;
		}
		return value;
	}
}
