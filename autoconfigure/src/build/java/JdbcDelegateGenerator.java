import java.io.IOException;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Writes the delegating base classes of dbperf's JDBC wrappers: for every method of a
 * {@code java.sql} interface, JDBC 4.3 default methods included, an override that calls
 * the same method on the driver's object. Run by the build in {@code generate-sources}
 * with JDK's single-file source launcher:
 * {@code java JdbcDelegateGenerator.java <output directory>}. The hand-written capturing
 * classes extend the generated ones and override only what capture needs, so a method a
 * later JDK adds to an interface is delegated without anyone writing it.
 */
public class JdbcDelegateGenerator {

	private static final String PACKAGE = "io.github.dbperf.jdbc";

	private static final String GENERATOR = "JdbcDelegateGenerator";

	public static void main(String[] args) throws IOException {
		if (args.length != 1) {
			throw new IllegalArgumentException("Usage: java JdbcDelegateGenerator.java <output directory>");
		}
		Path directory = Path.of(args[0]).resolve(PACKAGE.replace('.', '/'));
		Files.createDirectories(directory);
		List<Delegate> delegates = List.of(
				new Delegate("ConnectionDelegate", Connection.class, "", null, allMethods(Connection.class),
						"Connection delegate", "delegate"),
				new Delegate("StatementDelegate", Statement.class, "<S extends Statement>", null,
						allMethods(Statement.class), "S delegate", "delegate"),
				new Delegate("PreparedStatementDelegate", PreparedStatement.class, "<S extends PreparedStatement>",
						"CapturingStatement<S>", declaredMethods(PreparedStatement.class),
						"S delegate, CapturingConnection connection", "delegate, connection"),
				new Delegate("CallableStatementDelegate", CallableStatement.class, "<S extends CallableStatement>",
						"CapturingPreparedStatement<S>", declaredMethods(CallableStatement.class),
						"S delegate, CapturingConnection connection, String sql", "delegate, connection, sql"),
				new Delegate("ResultSetDelegate", ResultSet.class, "", null, allMethods(ResultSet.class),
						"ResultSet delegate", "delegate"));
		for (Delegate delegate : delegates) {
			Path file = directory.resolve(delegate.name + ".java");
			String source = delegate.source();
			if (!Files.exists(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(source)) {
				Files.writeString(file, source, StandardCharsets.UTF_8);
			}
		}
	}

	/**
	 * Every public instance method of an interface and its super-interfaces, each
	 * signature once (the most specific declaration).
	 */
	static List<Method> allMethods(Class<?> type) {
		Map<String, Method> methods = new TreeMap<>();
		for (Method method : type.getMethods()) {
			if (Modifier.isStatic(method.getModifiers()) || method.isSynthetic()) {
				continue;
			}
			methods.merge(signature(method), method, (first, second) -> first.getDeclaringClass()
				.isAssignableFrom(second.getDeclaringClass()) ? second : first);
		}
		return sorted(methods.values());
	}

	/**
	 * The instance methods an interface declares itself.
	 */
	static List<Method> declaredMethods(Class<?> type) {
		List<Method> methods = new ArrayList<>();
		for (Method method : type.getDeclaredMethods()) {
			if (!Modifier.isStatic(method.getModifiers()) && !method.isSynthetic()) {
				methods.add(method);
			}
		}
		return sorted(methods);
	}

	private static List<Method> sorted(java.util.Collection<Method> methods) {
		List<Method> list = new ArrayList<>(methods);
		list.sort(Comparator.comparing(JdbcDelegateGenerator::signature));
		return list;
	}

	static String signature(Method method) {
		StringJoiner joiner = new StringJoiner(",", method.getName() + "(", ")");
		Arrays.stream(method.getParameterTypes()).forEach((type) -> joiner.add(type.getName()));
		return joiner.toString();
	}

	/**
	 * One generated class.
	 */
	record Delegate(String name, Class<?> type, String typeParameters, String superclass, List<Method> methods,
			String constructorParameters, String constructorArguments) {

		String source() {
			Imports imports = new Imports();
			imports.add(this.type);
			StringBuilder body = new StringBuilder();
			for (Method method : this.methods) {
				body.append('\n');
				method(body, method, imports);
			}
			StringBuilder source = new StringBuilder();
			source.append("package ").append(PACKAGE).append(";\n\n");
			imports.write(source);
			source.append("/**\n");
			source.append(" * Calls the driver's {@link ").append(this.type.getSimpleName()).append("} for every method ");
			source.append((this.superclass != null) ? "it declares itself" : "of it and its super-interfaces");
			source.append(",\n * JDBC 4.3 defaults included. Generated at build time by\n * {@code ");
			source.append(GENERATOR).append("}; do not edit.\n *\n");
			if (this.typeParameters.startsWith("<S")) {
				source.append(" * @param <S> the type of the driver's statement\n");
			}
			source.append(" * @author dbperf\n * @since 0.2.0\n */\n");
			source.append("@SuppressWarnings(\"deprecation\")\n");
			source.append("abstract class ").append(this.name).append(this.typeParameters);
			if (this.superclass != null) {
				source.append(" extends ").append(this.superclass);
			}
			source.append(" implements ").append(this.type.getSimpleName()).append(" {\n\n");
			if (this.superclass == null) {
				String fieldType = this.constructorParameters.substring(0, this.constructorParameters.indexOf(' '));
				source.append("\t/**\n\t * The driver's object.\n\t */\n");
				source.append("\tfinal ").append(fieldType).append(" delegate;\n\n");
			}
			source.append("\t").append(this.name).append("(").append(this.constructorParameters).append(") {\n");
			if (this.superclass == null) {
				source.append("\t\tthis.delegate = delegate;\n");
			}
			else {
				source.append("\t\tsuper(").append(this.constructorArguments).append(");\n");
			}
			source.append("\t}\n");
			source.append(body);
			source.append("\n}\n");
			return source.toString();
		}

		private void method(StringBuilder body, Method method, Imports imports) {
			if (method.isAnnotationPresent(Deprecated.class)) {
				body.append("\t@Deprecated\n");
			}
			body.append("\t@Override\n\tpublic ");
			TypeVariable<Method>[] variables = method.getTypeParameters();
			if (variables.length > 0) {
				StringJoiner joiner = new StringJoiner(", ", "<", "> ");
				for (TypeVariable<Method> variable : variables) {
					joiner.add(variable.getName());
				}
				body.append(joiner);
			}
			body.append(imports.name(method.getGenericReturnType())).append(' ').append(method.getName()).append('(');
			Type[] parameters = method.getGenericParameterTypes();
			StringJoiner declared = new StringJoiner(", ");
			StringJoiner passed = new StringJoiner(", ");
			for (int i = 0; i < parameters.length; i++) {
				String type = imports.name(parameters[i]);
				if (method.isVarArgs() && i == parameters.length - 1) {
					type = type.substring(0, type.length() - 2) + "...";
				}
				declared.add(type + " arg" + i);
				passed.add("arg" + i);
			}
			body.append(declared).append(')');
			Class<?>[] exceptions = method.getExceptionTypes();
			if (exceptions.length > 0) {
				StringJoiner thrown = new StringJoiner(", ", " throws ", "");
				for (Class<?> exception : exceptions) {
					thrown.add(imports.name(exception));
				}
				body.append(thrown);
			}
			body.append(" {\n\t\t");
			if (method.getReturnType() != void.class) {
				body.append("return ");
			}
			body.append("this.delegate.").append(method.getName()).append('(').append(passed).append(");\n\t}\n");
		}

	}

	/**
	 * The imports of one generated class: simple names where they are unambiguous.
	 */
	static final class Imports {

		private final Map<String, String> bySimpleName = new LinkedHashMap<>();

		void add(Class<?> type) {
			name(type);
		}

		String name(Type type) {
			if (type instanceof Class<?> clazz) {
				if (clazz.isArray()) {
					return name(clazz.getComponentType()) + "[]";
				}
				if (clazz.isPrimitive()) {
					return clazz.getName();
				}
				Class<?> outer = clazz;
				while (outer.getEnclosingClass() != null) {
					outer = outer.getEnclosingClass();
				}
				String nested = clazz.getName().substring(outer.getName().length()).replace('$', '.');
				if (outer.getPackageName().equals("java.lang") && !this.bySimpleName.containsKey(outer.getSimpleName())) {
					return outer.getSimpleName() + nested;
				}
				String existing = this.bySimpleName.putIfAbsent(outer.getSimpleName(), outer.getName());
				if (existing != null && !existing.equals(outer.getName())) {
					return clazz.getName().replace('$', '.');
				}
				return outer.getSimpleName() + nested;
			}
			if (type instanceof ParameterizedType parameterized) {
				StringJoiner arguments = new StringJoiner(", ", "<", ">");
				for (Type argument : parameterized.getActualTypeArguments()) {
					arguments.add(name(argument));
				}
				return name(parameterized.getRawType()) + arguments;
			}
			if (type instanceof GenericArrayType array) {
				return name(array.getGenericComponentType()) + "[]";
			}
			if (type instanceof WildcardType wildcard) {
				if (wildcard.getLowerBounds().length > 0) {
					return "? super " + name(wildcard.getLowerBounds()[0]);
				}
				Type[] upper = wildcard.getUpperBounds();
				return (upper.length == 0 || upper[0] == Object.class) ? "?" : "? extends " + name(upper[0]);
			}
			if (type instanceof TypeVariable<?> variable) {
				return variable.getName();
			}
			throw new IllegalArgumentException("Unsupported type " + type);
		}

		void write(StringBuilder source) {
			List<String> names = new ArrayList<>();
			this.bySimpleName.values()
				.stream()
				.filter((name) -> !name.startsWith(PACKAGE + ".") || name.lastIndexOf('.') != PACKAGE.length())
				.forEach(names::add);
			List<String> java = names.stream().filter((name) -> name.startsWith("java.")).sorted().toList();
			List<String> other = names.stream().filter((name) -> !name.startsWith("java.")).sorted().toList();
			java.forEach((name) -> source.append("import ").append(name).append(";\n"));
			if (!java.isEmpty()) {
				source.append('\n');
			}
			other.forEach((name) -> source.append("import ").append(name).append(";\n"));
			if (!other.isEmpty()) {
				source.append('\n');
			}
		}

	}

}
