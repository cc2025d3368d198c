package io.polyshop.documentengine;

import java.nio.ByteBuffer;
import java.time.Instant;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

/**
 * How one value of an index key is written: strings, numbers, booleans, {@code null} and {@code java.util.Date} by H2's
 * {@link ObjectDataType}, which knows them; an {@link Instant} (a BSON date, as mongo-java-server decodes it) as its
 * epoch seconds and nanos behind a tag of its own. {@link ObjectDataType} does not know {@code Instant} and falls back
 * to Java serialisation (about 60 bytes and an {@code ObjectInputStream} per value, paid for every key of every index
 * page read from the file: {@code placedAt}, {@code createdAt}). Instants written that way by earlier versions are
 * still read, so existing index B-trees open as they are (their order does not depend on the encoding).
 */
final class IndexValues {

	/** Not a tag of {@link ObjectDataType} (its tags end at 119); documents use 123 ({@link DocumentDataType#BSON}). */
	static final byte INSTANT = 121;

	private static final ObjectDataType OBJECTS = new ObjectDataType();

	private IndexValues() {
	}

	static void write(WriteBuffer buffer, Object value) {
		if (value instanceof Instant instant) {
			buffer.put(INSTANT).putVarLong(instant.getEpochSecond()).putVarInt(instant.getNano());
		}
		else {
			OBJECTS.write(buffer, value);
		}
	}

	static Object read(ByteBuffer buffer) {
		if (buffer.get(buffer.position()) != INSTANT) {
			return OBJECTS.read(buffer);
		}
		buffer.get();
		long seconds = DataUtils.readVarLong(buffer);
		return Instant.ofEpochSecond(seconds, DataUtils.readVarInt(buffer));
	}

	/** A heap estimate for H2's page sizes and cache. */
	static int memory(Object value) {
		return value instanceof String s ? 40 + 2 * s.length() : 24;
	}
}
