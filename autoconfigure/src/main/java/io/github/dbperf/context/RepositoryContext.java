package io.github.dbperf.context;

import org.jspecify.annotations.Nullable;

/**
 * The repository method running on the current thread, so statements can be attributed to
 * it. Maintained by the repository timer.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class RepositoryContext {

	private static final ThreadLocal<@Nullable Frame> current = new ThreadLocal<>();

	private RepositoryContext() {
	}

	/**
	 * Enter a repository method. Nested calls keep the outermost method.
	 * @param method the method, such as {@code PostRepository.findAll}
	 * @return the frame to pass to {@link #exit(Frame)}, or {@code null} when nested
	 */
	public static @Nullable Frame enter(String method) {
		return enter(method, false);
	}

	/**
	 * Enter a repository method, saying whether this call asks for a page or a limit.
	 * Nested calls keep the outermost method.
	 * @param method the method, such as {@code PostRepository.findAll}
	 * @param paged whether it was called with a page or limit ({@code Pageable},
	 * {@code Limit}) that is not Spring Data's unpaged or unlimited one
	 * @return the frame to pass to {@link #exit(Frame)}, or {@code null} when nested
	 */
	public static @Nullable Frame enter(String method, boolean paged) {
		if (current.get() != null) {
			return null;
		}
		Frame frame = new Frame(method, paged);
		current.set(frame);
		return frame;
	}

	/**
	 * Leave the repository method entered with {@link #enter(String)}.
	 * @param frame the frame, or {@code null} when nested
	 */
	public static void exit(@Nullable Frame frame) {
		if (frame != null) {
			current.remove();
		}
	}

	/**
	 * Return the running repository method's frame.
	 * @return the frame, or {@code null}
	 */
	public static @Nullable Frame current() {
		return current.get();
	}

	/**
	 * A repository method call in progress.
	 */
	public static final class Frame {

		private final String method;

		private final boolean paged;

		private int statements;

		private boolean selected;

		Frame(String method, boolean paged) {
			this.method = method;
			this.paged = paged;
		}

		/**
		 * Return the method.
		 * @return the method, such as {@code PostRepository.findAll}
		 */
		public String method() {
			return this.method;
		}

		/**
		 * Return whether this call asks for a page or a limit, so the database should be
		 * asked for no more rows than that.
		 * @return whether the call is paged
		 */
		public boolean paged() {
			return this.paged;
		}

		/**
		 * Return how many statements ran in this call so far.
		 * @return the count
		 */
		public int statements() {
			return this.statements;
		}

		/**
		 * Note that this call ran a select.
		 * @return whether it is the call's first select
		 */
		public boolean selected() {
			if (this.selected) {
				return false;
			}
			this.selected = true;
			return true;
		}

		/**
		 * Count one statement run by this call.
		 */
		public void statementExecuted() {
			this.statements++;
		}

	}

}
