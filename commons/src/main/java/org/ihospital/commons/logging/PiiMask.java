package org.ihospital.commons.logging;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data: mainland ID-card numbers, mobile phone numbers and personal names.
 *
 * <p>Used on every log line (see {@link PiiMaskingFilter}), for error descriptions that leave the
 * process ({@link #reason(Throwable)}) and by the services when they show such data to someone who may
 * see only part of it. Free text is scanned for ID-card and phone numbers however they are grouped
 * (spaces, dashes, full-width digits). Names cannot be recognised in free text, so they are masked where
 * something says a name follows: a name-like field ({@code name=…}, {@code "displayName":"…"}) or a
 * Chinese label ({@code 姓名：…}, {@code 患者：…}). PostgreSQL's row and key details are masked whole,
 * as they may hold any column. Code must still never log a name, message text, a diagnosis or an
 * allergy on purpose: this is the safety net, not the rule.
 *
 * <p>Masking what is already masked changes nothing on ordinary text (and at worst masks a little
 * more): the filter may run at the root and again on a handler that names it.
 */
public final class PiiMask {

    /** The longest {@link #reason(Throwable)}, so that it fits a Kafka header or a database column. */
    public static final int REASON_MAX_LENGTH = 300;

    /** PostgreSQL's "Failing row contains (…)": to the last ')' (a value may hold one, or a line break), or to the end. */
    private static final Pattern FAILING_ROW = Pattern.compile("(Failing row contains\\s*)\\((?:[\\s\\S]*\\)|[\\s\\S]*)");
    /** PostgreSQL's "Key (columns)=(values) already exists" and its siblings: the columns stay, the values go. */
    private static final Pattern KEY_DETAIL = Pattern.compile(
            "(?m)(\\b[Kk]ey \\([^()\\n]*\\)=\\()(.*?)(?:\\)(?=\\s+(?:already exists|is not present|is still referenced|conflicts with))|$)");
    /** A name after a Chinese label: 姓名：张三, 患者: Li Lei, "联系人"="王五". */
    private static final Pattern LABELLED_NAME = Pattern.compile(
            "([\"“]?(?:姓名|名字|患者|病人|就诊人|联系人|监护人|家属|收件人|收货人|申请人|代理人|医生|医师|药师|护士)[\"”]?\\s*[:：=]\\s*[\"“]?)"
                    + "(\\p{IsHan}[\\p{IsHan}·・•*]*|[A-Za-z][A-Za-z'’*]*+(?:\\s[A-Z][A-Za-z'’*]*+){0,2}+(?![0-9A-Za-z_\\-]|\\.[0-9A-Za-z]))");
    /** A key (of a log line, a record's toString or JSON) followed by = or : and a value, quoted or not. */
    private static final Pattern FIELD = Pattern.compile(
            "(\"?(?<![A-Za-z0-9_])([A-Za-z][A-Za-z0-9]*(?:[._-][A-Za-z0-9]+)*)\"?\\s*[=:]\\s*)"
                    + "(\"([^\"]*)\"|([^,;\\s\"}\\]]+(?:\\s[A-Z][A-Za-z'’*]*){0,2}))");
    /** Keys that end in "name" but name a thing, not a person: the word before "name" says which. */
    private static final Set<String> THING_NAMES = Set.of("class", "logger", "host", "file", "topic", "group", "channel",
            "thread", "method", "bean", "service", "app", "application", "database", "db", "schema", "table", "column",
            "constraint", "index", "type", "generic", "drug", "brand", "trade", "department", "dept", "queue", "cluster",
            "node", "client", "realm", "role", "event", "job", "task", "handler", "key", "field", "param", "parameter",
            "property", "attribute", "path", "resource", "bundle", "source", "protocol", "algorithm", "cipher", "instance",
            "metric", "span", "tenant", "domain", "server", "consumer", "producer", "connector", "partition", "header",
            "cookie", "package", "module", "dir", "directory", "bucket", "content", "media", "tag", "template", "feature",
            "profile", "config", "stream", "sequence", "function", "view", "alias", "unit", "form", "strength", "region");

    private PiiMask() {
    }

    /** Everything this class knows how to recognise, masked. */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = FAILING_ROW.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "(***)"));
        out = KEY_DETAIL.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "***)"));
        out = maskNumbers(out);
        out = LABELLED_NAME.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + name(m.group(2))));
        out = FIELD.matcher(out).replaceAll(m -> {
            if (!namesAPerson(m.group(2))) {
                return Matcher.quoteReplacement(m.group());
            }
            String value = m.group(4) != null ? "\"" + name(m.group(4)) + "\"" : name(m.group(5));
            return Matcher.quoteReplacement(m.group(1) + value);
        });
        return out;
    }

    /**
     * An exception as one masked line of at most {@link #REASON_MAX_LENGTH} characters — its class and
     * message, then each cause's — for places that carry an error out of the process (a dead-letter
     * reason header, a stored failure). Never the stack trace.
     */
    public static String reason(Throwable thrown) {
        return reason(thrown, REASON_MAX_LENGTH);
    }

    /** {@link #reason(Throwable)} bounded to {@code maxLength} characters (an ellipsis marks a cut). */
    public static String reason(Throwable thrown, int maxLength) {
        if (thrown == null) {
            return bounded("unknown error", maxLength);
        }
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<String> parts = new ArrayList<>();
        int length = 0;
        for (Throwable t = thrown; t != null && seen.add(t) && parts.size() < 8 && length <= maxLength; t = t.getCause()) {
            String part = t.getClass().getName();
            String message = t.getMessage();
            boolean repeatsCause = t.getCause() != null && t.getCause() != t && String.valueOf(message).equals(t.getCause().toString());
            if (message != null && !message.isBlank() && !repeatsCause) {
                // each message on its own: a row detail in one must not swallow the next
                part += ": " + mask(oneLine(cut(message, 4096)));
            }
            parts.add(part);
            length += part.length();
        }
        return bounded(String.join("; caused by ", parts), maxLength);
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

    private static final Pattern TRAILING_SEPARATORS = Pattern.compile("[._-]+$");
    private static final Pattern WORD_BOUNDARY = Pattern.compile("[._-]|(?<=[a-z0-9])(?=[A-Z])");

    private static boolean namesAPerson(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        if (!lower.endsWith("name")) {
            return false;
        }
        String before = TRAILING_SEPARATORS.matcher(key.substring(0, key.length() - 4)).replaceAll("");
        if (before.isEmpty()) {
            return true;
        }
        // the last word before "name": patientDisplayName → display, sasl.kerberos.service.name → service
        String[] words = WORD_BOUNDARY.split(before);
        return !THING_NAMES.contains(words[words.length - 1].toLowerCase(Locale.ROOT));
    }

    // ---- numbers: ID cards and mobiles, however they are grouped -------------------------------------

    /**
     * Finds runs of digit groups (ASCII or full-width digits, groups joined by one space or dash of any
     * width) and masks each stretch of whole groups that is a mobile number (optionally after 86 / 0086)
     * or an ID-card number. A plain run of ASCII digits keeps the rules of the old patterns (a mobile may
     * touch letters, an ID may not); a grouped or full-width run that is part of an identifier (touching
     * a letter, or joined to a word with digits, as in a UUID) is left alone.
     */
    private static String maskNumbers(String text) {
        StringBuilder out = null;
        int copied = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            if (!isDigit(text.charAt(i)) || (i > 0 && isDigit(text.charAt(i - 1)))) {
                i++;
                continue;
            }
            List<int[]> groups = new ArrayList<>();
            int end = i;
            int start = i;
            while (true) {
                int g = end;
                while (end < n && isDigit(text.charAt(end))) {
                    end++;
                }
                groups.add(new int[] { g, end });
                if (end + 1 < n && isSeparator(text.charAt(end)) && isDigit(text.charAt(end + 1))) {
                    end++;
                } else {
                    break;
                }
            }
            int runEnd = end;
            boolean plain = groups.size() == 1 && isAscii(text, start, runEnd);
            if (plain || !partOfIdentifier(text, start, runEnd)) {
                List<String> replacements = new ArrayList<>();
                List<int[]> spans = new ArrayList<>();
                findNumbers(text, groups, plain, spans, replacements);
                for (int k = 0; k < spans.size(); k++) {
                    if (out == null) {
                        out = new StringBuilder(text.length());
                    }
                    out.append(text, copied, spans.get(k)[0]).append(replacements.get(k));
                    copied = spans.get(k)[1];
                }
            }
            i = runEnd;
        }
        if (out == null) {
            return text;
        }
        return out.append(text, copied, n).toString();
    }

    private static void findNumbers(String text, List<int[]> groups, boolean plain, List<int[]> spans, List<String> replacements) {
        int s = 0;
        while (s < groups.size()) {
            int found = -1;
            String replacement = null;
            int spanStart = 0;
            int spanEnd = 0;
            StringBuilder digits = new StringBuilder();
            for (int e = s; e < groups.size(); e++) {
                if (e > s && groups.get(e - 1)[1] - groups.get(e - 1)[0] < 2) {
                    break; // single digits spaced out are a list ("1 2 3 … 13"), not a number written in groups
                }
                for (int c = groups.get(e)[0]; c < groups.get(e)[1]; c++) {
                    digits.append((char) ('0' + Character.digit(text.charAt(c), 10)));
                }
                if (digits.length() > 18) {
                    break;
                }
                int from = groups.get(s)[0];
                int to = groups.get(e)[1];
                char check = to < text.length() ? text.charAt(to) : ' ';
                boolean lastGroup = e == groups.size() - 1;
                String d = digits.toString();
                // ID card: 17 digits and a check character, 18 digits or the old 15; an ID touches no letter or digit
                if (lastGroup && d.length() == 17 && "XxＸｘ".indexOf(check) >= 0 && (plain || bornOn(d))
                        && !(to + 1 < text.length() && isAsciiLetterOrDigit(text.charAt(to + 1))) && noLetterBefore(text, from)) {
                    found = e;
                    spanStart = from;
                    spanEnd = to + 1;
                    replacement = idCard(d + check);
                } else if ((d.length() == 18 || d.length() == 15) && !d.startsWith("0086") && (plain || bornOn(d))
                        && (!lastGroup || !(to < text.length() && isAsciiLetterOrDigit(check))) && noLetterBefore(text, from)) {
                    found = e;
                    spanStart = from;
                    spanEnd = to;
                    replacement = idCard(d);
                } else {
                    int prefix = d.length() == 11 ? 0 : d.length() == 13 && d.startsWith("86") ? 2
                            : d.length() == 15 && d.startsWith("0086") ? 4 : -1;
                    if (prefix >= 0 && d.charAt(prefix) == '1' && d.charAt(prefix + 1) >= '3' && d.charAt(prefix + 1) <= '9') {
                        found = e;
                        // the country code stays as it was written; the mobile itself is masked
                        spanStart = charOfDigit(text, groups, s, prefix);
                        spanEnd = to;
                        replacement = phone(d.substring(prefix));
                    }
                }
            }
            if (found >= 0) {
                spans.add(new int[] { spanStart, spanEnd });
                replacements.add(replacement);
                s = found + 1;
            } else if (plain) {
                return;
            } else {
                s++;
            }
        }
    }

    /**
     * Whether an ID-card number's birth date is a date: a grouped run of small numbers ("1 2 3 … 12")
     * must not pass for an ID. Plain runs of 15 or 18 digits are masked without this check, as before.
     */
    private static boolean bornOn(String digits) {
        boolean old = digits.length() == 15;
        int year = old ? 1900 + Integer.parseInt(digits.substring(6, 8)) : Integer.parseInt(digits.substring(6, 10));
        int month = Integer.parseInt(digits.substring(old ? 8 : 10, old ? 10 : 12));
        int day = Integer.parseInt(digits.substring(old ? 10 : 12, old ? 12 : 14));
        return year >= 1850 && year <= 2199 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
    }

    /** Where, in the text, the {@code index}-th digit from group {@code s} on is. */
    private static int charOfDigit(String text, List<int[]> groups, int s, int index) {
        int seen = 0;
        for (int g = s; g < groups.size(); g++) {
            int length = groups.get(g)[1] - groups.get(g)[0];
            if (index < seen + length) {
                return groups.get(g)[0] + index - seen;
            }
            seen += length;
        }
        throw new IllegalStateException("digit " + index + " is not in the run");
    }

    /** A grouped run inside an identifier: touching a letter, or one separator away from a word that holds a digit. */
    private static boolean partOfIdentifier(String text, int start, int end) {
        if (start > 0) {
            char before = text.charAt(start - 1);
            if (isAsciiLetterOrDigit(before)) {
                return true;
            }
            if (isSeparator(before) && wordWithDigitEndsAt(text, start - 2)) {
                return true;
            }
        }
        if (end < text.length()) {
            char after = text.charAt(end);
            if (isAsciiLetterOrDigit(after) && "Xx".indexOf(after) < 0) {
                return true;
            }
            if (isSeparator(after) && wordWithDigitStartsAt(text, end + 1)) {
                return true;
            }
        }
        return false;
    }

    private static boolean wordWithDigitEndsAt(String text, int last) {
        boolean letter = false;
        boolean digit = false;
        for (int k = last; k >= 0 && isAsciiLetterOrDigit(text.charAt(k)); k--) {
            letter |= Character.isLetter(text.charAt(k));
            digit |= Character.isDigit(text.charAt(k));
        }
        return letter && digit;
    }

    private static boolean wordWithDigitStartsAt(String text, int first) {
        boolean letter = false;
        boolean digit = false;
        for (int k = first; k < text.length() && isAsciiLetterOrDigit(text.charAt(k)); k++) {
            letter |= Character.isLetter(text.charAt(k));
            digit |= Character.isDigit(text.charAt(k));
        }
        return letter && digit;
    }

    private static boolean noLetterBefore(String text, int from) {
        return from == 0 || !isAsciiLetterOrDigit(text.charAt(from - 1));
    }

    private static boolean isDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= '０' && c <= '９');
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '-' || c == '\u00A0' || c == '\u2009' || c == '\u202F' || c == '\u3000' || c == '－'
                || (c >= '\u2010' && c <= '\u2013');
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isAscii(String text, int from, int to) {
        for (int k = from; k < to; k++) {
            if (text.charAt(k) > 127) {
                return false;
            }
        }
        return true;
    }

    // ---- reasons --------------------------------------------------------------------------------------

    /** At most {@code max} characters, never ending in the first half of a number cut in two. */
    private static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max;
        while (end > 0 && (isDigit(text.charAt(end - 1)) || isSeparator(text.charAt(end - 1)))) {
            end--;
        }
        return text.substring(0, end);
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\\s\\p{Cntrl}\\u0085\\u2028\\u2029]+", " ").strip();
    }

    private static String bounded(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        return max <= 1 ? "…".substring(0, Math.max(max, 0)) : text.substring(0, max - 1) + "…";
    }
}
