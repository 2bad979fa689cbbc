package io.github.dbperf.autoconfigure.nplusone;

import io.github.dbperf.context.UnitOfWorkContext;
import io.github.dbperf.nplusone.NPlusOneDetector;
import io.github.dbperf.nplusone.UnitOfWork;
import org.jspecify.annotations.Nullable;

import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;

/**
 * Makes every outermost transaction outside another unit of work a unit of work of its
 * own, named by its transaction name (the method, for {@code @Transactional}).
 *
 * @author dbperf
 * @since 0.1.0
 */
class TransactionUnitOfWorkListener implements TransactionExecutionListener {

	private final NPlusOneDetector detector;

	private final ThreadLocal<@Nullable Opened> opened = new ThreadLocal<>();

	TransactionUnitOfWorkListener(NPlusOneDetector detector) {
		this.detector = detector;
	}

	@Override
	public void beforeBegin(TransactionExecution transaction) {
		// Inside a request (or an outer unit) there is nothing to open: skip the name
		if (this.opened.get() != null || UnitOfWorkContext.current() != null) {
			return;
		}
		UnitOfWork unit = this.detector.open("tx " + shortName(transaction.getTransactionName()));
		if (unit != null) {
			this.opened.set(new Opened(transaction, unit));
		}
	}

	@Override
	public void afterCommit(TransactionExecution transaction, @Nullable Throwable commitFailure) {
		end(transaction);
	}

	@Override
	public void afterRollback(TransactionExecution transaction, @Nullable Throwable rollbackFailure) {
		end(transaction);
	}

	private void end(TransactionExecution transaction) {
		Opened current = this.opened.get();
		if (current != null && current.transaction == transaction) {
			this.opened.remove();
			this.detector.close(current.unit);
		}
	}

	private static String shortName(String name) {
		int method = name.lastIndexOf('.');
		int type = (method > 0) ? name.lastIndexOf('.', method - 1) : -1;
		return (type >= 0) ? name.substring(type + 1) : name;
	}

	private record Opened(TransactionExecution transaction, UnitOfWork unit) {
	}

}
