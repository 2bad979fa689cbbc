package io.github.dbperf.jdbc;

import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ConnectionEvents} that count acquisitions and ends of holds, checking each hold
 * ends with what its start returned.
 */
class CountingConnectionEvents implements ConnectionEvents {

	private static final String HOLD = "hold";

	final AtomicInteger acquired = new AtomicInteger();

	final AtomicInteger closed = new AtomicInteger();

	@Override
	public void acquired(long waitedNanos, boolean failed) {
		this.acquired.incrementAndGet();
	}

	@Override
	public Object opened(long nanoTime) {
		return HOLD;
	}

	@Override
	public void closed(@Nullable Object hold) {
		assertThat(hold).isEqualTo(HOLD);
		this.closed.incrementAndGet();
	}

}
