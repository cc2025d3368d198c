package io.polyshop.search.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The text of a search, split into loose words and "quoted phrases". Plain words only: no operators, no field
 * names, no wildcards, so nothing a shopper types can turn into an expensive query. What it refuses it refuses
 * with a reason ({@link InvalidSearch}).
 */
record SearchText(List<String> words, List<String> phrases) {

	static final int MAX_LENGTH = 200;
	static final int MAX_WORDS = 12;

	static SearchText parse(String text) {
		if (text == null || text.isBlank()) {
			return new SearchText(List.of(), List.of());
		}
		if (text.length() > MAX_LENGTH) {
			throw new InvalidSearch("The search text is longer than " + MAX_LENGTH + " characters.");
		}
		if (text.chars().filter(c -> c == '"').count() % 2 != 0) {
			throw new InvalidSearch("The search text has an unbalanced quote: close the phrase with a second \".");
		}
		List<String> words = new ArrayList<>();
		List<String> phrases = new ArrayList<>();
		String[] parts = text.split("\"", -1);
		for (int i = 0; i < parts.length; i++) {
			if (i % 2 == 1) {
				if (!parts[i].isBlank()) {
					phrases.add(parts[i].strip());
				}
			}
			else {
				for (String word : parts[i].strip().split("\\s+")) {
					if (!word.isEmpty()) {
						words.add(word);
					}
				}
			}
		}
		long count = words.size() + phrases.stream().mapToLong(phrase -> phrase.split("\\s+").length).sum();
		if (count > MAX_WORDS) {
			throw new InvalidSearch("The search text has more than " + MAX_WORDS + " words.");
		}
		return new SearchText(List.copyOf(words), List.copyOf(phrases));
	}

	boolean isEmpty() {
		return words.isEmpty() && phrases.isEmpty();
	}

	/** How many typos a word may carry and still match: none for short words, where one edit is another word. */
	static int allowedEdits(String term) {
		int length = term.codePointCount(0, term.length());
		return length <= 3 ? 0 : length <= 6 ? 1 : 2;
	}
}
