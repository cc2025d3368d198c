package io.polyshop.documentengine;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;

/**
 * The key of a unique index (the {@code _id} index among them): mongo-java-server's {@link KeyValue}, its values
 * compared in MongoDB's order and written by {@link IndexValues}. The H2 backend left these keys to H2's
 * {@link ObjectDataType}, which does not know {@code KeyValue} (not {@code Comparable}): it compared two keys by
 * serialising both with Java serialisation, at every step of every B-tree search (every insert's duplicate check),
 * and kept the B-tree in the order of those bytes. A B-tree written that way is in another order, so
 * {@link IndexedDatabase} rebuilds it once ({@link #FORMAT}); its keys are still read, for that rebuild to free its
 * pages.
 */
final class UniqueKeyType extends BasicDataType<KeyValue> {

	static final UniqueKeyType INSTANCE = new UniqueKeyType();

	/** Not a tag of {@link ObjectDataType} (its tags end at 119), nor {@link IndexValues#INSTANT}. */
	static final byte KEY = 122;

	/** The collection metadata's value for a unique index kept in this order; absent for one of the H2 backend. */
	static final String FORMAT = "valueOrder";

	private static final ObjectDataType LEGACY = new ObjectDataType();

	private UniqueKeyType() {
	}

	@Override
	public int compare(KeyValue a, KeyValue b) {
		int length = Math.min(a.size(), b.size());
		for (int i = 0; i < length; i++) {
			int c = ValueComparator.ascWithoutListHandling().compare(a.get(i), b.get(i));
			if (c != 0) {
				return c;
			}
		}
		return Integer.compare(a.size(), b.size());
	}

	@Override
	public int getMemory(KeyValue key) {
		int memory = 48 + 8 * key.size();
		for (Object value : key) {
			memory += IndexValues.memory(value);
		}
		return memory;
	}

	@Override
	public void write(WriteBuffer buffer, KeyValue key) {
		buffer.put(KEY).putVarInt(key.size());
		for (Object value : key) {
			IndexValues.write(buffer, value);
		}
	}

	@Override
	public KeyValue read(ByteBuffer buffer) {
		if (buffer.get(buffer.position()) != KEY) {
			return (KeyValue) LEGACY.read(buffer); // the H2 backend's Java serialisation
		}
		buffer.get();
		int size = DataUtils.readVarInt(buffer);
		List<Object> values = new ArrayList<>(size);
		for (int i = 0; i < size; i++) {
			values.add(IndexValues.read(buffer));
		}
		return new KeyValue(values);
	}

	@Override
	public KeyValue[] createStorage(int size) {
		return new KeyValue[size];
	}
}
