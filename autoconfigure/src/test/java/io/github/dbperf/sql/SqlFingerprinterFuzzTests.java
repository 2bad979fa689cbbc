package io.github.dbperf.sql;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feeds {@link SqlFingerprinter} generated input: it must never throw and must be
 * deterministic.
 */
class SqlFingerprinterFuzzTests {

	private static final String[] TOKENS = { "select", "from", "where", "in", "(", ")", ",", "'", "''", "\"", "`", "$",
			"$$", "$a$", "--", "/*", "*/", "?", "$1", "1", "-2", "3.5e-2", "0x1f", "e'", "x'", "values", "insert",
			"into", "update", "set", "delete", "with", "as", "join", "on", ".", "::", "=", "<>", ";", "\n", "\t",
			"\u00e9", "\u65e5", "\ud83d\ude00", "\\", "[", "]", "array", "any", "true", "null", "t1", "p1_0", " " };

	@Test
	void generatedInputNeverThrowsAndIsDeterministic() {
		long seed = System.nanoTime();
		SplittableRandom random = new SplittableRandom(seed);
		for (int i = 0; i < 100_000; i++) {
			String input = generate(random);
			Fingerprint first = SqlFingerprinter.compute(input);
			Fingerprint second = SqlFingerprinter.compute(input);
			assertThat(first.id()).as("seed %d, input %s", seed, input).matches("[0-9a-f]{16}");
			assertThat(second).as("seed %d, input %s", seed, input).isEqualTo(first);
		}
	}

	@Test
	void generatedLiteralsShareOneFingerprint() {
		long seed = System.nanoTime();
		SplittableRandom random = new SplittableRandom(seed);
		String expected = SqlFingerprinter.compute("select * from item where col = 1").id();
		for (int i = 0; i < 10_000; i++) {
			String literal = switch (random.nextInt(5)) {
				case 0 -> String.valueOf(random.nextLong());
				case 1 -> String.valueOf(random.nextDouble() * 1e6);
				case 2 -> "'" + randomText(random).replace("'", "''") + "'";
				case 3 -> random.nextBoolean() ? "true" : "FALSE";
				default -> "$" + (1 + random.nextInt(20));
			};
			String sql = "SELECT * FROM item WHERE col = " + literal;
			assertThat(SqlFingerprinter.compute(sql).id()).as("seed %d, sql %s", seed, sql).isEqualTo(expected);
		}
	}

	private static String generate(SplittableRandom random) {
		StringBuilder input = new StringBuilder();
		int tokens = random.nextInt(40);
		for (int i = 0; i < tokens; i++) {
			int kind = random.nextInt(10);
			if (kind == 0) {
				input.append((char) random.nextInt(0x3000));
			}
			else if (kind == 1) {
				input.append(randomText(random));
			}
			else {
				input.append(TOKENS[random.nextInt(TOKENS.length)]);
				if (random.nextBoolean()) {
					input.append(' ');
				}
			}
		}
		if (random.nextInt(1000) == 0) {
			input.append("(".repeat(5000)).append("'".repeat(random.nextInt(3)));
		}
		return input.toString();
	}

	private static String randomText(SplittableRandom random) {
		StringBuilder text = new StringBuilder();
		int length = random.nextInt(12);
		for (int i = 0; i < length; i++) {
			text.append((char) (32 + random.nextInt(95)));
		}
		return text.toString();
	}

}
