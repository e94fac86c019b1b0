/*
 * A reference insurance payer for the local hospital: the counterpart the insurance-service talks to.
 *
 *   java deploy/local/reference-payer/ReferencePayer.java
 *
 * It plays two payers at once: the basic medical insurance (基本医保, under /basic) and a commercial
 * supplementary plan (商业补充保险, under /supplementary). The hospital computes each claim's split and
 * submits it; this payer recomputes it with its own copy of the rules and the catalogue and answers with
 * its OWN numbers: pre-settlement (预结算), settlement (结算) and cancellation, each idempotent by key.
 * A control hook makes it delay, refuse, disagree, fail or time out, so that tests and developers can
 * exercise the hospital's retries and reconciliation; a ledger shows what it holds for a claim.
 * State is in memory only. No dependencies: the JDK (17+) only.
 *
 * Endpoints (P = basic | supplementary; Standard Webhooks signature required unless noted):
 *   POST /P/pre-settlements        GET /P/pre-settlements/{key}
 *   POST /P/settlements            GET /P/settlements/{key}
 *   POST /P/cancellations          GET /P/cancellations/{key}
 *   POST /control, DELETE /control (unsigned: {"payer","phase","mode","times","delayMs","reason"}; modes accept,
 *                                  refuse, disagree, delay, timeout-after-accept, timeout, fail (500), reject (400),
 *                                  malformed (200 with a body that is not an answer); "times" counts POSTs of keys
 *                                  not answered yet)
 *   GET  /ledger/{claimId}         (unsigned)
 *   GET  /health                   (unsigned)
 *
 * Settings (environment): PAYER_SECRET (required: a Standard Webhooks secret whsec_<base64>; the HMAC
 * key is the decoded part), PAYER_HOST (127.0.0.1), PAYER_PORT (8091), PAYER_CATALOGUE (the payer's
 * catalogue, contracts' insurance-catalogue.csv: drug_code,class,unit_price_fen,quantity_limit).
 *
 * Money is integer fen; share(amount, bp) = floor((amount * bp + 5000) / 10000), half up.
 */

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

public class ReferencePayer {

    static final String HOST = env("PAYER_HOST", "127.0.0.1");
    static final int PORT = Integer.parseInt(env("PAYER_PORT", "8091"));
    static final Path CATALOGUE_FILE = Path.of(env("PAYER_CATALOGUE", "contracts/src/main/resources/contracts/reference/insurance-catalogue.csv"));
    static final long TOLERANCE_SECONDS = 300;
    static final int MAX_BODY = 1 << 20;

    static final List<String> PAYERS = List.of("basic", "supplementary");
    static final List<String> PHASES = List.of("pre-settlements", "settlements", "cancellations");
    static final List<String> MODES = List.of("accept", "refuse", "disagree", "delay", "timeout-after-accept", "timeout", "fail", "malformed",
            "reject");

    static byte[] key;
    static Map<String, Item> catalogue;

    /** One book per payer; every operation on a payer's book holds its monitor. */
    static final Map<String, Book> BOOKS = Map.of("basic", new Book("basic"), "supplementary", new Book("supplementary"));
    /** Control rules by "payer phase". */
    static final Map<String, Rule> RULES = new ConcurrentHashMap<>();
    /** Stored answers by claim id, in the order they were stored (for the ledger). */
    static final Map<String, List<Entry>> BY_CLAIM = new ConcurrentHashMap<>();
    static final AtomicLong ARRIVALS = new AtomicLong();

    record Item(String code, char cls, long unitPrice) {
    }

    record Rule(String mode, long times, long delayMs, String reason) {
    }

    /** What a payer answered under a key, with the request's facts the ledger and the cap check need. */
    static final class Entry {
        final String payer, phase, key, claimId;
        final String outcome, reason;
        final long pays;
        final List<Map<String, Object>> lines;
        final String member; // pre-settlements only: for the cap check, never logged
        final Long year;
        final Object claimed;
        final String preSettlement; // settlements and cancellations
        final long arrival = ARRIVALS.incrementAndGet();
        boolean cancelled; // pre-settlements: guarded by the payer's book
        String settledUnder;

        Entry(String payer, String phase, String key, String claimId, String outcome, long pays, List<Map<String, Object>> lines,
                String reason, String member, Long year, Object claimed, String preSettlement) {
            this.payer = payer;
            this.phase = phase;
            this.key = key;
            this.claimId = claimId;
            this.outcome = outcome;
            this.pays = pays;
            this.lines = lines;
            this.reason = reason;
            this.member = member;
            this.year = year;
            this.claimed = claimed;
            this.preSettlement = preSettlement;
        }

        Map<String, Object> answer() {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("key", key);
            a.put("outcome", outcome);
            a.put("pays", pays);
            a.put("lines", lines);
            a.put("reason", reason);
            return a;
        }
    }

    static final class Book {
        final String payer;
        final Map<String, Map<String, Entry>> answers = new ConcurrentHashMap<>();
        final Map<String, Long> posts = new ConcurrentHashMap<>();
        final Set<String> tombstones = ConcurrentHashMap.newKeySet();

        Book(String payer) {
            this.payer = payer;
            for (String phase : PHASES) {
                answers.put(phase, new ConcurrentHashMap<>());
            }
        }

        Map<String, Entry> phase(String phase) {
            return answers.get(phase);
        }
    }

    /** A 4xx/5xx answer as an RFC 9457 problem. */
    static final class Problem extends RuntimeException {
        final int status;

        Problem(int status, String detail) {
            super(detail);
            this.status = status;
        }
    }

    /** What one request did, for its log line. */
    static final class Trace {
        String payer = "-", phase = "-", key = "-", outcome = "-";
    }

    public static void main(String[] args) throws Exception {
        key = secretKey(System.getenv("PAYER_SECRET"));
        catalogue = readCatalogue(CATALOGUE_FILE);
        HttpServer server = HttpServer.create(new InetSocketAddress(HOST, PORT), 100);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", ReferencePayer::handle);
        server.start();
        log("listening on http://" + HOST + ":" + PORT + " as /basic and /supplementary, catalogue " + CATALOGUE_FILE + " ("
                + catalogue.size() + " drugs)");
    }

    static byte[] secretKey(String secret) {
        if (secret == null || secret.isBlank()) {
            fatal("PAYER_SECRET is required: a Standard Webhooks secret, whsec_<base64>");
        }
        if (!secret.startsWith("whsec_")) {
            fatal("PAYER_SECRET must look like whsec_<base64>");
        }
        try {
            byte[] k = Base64.getDecoder().decode(secret.substring("whsec_".length()).trim());
            if (k.length == 0) {
                fatal("PAYER_SECRET has an empty key after whsec_");
            }
            return k;
        } catch (IllegalArgumentException e) {
            fatal("PAYER_SECRET: the part after whsec_ is not base64 (" + e.getMessage() + ")");
            return null;
        }
    }

    static Map<String, Item> readCatalogue(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            fatal("PAYER_CATALOGUE: no file " + file.toAbsolutePath() + " (run from the repository root or set PAYER_CATALOGUE)");
        }
        Map<String, Item> items = new HashMap<>();
        List<String> header = null;
        int n = 0;
        for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            List<String> cells = List.of(line.split(",", -1)).stream().map(String::strip).toList();
            if (header == null) {
                header = cells;
                if (!header.containsAll(List.of("drug_code", "class", "unit_price_fen"))) {
                    fatal(file + ": the header must name drug_code, class, unit_price_fen");
                }
                continue;
            }
            try {
                String code = cells.get(header.indexOf("drug_code"));
                String cls = cells.get(header.indexOf("class"));
                long price = Long.parseLong(cells.get(header.indexOf("unit_price_fen")));
                if (!cls.matches("[ABC]") || price < 0 || code.isEmpty()) {
                    throw new IllegalArgumentException("bad class or price");
                }
                items.put(code, new Item(code, cls.charAt(0), price));
            } catch (RuntimeException e) {
                fatal(file + " line " + n + ": " + raw + " (" + e.getMessage() + ")");
            }
        }
        return Map.copyOf(items);
    }

    // ---- routing ---------------------------------------------------------------------------------------

    static void handle(HttpExchange ex) {
        Trace t = new Trace();
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getRawPath();
        try {
            byte[] body = readBody(ex);
            if (path.equals("/health")) {
                allow(method, "GET");
                t.outcome = "ok";
                send(ex, 200, "text/plain; charset=utf-8", "ok".getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("/control")) {
                t.phase = "control";
                control(ex, method, body, t);
            } else if (path.startsWith("/ledger/")) {
                allow(method, "GET");
                t.phase = "ledger";
                String claimId = decode(path.substring("/ledger/".length()));
                if (claimId.isEmpty()) {
                    throw new Problem(404, "no claim id in " + path);
                }
                t.outcome = "claim " + claimId;
                json(ex, 200, ledger(claimId));
            } else {
                authenticate(ex, body);
                route(ex, method, path, body, t);
            }
        } catch (Problem p) {
            t.outcome = p.status + " " + p.getMessage();
            problem(ex, p.status, p.getMessage());
        } catch (ArithmeticException e) {
            t.outcome = "400 numbers too large";
            problem(ex, 400, "an amount overflows: " + e.getMessage());
        } catch (Exception e) {
            t.outcome = "500 " + e;
            problem(ex, 500, "the payer failed: " + e);
        } finally {
            ex.close();
            log(method + " " + t.payer + " " + t.phase + " key=" + t.key + " -> " + t.outcome);
        }
    }

    static void route(HttpExchange ex, String method, String path, byte[] body, Trace t) throws Exception {
        String[] parts = path.split("/", 4); // "", payer, phase, key
        if (parts.length < 3 || !PAYERS.contains(parts[1]) || !PHASES.contains(parts[2])) {
            throw new Problem(404, "no such resource: " + path);
        }
        t.payer = parts[1];
        t.phase = parts[2];
        Book book = BOOKS.get(parts[1]);
        if (parts.length == 3) {
            allow(method, "POST");
            submit(ex, book, parts[2], body, t);
            return;
        }
        allow(method, "GET");
        String k = decode(parts[3]);
        if (k.isEmpty()) {
            throw new Problem(404, "no key in " + path);
        }
        t.key = k;
        Entry e = book.phase(parts[2]).get(k);
        if (e == null) {
            throw new Problem(404, "no " + parts[2] + " answer under key " + k);
        }
        t.outcome = e.outcome + " (stored)";
        json(ex, 200, e.answer());
    }

    static void allow(String method, String allowed) {
        if (!method.equals(allowed)) {
            throw new Problem(405, method + " is not allowed here; use " + allowed);
        }
    }

    // ---- the three operations ------------------------------------------------------------------------

    static void submit(HttpExchange ex, Book book, String phase, byte[] body, Trace t) throws Exception {
        Map<String, Object> req = object(parse(new String(body, StandardCharsets.UTF_8)), "the body");
        String k = string(req, "key");
        t.key = k;
        validate(book.payer, phase, req);
        Rule rule = null;
        Entry stored;
        synchronized (book) {
            book.posts.merge(phase + " " + k, 1L, Long::sum);
            stored = book.phase(phase).get(k);
            if (stored == null) {
                rule = takeRule(book.payer, phase);
            }
        }
        if (stored != null) { // a repeat: the stored answer, at once and unchanged
            t.outcome = stored.outcome + " (repeat)";
            json(ex, 200, stored.answer());
            return;
        }
        String mode = rule == null ? "accept" : rule.mode();
        switch (mode) {
            case "fail" -> throw new Problem(500, "the payer failed (control: fail)");
            case "reject" -> throw new Problem(400, "the payer rejects the request (control: reject)");
            case "malformed" -> {
                t.outcome = "a body that is not an answer [control: malformed]";
                json(ex, 200, Map.of("status", "ok"));
                return;
            }
            case "timeout" -> {
                sleep(rule.delayMs());
                throw new Problem(504, "the payer timed out (control: timeout)");
            }
            case "delay" -> sleep(rule.delayMs());
            default -> {
            }
        }
        Entry e;
        synchronized (book) {
            e = book.phase(phase).get(k);
            if (e == null) {
                e = mode.equals("refuse")
                        ? refusal(book, phase, req, rule.reason())
                        : compute(book, phase, req, mode.equals("disagree"));
                store(book, e);
            }
        }
        t.outcome = e.outcome + " " + e.pays + (e.reason == null ? "" : " (" + e.reason + ")") + (rule == null ? "" : " [control: " + mode + "]");
        if (mode.equals("timeout-after-accept")) {
            sleep(rule.delayMs());
        }
        try {
            json(ex, 200, e.answer());
        } catch (IOException gone) {
            t.outcome += ", caller gone";
        }
    }

    /** Checks the body has what the phase needs before anything is counted or stored. */
    static void validate(String payer, String phase, Map<String, Object> req) {
        string(req, "claimId");
        switch (phase) {
            case "pre-settlements" -> {
                string(req, "member");
                integer(req, "year");
                Map<String, Object> terms = object(req.get("terms"), "terms");
                Map<String, Object> opening = object(req.get("opening"), "opening");
                nonNegative(terms, "annualCap");
                basisPoints(terms, "reimbursement");
                nonNegative(opening, "paid");
                if (payer.equals("basic")) {
                    nonNegative(terms, "deductible");
                    basisPoints(terms, "classBSelfPay");
                    nonNegative(opening, "deductibleUsed");
                } else if (!(terms.get("coversClassC") instanceof Boolean)) {
                    throw new Problem(400, "terms.coversClassC must be true or false");
                }
                Object lines = req.get("lines");
                if (!(lines instanceof List<?> list) || list.isEmpty()) {
                    throw new Problem(400, "lines must be a non-empty array");
                }
                for (Object o : list) {
                    Map<String, Object> line = object(o, "each line");
                    integer(line, "line");
                    string(line, "drugCode");
                    if (nonNegative(line, "quantity") == 0) {
                        throw new Problem(400, "line " + line.get("line") + ": quantity must be positive");
                    }
                    if (line.get("basicPays") != null) {
                        nonNegative(line, "basicPays");
                    }
                }
                if (req.get("claimed") != null) {
                    object(req.get("claimed"), "claimed");
                }
            }
            case "settlements" -> {
                string(req, "preSettlement");
                if (req.get("pays") != null) {
                    integer(req, "pays");
                }
            }
            default -> string(req, "preSettlement");
        }
    }

    static Entry compute(Book book, String phase, Map<String, Object> req, boolean disagree) {
        return switch (phase) {
            case "pre-settlements" -> preSettle(book, req, disagree);
            case "settlements" -> settle(book, req, disagree);
            default -> cancel(book, req);
        };
    }

    static Entry preSettle(Book book, Map<String, Object> req, boolean disagree) {
        String k = string(req, "key");
        Map<String, Object> terms = object(req.get("terms"), "terms");
        Map<String, Object> opening = object(req.get("opening"), "opening");
        if (book.tombstones.contains(k)) {
            Entry e = pre(book, req, "REFUSED", 0, List.of(), "cancelled before it arrived");
            e.cancelled = true;
            return e;
        }
        List<Map<String, Object>> lines = new ArrayList<>();
        long total = 0;
        try {
            long annualCap = integer(terms, "annualCap");
            long reimbursement = integer(terms, "reimbursement");
            long capLeft = Math.max(0, Math.subtractExact(annualCap, integer(opening, "paid")));
            long deductibleLeft = book.payer.equals("basic")
                    ? Math.max(0, Math.subtractExact(integer(terms, "deductible"), integer(opening, "deductibleUsed")))
                    : 0;
            for (Object o : (List<?>) req.get("lines")) {
                Map<String, Object> line = object(o, "each line");
                long number = integer(line, "line");
                String code = string(line, "drugCode");
                Item item = catalogue.get(code);
                if (item == null) {
                    throw new Refused("drug " + code + " is not in the payer's catalogue");
                }
                long amount = Math.multiplyExact(item.unitPrice(), integer(line, "quantity"));
                long pays;
                if (book.payer.equals("basic")) {
                    long selfPayFirst = item.cls() == 'B' ? share(amount, integer(terms, "classBSelfPay")) : 0;
                    long eligible = switch (item.cls()) {
                        case 'A' -> amount;
                        case 'B' -> amount - selfPayFirst;
                        default -> 0;
                    };
                    long d = Math.min(eligible, deductibleLeft);
                    deductibleLeft -= d;
                    pays = Math.min(share(eligible - d, reimbursement), capLeft);
                } else {
                    long basicPays = line.get("basicPays") == null ? 0 : integer(line, "basicPays");
                    if (basicPays > amount) {
                        throw new Refused("line " + number + ": basicPays exceeds the amount");
                    }
                    pays = item.cls() == 'C' && !Boolean.TRUE.equals(terms.get("coversClassC"))
                            ? 0
                            : Math.min(share(amount - basicPays, reimbursement), capLeft);
                }
                capLeft -= pays;
                total = Math.addExact(total, pays);
                lines.add(line(number, pays));
            }
            long reserved = 0;
            for (Entry other : book.phase("pre-settlements").values()) {
                if (other.outcome.equals("ACCEPTED") && !other.cancelled && !other.key.equals(k)
                        && other.member.equals(string(req, "member")) && other.year.equals(integer(req, "year"))) {
                    reserved = Math.addExact(reserved, other.pays);
                }
            }
            if (Math.addExact(reserved, total) > annualCap) {
                throw new Refused("annual cap exceeded");
            }
        } catch (Refused r) {
            return pre(book, req, "REFUSED", 0, List.of(), r.getMessage());
        }
        if (disagree) {
            total = bump(lines, total);
        }
        return pre(book, req, "ACCEPTED", total, List.copyOf(lines), null);
    }

    static Entry settle(Book book, Map<String, Object> req, boolean disagree) {
        String k = string(req, "key");
        String ps = string(req, "preSettlement");
        Entry pre = book.phase("pre-settlements").get(ps);
        String refusal = pre == null ? "pre-settlement " + ps + " is unknown"
                : !pre.outcome.equals("ACCEPTED") ? "pre-settlement " + ps + " was refused"
                : pre.cancelled ? "pre-settlement " + ps + " was cancelled"
                : pre.settledUnder != null && !pre.settledUnder.equals(k) ? "already settled under key " + pre.settledUnder
                : null;
        Map<String, Object> claimed = req.get("pays") == null ? null : new LinkedHashMap<>(Map.of("pays", req.get("pays")));
        if (refusal != null) {
            return new Entry(book.payer, "settlements", k, string(req, "claimId"), "REFUSED", 0, List.of(), refusal, null, null, claimed, ps);
        }
        pre.settledUnder = k;
        List<Map<String, Object>> lines = new ArrayList<>(pre.lines);
        long pays = pre.pays;
        if (disagree) {
            pays = bump(lines, pays);
        }
        return new Entry(book.payer, "settlements", k, string(req, "claimId"), "SETTLED", pays, List.copyOf(lines), null, null, null, claimed, ps);
    }

    static Entry cancel(Book book, Map<String, Object> req) {
        String k = string(req, "key");
        String ps = string(req, "preSettlement");
        Entry pre = book.phase("pre-settlements").get(ps);
        if (pre == null) {
            book.tombstones.add(ps);
        } else if (pre.settledUnder != null) {
            return new Entry(book.payer, "cancellations", k, string(req, "claimId"), "REFUSED", 0, List.of(), "settled claims are not cancelled",
                    null, null, null, ps);
        } else {
            pre.cancelled = true;
        }
        return new Entry(book.payer, "cancellations", k, string(req, "claimId"), "CANCELLED", 0, List.of(), null, null, null, null, ps);
    }

    /** The control hook's refusal, stored like any answer. */
    static Entry refusal(Book book, String phase, Map<String, Object> req, String reason) {
        if (phase.equals("pre-settlements")) {
            return pre(book, req, "REFUSED", 0, List.of(), reason);
        }
        return new Entry(book.payer, phase, string(req, "key"), string(req, "claimId"), "REFUSED", 0, List.of(), reason, null, null, null,
                string(req, "preSettlement"));
    }

    static Entry pre(Book book, Map<String, Object> req, String outcome, long pays, List<Map<String, Object>> lines, String reason) {
        return new Entry(book.payer, "pre-settlements", string(req, "key"), string(req, "claimId"), outcome, pays, lines, reason,
                string(req, "member"), integer(req, "year"), req.get("claimed"), null);
    }

    /** disagree: one fen more on the first line and on the total. */
    static long bump(List<Map<String, Object>> lines, long total) {
        if (!lines.isEmpty()) {
            Map<String, Object> first = lines.get(0);
            lines.set(0, line((Long) first.get("line"), Math.addExact((Long) first.get("pays"), 1)));
        }
        return Math.addExact(total, 1);
    }

    static Map<String, Object> line(long number, long pays) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("line", number);
        m.put("pays", pays);
        return Collections.unmodifiableMap(m);
    }

    static void store(Book book, Entry e) {
        book.phase(e.phase).put(e.key, e);
        BY_CLAIM.computeIfAbsent(e.claimId, c -> Collections.synchronizedList(new ArrayList<>())).add(e);
    }

    static final class Refused extends RuntimeException {
        Refused(String reason) {
            super(reason);
        }
    }

    /** Half up on integer fen: floor((amount * bp + 5000) / 10000), amount >= 0, bp in 0..10000. */
    static long share(long amount, long basisPoints) {
        if (amount < 0 || basisPoints < 0 || basisPoints > 10000) {
            throw new IllegalArgumentException("share(" + amount + ", " + basisPoints + ")");
        }
        return Math.floorDiv(Math.addExact(Math.multiplyExact(amount, basisPoints), 5000), 10000);
    }

    // ---- control and ledger --------------------------------------------------------------------------

    static void control(HttpExchange ex, String method, byte[] body, Trace t) throws IOException {
        if (method.equals("DELETE")) {
            RULES.clear();
            t.outcome = "all rules reset";
            send(ex, 204, null, null);
            return;
        }
        allow(method, "POST");
        Map<String, Object> c = object(parse(new String(body, StandardCharsets.UTF_8)), "the body");
        String payer = oneOf(c, "payer", PAYERS);
        String phase = oneOf(c, "phase", PHASES);
        String mode = oneOf(c, "mode", MODES);
        long times = c.get("times") == null ? 0 : nonNegative(c, "times");
        long delayMs = c.get("delayMs") == null ? 0 : nonNegative(c, "delayMs");
        String reason = c.get("reason") == null ? "refused by the payer" : string(c, "reason");
        t.payer = payer;
        t.phase = "control " + phase;
        synchronized (RULES) {
            if (mode.equals("accept")) {
                RULES.remove(payer + " " + phase);
            } else {
                RULES.put(payer + " " + phase, new Rule(mode, times, delayMs, reason));
            }
        }
        t.outcome = mode + (times == 0 ? " until reset" : " x" + times) + (delayMs == 0 ? "" : " " + delayMs + "ms");
        send(ex, 204, null, null);
    }

    /** The rule for the next new key of this payer and phase, counting it down. */
    static Rule takeRule(String payer, String phase) {
        synchronized (RULES) {
            Rule r = RULES.get(payer + " " + phase);
            if (r != null && r.times() > 0) {
                if (r.times() == 1) {
                    RULES.remove(payer + " " + phase);
                } else {
                    RULES.put(payer + " " + phase, new Rule(r.mode(), r.times() - 1, r.delayMs(), r.reason()));
                }
            }
            return r;
        }
    }

    static Map<String, Object> ledger(String claimId) {
        List<Entry> entries = new ArrayList<>(BY_CLAIM.getOrDefault(claimId, List.of()));
        entries.sort((a, b) -> Long.compare(a.arrival, b.arrival));
        List<Object> out = new ArrayList<>();
        for (Entry e : entries) {
            Book book = BOOKS.get(e.payer);
            synchronized (book) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("payer", e.payer);
                m.put("phase", e.phase);
                m.put("key", e.key);
                m.put("outcome", e.outcome);
                m.put("pays", e.pays);
                m.put("posts", book.posts.getOrDefault(e.phase + " " + e.key, 0L));
                m.put("cancelled", e.cancelled);
                m.put("settledUnder", e.settledUnder);
                m.put("preSettlement", e.preSettlement);
                m.put("claimed", e.claimed);
                out.add(m);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("claimId", claimId);
        m.put("entries", out);
        return m;
    }

    // ---- Standard Webhooks ---------------------------------------------------------------------------

    /**
     * HMAC-SHA256 of "id.timestamp.body" under our key, compared in constant time with every "v1,<base64>"
     * the header carries, and a timestamp within five minutes of our clock.
     */
    static void authenticate(HttpExchange ex, byte[] body) {
        String id = ex.getRequestHeaders().getFirst("webhook-id");
        String timestamp = ex.getRequestHeaders().getFirst("webhook-timestamp");
        String signature = ex.getRequestHeaders().getFirst("webhook-signature");
        if (id == null || timestamp == null || signature == null) {
            throw new Problem(401, "webhook-id, webhook-timestamp and webhook-signature are required");
        }
        long ts;
        try {
            ts = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            throw new Problem(401, "webhook-timestamp is not epoch seconds");
        }
        if (Math.abs(Instant.now().getEpochSecond() - ts) > TOLERANCE_SECONDS) {
            throw new Problem(401, "webhook-timestamp is more than five minutes from the payer's clock");
        }
        byte[] expected = hmac(key, id + "." + timestamp + "." + new String(body, StandardCharsets.UTF_8));
        boolean ok = false;
        for (String given : signature.strip().split("\\s+")) {
            if (given.startsWith("v1,")) {
                byte[] sig;
                try {
                    sig = Base64.getDecoder().decode(given.substring(3));
                } catch (IllegalArgumentException e) {
                    continue;
                }
                ok |= MessageDigest.isEqual(expected, sig);
            }
        }
        if (!ok) {
            throw new Problem(401, "no v1 signature in webhook-signature holds");
        }
    }

    static byte[] hmac(byte[] k, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(k, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- request fields ------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object o, String what) {
        if (!(o instanceof Map)) {
            throw new Problem(400, what + " must be a JSON object");
        }
        return (Map<String, Object>) o;
    }

    static String string(Map<String, Object> m, String name) {
        if (!(m.get(name) instanceof String s) || s.isBlank()) {
            throw new Problem(400, name + " is required (a non-empty string)");
        }
        return s;
    }

    static long integer(Map<String, Object> m, String name) {
        if (!(m.get(name) instanceof Long n)) {
            throw new Problem(400, name + " is required (an integer)");
        }
        return n;
    }

    static long nonNegative(Map<String, Object> m, String name) {
        long n = integer(m, name);
        if (n < 0) {
            throw new Problem(400, name + " must not be negative");
        }
        return n;
    }

    static long basisPoints(Map<String, Object> m, String name) {
        long n = integer(m, name);
        if (n < 0 || n > 10000) {
            throw new Problem(400, name + " must be basis points, 0..10000");
        }
        return n;
    }

    static String oneOf(Map<String, Object> m, String name, List<String> allowed) {
        Object v = m.get(name);
        if (!(v instanceof String s) || !allowed.contains(s)) {
            throw new Problem(400, name + " must be one of " + String.join(", ", allowed));
        }
        return s;
    }

    // ---- JSON ----------------------------------------------------------------------------------------

    static Object parse(String text) {
        JsonReader r = new JsonReader(text);
        r.space();
        Object v = r.value(0);
        r.space();
        if (r.pos != text.length()) {
            throw r.bad("unexpected text after the value");
        }
        return v;
    }

    /** Recursive descent over RFC 8259: objects are LinkedHashMaps, arrays Lists, integers Longs. */
    static final class JsonReader {
        final String s;
        int pos;

        JsonReader(String s) {
            this.s = s;
        }

        Problem bad(String what) {
            return new Problem(400, "bad JSON at offset " + pos + ": " + what);
        }

        void space() {
            while (pos < s.length() && " \t\r\n".indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
        }

        char peek() {
            if (pos >= s.length()) {
                throw bad("unexpected end");
            }
            return s.charAt(pos);
        }

        void expect(char c) {
            if (peek() != c) {
                throw bad("expected '" + c + "'");
            }
            pos++;
        }

        Object value(int depth) {
            if (depth > 64) {
                throw bad("nested too deeply");
            }
            char c = peek();
            switch (c) {
                case '{':
                    return object(depth);
                case '[':
                    return array(depth);
                case '"':
                    return string();
                case 't':
                    return word("true", Boolean.TRUE);
                case 'f':
                    return word("false", Boolean.FALSE);
                case 'n':
                    return word("null", null);
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        return number();
                    }
                    throw bad("unexpected '" + c + "'");
            }
        }

        Object word(String w, Object v) {
            if (!s.startsWith(w, pos)) {
                throw bad("expected " + w);
            }
            pos += w.length();
            return v;
        }

        Map<String, Object> object(int depth) {
            expect('{');
            Map<String, Object> m = new LinkedHashMap<>();
            space();
            if (peek() == '}') {
                pos++;
                return m;
            }
            while (true) {
                space();
                if (peek() != '"') {
                    throw bad("expected a member name");
                }
                String name = string();
                space();
                expect(':');
                space();
                m.put(name, value(depth + 1));
                space();
                if (peek() == ',') {
                    pos++;
                } else {
                    expect('}');
                    return m;
                }
            }
        }

        List<Object> array(int depth) {
            expect('[');
            List<Object> list = new ArrayList<>();
            space();
            if (peek() == ']') {
                pos++;
                return list;
            }
            while (true) {
                space();
                list.add(value(depth + 1));
                space();
                if (peek() == ',') {
                    pos++;
                } else {
                    expect(']');
                    return list;
                }
            }
        }

        String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = peek();
                pos++;
                if (c == '"') {
                    return b.toString();
                }
                if (c < 0x20) {
                    throw bad("control character in a string");
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                char e = peek();
                pos++;
                switch (e) {
                    case '"' -> b.append('"');
                    case '\\' -> b.append('\\');
                    case '/' -> b.append('/');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'u' -> {
                        if (pos + 4 > s.length()) {
                            throw bad("short \\u escape");
                        }
                        int code = 0;
                        for (int i = 0; i < 4; i++) {
                            int d = Character.digit(s.charAt(pos + i), 16);
                            if (d < 0) {
                                throw bad("bad \\u escape");
                            }
                            code = code * 16 + d;
                        }
                        pos += 4;
                        b.append((char) code);
                    }
                    default -> throw bad("bad escape \\" + e);
                }
            }
        }

        Object number() {
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            if (peek() == '0') {
                pos++;
            } else {
                digits();
            }
            boolean integral = true;
            if (pos < s.length() && s.charAt(pos) == '.') {
                pos++;
                digits();
                integral = false;
            }
            if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
                pos++;
                if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                    pos++;
                }
                digits();
                integral = false;
            }
            String text = s.substring(start, pos);
            if (integral) {
                try {
                    return Long.parseLong(text);
                } catch (NumberFormatException tooBig) {
                    return new BigDecimal(text);
                }
            }
            return new BigDecimal(text);
        }

        void digits() {
            int start = pos;
            while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
                pos++;
            }
            if (pos == start) {
                throw bad("expected a digit");
            }
        }
    }

    static String write(Object v) {
        StringBuilder b = new StringBuilder();
        write(b, v);
        return b.toString();
    }

    static void write(StringBuilder b, Object v) {
        if (v == null) {
            b.append("null");
        } else if (v instanceof String str) {
            quote(b, str);
        } else if (v instanceof Number || v instanceof Boolean) {
            b.append(v);
        } else if (v instanceof Map<?, ?> m) {
            b.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                quote(b, String.valueOf(e.getKey()));
                b.append(':');
                write(b, e.getValue());
            }
            b.append('}');
        } else if (v instanceof List<?> list) {
            b.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                write(b, list.get(i));
            }
            b.append(']');
        } else {
            throw new IllegalArgumentException("cannot write " + v.getClass());
        }
    }

    static void quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    // ---- HTTP helpers --------------------------------------------------------------------------------

    static byte[] readBody(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                if (out.size() > MAX_BODY) {
                    throw new Problem(413, "the body is larger than " + MAX_BODY + " bytes");
                }
            }
            return out.toByteArray();
        }
    }

    /** Percent-decoding of one path segment (a '+' stays a '+'). */
    static String decode(String raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%') {
                int hi = i + 2 < bytes.length ? Character.digit(bytes[i + 1], 16) : -1;
                int lo = i + 2 < bytes.length ? Character.digit(bytes[i + 2], 16) : -1;
                if (hi < 0 || lo < 0) {
                    throw new Problem(400, "bad percent-encoding in " + raw);
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static void json(HttpExchange ex, int status, Object value) throws IOException {
        send(ex, status, "application/json", write(value).getBytes(StandardCharsets.UTF_8));
    }

    static void problem(HttpExchange ex, int status, String detail) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", "about:blank");
        p.put("title", title(status));
        p.put("status", (long) status);
        p.put("detail", detail);
        try {
            send(ex, status, "application/problem+json", write(p).getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException gone) {
            // the caller left, or an answer was already under way
        }
    }

    static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 413 -> "Content Too Large";
            case 500 -> "Internal Server Error";
            case 504 -> "Gateway Timeout";
            default -> "Error";
        };
    }

    static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            ex.getResponseHeaders().set("Content-Type", contentType);
        }
        if (status == 204 || body == null) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    // ---- small helpers -------------------------------------------------------------------------------

    static void sleep(long ms) throws InterruptedException {
        if (ms > 0) {
            Thread.sleep(ms);
        }
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    static void fatal(String message) {
        System.err.println("reference-payer: " + message);
        System.exit(2);
    }

    static void log(String message) {
        System.out.println(Instant.now() + " reference-payer: " + message);
    }
}
