package io.polyshop.documentengine;

import java.nio.ByteBuffer;
import java.util.List;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

import de.bwaldvogel.mongo.backend.ValueComparator;

/**
 * The key of a secondary index entry: the indexed values in index order, then the document's {@code _id}. Ordered as
 * MongoDB orders BSON values (mongo-java-server's {@link ValueComparator}), each field ascending or descending as the
 * index declares, so a B-tree range is an index range and its order is the index order. Search keys may end in
 * {@link #LOW} or {@link #HIGH}, which sort before or after every value: a prefix then bounds a range. Values are
 * written by {@link IndexValues}.
 */
final class IndexKeyType extends BasicDataType<Object[]> {

	/** Sorts before every value; only in search keys, never stored. */
	static final Object LOW = new Object() {
		@Override
		public String toString() {
			return "LOW";
		}
	};

	/** Sorts after every value; only in search keys, never stored. */
	static final Object HIGH = new Object() {
		@Override
		public String toString() {
			return "HIGH";
		}
	};

	/** One per indexed field, then the {@code _id} (always ascending). */
	private final boolean[] ascending;

	IndexKeyType(List<Boolean> ascending) {
		this.ascending = new boolean[ascending.size() + 1];
		for (int i = 0; i < ascending.size(); i++) {
			this.ascending[i] = ascending.get(i);
		}
		this.ascending[ascending.size()] = true;
	}

	@Override
	public int compare(Object[] a, Object[] b) {
		int length = Math.min(a.length, b.length);
		for (int i = 0; i < length; i++) {
			Object x = a[i];
			Object y = b[i];
			if (x == y) {
				continue;
			}
			// the sentinels bound index order, whatever the field's direction
			if (x == LOW || y == HIGH) {
				return -1;
			}
			if (x == HIGH || y == LOW) {
				return 1;
			}
			int c = ValueComparator.ascWithoutListHandling().compare(x, y);
			if (c != 0) {
				return ascending[i] ? c : -c;
			}
		}
		return Integer.compare(a.length, b.length);
	}

	@Override
	public int getMemory(Object[] key) {
		int memory = 24 + 8 * key.length;
		for (Object value : key) {
			memory += IndexValues.memory(value);
		}
		return memory;
	}

	@Override
	public void write(WriteBuffer buffer, Object[] key) {
		buffer.putVarInt(key.length);
		for (Object value : key) {
			IndexValues.write(buffer, value);
		}
	}

	@Override
	public Object[] read(ByteBuffer buffer) {
		Object[] key = new Object[DataUtils.readVarInt(buffer)];
		for (int i = 0; i < key.length; i++) {
			key[i] = IndexValues.read(buffer);
		}
		return key;
	}

	@Override
	public Object[][] createStorage(int size) {
		return new Object[size][];
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof IndexKeyType type && java.util.Arrays.equals(ascending, type.ascending);
	}

	@Override
	public int hashCode() {
		return java.util.Arrays.hashCode(ascending);
	}
}
