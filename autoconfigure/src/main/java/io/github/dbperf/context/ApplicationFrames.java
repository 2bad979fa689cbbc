package io.github.dbperf.context;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * Finds the first stack frame that belongs to the application, skipping frameworks,
 * generated proxies and dbperf itself.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class ApplicationFrames {

	/**
	 * dbperf's own packages, each with its subpackages: their frames are never the
	 * application's call sites. The one list of them: the layering test fails when a
	 * package of the library is missing here.
	 */
	public static final List<String> LIBRARY_PACKAGES = List.of("io.github.dbperf.sql", "io.github.dbperf.rules",
			"io.github.dbperf.context", "io.github.dbperf.jdbc", "io.github.dbperf.query", "io.github.dbperf.nplusone",
			"io.github.dbperf.cache", "io.github.dbperf.pool", "io.github.dbperf.advisor", "io.github.dbperf.jpa",
			"io.github.dbperf.actuate", "io.github.dbperf.autoconfigure", "io.github.dbperf.test",
			"io.github.dbperf.server", "io.github.dbperf.plan");

	private static final StackWalker WALKER = StackWalker.getInstance();

	private final String[] prefixes;

	private final Function<Stream<StackWalker.StackFrame>, @Nullable String> firstApplicationFrame = this::firstApplicationFrame;

	private final Function<Stream<StackWalker.StackFrame>, List<StackTraceElement>> applicationStack = this::applicationStack;

	/**
	 * Create a new instance.
	 * @param packages the application's packages, such as {@code com.example.shop}
	 */
	public ApplicationFrames(List<String> packages) {
		this.prefixes = packages.stream()
			.filter((name) -> !name.isBlank())
			.map((name) -> name.endsWith(".") ? name : name + ".")
			.toArray(String[]::new);
	}

	/**
	 * Return the first application frame of the calling thread.
	 * @return the frame as {@code Class.method(File.java:line)}, or {@code null}
	 */
	public @Nullable String callerFrame() {
		return WALKER.walk(this.firstApplicationFrame);
	}

	private @Nullable String firstApplicationFrame(Stream<StackWalker.StackFrame> frames) {
		Iterator<StackWalker.StackFrame> iterator = frames.iterator();
		while (iterator.hasNext()) {
			StackWalker.StackFrame frame = iterator.next();
			if (isApplication(frame.getClassName())) {
				return format(frame.getClassName(), frame.getMethodName(), frame.getFileName(), frame.getLineNumber());
			}
		}
		return null;
	}

	/**
	 * Return every application frame of the calling thread, such as to tell a loop (the
	 * same frames each time) from calls on separate lines.
	 * @return the frames, innermost first; empty when there are none
	 */
	public List<StackTraceElement> callerStack() {
		return WALKER.walk(this.applicationStack);
	}

	private List<StackTraceElement> applicationStack(Stream<StackWalker.StackFrame> frames) {
		List<StackTraceElement> stack = new ArrayList<>();
		Iterator<StackWalker.StackFrame> iterator = frames.iterator();
		while (iterator.hasNext()) {
			StackWalker.StackFrame frame = iterator.next();
			if (isApplication(frame.getClassName())) {
				stack.add(frame.toStackTraceElement());
			}
		}
		return stack;
	}

	/**
	 * Describe one frame the way call sites are shown.
	 * @param frame the frame
	 * @return the frame as {@code Class.method(File.java:line)}
	 */
	public static String describe(StackTraceElement frame) {
		return format(frame.getClassName(), frame.getMethodName(), frame.getFileName(), frame.getLineNumber());
	}

	/**
	 * Return the first application frame of a captured stack.
	 * @param stack the stack, innermost frame first
	 * @return the frame as {@code Class.method(File.java:line)}, or {@code null}
	 */
	public @Nullable String firstFrame(StackTraceElement[] stack) {
		for (StackTraceElement element : stack) {
			if (isApplication(element.getClassName())) {
				return format(element.getClassName(), element.getMethodName(), element.getFileName(),
						element.getLineNumber());
			}
		}
		return null;
	}

	boolean isApplication(String className) {
		if (className.contains("$$") || className.contains("$HibernateProxy") || className.contains("$ByteBuddy")
				|| className.startsWith("jdk.proxy")) {
			return false;
		}
		for (String prefix : this.prefixes) {
			if (className.startsWith(prefix)) {
				return !isDbperfLibrary(className, prefix);
			}
		}
		return false;
	}

	// The sample app and dbperf's own tests live under io.github.dbperf too: a library
	// package itself is always the library's, its subpackages are unless the
	// application's package lies inside the library package (dbperf's own tests)
	private static boolean isDbperfLibrary(String className, String prefix) {
		String packageName = className.substring(0, Math.max(0, className.lastIndexOf('.')));
		String applicationPackage = prefix.substring(0, prefix.length() - 1);
		for (String library : LIBRARY_PACKAGES) {
			if (packageName.equals(library)
					|| (isWithin(packageName, library) && !isWithin(applicationPackage, library))) {
				return true;
			}
		}
		return false;
	}

	private static boolean isWithin(String name, String packageName) {
		return name.equals(packageName) || name.startsWith(packageName + ".");
	}

	private static String format(String className, String method, @Nullable String file, int line) {
		String simpleName = className.substring(className.lastIndexOf('.') + 1);
		return simpleName + "." + method + "(" + ((file != null) ? file : "?") + ":" + line + ")";
	}

}
