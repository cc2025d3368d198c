package io.polyshop.documentengine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.DataType;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.ObjectId;

/** How index keys are written and ordered (IndexValues, IndexKeyType, UniqueKeyType), and that keys of earlier files still read. */
class IndexKeyEncodingTests {

	private static final Instant PLACED_AT = Instant.parse("2026-03-01T12:34:56.789Z");

	@Test
	void everyValueTheProductIndexesReadsBackEqual() {
		Object[] key = { "customer-17", "COMPLETED", PLACED_AT, Instant.ofEpochSecond(-86_400, 1), 42.5, 7L, true, null,
				new Date(1_700_000_000_000L), "order-00000017" };
		IndexKeyType type = new IndexKeyType(List.of(true, true, false, true, true, true, true, true, true));

		assertThat(type.read(written(type, key))).containsExactly(key);
	}

	@Test
	void anInstantTakesAFewBytesInsteadOfJavaSerialisation() {
		IndexKeyType type = new IndexKeyType(List.of(true));

		int now = written(type, new Object[] { PLACED_AT, "o" }).remaining();
		int before = legacy(new Object[] { PLACED_AT, "o" }).remaining();

		assertThat(now).isLessThan(16);
		assertThat(before).isGreaterThan(40);
	}

	@Test
	void aSecondaryIndexKeyWrittenByEarlierVersionsStillReads() {
		Object[] key = { "customer-17", "COMPLETED", PLACED_AT, "order-00000017" };
		IndexKeyType type = new IndexKeyType(List.of(true, true, false));

		assertThat(type.read(legacy(key))).containsExactly(key);
	}

	@Test
	void uniqueKeysReadBackEqualAndSortInMongoDbOrder() {
		UniqueKeyType type = UniqueKeyType.INSTANCE;
		List<Object> values = Arrays.asList(null, -3.0, 2.0, Long.MAX_VALUE, "", "SKU-0000001", "SKU-0000002", "order-00000001",
				new ObjectId(), false, true, PLACED_AT);
		List<KeyValue> keys = new ArrayList<>();
		values.forEach(value -> keys.add(new KeyValue(Arrays.asList(value))));
		keys.add(new KeyValue(List.of("a", 1.0))); // a compound unique index
		keys.add(new KeyValue(List.of("a", 2.0)));

		for (KeyValue key : keys) {
			assertThat(type.read(written(type, key))).isEqualTo(key);
		}
		for (KeyValue a : keys) {
			for (KeyValue b : keys) {
				assertThat(Integer.signum(type.compare(a, b))).as(a + " vs " + b).isEqualTo(-Integer.signum(type.compare(b, a)));
				assertThat(type.compare(a, b) == 0).as(a + " vs " + b).isEqualTo(a.equals(b));
			}
		}
		List<KeyValue> sorted = new ArrayList<>(keys.subList(0, values.size()));
		java.util.Collections.reverse(sorted);
		sorted.sort(type::compare);
		List<Object> inBsonOrder = new ArrayList<>(values);
		inBsonOrder.sort(ValueComparator.ascWithoutListHandling());
		assertThat(sorted.stream().map(key -> key.get(0)).toList()).containsExactlyElementsOf(inBsonOrder);
		assertThat(inBsonOrder.subList(0, 8)).containsExactlyElementsOf(values.subList(0, 8)); // null, numbers, then strings
		assertThat(type.compare(keys.get(values.size()), keys.get(values.size() + 1))).isNegative();
	}

	@Test
	void aUniqueKeyOfTheH2BackendStillReads() {
		KeyValue key = new KeyValue("order-00000017");
		WriteBuffer buffer = new WriteBuffer();
		new ObjectDataType().write(buffer, key); // Java serialisation, as the H2 backend stored it

		assertThat(UniqueKeyType.INSTANCE.read(buffer.getBuffer().flip())).isEqualTo(key);
	}

	private static <T> ByteBuffer written(DataType<T> type, T key) {
		WriteBuffer buffer = new WriteBuffer();
		type.write(buffer, key);
		return buffer.getBuffer().flip();
	}

	/** An index key as this engine wrote it before IndexValues: every value through H2's ObjectDataType. */
	private static ByteBuffer legacy(Object[] key) {
		WriteBuffer buffer = new WriteBuffer();
		buffer.putVarInt(key.length);
		ObjectDataType values = new ObjectDataType();
		for (Object value : key) {
			values.write(buffer, value);
		}
		return buffer.getBuffer().flip();
	}
}
