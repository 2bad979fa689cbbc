package io.github.dbperf.architecture;

import java.util.Arrays;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.github.dbperf.context.ApplicationFrames;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package layering of docs/design.md: {@code sql}, {@code context} and {@code jpa} at
 * the bottom, capture ({@code jdbc}) on them, the features on capture, the advisor on the
 * pool feature, the endpoints on the features and the advisor, and the auto-configuration
 * on everything. An arrow that runs upward fails here.
 */
class PackageLayeringTests {

	private static final String[] FEATURES = { "query", "nplusone", "cache", "pool", "server", "plan" };

	// Not ImportOption.Predefined.DO_NOT_INCLUDE_TESTS: it knows only
	// target/test-classes,
	// and the Boot 4.1 build compiles into target-boot41
	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption((location) -> !location.contains("/test-classes/"))
		.importPackages("io.github.dbperf");

	@Test
	void whenAPackageDependsOnAHigherLayerThenTheBuildFails() {
		layeredArchitecture().consideringOnlyDependenciesInLayers()
			.layer("Rules")
			.definedBy("io.github.dbperf.rules..")
			.layer("Sql")
			.definedBy("io.github.dbperf.sql..")
			.layer("Context")
			.definedBy("io.github.dbperf.context..")
			.layer("Jpa")
			.definedBy("io.github.dbperf.jpa..")
			.layer("Capture")
			.definedBy("io.github.dbperf.jdbc..")
			.layer("Features")
			.definedBy("io.github.dbperf.query..", "io.github.dbperf.nplusone..", "io.github.dbperf.cache..",
					"io.github.dbperf.pool..", "io.github.dbperf.server..", "io.github.dbperf.plan..")
			.layer("Advisor")
			.definedBy("io.github.dbperf.advisor..")
			.layer("Endpoints")
			.definedBy("io.github.dbperf.actuate..")
			.layer("Wiring")
			.definedBy("io.github.dbperf.autoconfigure..")
			.whereLayer("Wiring")
			.mayNotBeAccessedByAnyLayer()
			.whereLayer("Endpoints")
			.mayOnlyBeAccessedByLayers("Wiring")
			.whereLayer("Advisor")
			.mayOnlyBeAccessedByLayers("Endpoints", "Wiring")
			.whereLayer("Features")
			.mayOnlyBeAccessedByLayers("Advisor", "Endpoints", "Wiring")
			.whereLayer("Capture")
			.mayOnlyBeAccessedByLayers("Features", "Advisor", "Endpoints", "Wiring")
			.whereLayer("Jpa")
			.mayOnlyBeAccessedByLayers("Features", "Advisor", "Endpoints", "Wiring")
			.whereLayer("Context")
			.mayOnlyBeAccessedByLayers("Capture", "Features", "Advisor", "Endpoints", "Wiring")
			.whereLayer("Sql")
			.mayOnlyBeAccessedByLayers("Capture", "Features", "Advisor", "Endpoints", "Wiring")
			.whereLayer("Rules")
			.mayOnlyBeAccessedByLayers("Sql", "Context", "Jpa", "Capture", "Features", "Advisor", "Endpoints", "Wiring")
			.check(CLASSES);
	}

	@Test
	void whenALibraryPackageIsMissingFromTheApplicationFrameFilterThenTheBuildFails() {
		classes().should()
			.resideInAnyPackage(
					ApplicationFrames.LIBRARY_PACKAGES.stream().map((name) -> name + "..").toArray(String[]::new))
			.check(CLASSES);
	}

	@Test
	void whenPackagesFormACycleThenTheBuildFails() {
		slices().matching("io.github.dbperf.(*)..").should().beFreeOfCycles().check(CLASSES);
	}

	@Test
	void whenTheAdvisorUsesAFeatureOtherThanThePoolThenTheBuildFails() {
		noClasses().that()
			.resideInAPackage("io.github.dbperf.advisor..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(Arrays.stream(FEATURES)
				.filter((feature) -> !feature.equals("pool"))
				.map((feature) -> "io.github.dbperf." + feature + "..")
				.toArray(String[]::new))
			.check(CLASSES);
	}

	@Test
	void whenAFeatureUsesAnotherFeatureThenTheBuildFails() {
		for (String feature : FEATURES) {
			String[] others = Arrays.stream(FEATURES)
				.filter((other) -> !other.equals(feature))
				.map((other) -> "io.github.dbperf." + other + "..")
				.toArray(String[]::new);
			noClasses().that()
				.resideInAPackage("io.github.dbperf." + feature + "..")
				.should()
				.dependOnClassesThat()
				.resideInAnyPackage(others)
				.check(CLASSES);
		}
	}

}
