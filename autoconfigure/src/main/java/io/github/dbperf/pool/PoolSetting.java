package io.github.dbperf.pool;

/**
 * One effective pool setting and where it comes from.
 *
 * @param name the HikariCP property name, such as {@code connectionTimeout}; driver
 * properties are prefixed with {@code dataSourceProperties.}
 * @param value the effective value, durations written like {@code 5s}; secrets are not
 * masked here
 * @param source where the value comes from
 * @author dbperf
 * @since 0.1.0
 */
public record PoolSetting(String name, String value, SettingSource source) {

}
