package io.github.dbperf.query;

/**
 * Statistics of one repository method.
 *
 * @param method the method, such as {@code PostRepository.findAll}
 * @param calls completed calls
 * @param totalMs total time, in milliseconds
 * @param meanMs mean time per call, in milliseconds
 * @param statements statements run inside
 * @param statementsPerCall mean statements per call
 * @author dbperf
 * @since 0.1.0
 */
public record RepositoryMethodStats(String method, long calls, double totalMs, double meanMs, long statements,
		double statementsPerCall) {

}
