package io.polyshop.search.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.ToIntFunction;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.util.BytesRef;

import io.polyshop.search.SearchQuery;
import io.polyshop.search.SearchSort;

/**
 * Turns a {@link SearchQuery} into Lucene: every word must match the title (weighted most), the description or an
 * attribute value, exactly or within {@link SearchText#allowedEdits} typos (the start of a word is for
 * {@link #suggestion}s); phrases match in order; filters never score. Sorting always ends with the SKU, so
 * a cursor (the sort values of the last hit) names one place in the results whatever the index does meanwhile.
 */
final class SearchQueries {

	private static final SortField BY_SKU = new SortField(ProductIndex.SKU_SORT, SortField.Type.STRING);

	/** A word in at least this many titles or descriptions is taken as typed: no typo tolerance widens it. */
	static final int KNOWN_WORD_DOCUMENTS = 3;

	private final Analyzer analyzer;
	private final ToIntFunction<String> documentsWithWord;

	SearchQueries(ProductIndex index) {
		this.analyzer = index.analyzer();
		this.documentsWithWord = index::documentsWith;
	}

	/**
	 * What a search asks the index, in two forms with the same matches: {@code matching} only says which products match
	 * (a word the catalog knows looked up in the one {@link ProductIndex#WORDS} field, filters; nothing scored),
	 * {@code ranked} scores them: every word must match the title (3×), the description or an attribute value, and its
	 * clauses score. Facets and the total are counted with {@code matching}, cheaply; the page is found with
	 * {@code ranked}, where Lucene may skip products that cannot reach it. A word with typo tolerance matches through
	 * its per-field clauses in both forms, so its neighbours are the same in both.
	 */
	record IndexQuery(Query matching, Query ranked) {
	}

	IndexQuery query(SearchQuery search) {
		List<Query> textMatches = new ArrayList<>();
		List<Query> textScores = new ArrayList<>();
		SearchText text = SearchText.parse(search.text());
		List<String> words = new ArrayList<>();
		text.words().forEach(word -> words.addAll(terms(word)));
		for (String word : words) {
			boolean tolerateTypos = SearchText.allowedEdits(word) > 0 && documentsWithWord.applyAsInt(word) < KNOWN_WORD_DOCUMENTS;
			Query scored = word(word, tolerateTypos);
			textMatches.add(tolerateTypos ? scored : new TermQuery(new Term(ProductIndex.WORDS, word)));
			textScores.add(scored);
		}
		for (String phrase : text.phrases()) {
			List<String> terms = terms(phrase);
			if (!terms.isEmpty()) {
				Query inAnyField = new BooleanQuery.Builder()
						.add(new BoostQuery(phrase(ProductIndex.TITLE, terms), 3), Occur.SHOULD)
						.add(phrase(ProductIndex.DESCRIPTION, terms), Occur.SHOULD)
						.add(phrase(ProductIndex.ATTRIBUTE_TEXT, terms), Occur.SHOULD).build();
				textMatches.add(inAnyField);
				textScores.add(inAnyField);
			}
		}
		List<Query> filters = new ArrayList<>();
		if (!text.isEmpty() && textScores.isEmpty()) {
			// text with nothing to look up (punctuation, stop words only) matches nothing rather than everything
			filters.add(new MatchNoDocsQuery("no searchable word in the text"));
		}
		if (search.category() != null && !search.category().isBlank()) {
			filters.add(new TermQuery(new Term(ProductIndex.CATEGORY, search.category())));
		}
		if (search.minPrice() != null || search.maxPrice() != null) {
			long from = search.minPrice() == null ? 0 : ProductIndex.minorUnits(search.minPrice());
			long to = search.maxPrice() == null ? Long.MAX_VALUE : ProductIndex.minorUnits(search.maxPrice());
			filters.add(LongPoint.newRangeQuery(ProductIndex.PRICE, from, to));
		}
		if (search.inStock()) {
			filters.add(new TermQuery(new Term(ProductIndex.IN_STOCK, "true")));
		}
		for (Map.Entry<String, List<String>> attribute : search.attributes().entrySet()) {
			filters.add(new TermInSetQuery(ProductIndex.ATTRIBUTE_PREFIX + attribute.getKey(),
					attribute.getValue().stream().map(BytesRef::new).toList()));
		}
		if (textMatches.isEmpty() && filters.isEmpty()) {
			return new IndexQuery(new MatchAllDocsQuery(), new MatchAllDocsQuery());
		}
		BooleanQuery.Builder matching = new BooleanQuery.Builder();
		textMatches.forEach(clause -> matching.add(clause, Occur.FILTER));
		filters.forEach(clause -> matching.add(clause, Occur.FILTER));
		Query matches = new BooleanQuery.Builder().add(new MatchAllDocsQuery(), Occur.MUST).add(matching.build(), Occur.FILTER).build();
		if (textScores.isEmpty()) {
			return new IndexQuery(matches, matches);
		}
		BooleanQuery.Builder ranked = new BooleanQuery.Builder();
		textScores.forEach(clause -> ranked.add(clause, Occur.MUST));
		filters.forEach(clause -> ranked.add(clause, Occur.FILTER));
		return new IndexQuery(matches, ranked.build());
	}

	/** Titles starting with what was typed so far: the earlier words exactly, the last one as a prefix. */
	Query suggestion(String typed) {
		SearchText text = SearchText.parse(typed);
		List<String> words = new ArrayList<>();
		text.words().forEach(word -> words.addAll(terms(word)));
		if (words.isEmpty()) {
			return null;
		}
		BooleanQuery.Builder query = new BooleanQuery.Builder();
		for (int i = 0; i < words.size() - 1; i++) {
			query.add(new TermQuery(new Term(ProductIndex.TITLE, words.get(i))), Occur.MUST);
		}
		String lastTyped = text.words().get(text.words().size() - 1).toLowerCase(java.util.Locale.ROOT);
		String last = words.get(words.size() - 1);
		query.add(new BooleanQuery.Builder()
				.add(new PrefixQuery(new Term(ProductIndex.TITLE, last)), Occur.SHOULD)
				.add(new PrefixQuery(new Term(ProductIndex.TITLE, lastTyped)), Occur.SHOULD).build(), Occur.MUST);
		return query.build();
	}

	Sort sort(SearchSort sort) {
		return switch (sort) {
			case RELEVANCE -> new Sort(SortField.FIELD_SCORE, BY_SKU);
			case PRICE -> new Sort(new SortField(ProductIndex.PRICE, SortField.Type.LONG), BY_SKU);
			case PRICE_DESC -> new Sort(new SortField(ProductIndex.PRICE, SortField.Type.LONG, true), BY_SKU);
			case TITLE -> new Sort(new SortField(ProductIndex.TITLE_SORT, SortField.Type.STRING), BY_SKU);
			case TITLE_DESC -> new Sort(new SortField(ProductIndex.TITLE_SORT, SortField.Type.STRING, true), BY_SKU);
		};
	}

	/** The cursor after a hit: the sort it belongs to and the hit's sort values, opaque to clients. */
	static String cursor(SearchSort sort, FieldDoc last) {
		Object primary = last.fields[0];
		String value = primary instanceof BytesRef bytes ? "s" + bytes.utf8ToString()
				: primary instanceof Float score ? "f" + Float.floatToIntBits(score)
				: "l" + primary;
		String sku = ((BytesRef) last.fields[1]).utf8ToString();
		String plain = sort.parameter() + "\n" + value + "\n" + sku;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
	}

	/** The hit a cursor stands for; a cursor that is not ours, or from another sort, is refused. */
	static FieldDoc after(SearchSort sort, String cursor) {
		try {
			String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", 3);
			if (parts.length != 3 || !parts[0].equals(sort.parameter()) || parts[1].isEmpty()) {
				throw new InvalidSearch("The cursor belongs to another search order; start again without it.");
			}
			Object primary = switch (parts[1].charAt(0)) {
				case 's' -> new BytesRef(parts[1].substring(1));
				case 'f' -> Float.intBitsToFloat(Integer.parseInt(parts[1].substring(1)));
				case 'l' -> Long.parseLong(parts[1].substring(1));
				default -> throw new IllegalArgumentException("unknown cursor value");
			};
			// the SKU makes every hit unique, so the document id (set by the index at search time) never breaks a tie
			return new FieldDoc(0, Float.NaN, new Object[] { primary, new BytesRef(parts[2]) });
		}
		catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
			throw new InvalidSearch("The cursor is not one this search handed out; start again without it.");
		}
	}

	/**
	 * A word in the title (weighted most), the description or an attribute value. Typo tolerance only for words the
	 * catalog (nearly) lacks: a known word is what the shopper meant, and its fuzzy neighbours would only add noise and
	 * cost (at 1M products, two common words with fuzzy clauses score ~2x).
	 */
	private static Query word(String term, boolean tolerateTypos) {
		BooleanQuery.Builder any = new BooleanQuery.Builder()
				.add(new BoostQuery(new TermQuery(new Term(ProductIndex.TITLE, term)), 3), Occur.SHOULD)
				.add(new TermQuery(new Term(ProductIndex.DESCRIPTION, term)), Occur.SHOULD)
				.add(new TermQuery(new Term(ProductIndex.ATTRIBUTE_TEXT, term)), Occur.SHOULD);
		if (tolerateTypos) {
			int edits = SearchText.allowedEdits(term);
			any.add(new BoostQuery(new FuzzyQuery(new Term(ProductIndex.TITLE, term), edits, 1, 50, true), 1.5f), Occur.SHOULD);
			any.add(new BoostQuery(new FuzzyQuery(new Term(ProductIndex.DESCRIPTION, term), edits, 1, 50, true), 0.5f), Occur.SHOULD);
		}
		return any.build();
	}

	private static Query phrase(String field, List<String> terms) {
		PhraseQuery.Builder phrase = new PhraseQuery.Builder();
		terms.forEach(term -> phrase.add(new Term(field, term)));
		return phrase.build();
	}

	/** The words as the index holds them (lower-cased, stemmed, stop words dropped). */
	private List<String> terms(String text) {
		List<String> terms = new ArrayList<>();
		try (TokenStream tokens = analyzer.tokenStream(ProductIndex.TITLE, text)) {
			CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
			tokens.reset();
			while (tokens.incrementToken()) {
				terms.add(term.toString());
			}
			tokens.end();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return terms;
	}

	static BigDecimal price(String value, String name) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			BigDecimal price = new BigDecimal(value.strip());
			if (price.signum() < 0 || price.scale() > 4 || price.compareTo(BigDecimal.valueOf(1_000_000_000)) > 0) {
				throw new InvalidSearch(name + " must be a price between 0 and 1000000000.");
			}
			return price;
		}
		catch (NumberFormatException e) {
			throw new InvalidSearch(name + " must be a decimal number such as 19.90.");
		}
	}
}
