package io.polyshop.documentengine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * How a document is kept in the MVStore: as BSON (what the wire carries), behind a tag byte that H2's
 * {@link ObjectDataType} never writes. mongo-java-server's H2 backend stored documents with Java serialisation (an
 * {@code ObjectOutputStream} per document, class descriptors included): about 2.8 times the bytes, and 15 to 40 times
 * the time to read back, paid for every document of every B-tree page read from the file; at a million documents, where
 * most reads miss the page cache, that decoding was most of a single-document read. Values written by the old format
 * are still read (through {@link ObjectDataType}), so existing files open as they are; each document is written in
 * BSON the next time it changes (or its page is rewritten).
 */
final class DocumentDataType extends BasicDataType<Document> {

	/** Not a tag of {@link ObjectDataType} (its tags end at 119, byte arrays of 0 to 15 bytes); '{' for a document. */
	static final byte BSON = 123;

	/** Larger than this, a thread's encoding buffer is dropped after use rather than kept. */
	private static final int MAX_KEPT_SCRATCH_BYTES = 64 * 1024;
	private static final ThreadLocal<ByteBuf> SCRATCH = ThreadLocal.withInitial(() -> Unpooled.buffer(1024));

	private final ObjectDataType legacy = new ObjectDataType();

	/** Bytes of BSON written on average (a heap estimate for page sizes and the cache, as H2 estimates serialised values). */
	private volatile int averageBsonBytes = 256;

	@Override
	public int getMemory(Document document) {
		// a decoded document takes about three times its BSON bytes in heap (map entries, boxed values, strings)
		return 64 + 3 * averageBsonBytes;
	}

	@Override
	public void write(WriteBuffer buffer, Document document) {
		ByteBuf bson = scratch();
		BsonEncoder.encodeDocument(document, bson);
		int length = bson.readableBytes();
		buffer.put(BSON);
		buffer.put(bson.array(), bson.arrayOffset() + bson.readerIndex(), length);
		averageBsonBytes = (length + 15 * averageBsonBytes) / 16;
		if (bson.capacity() > MAX_KEPT_SCRATCH_BYTES) {
			SCRATCH.remove(); // one huge document does not pin its buffer to the thread
			bson.release();
		}
	}

	/**
	 * This thread's encoding buffer, emptied. MVStore encodes every document of a leaf page each time it writes that
	 * page, so a buffer per document was a tenth of everything a checkout allocated (JFR of the load test,
	 * 2026-11-26): more young collections, and their pauses, for every request.
	 */
	private static ByteBuf scratch() {
		ByteBuf bson = SCRATCH.get();
		bson.clear();
		return bson;
	}

	@Override
	public Document read(ByteBuffer buffer) {
		int position = buffer.position();
		if (buffer.get(position) != BSON) {
			return (Document) legacy.read(buffer); // written by mongo-java-server's H2 backend (Java serialisation)
		}
		int length = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt(position + 1); // BSON's own length prefix
		ByteBuffer bson = buffer.duplicate();
		bson.position(position + 1).limit(position + 1 + length);
		buffer.position(position + 1 + length);
		return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
	}

	@Override
	public Document[] createStorage(int size) {
		return new Document[size];
	}

	@Override
	public int compare(Document a, Document b) {
		throw new UnsupportedOperationException("documents are values, never keys");
	}
}
