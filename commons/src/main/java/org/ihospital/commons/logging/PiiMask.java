package org.ihospital.commons.logging;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data: mainland ID-card numbers, mobile phone numbers and personal names.
 *
 * <p>Used on every log line (see {@link PiiMaskingFilter}) and by the services when they show such data
 * to someone who may see only part of it. Free text is scanned for ID-card and phone numbers; names
 * cannot be recognised in free text, so they are masked where they appear as the value of a
 * name-like field ({@code name=…}, {@code "fullName":"…"}). Code must still never log a name on
 * purpose: this is the safety net, not the rule.
 */
public final class PiiMask {

    /** 18-digit resident ID (last char may be X) or the old 15-digit form, not part of a longer number. */
    private static final Pattern ID_CARD = Pattern.compile("(?<![0-9A-Za-z])(\\d{6})(\\d{8}|\\d{6})(\\d{3}[0-9Xx]|\\d{3})(?![0-9A-Za-z])");
    /** Mainland mobile numbers, optionally with +86 / 0086 and separators 3-4-4. */
    private static final Pattern PHONE = Pattern.compile("(?<![0-9])((?:\\+?86|0086)[ -]?)?(1[3-9]\\d)[ -]?(\\d{4})[ -]?(\\d{4})(?![0-9])");
    /** A name-like key followed by = or : and a value, quoted or not. */
    private static final Pattern NAMED_FIELD = Pattern.compile(
            "(?i)(\"?\\b(?:name|full_?name|real_?name|patient_?name|doctor_?name|given_?name|family_?name|first_?name|last_?name|contact_?name|recipient)\"?\\s*[=:]\\s*)(\"([^\"]*)\"|([^,;\\s\"}\\]]+))");

    private PiiMask() {
    }

    /** Everything this class knows how to recognise, masked. */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = ID_CARD.matcher(text).replaceAll(m -> Matcher.quoteReplacement(idCard(m.group())));
        out = PHONE.matcher(out).replaceAll(m -> Matcher.quoteReplacement(
                (m.group(1) == null ? "" : m.group(1)) + m.group(2) + "****" + m.group(4)));
        out = NAMED_FIELD.matcher(out).replaceAll(m -> {
            String value = m.group(3) != null ? "\"" + name(m.group(3)) + "\"" : name(m.group(4));
            return Matcher.quoteReplacement(m.group(1) + value);
        });
        return out;
    }

    /** 张三丰 → 张**; Li Lei → L*****. Keeps the first character so staff can still tell records apart. */
    public static String name(String name) {
        if (name == null || name.isEmpty()) {
            return name;
        }
        int first = Character.charCount(name.codePointAt(0));
        int rest = name.codePointCount(first, name.length());
        return name.substring(0, first) + "*".repeat(Math.max(rest, 1));
    }

    /** 13812345678 → 138****5678. */
    public static String phone(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = phone.replaceAll("[^0-9]", "");
        if (digits.length() < 7) {
            return "*".repeat(digits.length());
        }
        return digits.substring(0, 3) + "****" + digits.substring(digits.length() - 4);
    }

    /** 110101199003071234 → 110***********1234: region prefix and last four, never the birth date. */
    public static String idCard(String id) {
        if (id == null) {
            return null;
        }
        if (id.length() < 8) {
            return "*".repeat(id.length());
        }
        return id.substring(0, 3) + "*".repeat(id.length() - 7) + id.substring(id.length() - 4);
    }
}
