package io.github.dbperf.sql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Sha256Ids}.
 */
class Sha256IdsTests {

	@Test
	void whenATextIsHashedThenTheIdIsTheStartOfItsSha256InLowercaseHex() {
		// FIPS 180-2's test vector for "abc"
		assertThat(Sha256Ids.of("abc", 32))
			.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
		assertThat(Sha256Ids.of("abc", 8)).isEqualTo("ba7816bf8f01cfea");
		assertThat(Sha256Ids.of("abc", 4)).isEqualTo("ba7816bf");
	}

	@Test
	void whenTheTextHoldsNonAsciiCharactersThenItIsHashedAsUtf8() {
		// SHA-256 of the UTF-8 bytes of "é" (c3 a9)
		assertThat(Sha256Ids.of("\u00e9", 4)).isEqualTo("4a99557e");
	}

}
