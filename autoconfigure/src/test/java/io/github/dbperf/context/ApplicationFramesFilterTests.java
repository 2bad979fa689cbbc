package io.github.dbperf.context;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which classes count as the application's, where dbperf's own packages and the
 * application's meet.
 */
class ApplicationFramesFilterTests {

	@Test
	void whenTheApplicationIsElsewhereThenEveryDbperfPackageIsLibraryCode() {
		ApplicationFrames frames = new ApplicationFrames(List.of("com.example"));
		assertThat(frames.isApplication("com.example.shop.ShopController")).isTrue();
		assertThat(frames.isApplication("io.github.dbperf.jdbc.CaptureListener")).isFalse();
		assertThat(frames.isApplication("io.github.dbperf.autoconfigure.jdbc.JdbcCaptureAutoConfiguration")).isFalse();
	}

	@Test
	void whenTheApplicationLivesInsideALibraryPackageThenOnlyThatPackageItselfIsLibraryCode() {
		// test-support's own tests: the application is io.github.dbperf.test
		ApplicationFrames frames = new ApplicationFrames(List.of("io.github.dbperf.test"));
		assertThat(frames.isApplication("io.github.dbperf.test.QueryRecorder")).isFalse();
		assertThat(frames.isApplication("io.github.dbperf.test.model.ShopController")).isTrue();
	}

	@Test
	void whenTheApplicationEnclosesDbperfThenDbperfPackagesStayLibraryCode() {
		// the sample app and dbperf's integration tests: the application is
		// io.github.dbperf
		ApplicationFrames frames = new ApplicationFrames(List.of("io.github.dbperf"));
		assertThat(frames.isApplication("io.github.dbperf.sample.PostController")).isTrue();
		assertThat(frames.isApplication("io.github.dbperf.autoconfigure.frames.LibraryCaller")).isFalse();
		assertThat(frames.isApplication("io.github.dbperf.context.UnitOfWorkContext")).isFalse();
	}

	@Test
	void whenAFrameIsAGeneratedProxyThenItIsNotTheApplications() {
		ApplicationFrames frames = new ApplicationFrames(List.of("com.example"));
		assertThat(frames.isApplication("com.example.shop.ShopService$$SpringCGLIB$$0")).isFalse();
	}

}
