package io.polyshop.catalog.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.TextIndexDefinition;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.TextCriteria;
import org.springframework.stereotype.Component;

import io.polyshop.catalog.NewProduct;
import io.polyshop.catalog.ProductQuery;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Turns a shopper's {@link ProductQuery} into a MongoDB query over published documents. Every value goes in as
 * a literal string ({@code is}, {@code in}, or an escaped pattern), never as a document, so a value such as
 * {@code {"$ne": ""}} or {@code $where} is text to look for, not an operator; attribute names are checked
 * against {@link NewProduct#ATTRIBUTE_KEY} before they become field paths.
 * <p>
 * In the application words are looked up in the search index ({@link io.polyshop.catalog.ProductTextIndex}), not
 * here; this module checks them ({@link #words}). Without a text index (a test slice of the catalog alone) words
 * are looked up with the server's text index ({@code $text}) where it has one; the embedded
 * mongo-java-server has none, so there every word must occur, case-insensitively, in the title or the
 * description (an escaped regular expression). Support is detected once, by creating the index and running a
 * {@code $text} query; the API is the same either way.
 */
@Component
public class ProductQueries {

	static final int MAX_TEXT = 100;
	static final int MAX_WORDS = 8;
	static final int MAX_ATTRIBUTES = 5;

	private static final Logger log = LoggerFactory.getLogger(ProductQueries.class);
	private static final Pattern CATEGORY = Pattern.compile(NewProduct.CATEGORY);
	private static final Pattern ATTRIBUTE_KEY = Pattern.compile(NewProduct.ATTRIBUTE_KEY);

	private final MongoTemplate mongo;

	/** null until known: a store that is down at start-up is asked again at the first search. */
	private volatile Boolean textIndex;

	ProductQueries(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@EventListener(ApplicationReadyEvent.class)
	void detectTextIndex() {
		try {
			usesTextIndex();
		}
		catch (DataAccessResourceFailureException e) {
			log.warn("Could not reach the document store to detect text search support; will try at the first search");
		}
	}

	/** Whether words are looked up with {@code $text} (true) or with escaped patterns (false). */
	public boolean usesTextIndex() {
		Boolean known = textIndex;
		if (known == null) {
			known = textIndex = detect();
			log.info("Product search uses {}", known ? "the store's text index ($text)"
					: "escaped case-insensitive patterns on title and description (the store has no $text)");
		}
		return known;
	}

	/**
	 * Checks the whole query (bad input is an {@link InvalidProductQuery}, a 400) and answers its words, distinct and
	 * without quotes (a quote is never syntax here), or none.
	 */
	public List<String> words(ProductQuery query) {
		query(query, false);
		return words(query.text()).stream().map(word -> word.replace("\"", "")).filter(word -> !word.isBlank()).distinct().toList();
	}

	/** The published documents matching the query. A new {@link Query} each call: callers add paging to it. */
	public Query query(ProductQuery query) {
		return query(query, true);
	}

	private Query query(ProductQuery query, boolean lookUpWords) {
		List<Criteria> criteria = new ArrayList<>();
		criteria.add(where("published").is(true));
		if (query.category() != null && !query.category().isBlank()) {
			if (!CATEGORY.matcher(query.category()).matches()) {
				throw new InvalidProductQuery("category must be lower-case letters, digits and '-', at most 40 characters.");
			}
			criteria.add(where("category").is(query.category()));
		}
		if (query.attributes().size() > MAX_ATTRIBUTES) {
			throw new InvalidProductQuery("At most " + MAX_ATTRIBUTES + " attribute filters at once.");
		}
		query.attributes().forEach((key, values) -> criteria.add(attribute(key, values)));

		List<String> words = words(query.text());
		Query mongoQuery = new Query();
		if (!lookUpWords) {
			return mongoQuery;
		}
		if (!words.isEmpty() && usesTextIndex()) {
			mongoQuery.addCriteria(textCriteria(words));
		}
		else {
			words.forEach(word -> criteria.add(new Criteria().orOperator(
					where("title").regex(literal(word), "i"), where("description").regex(literal(word), "i"))));
		}
		return mongoQuery.addCriteria(new Criteria().andOperator(criteria));
	}

	private static Criteria attribute(String key, List<String> values) {
		if (key == null || !ATTRIBUTE_KEY.matcher(key).matches()) {
			throw new InvalidProductQuery("Attribute names are a letter followed by letters, digits or '_', at most 40 characters.");
		}
		if (values == null || values.isEmpty() || values.stream().anyMatch(value -> value == null
				|| value.length() > NewProduct.MAX_ATTRIBUTE_VALUE)) {
			throw new InvalidProductQuery("Attribute values are 0 to " + NewProduct.MAX_ATTRIBUTE_VALUE + " characters.");
		}
		// a list of strings: in() of literal values, whatever they contain
		return where("attributes." + key).in(List.copyOf(values));
	}

	private static List<String> words(String text) {
		if (text == null || text.isBlank()) {
			return List.of();
		}
		if (text.length() > MAX_TEXT) {
			throw new InvalidProductQuery("Search text is at most " + MAX_TEXT + " characters.");
		}
		List<String> words = Arrays.stream(text.trim().split("\\s+")).distinct().toList();
		if (words.size() > MAX_WORDS) {
			throw new InvalidProductQuery("Search for at most " + MAX_WORDS + " words at once.");
		}
		return words;
	}

	/** Each word as a quoted phrase: all must occur (as with the patterns); quotes in a word are dropped. */
	private static TextCriteria textCriteria(List<String> words) {
		TextCriteria criteria = TextCriteria.forDefaultLanguage();
		words.stream().map(word -> word.replace("\"", "")).filter(word -> !word.isBlank()).forEach(criteria::matchingPhrase);
		return criteria;
	}

	/**
	 * A pattern matching the word literally: every ASCII character other than a letter or digit is escaped, which
	 * both Java's and MongoDB's (PCRE) regular expressions read as that character itself.
	 */
	static String literal(String word) {
		StringBuilder pattern = new StringBuilder(word.length() * 2);
		word.chars().forEach(c -> {
			if (c < 128 && !Character.isLetterOrDigit(c)) {
				pattern.append('\\');
			}
			pattern.append((char) c);
		});
		return pattern.toString();
	}

	private boolean detect() {
		try {
			mongo.indexOps(ProductDocument.class).createIndex(TextIndexDefinition.builder().named("products_text")
					.onField("title", 3F).onField("description").build());
			mongo.count(new Query(TextCriteria.forDefaultLanguage().matching("polyshop")), ProductDocument.class);
			return true;
		}
		catch (DataAccessResourceFailureException e) {
			throw e;
		}
		catch (DataAccessException | com.mongodb.MongoException e) {
			log.debug("No usable $text on this server: {}", e.toString());
			return false;
		}
	}
}
