package io.github.dbperf.jpa.mapping.bad;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;

/**
 * Fires jpa-large-column-eager on body, notes (LAZY needs bytecode enhancement) and
 * summary.
 */
@Entity
public class Document {

	@Id
	@GeneratedValue
	Long id;

	@Lob
	String body;

	@Lob
	@Basic(fetch = FetchType.LAZY)
	String notes;

	@Column(length = 10000)
	String summary;

}
