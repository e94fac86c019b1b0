package org.ihospital.consultation.audit;

/**
 * What a walk of the audit chain found.
 *
 * @param valid       every entry holds its link and follows the one before, no gap, every checkpoint matches and is signed
 * @param entries     how many entries were found in order before the end or the break
 * @param brokenAtSeq the first entry (or checkpoint) that does not hold, or null
 * @param sealedUpTo  the last checkpoint's seq (0 when none): entries up to it are sealed by a signed checkpoint
 * @param unchained   reads appended more than a minute ago that no link covers (should be 0)
 */
public record ChainCheck(boolean valid, long entries, Long brokenAtSeq, String reason, long sealedUpTo, long unchained) {
}
