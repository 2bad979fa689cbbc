package io.github.dbperf.actuate;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DbperfSanitizer}.
 */
class DbperfSanitizerTests {

	private final DbperfSanitizer sanitizer = new DbperfSanitizer(List.of(), Set.of());

	@Test
	void whenUrlsHoldPasswordsThenOnlyThePasswordsAreMasked() {
		assertThat(masked("jdbc:mariadb://app:s3cr%40t@db:3306/orders"))
			.isEqualTo("jdbc:mariadb://app:******@db:3306/orders");
		assertThat(masked("jdbc:oracle:thin:scott/tiger@//db:1521/orcl"))
			.isEqualTo("jdbc:oracle:thin:scott/******@//db:1521/orcl");
		assertThat(masked("jdbc:sqlserver://db:1433;databaseName=orders;user=app;password=tiger;encrypt=true"))
			.isEqualTo("jdbc:sqlserver://db:1433;databaseName=orders;user=app;password=******;encrypt=true");
		assertThat(masked("jdbc:h2:mem:orders;USER=sa;PASSWORD=tiger"))
			.isEqualTo("jdbc:h2:mem:orders;USER=sa;PASSWORD=******");
		assertThat(masked("jdbc:mysql://address=(host=db)(port=3306)(user=app)(password=tiger)/orders"))
			.isEqualTo("jdbc:mysql://address=(host=db)(port=3306)(user=app)(password=******)/orders");
		assertThat(masked("jdbc:postgresql://db/orders?sslmode=verify-full&sslpassword=tiger&sslkey=/etc/app.pk8"))
			.isEqualTo("jdbc:postgresql://db/orders?sslmode=verify-full&sslpassword=******&sslkey=******");
	}

	@Test
	void whenPasswordsHoldSeparatorsOrAreQuotedThenNoPartOfThemIsShown() {
		assertThat(masked("jdbc:sqlserver://db;user=app;password={ti;ger};encrypt=true"))
			.isEqualTo("jdbc:sqlserver://db;user=app;password=******;encrypt=true");
		assertThat(masked("jdbc:mariadb://app:ti@ger@db/orders")).isEqualTo("jdbc:mariadb://app:******@db/orders");
		assertThat(masked("jdbc:mariadb://app:ti/ger@db/orders")).isEqualTo("jdbc:mariadb://app:******@db/orders");
		assertThat(masked("jdbc:h2:mem:orders;PASSWORD=\"ti ger\"")).isEqualTo("jdbc:h2:mem:orders;PASSWORD=******");
		assertThat(masked("jdbc:h2:mem:orders;PASSWORD='ti ger'")).isEqualTo("jdbc:h2:mem:orders;PASSWORD=******");
		assertThat(masked("jdbc:oracle:thin:scott/ti@ger@//db:1521/orcl"))
			.isEqualTo("jdbc:oracle:thin:scott/******@//db:1521/orcl");
	}

	@Test
	void whenUrlsHoldNoPasswordThenTheyAreLeftAlone() {
		assertThat(masked("jdbc:postgresql://db:5432/orders?user=app&ssl=true"))
			.isEqualTo("jdbc:postgresql://db:5432/orders?user=app&ssl=true");
		assertThat(masked("jdbc:mysql://db:3306/orders")).isEqualTo("jdbc:mysql://db:3306/orders");
		assertThat(masked("jdbc:h2:mem:orders;DB_CLOSE_DELAY=-1")).isEqualTo("jdbc:h2:mem:orders;DB_CLOSE_DELAY=-1");
	}

	@Test
	void whenAnErrorMessageQuotesAUrlThenItsPasswordIsMasked() {
		assertThat(this.sanitizer.sanitize("database.error",
				"RuntimeException: Failed to get driver instance for jdbcUrl=jdbc:mysql://app:tiger@db/orders", false))
			.isEqualTo("RuntimeException: Failed to get driver instance for jdbcUrl=jdbc:mysql://app:******@db/orders");
	}

	@Test
	void whenValuesMayBeShownThenUrlsAreLeftAlone() {
		assertThat(this.sanitizer.sanitize("jdbcUrl", "jdbc:mysql://app:tiger@db/orders", true))
			.isEqualTo("jdbc:mysql://app:tiger@db/orders");
	}

	@Test
	void whenAValueIsNullThenItStaysNull() {
		assertThat(this.sanitizer.sanitize("database.error", null, false)).isNull();
	}

	@Test
	void whenAnAdditionalKeyIsASuffixThenItIsMatchedLiterallyIgnoringCase() {
		DbperfSanitizer withKeys = new DbperfSanitizer(List.of(), Set.of("ssl.cert"));
		assertThat(withKeys.sanitize("dataSourceProperties.SSL.CERT", "pem", false)).isEqualTo("******");
		assertThat(withKeys.sanitize("dataSourceProperties.sslXcert", "pem", false)).isEqualTo("pem");
	}

	private String masked(String url) {
		return this.sanitizer.sanitize("jdbcUrl", url, false);
	}

}
