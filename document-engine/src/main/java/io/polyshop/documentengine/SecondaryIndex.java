package io.polyshop.documentengine;

import java.util.List;
import java.util.Set;

import org.h2.mvstore.MVMap;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;

/**
 * A non-unique index kept as its own B-tree in the store file: one entry per document (one per array element for a
 * field holding an array), keyed by the indexed values and then the {@code _id}, so equal values stay in
 * {@code _id} order and every entry is unique. Written in the same MVStore commit as the document it describes, so
 * the index and the data never disagree on disk. mongo-java-server's own query path never uses it
 * ({@link #canHandle} is false): {@link QueryPlanner} does.
 */
final class SecondaryIndex extends Index<Object> {

	private static final Boolean PRESENT = Boolean.TRUE;

	private final MVMap<Object[], Boolean> entries;
	private final MVMap<String, Object> meta;
	private final String multikeyFlag;
	private final List<String> fields;

	SecondaryIndex(String name, List<IndexKey> keys, boolean sparse, MVMap<Object[], Boolean> entries, MVMap<String, Object> meta) {
		super(name, keys, sparse);
		this.entries = entries;
		this.meta = meta;
		this.multikeyFlag = "multikey." + name;
		this.fields = keys.stream().map(IndexKey::getKey).toList();
	}

	static IndexKeyType keyType(List<IndexKey> keys) {
		return new IndexKeyType(keys.stream().map(IndexKey::isAscending).toList());
	}

	MVMap<Object[], Boolean> entries() {
		return entries;
	}

	List<String> fields() {
		return fields;
	}

	/** Whether some document had an array in an indexed field: then one document may have several entries. */
	boolean multikey() {
		return Boolean.TRUE.equals(meta.get(multikeyFlag));
	}

	private Set<KeyValue> keyValues(Document document) {
		return getKeyValues(document);
	}

	private static Object[] entry(KeyValue values, Object id) {
		Object[] key = new Object[values.size() + 1];
		for (int i = 0; i < values.size(); i++) {
			Object value = values.get(i);
			key[i] = value instanceof Missing ? null : value;
		}
		key[values.size()] = id;
		return key;
	}

	private boolean skipped(Document document) {
		return isSparse() && fields.stream().allMatch(field -> Missing.isNullOrMissing(Utils.getSubdocumentValue(document, field)));
	}

	@Override
	public Object getPosition(Document document) {
		return null; // the _id index answers positions
	}

	@Override
	public void checkAdd(Document document, MongoCollection<Object> collection) {
		// not unique: nothing can conflict
	}

	@Override
	public void add(Document document, Object position, MongoCollection<Object> collection) {
		if (skipped(document)) {
			return;
		}
		Set<KeyValue> values = keyValues(document);
		if (values.size() > 1 && !multikey()) {
			meta.put(multikeyFlag, Boolean.TRUE);
		}
		Object id = document.get("_id");
		for (KeyValue value : values) {
			entries.put(entry(value, id), PRESENT);
		}
	}

	@Override
	public Object remove(Document document) {
		Object id = document.get("_id");
		if (!skipped(document)) {
			for (KeyValue value : keyValues(document)) {
				entries.remove(entry(value, id));
			}
		}
		return id;
	}

	@Override
	public boolean canHandle(Document query) {
		return false;
	}

	@Override
	public Iterable<Object> getPositions(Document query) {
		throw new UnsupportedOperationException("the query planner reads secondary indexes");
	}

	@Override
	public long getCount() {
		return entries.sizeAsLong();
	}

	/** Never "empty": mongo-java-server would rebuild it by scanning the collection twice at every open. */
	@Override
	public boolean isEmpty() {
		return false;
	}

	@Override
	public long getDataSize() {
		return getCount();
	}

	@Override
	public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
		// not unique: nothing can conflict
	}

	@Override
	public void updateInPlace(Document oldDocument, Document newDocument, Object position, MongoCollection<Object> collection) {
		if (!nullAwareEqualsKeys(oldDocument, newDocument)) {
			remove(oldDocument);
			add(newDocument, position, collection);
		}
	}

	@Override
	public void drop() {
		entries.clear();
	}
}
