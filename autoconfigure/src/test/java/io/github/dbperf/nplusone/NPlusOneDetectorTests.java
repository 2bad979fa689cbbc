package io.github.dbperf.nplusone;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.github.dbperf.context.ApplicationFrames;
import io.github.dbperf.jdbc.StatementEvent;
import io.github.dbperf.rules.Finding;
import io.github.dbperf.sql.Fingerprint;
import io.github.dbperf.sql.SqlFingerprinter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link NPlusOneDetector}: the WARN line of an incident is rate-limited per
 * unit of work and fingerprint, while every occurrence is recorded.
 */
@ExtendWith(OutputCaptureExtension.class)
class NPlusOneDetectorTests {

	private static final Fingerprint SELECT = SqlFingerprinter.compute("select * from pet p where p.owner_id = ?");

	@Test
	void whenAnIncidentRecursWithinTheLogIntervalThenItIsLoggedOnceAndRecordedEachTime(CapturedOutput output) {
		NPlusOneDetector detector = detector(Duration.ofHours(1));
		for (int i = 0; i < 3; i++) {
			runNPlusOne(detector, "GET /owners");
		}
		assertThat(warnings(output, "GET /owners")).hasSize(1);
		assertThat(detector.store().incidents()).singleElement()
			.satisfies((incident) -> assertThat(incident.occurrences()).isEqualTo(3));
	}

	@Test
	void whenTheLogIntervalIsZeroThenEveryOccurrenceIsLogged(CapturedOutput output) {
		NPlusOneDetector detector = detector(Duration.ZERO);
		for (int i = 0; i < 3; i++) {
			runNPlusOne(detector, "GET /owners");
		}
		assertThat(warnings(output, "GET /owners")).hasSize(3);
	}

	@Test
	void whenTwoUnitsOfWorkHaveTheSameIncidentThenEachIsLoggedWithinTheInterval(CapturedOutput output) {
		NPlusOneDetector detector = detector(Duration.ofHours(1));
		runNPlusOne(detector, "GET /owners");
		runNPlusOne(detector, "GET /vets");
		runNPlusOne(detector, "GET /owners");
		assertThat(warnings(output, "GET /owners")).hasSize(1);
		assertThat(warnings(output, "GET /vets")).hasSize(1);
	}

	@Test
	void whenAChattyUnitRanAtStartupThenNoRuntimeFindingIsReported() {
		NPlusOneDetector detector = detector(Duration.ZERO);
		runStatements(detector, "tx Seeder.run", 60, true);
		assertThat(chatty(detector)).isEmpty();
		runStatements(detector, "GET /owners", 60, false);
		assertThat(chatty(detector)).singleElement()
			.satisfies((finding) -> assertThat(finding.where().unitOfWork()).isEqualTo("GET /owners"));
	}

	private static List<Finding> chatty(NPlusOneDetector detector) {
		return detector.runtimeFindings()
			.findings()
			.stream()
			.filter((finding) -> finding.rule().equals("runtime-chatty-unit"))
			.toList();
	}

	private static void runStatements(NPlusOneDetector detector, String name, int count, boolean startup) {
		UnitOfWork unit = detector.open(name);
		assertThat(unit).isNotNull();
		for (long id = 1; id <= count; id++) {
			detector.onStatement(new StatementEvent("dataSource", SELECT.sql(), SELECT, 1000, true, 0, -1, null, name,
					null, id, startup));
		}
		detector.close(unit);
	}

	private static NPlusOneDetector detector(Duration logInterval) {
		NPlusOneDetector.Settings settings = new NPlusOneDetector.Settings(NPlusOneMode.LOG, 3, Set.of(), 500,
				logInterval);
		return new NPlusOneDetector(settings, new ApplicationFrames(List.of("com.example")),
				(fingerprint, tables) -> null, new IncidentStore(100), (incident) -> {
				});
	}

	private static void runNPlusOne(NPlusOneDetector detector, String name) {
		UnitOfWork unit = detector.open(name);
		assertThat(unit).isNotNull();
		for (long owner = 1; owner <= 3; owner++) {
			detector.onStatement(
					new StatementEvent("dataSource", SELECT.sql(), SELECT, 1000, true, 0, -1, null, name, null, owner));
		}
		detector.close(unit);
	}

	private static List<String> warnings(CapturedOutput output, String unitOfWork) {
		return output.getAll().lines().filter((line) -> line.contains("N+1 queries in " + unitOfWork + ":")).toList();
	}

}
