package io.github.dbperf.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.github.dbperf.context.ApplicationFrames;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package layering of docs/design.md: {@code sql} and {@code context} at the bottom,
 * capture ({@code jdbc}) on them, the features on capture, the endpoints on the features,
 * and the auto-configuration on everything. An arrow that runs upward fails here.
 */
class PackageLayeringTests {

	private static final String[] FEATURES = { "query", "nplusone", "cache", "pool" };

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.github.dbperf");

	@Test
	void whenAPackageDependsOnAHigherLayerThenTheBuildFails() {
		layeredArchitecture().consideringOnlyDependenciesInLayers()
			.layer("Sql")
			.definedBy("io.github.dbperf.sql..")
			.layer("Context")
			.definedBy("io.github.dbperf.context..")
			.layer("Capture")
			.definedBy("io.github.dbperf.jdbc..")
			.layer("Features")
			.definedBy("io.github.dbperf.query..", "io.github.dbperf.nplusone..", "io.github.dbperf.cache..",
					"io.github.dbperf.pool..")
			.layer("Endpoints")
			.definedBy("io.github.dbperf.actuate..")
			.layer("Wiring")
			.definedBy("io.github.dbperf.autoconfigure..")
			.whereLayer("Wiring")
			.mayNotBeAccessedByAnyLayer()
			.whereLayer("Endpoints")
			.mayOnlyBeAccessedByLayers("Wiring")
			.whereLayer("Features")
			.mayOnlyBeAccessedByLayers("Endpoints", "Wiring")
			.whereLayer("Capture")
			.mayOnlyBeAccessedByLayers("Features", "Endpoints", "Wiring")
			.whereLayer("Context")
			.mayOnlyBeAccessedByLayers("Capture", "Features", "Endpoints", "Wiring")
			.whereLayer("Sql")
			.mayOnlyBeAccessedByLayers("Capture", "Features", "Endpoints", "Wiring")
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
