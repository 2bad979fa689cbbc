package io.github.dbperf.jpa.mapping.fixed;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.MapsId;
import jakarta.persistence.OneToOne;

/**
 * The large column of a Document, loaded only when shown.
 */
@Entity
public class DocumentBody {

	@Id
	Long id;

	@OneToOne(fetch = FetchType.LAZY)
	@MapsId
	Document document;

	@Lob
	String body;

}
