package io.polyshop.documentengine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;

import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;

import de.bwaldvogel.mongo.bson.Document;

/** Documents as the MVStore keeps them: BSON written through one reused buffer per thread. */
class DocumentDataTypeTests {

	private final DocumentDataType type = new DocumentDataType();

	@Test
	void documentsWrittenOneAfterAnotherEachReadBackAsWritten() {
		Document large = new Document("_id", "p-1").append("description", "x".repeat(200_000)); // past the kept buffer size
		Document small = new Document("_id", "o-1").append("lines", List.of(new Document("sku", "SKU-1").append("quantity", 2)));
		Document smaller = new Document("_id", "o-2");

		WriteBuffer buffer = new WriteBuffer();
		for (Document document : List.of(small, large, small, smaller)) {
			type.write(buffer, document);
		}
		ByteBuffer written = buffer.getBuffer().flip();

		assertThat(List.of(type.read(written), type.read(written), type.read(written), type.read(written)))
				.containsExactly(small, large, small, smaller);
		assertThat(written.hasRemaining()).as("each read stops at its own document's end").isFalse();
	}
}
