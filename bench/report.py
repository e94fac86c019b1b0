#!/usr/bin/env python3
"""The benchmarks' figures, for bench/run.

  report.py gatling NAME DURATION SIMULATION
                                    that simulation's last Gatling report (bench/load/target/gatling) as
                                    results/NAME.json: per request its successes, failures, percentiles and
                                    rate over DURATION seconds (the measured phase; warm-up requests are named
                                    'warm-up: ...' and left out)
  report.py write FILE [--smoke]    the report from results/*.json into FILE, between the lines
                                    '<!-- bench:begin -->' and '<!-- bench:end -->' (the rest of FILE stays)
"""
import json
import pathlib
import re
import sys

HERE = pathlib.Path(__file__).resolve().parent
GATLING = HERE / "load" / "target" / "gatling"
RESULTS = HERE / "load" / "target" / "results"


def gatling_stats(run_dir):
    """Gatling writes its statistics as JavaScript (js/stats.js): made JSON by quoting the bare keys."""
    text = (run_dir / "js" / "stats.js").read_text()
    text = text[text.index("{"):text.index("function fillStats")]
    text = re.sub(r"^(\s*)(\w+):", r'\1"\2":', text, flags=re.M).strip().rstrip(";")
    tree = json.loads(text)
    out = {}

    def walk(node):
        s = node["stats"]
        if node.get("type") == "REQUEST":
            def num(v):
                return None if v in ("-", None) else float(v)
            out[s["name"]] = {
                "ok": int(s["numberOfRequests"]["ok"]), "ko": int(s["numberOfRequests"]["ko"]),
                "p50": num(s["percentiles1"]["ok"]), "p75": num(s["percentiles2"]["ok"]),
                "p95": num(s["percentiles3"]["ok"]), "p99": num(s["percentiles4"]["ok"]),
                "max": num(s["maxResponseTime"]["ok"]),
            }
        for child in node.get("contents", {}).values():
            walk(child)

    walk(tree)
    return out


def cmd_gatling(name, duration, simulation):
    # Gatling names a report <simulation in lower case>-<timestamp>: the newest of this simulation's
    prefix = simulation.lower() + "-"
    runs = sorted((d for d in GATLING.iterdir() if d.name.startswith(prefix) and (d / "js" / "stats.js").exists()),
                  key=lambda d: d.name.rsplit("-", 1)[-1]) if GATLING.exists() else []
    if not runs:
        sys.exit(f"no Gatling report of {simulation} in {GATLING}")
    last = runs[-1].name
    requests = gatling_stats(GATLING / last)
    for r in requests.values():
        r["per_second"] = round(r["ok"] / float(duration), 1)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps({"report": str(GATLING / last / "index.html"),
                                                       "duration": float(duration), "requests": requests}, indent=1))
    for n, r in requests.items():
        if not n.startswith("warm-up"):
            print(f"  {n:<24} {r['per_second']:>8}/s  p50 {r['p50']} ms  p95 {r['p95']} ms  p99 {r['p99']} ms  failed {r['ko']}")


def load(name):
    f = RESULTS / f"{name}.json"
    return json.loads(f.read_text()) if f.exists() else None


def ratio(a, b):
    return f"{100 * a / b:.0f} %" if a is not None and b else "n/a"


def cmd_write(target, smoke):
    env = load("machine") or {}
    lines = [f"Measured {env.get('date', '?')} on {env.get('cpu', '?')} ({env.get('cores', '?')} cores, shared by every "
             f"process), {env.get('memory', '?')}; {env.get('java', '?')}, {env.get('postgres', '?')}, "
             f"Quarkus {env.get('quarkus', '?')}, Gatling {env.get('gatling', '?')}; commit {env.get('commit', '?')}."
             + (" **Smoke run** (seconds, a few users): the figures only prove that the scenarios work." if smoke else ""), ""]

    storm, bare, pgb = load("booking"), load("bare"), load("pgbench")
    if storm:
        book = storm["requests"].get("book", {})
        search = storm["requests"].get("search free slots", {})
        ins = (bare or {}).get("requests", {}).get("insert", {})
        lines += ["### 1. Booking storm", "",
                  f"{env.get('storm_users', '?')} patients at once (each its own token), {storm['duration']:.0f} s measured after "
                  f"{env.get('warmup', '?')} s of warm-up; each looks up a doctor's free slots on a day and books one, straight to "
                  "consultation-service.", "",
                  "| | per second | p50 | p95 | p99 | failed |", "|---|---|---|---|---|---|",
                  f"| bookings (201) | **{book.get('per_second')}** | {book.get('p50')} ms | {book.get('p95')} ms | {book.get('p99')} ms | {book.get('ko')} |",
                  f"| free-slot searches | {search.get('per_second')} | {search.get('p50')} ms | {search.get('p95')} ms | {search.get('p99')} ms | {search.get('ko')} |",
                  f"| baseline: bare endpoint, one insert | {ins.get('per_second')} | {ins.get('p50')} ms | {ins.get('p95')} ms | {ins.get('p99')} ms | {ins.get('ko')} |"]
        if pgb:
            lines.append(f"| baseline: pgbench, the booking's statements ({pgb['clients']} clients) | {pgb['tps']} | | | | {pgb['failed']} |")
        lines += ["", f"- bookings / bare endpoint: **{ratio(book.get('per_second'), ins.get('per_second'))}** (goal ≥ 60 %, and p99 "
                  f"{book.get('p99')} ms against the goal's 50 ms)",
                  f"- bookings / pgbench's booking transactions: **{ratio(book.get('per_second'), (pgb or {}).get('tps'))}** "
                  f"(pgbench average latency {(pgb or {}).get('latency_ms')} ms)", ""]

    reads = load("reads")
    if reads:
        r = reads["requests"]
        lines += ["### 2. Reads through the gateway", "",
                  f"{env.get('reads_users', '?')} patients at once read their appointments, a prescription's timeline and the "
                  f"departments ({reads['duration']:.0f} s each way, after a warm-up), first straight to consultation-service, then "
                  "through the gateway (which verifies the token too).", "",
                  "| request | straight /s | p99 | through the gateway /s | p99 | gateway's cost |", "|---|---|---|---|---|---|"]
        total_d = total_g = 0.0
        for name in ("appointments", "timeline", "departments"):
            d, g = r.get("direct: " + name, {}), r.get("gateway: " + name, {})
            total_d += d.get("per_second") or 0
            total_g += g.get("per_second") or 0
            cost = f"{100 * (1 - g['per_second'] / d['per_second']):.0f} %" if d.get("per_second") and g.get("per_second") else "n/a"
            lines.append(f"| {name} | {d.get('per_second')} | {d.get('p99')} ms | {g.get('per_second')} | {g.get('p99')} ms | {cost} |")
        cost = f"{100 * (1 - total_g / total_d):.0f} %" if total_d and total_g else "n/a"
        lines += ["", f"- all three: {total_d:.0f}/s straight, {total_g:.0f}/s through the gateway: the gateway costs **{cost}** "
                  "of the throughput (goal ≤ 20 %)", ""]

    readings = load("readings")
    if readings:
        r = readings["requests"]
        b, one = r.get("device batch", {}), r.get("single reading", {})
        per_second = (b.get("per_second") or 0) * 50 + (one.get("per_second") or 0)
        lines += ["### 4. Readings between visits", "",
                  f"Patients with a hypertension care plan (every reading judged by the alert rules) send, through the gateway, "
                  f"a device's batch of 50 blood pressures and a reading typed in by hand, again and again ({readings['duration']:.0f} s "
                  "measured after a warm-up).", "",
                  "| request | per second | p50 | p95 | p99 | failed |", "|---|---|---|---|---|---|",
                  f"| device batch (50 readings) | {b.get('per_second')} | {b.get('p50')} ms | {b.get('p95')} ms | {b.get('p99')} ms | {b.get('ko')} |",
                  f"| single reading | {one.get('per_second')} | {one.get('p50')} ms | {one.get('p95')} ms | {one.get('p99')} ms | {one.get('ko')} |",
                  "", f"- readings stored: **{per_second:.0f} a second**", ""]

    mem = load("memory")
    if mem:
        lines += ["### 3. Memory and start", "",
                  "Each service alone restarted with the options shown (the others running): time from the JVM's start to its "
                  "readiness check answering, and its resident memory idle (10 s after ready) and, for the default options, the "
                  "highest seen during the scenarios above. Goals: ≤ 250 MiB idle, ready in < 3 s.", "",
                  "| service | options | ready after | RSS idle | RSS under load |", "|---|---|---|---|---|"]
        for row in mem:
            lines.append(f"| {row['service']} | {row['label']} | {row['ready_s']} s | {row['rss_idle']} MiB | "
                         f"{row.get('rss_load') or ''}{' MiB' if row.get('rss_load') else ''} |")
        lines.append("")
        for row in load("options") or []:
            lines.append(f"- `{row['label']}`: {row['opts']}")
        lines.append("")

    text = target.read_text() if target.exists() else "# Benchmarks\n\n<!-- bench:begin -->\n<!-- bench:end -->\n"
    begin, end = "<!-- bench:begin -->", "<!-- bench:end -->"
    if begin not in text:
        text += f"\n{begin}\n{end}\n"
    head, rest = text.split(begin, 1)
    tail = rest.split(end, 1)[1]
    target.write_text(head + begin + "\n" + "\n".join(lines) + "\n" + end + tail)
    print(f"report written to {target}")


def main(argv):
    if len(argv) >= 4 and argv[0] == "gatling":
        cmd_gatling(argv[1], argv[2], argv[3])
    elif len(argv) >= 2 and argv[0] == "write":
        cmd_write(pathlib.Path(argv[1]), "--smoke" in argv)
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main(sys.argv[1:])
