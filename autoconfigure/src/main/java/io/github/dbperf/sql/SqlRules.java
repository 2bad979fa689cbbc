package io.github.dbperf.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import io.github.dbperf.rules.Rule;
import io.github.dbperf.rules.Rules;

/**
 * The {@code sql} rules of the catalogue, applied once to each new fingerprint from its
 * normalized text and what the normalizer learned while folding it (literals folded, the
 * longest IN list, a literal OFFSET). The result is kept on the {@link Fingerprint}, so a
 * statement that repeats costs nothing more.
 *
 * @author dbperf
 * @since 0.2.0
 */
public final class SqlRules {

	/**
	 * The default longest IN list that is not reported.
	 */
	public static final int DEFAULT_MAX_IN_LIST_SIZE = 500;

	/**
	 * The default largest literal OFFSET that is not reported.
	 */
	public static final long DEFAULT_MAX_OFFSET = 1000;

	/**
	 * Rules at their defaults, all enabled.
	 */
	public static final SqlRules DEFAULTS = new SqlRules(DEFAULT_MAX_IN_LIST_SIZE, DEFAULT_MAX_OFFSET, (rule) -> true);

	private static final Pattern SELECT_STAR = Pattern
		.compile("(?:^|(?<!exists )\\(| )select (?:distinct )?(?:[\\w\"]+\\.)?\\*(?: |,|$)");

	// SQL Server pages with TOP, Oracle before 12c with ROWNUM
	private static final Pattern PAGING = Pattern.compile(" offset | fetch (?:first|next) | limit | top\\b|rownum");

	private static final Pattern ORDER_BY = Pattern.compile(" order by ");

	private static final Pattern NOT_IN_SUBQUERY = Pattern.compile(" not in \\( ?select ");

	private static final Pattern FUNCTION_ON_COLUMN = Pattern.compile("(?:where|and|or|on|having|not|\\() "
			+ "(?:lower|upper|trim|ltrim|rtrim|date|date_trunc|to_char|to_date|cast|convert|substr|substring|left|right"
			+ "|coalesce|ifnull|nvl|isnull|year|month|day|extract|length|char_length|abs|round|floor|md5|concat)"
			+ "\\((?:\\?, |\\w+ from )?(?:[\\w\"]+\\.)?(?!\\?)[\\w\"]+(?: as [\\w ]+(?:\\(\\?(?:, \\?)?\\))?)?(?:, \\?)*\\) "
			+ "(?:=|<>|!=|<|>|<=|>=|like|ilike|in|between|is)[ (]");

	private static final Pattern ORDER_BY_RANDOM = Pattern
		.compile(" order by (?:random|rand|newid|dbms_random\\.value)\\(\\)| order by dbms_random\\.value");

	private static final Pattern COUNT_FOR_EXISTENCE = Pattern.compile(
			"\\(select count\\((?:\\*|\\?|[\\w.\"]+)\\) from [^()]*\\) (?:>|>=|<>|!=) \\?|^select count\\([^)]*\\) from .*(?: limit \\?| fetch first \\? rows only| top \\?)$");

	private final int maxInListSize;

	private final long maxOffset;

	private final Predicate<Rule> enabled;

	/**
	 * Create the rules.
	 * @param maxInListSize the longest IN list not reported
	 * @param maxOffset the largest literal OFFSET not reported
	 * @param enabled which rules to apply
	 */
	public SqlRules(int maxInListSize, long maxOffset, Predicate<Rule> enabled) {
		this.maxInListSize = maxInListSize;
		this.maxOffset = maxOffset;
		this.enabled = enabled;
	}

	/**
	 * Return the rules a statement breaks.
	 * @param sql the raw SQL text
	 * @param dialect its dialect
	 * @return the rules, in catalogue order, empty when none
	 */
	public List<Rule> check(String sql, SqlDialect dialect) {
		SqlNormalizer normalized = SqlNormalizer.normalize(sql, dialect);
		return check(normalized.sql(), normalized.facts());
	}

	List<Rule> check(String normalized, Facts facts) {
		List<Rule> broken = null;
		broken = add(broken, Rules.SQL_INLINED_LITERALS, facts.inlinedLiterals() > 0);
		broken = add(broken, Rules.SQL_LEADING_WILDCARD_LIKE, facts.leadingWildcard());
		broken = add(broken, Rules.SQL_LIMIT_WITHOUT_ORDER_BY, isUnorderedPage(normalized, facts));
		broken = add(broken, Rules.SQL_DEEP_OFFSET, facts.literalOffset() > this.maxOffset);
		broken = add(broken, Rules.SQL_SELECT_STAR, SELECT_STAR.matcher(normalized).find());
		broken = add(broken, Rules.SQL_LARGE_IN_LIST, facts.largestInList() > this.maxInListSize);
		broken = add(broken, Rules.SQL_NOT_IN_SUBQUERY, NOT_IN_SUBQUERY.matcher(normalized).find());
		broken = add(broken, Rules.SQL_FUNCTION_ON_COLUMN, FUNCTION_ON_COLUMN.matcher(normalized).find());
		broken = add(broken, Rules.SQL_ORDER_BY_RANDOM, ORDER_BY_RANDOM.matcher(normalized).find());
		broken = add(broken, Rules.SQL_COUNT_FOR_EXISTENCE, COUNT_FOR_EXISTENCE.matcher(normalized).find());
		return (broken != null) ? List.copyOf(broken) : List.of();
	}

	/**
	 * A page is unordered when the statement skips rows (an OFFSET) or keeps more than
	 * one literal row, and has no ORDER BY. A LIMIT or FETCH FIRST with a bind parameter
	 * and no OFFSET is taken for a top-1 or existence query ({@code findFirstBy},
	 * {@code existsBy}), where the order does not matter.
	 */
	private static boolean isUnorderedPage(String sql, Facts facts) {
		if (ORDER_BY.matcher(sql).find() || !pages(sql)) {
			return false;
		}
		return sql.contains(" offset ") || sql.contains(" limit ?, ?") || facts.literalOffset() >= 0
				|| facts.largestLimit() > 1;
	}

	private List<Rule> add(@org.jspecify.annotations.Nullable List<Rule> broken, Rule rule, boolean fires) {
		if (!fires || !this.enabled.test(rule)) {
			return broken;
		}
		List<Rule> result = (broken != null) ? broken : new ArrayList<>(2);
		result.add(rule);
		return result;
	}

	/**
	 * What the normalizer learned about a statement while folding it.
	 *
	 * @param inlinedLiterals literals folded where a value is compared, assigned or
	 * inserted
	 * @param leadingWildcard whether a LIKE pattern literal starts with a wildcard
	 * @param literalOffset the largest literal OFFSET, -1 when none
	 * @param largestInList the most items of one IN list, 0 when none
	 * @param largestLimit the largest literal LIMIT, -1 when none
	 */
	record Facts(int inlinedLiterals, boolean leadingWildcard, long literalOffset, int largestInList,
			long largestLimit) {

		static final Facts NONE = new Facts(0, false, -1, 0, -1);

	}

	/**
	 * Tell whether a normalized statement limits its rows: OFFSET, FETCH FIRST/NEXT,
	 * LIMIT, TOP or ROWNUM.
	 * @param sql the normalized SQL
	 * @return whether it pages
	 */
	public static boolean pages(String sql) {
		return PAGING.matcher(sql).find();
	}

}
