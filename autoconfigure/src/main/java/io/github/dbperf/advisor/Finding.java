package io.github.dbperf.advisor;

/**
 * Something in the data-access setup that will hurt, and how to fix it.
 *
 * @param severity how much it hurts
 * @param message what is wrong, in plain words
 * @param setting the property or mapping to change, such as
 * {@code spring.jpa.open-in-view} or {@code Author.posts}
 * @param fix what to do
 * @author dbperf
 * @since 0.1.0
 */
public record Finding(Severity severity, String message, String setting, String fix) {

	@Override
	public String toString() {
		return this.severity + " " + this.message + " [" + this.setting + "] Fix: " + this.fix;
	}

}
