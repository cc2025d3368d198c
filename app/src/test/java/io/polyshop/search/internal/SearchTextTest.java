package io.polyshop.search.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SearchTextTest {

	@Test
	void splitsWordsAndQuotedPhrases() {
		SearchText text = SearchText.parse("  amber \"reading lamp\" desk ");
		assertThat(text.words()).containsExactly("amber", "desk");
		assertThat(text.phrases()).containsExactly("reading lamp");
	}

	@Test
	void operatorsAreJustCharacters() {
		SearchText text = SearchText.parse("title:lamp* OR (x");
		assertThat(text.words()).containsExactly("title:lamp*", "OR", "(x");
	}

	@Test
	void refusesAnUnbalancedQuote() {
		assertThatThrownBy(() -> SearchText.parse("\"reading lamp")).isInstanceOf(InvalidSearch.class).hasMessageContaining("unbalanced");
	}

	@Test
	void refusesTooLongOrTooManyWords() {
		assertThatThrownBy(() -> SearchText.parse("a".repeat(SearchText.MAX_LENGTH + 1))).isInstanceOf(InvalidSearch.class);
		assertThatThrownBy(() -> SearchText.parse("w ".repeat(SearchText.MAX_WORDS + 1))).isInstanceOf(InvalidSearch.class);
		assertThat(SearchText.parse("w ".repeat(SearchText.MAX_WORDS)).words()).hasSize(SearchText.MAX_WORDS);
	}

	@Test
	void shortWordsMustBeExactLongerOnesMayCarryTypos() {
		assertThat(SearchText.allowedEdits("red")).isZero();
		assertThat(SearchText.allowedEdits("lamp")).isEqualTo(1);
		assertThat(SearchText.allowedEdits("lantern")).isEqualTo(2);
	}
}
