package io.github.dbperf.sql;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Stable ids made of the first bytes of a text's SHA-256, as lowercase hex: the same
 * across restarts and instances, for fingerprints, cache payload versions and Redis keys.
 *
 * @author dbperf
 * @since 0.1.0
 */
public final class Sha256Ids {

	private static final HexFormat HEX = HexFormat.of();

	// A digest per thread: looking one up per call costs more than a Redis GET's own
	// garbage
	private static final ThreadLocal<MessageDigest> digests = ThreadLocal.withInitial(Sha256Ids::newDigest);

	private Sha256Ids() {
	}

	/**
	 * Return the id of a text.
	 * @param text the text, hashed as UTF-8
	 * @param bytes how many leading bytes of the digest to keep, 1 to 32
	 * @return twice that many lowercase hex digits
	 */
	public static String of(String text, int bytes) {
		byte[] digest = digests.get().digest(text.getBytes(StandardCharsets.UTF_8));
		return HEX.formatHex(digest, 0, bytes);
	}

	private static MessageDigest newDigest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is always available", ex);
		}
	}

}
