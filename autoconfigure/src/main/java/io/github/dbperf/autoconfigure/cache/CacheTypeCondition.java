package io.github.dbperf.autoconfigure.cache;

import java.util.EnumSet;
import java.util.Set;

import io.github.dbperf.autoconfigure.PropertyChecks;
import io.github.dbperf.autoconfigure.cache.CacheProperties.CacheType;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code dbperf.cache.type}, bound as {@link CacheProperties} binds it, is
 * one of some types, so that every relaxed spelling ({@code two-level}, {@code twoLevel},
 * {@code TWO_LEVEL}) selects the same tier. A value that does not bind matches nothing;
 * binding {@link CacheProperties} then reports it.
 *
 * @author dbperf
 * @since 0.1.0
 */
abstract class CacheTypeCondition extends SpringBootCondition {

	private static final String PROPERTY = "dbperf.cache.type";

	private final Set<CacheType> types;

	CacheTypeCondition(CacheType first, CacheType... rest) {
		this.types = EnumSet.of(first, rest);
	}

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition("Cache type",
				this.types.stream().map(PropertyChecks::format).toList());
		CacheType type;
		try {
			type = Binder.get(context.getEnvironment()).bind(PROPERTY, CacheType.class).orElse(CacheType.AUTO);
		}
		catch (BindException ex) {
			return ConditionOutcome.noMatch(message.because(PROPERTY + " is not a cache type"));
		}
		String found = PROPERTY + " is " + PropertyChecks.format(type);
		return this.types.contains(type) ? ConditionOutcome.match(message.because(found))
				: ConditionOutcome.noMatch(message.because(found));
	}

	/**
	 * A tier that uses Redis: {@code auto}, {@code redis} or {@code two-level}.
	 */
	static final class UsesRedis extends CacheTypeCondition {

		UsesRedis() {
			super(CacheType.AUTO, CacheType.REDIS, CacheType.TWO_LEVEL);
		}

	}

	/**
	 * The two-level tier.
	 */
	static final class TwoLevel extends CacheTypeCondition {

		TwoLevel() {
			super(CacheType.TWO_LEVEL);
		}

	}

}
