package io.github.dbperf.actuate;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.util.MimeType;
import org.springframework.util.StreamUtils;

/**
 * The dashboard's files: the page, its script and style from the starter's jar, and uPlot
 * from its WebJar. Only the files named here are served, each read from the class path
 * once, when first asked for, and kept in memory (about 70 KB in all).
 *
 * @author dbperf
 * @since 0.2.0
 */
final class DashboardAssets {

	static final String PAGE = "ui";

	static final MimeType HTML = MimeType.valueOf("text/html;charset=UTF-8");

	static final MimeType JAVASCRIPT = MimeType.valueOf("application/javascript;charset=UTF-8");

	static final MimeType CSS = MimeType.valueOf("text/css;charset=UTF-8");

	private static final String UI = "META-INF/dbperf/ui/";

	private static final String UPLOT_POM = "META-INF/maven/org.webjars.npm/uplot/pom.properties";

	private static final String UPLOT_VERSION = "1.6.30";

	private final Map<String, Asset> assets;

	private final Map<String, Resource> loaded = new ConcurrentHashMap<>();

	DashboardAssets() {
		String uplot = "META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/";
		this.assets = Map.of(PAGE, new Asset(UI + "index.html", HTML), "dashboard.js",
				new Asset(UI + "dashboard.js", JAVASCRIPT), "dashboard.css", new Asset(UI + "dashboard.css", CSS),
				"uPlot.min.js", new Asset(uplot + "uPlot.iife.min.js", JAVASCRIPT), "uPlot.min.css",
				new Asset(uplot + "uPlot.min.css", CSS));
	}

	/**
	 * Return a file's content type.
	 * @param name the file's name in the dashboard
	 * @return its content type, or {@code null} when the dashboard has no such file
	 */
	@Nullable MimeType contentType(String name) {
		Asset asset = this.assets.get(name);
		return (asset != null) ? asset.contentType() : null;
	}

	/**
	 * Return a file.
	 * @param name the file's name in the dashboard
	 * @return its content, or {@code null} when the dashboard has no such file or it is
	 * missing from the class path
	 */
	@Nullable Resource resource(String name) {
		Asset asset = this.assets.get(name);
		if (asset == null) {
			return null;
		}
		Resource resource = this.loaded.get(name);
		if (resource == null) {
			resource = read(asset.location());
			if (resource != null) {
				this.loaded.put(name, resource);
			}
		}
		return resource;
	}

	private static @Nullable Resource read(String location) {
		ClassPathResource resource = new ClassPathResource(location, DashboardAssets.class.getClassLoader());
		if (!resource.exists()) {
			return null;
		}
		try (InputStream in = resource.getInputStream()) {
			return new ByteArrayResource(StreamUtils.copyToByteArray(in));
		}
		catch (IOException ex) {
			return null;
		}
	}

	// The WebJar's own pom.properties names its version, so an application that manages
	// another uPlot version still gets a page with charts
	private static String uplotVersion() {
		ClassPathResource pom = new ClassPathResource(UPLOT_POM, DashboardAssets.class.getClassLoader());
		if (pom.exists()) {
			try (InputStream in = pom.getInputStream()) {
				Properties properties = new Properties();
				properties.load(in);
				return properties.getProperty("version", UPLOT_VERSION);
			}
			catch (IOException ex) {
				// The version this release was built with
			}
		}
		return UPLOT_VERSION;
	}

	private record Asset(String location, MimeType contentType) {

	}

}
