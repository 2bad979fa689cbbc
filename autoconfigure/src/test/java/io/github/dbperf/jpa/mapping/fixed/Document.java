package io.github.dbperf.jpa.mapping.fixed;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

/**
 * jpa-large-column-eager fixed: the body is in DocumentBody.
 */
@Entity
public class Document {

	@Id
	@GeneratedValue
	Long id;

	@Column(length = 4000)
	String summary;

}
