package io.github.dbperf.actuate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.dbperf.advisor.DatabaseFacts;
import io.github.dbperf.advisor.PoolReport;
import io.github.dbperf.pool.PoolSetting;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.Sanitizer;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks secrets in what the {@link DbperfEndpoint} shows, with Spring Boot's
 * {@link Sanitizer}. Unless unsanitized values may be shown, a value is replaced with
 * {@value SanitizableData#SANITIZED_VALUE} when its key is likely a credential (Spring
 * Boot's {@link SanitizingFunction#ifLikelyCredential()}: it ends with {@code password},
 * {@code secret}, {@code key} or {@code token}, or contains {@code credentials}) or
 * matches an additional key, and passwords inside JDBC URLs ({@code user:password@},
 * {@code password=} parameters) are masked wherever they appear. The application's
 * {@link SanitizingFunction} beans apply first, whether unsanitized values are shown or
 * not, as they do for Spring Boot's own endpoints.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class DbperfSanitizer {

	private static final String MASK = SanitizableData.SANITIZED_VALUE;

	// Greedy up to the last @: a password may hold @ or /, and masking too much is safe
	private static final Pattern URL_USER_INFO = Pattern.compile("(//[^/?#@\\s:]*:)\\S*(@)");

	private static final Pattern ORACLE_USER_PASSWORD = Pattern.compile("(?i)(:thin:[^/@\\s:]+/)\\S*(@)");

	private static final Pattern URL_PARAMETER = Pattern.compile(
			"(?i)((?:^|[?&;:(\\s,])[\\w.-]*(?:password|pwd|secret|key|token|credentials[\\w.-]*)\\s*=\\s*)(\\{[^}]*\\}|\"[^\"]*\"|'[^']*'|[^&;)\\s,]+)");

	private final Sanitizer shown;

	private final Sanitizer masked;

	/**
	 * Create a new sanitizer.
	 * @param sanitizingFunctions the application's sanitizing functions, in order
	 * @param additionalKeys keys to mask besides the likely credentials: each a suffix of
	 * the key, or a regular expression (see {@link #keyPattern(String)})
	 */
	public DbperfSanitizer(Iterable<SanitizingFunction> sanitizingFunctions, Collection<String> additionalKeys) {
		List<SanitizingFunction> functions = new ArrayList<>();
		sanitizingFunctions.forEach(functions::add);
		this.shown = new Sanitizer(functions);
		SanitizingFunction credentials = SanitizingFunction.sanitizeValue().ifLikelyCredential();
		if (!additionalKeys.isEmpty()) {
			credentials = credentials
				.ifKeyMatches(additionalKeys.stream().map(DbperfSanitizer::keyPattern).toArray(Pattern[]::new));
		}
		functions.add(credentials);
		functions.add((data) -> data.withValue(maskUrlPasswords(String.valueOf(data.getValue()))));
		this.masked = new Sanitizer(functions);
	}

	/**
	 * Return the pattern an additional key stands for, as Spring Boot 2's
	 * {@code additional-keys-to-sanitize} did: a regular expression when the key contains
	 * {@code *}, {@code $}, {@code ^} or {@code +}, otherwise any key ending with it.
	 * Both ignore case.
	 * @param key the additional key
	 * @return the pattern a whole key must match
	 * @throws java.util.regex.PatternSyntaxException if the key is not a valid regular
	 * expression
	 */
	public static Pattern keyPattern(String key) {
		boolean regex = key.contains("*") || key.contains("$") || key.contains("^") || key.contains("+");
		return Pattern.compile(regex ? key : ".*" + Pattern.quote(key), Pattern.CASE_INSENSITIVE);
	}

	/**
	 * Sanitize one value.
	 * @param key the value's key, such as {@code dataSourceProperties.sslpassword}
	 * @param value the value
	 * @param showUnsanitized whether unsanitized values may be shown
	 * @return the value to show
	 */
	@Nullable String sanitize(String key, @Nullable String value, boolean showUnsanitized) {
		Sanitizer sanitizer = showUnsanitized ? this.shown : this.masked;
		Object sanitized = sanitizer.sanitize(new SanitizableData(null, key, value), true);
		return (sanitized != null) ? sanitized.toString() : null;
	}

	/**
	 * Sanitize a pool report: its settings and the database error, which may quote the
	 * JDBC URL.
	 * @param report the report
	 * @param showUnsanitized whether unsanitized values may be shown
	 * @return the report to show
	 */
	PoolReport sanitize(PoolReport report, boolean showUnsanitized) {
		List<PoolSetting> settings = report.settings()
			.stream()
			.map((setting) -> new PoolSetting(setting.name(),
					String.valueOf(sanitize(setting.name(), setting.value(), showUnsanitized)), setting.source()))
			.toList();
		DatabaseFacts database = report.database();
		DatabaseFacts sanitizedDatabase = new DatabaseFacts(database.product(), database.maxConnections(),
				database.reservedConnections(), database.idleTimeoutSeconds(),
				sanitize("database.error", database.error(), showUnsanitized));
		return new PoolReport(report.name(), report.type(), sanitizedDatabase, settings, report.state(),
				report.starvationCount(), report.starvations(), report.longHolds(), report.captured());
	}

	private static String maskUrlPasswords(String text) {
		String masked = URL_USER_INFO.matcher(text).replaceAll("$1" + Matcher.quoteReplacement(MASK) + "$2");
		masked = ORACLE_USER_PASSWORD.matcher(masked).replaceAll("$1" + Matcher.quoteReplacement(MASK) + "$2");
		return URL_PARAMETER.matcher(masked).replaceAll("$1" + Matcher.quoteReplacement(MASK));
	}

}
