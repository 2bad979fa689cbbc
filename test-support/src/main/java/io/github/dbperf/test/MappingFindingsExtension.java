package io.github.dbperf.test;

import java.util.ArrayList;
import java.util.List;

import io.github.dbperf.rules.Finding;
import io.github.dbperf.rules.FindingSource;
import io.github.dbperf.rules.Rule;
import io.github.dbperf.rules.RuleCategory;
import io.github.dbperf.rules.RuleSettings;
import io.github.dbperf.rules.Rules;
import io.github.dbperf.rules.Severity;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.AssertionFailedError;

import org.springframework.context.ApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Checks {@link NoMappingFindings} once per test class: reads every {@link FindingSource}
 * bean of the test's application context, keeps the findings of {@code mapping} rules,
 * applies the application's {@link RuleSettings} and fails the class when any is left.
 *
 * @author dbperf
 * @since 0.2.0
 */
public class MappingFindingsExtension implements BeforeAllCallback {

	@Override
	public void beforeAll(ExtensionContext context) {
		Severity severity = context.getTestClass()
			.flatMap((testClass) -> AnnotationSupport.findAnnotation(testClass, NoMappingFindings.class))
			.map(NoMappingFindings::severity)
			.orElse(Severity.INFO);
		List<Finding> found = mappingFindings(SpringExtension.getApplicationContext(context)).stream()
			.filter((finding) -> finding.severity().atLeast(severity))
			.toList();
		if (!found.isEmpty()) {
			throw new AssertionFailedError("Expected no mapping findings of severity " + severity
					+ " or higher but found:" + System.lineSeparator() + QueryRecorderAssert.describeFindings(found));
		}
	}

	/**
	 * Return the findings of the {@code mapping} rules in an application context, after
	 * its rule settings.
	 * @param applicationContext the context
	 * @return the findings, most severe first
	 */
	static List<Finding> mappingFindings(ApplicationContext applicationContext) {
		List<Finding> findings = new ArrayList<>();
		for (FindingSource source : applicationContext.getBeanProvider(FindingSource.class)) {
			for (Finding finding : source.findings()) {
				Rule rule = Rules.find(finding.rule());
				if (rule != null && rule.category() == RuleCategory.MAPPING) {
					findings.add(finding);
				}
			}
		}
		RuleSettings settings = applicationContext.getBeanProvider(RuleSettings.class)
			.getIfAvailable(RuleSettings::defaults);
		return settings.apply(findings);
	}

}
