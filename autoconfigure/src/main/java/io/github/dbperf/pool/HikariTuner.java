package io.github.dbperf.pool;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Applies {@link HikariTuning} to pools and remembers what it applied to each, so the
 * advisor can tell tuned values from the application's own.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class HikariTuner {

	private final HikariTuning tuning;

	private final Map<HikariDataSource, Map<String, Object>> applied = new ConcurrentHashMap<>();

	/**
	 * Create a new tuner.
	 * @param tuning the tuned values
	 */
	public HikariTuner(HikariTuning tuning) {
		this.tuning = tuning;
	}

	/**
	 * Apply the tuned defaults; call before the pool's properties are bound.
	 * @param dataSource the pool
	 * @param beanName its bean name, used as pool name when none is set
	 */
	public void beforeBinding(HikariDataSource dataSource, String beanName) {
		this.applied.put(dataSource, new LinkedHashMap<>(this.tuning.applyTo(dataSource, beanName)));
	}

	/**
	 * Finish tuning once the pool's properties are bound.
	 * @param dataSource the pool
	 */
	public void afterBinding(HikariDataSource dataSource) {
		Map<String, Object> settings = this.applied.get(dataSource);
		if (settings != null) {
			this.tuning.fixPoolSize(dataSource, settings);
		}
	}

	/**
	 * Return the settings dbperf applied to a pool.
	 * @param dataSource the pool
	 * @return the settings by HikariCP property name, empty if none
	 */
	public Map<String, Object> applied(HikariDataSource dataSource) {
		return Collections.unmodifiableMap(this.applied.getOrDefault(dataSource, Collections.emptyMap()));
	}

	/**
	 * Return the tuned values.
	 * @return the tuning
	 */
	public HikariTuning tuning() {
		return this.tuning;
	}

}
