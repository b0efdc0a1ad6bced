#!/usr/bin/env python3
"""Turns the JMH JSON of scripts/bench.sh into tables and a chart (standard library only).

    python3 bench/report.py RESULTS_DIR README
    python3 bench/report.py --merge NEW_JSON RESULTS_JSON

Reads RESULTS_DIR/jdk25.json and RESULTS_DIR/jdk17.json (either may be missing), writes
RESULTS_DIR/results.md and RESULTS_DIR/chart.svg, and replaces the part of README between
the markers <!-- results:begin --> and <!-- results:end --> with results.md.

--merge puts the JMH JSON of a partial run (some benchmark classes) into a results file: every
entry of RESULTS_JSON whose benchmark class ran in NEW_JSON is replaced by NEW_JSON's entries
of that class; the other classes' entries stay. Then run the first form.

Every figure is the median over the measurement iterations, with the lowest and highest
iteration in brackets (JMH's own "score" of an aux counter is a sum over iterations: not used).
"""
import html
import json
import os
import re
import statistics
import sys

# (benchmark method, label) in the order shown; Pollen first.
PER_AWAIT = [("pollen", "Pollen (generated machine)"), ("handMachine", "hand-written machine"),
             ("completableFuture", "CompletableFuture.thenCompose"),
             ("virtualThread", "virtual thread"), ("sync", "synchronous loop")]
TASKS = [("pollen", "Pollen (multi-threaded runtime)"), ("completableFuture", "CompletableFuture"),
         ("virtualThread", "virtual threads")]
# (benchmark method, table label, chart label): the chart has room for about 30 characters.
SPAWN = [("pollenMultiThread", "Pollen, multi-threaded runtime", "Pollen, multi-threaded"),
         ("pollen", "Pollen, current thread (Executor.blockOn)", "Pollen, current thread"),
         ("completableFuture", "CompletableFuture.supplyAsync (common pool)", "CompletableFuture"),
         ("virtualThread", "virtual thread per task", "virtual threads")]
PING_PONG = [("pollen", "Pollen, multi-threaded runtime (Mailbox)", "Pollen, multi-threaded"),
             ("pollenCurrentThread", "Pollen, current-thread runtime (Mailbox)", "Pollen, current thread"),
             ("virtualThread", "virtual threads over SynchronousQueue", "virtual threads")]
COMPILE = [("pollen", "javac + Pollen processor (@Async)"), ("plainJavac", "plain javac (synchronous)")]
# Toolkit (issue 13): (Pollen method, virtual-thread method, label) per compared pair.
LOCKS = [("pollenMutex", "reentrantLock", "Mutex / ReentrantLock"),
         ("pollenMutex", "reentrantLockFair", "Mutex / ReentrantLock(fair)"),
         ("pollenSemaphore", "semaphore", "Semaphore / j.u.c.Semaphore"),
         ("pollenSemaphore", "semaphoreFair", "Semaphore / j.u.c.Semaphore(fair)")]


def load(path):
    """{(class.method, params tuple): entry} of one JMH JSON file, or {} if it is missing."""
    if not os.path.exists(path):
        return {}
    runs = {}
    with open(path) as f:
        for entry in json.load(f):
            name = ".".join(entry["benchmark"].split(".")[-2:])
            params = tuple(sorted((entry.get("params") or {}).items()))
            runs[(name, params)] = entry
    return runs


class Stat:
    """Median and range of one metric over the measurement iterations."""

    def __init__(self, metric):
        values = [v for fork in metric["rawData"] for v in fork]
        self.median = statistics.median(values)
        self.low = min(values)
        self.high = max(values)
        self.n = len(values)

    def cell(self):
        return f"{fmt(self.median)} [{fmt(self.low)}–{fmt(self.high)}]"


def fmt(x):
    if x == 0:
        return "0"
    if abs(x) >= 100:
        return f"{x:,.0f}"
    if abs(x) >= 10:
        return f"{x:.1f}"
    if abs(x) >= 0.01:
        return f"{x:.2f}"
    return "≈0"


def stat(runs, name, metric=None, **params):
    entry = runs.get((name, tuple(sorted(params.items()))))
    if entry is None:
        return None
    m = entry["primaryMetric"] if metric is None else entry["secondaryMetrics"].get(metric)
    return Stat(m) if m else None


def cell(s):
    return s.cell() if s else "–"


def ratio(a, b):
    """a / b of two medians, or None."""
    return a.median / b.median if a and b and b.median else None


def per_await_table(runs):
    rows = ["| variant | ns/await, inlinable leaf | B/await | ns/await, opaque leaf | B/await |",
            "| --- | --- | --- | --- | --- |"]
    for method, label in PER_AWAIT:
        cells = []
        for leaf in ("Ready", "Opaque"):
            name = f"PerAwait.{method}{leaf}"
            cells += [cell(stat(runs, name)), cell(stat(runs, name, "gc.alloc.rate.norm"))]
        if any(c != "–" for c in cells):
            rows.append(f"| {label} | " + " | ".join(cells) + " |")
    return rows


def tasks_table(runs):
    rows = ["| variant | total time, ms | time until all suspended, ms | heap per suspended task, B "
            "| tasks woken before the heap was read |",
            "| --- | --- | --- | --- | --- |"]
    for method, label in TASKS:
        name = f"SuspendedTasks.{method}"
        total = stat(runs, name, figure="time")
        if total is None:
            continue
        rows.append(f"| {label} | {cell(total)} | {cell(stat(runs, name, 'suspendMs', figure='time'))} "
                    f"| {cell(stat(runs, name, 'heapBytesPerTask', figure='heap'))} "
                    f"| {cell(stat(runs, name, 'wokenBeforeGc', figure='heap'))} |")
    return rows


def time_and_bytes_table(runs, benchmark, variants, time_header, bytes_header):
    """Time and bytes allocated per operation of each variant of one benchmark."""
    rows = [f"| variant | {time_header} | {bytes_header} |", "| --- | --- | --- |"]
    for method, label, _ in variants:
        name = f"{benchmark}.{method}"
        s = stat(runs, name)
        if s:
            rows.append(f"| {label} | {cell(s)} | {cell(stat(runs, name, 'gc.alloc.rate.norm'))} |")
    return rows


def spawn_table(runs):
    return time_and_bytes_table(runs, "SpawnJoin", SPAWN, "ns per task (spawn + run + join)", "B allocated per task")


def ping_pong_table(runs):
    return time_and_bytes_table(runs, "PingPong", PING_PONG, "ns per round trip", "B allocated per round trip")


def fairness_entries(runs):
    """[(label, params)] of the fairness runs: one row per value of its `busy` parameter."""
    return sorted(((dict(params).get("busy", ""), params) for (name, params) in runs if name == "Fairness.pollen"),
                  key=lambda e: e[0])


def fairness_table(runs):
    rows = ["| busy task | timers' lateness p50, ms | p99, ms | max, ms | busy task's awaits per ms | total time, ms |",
            "| --- | --- | --- | --- | --- | --- |"]
    for busy, params in fairness_entries(runs):
        def s(metric=None):
            return stat(runs, "Fairness.pollen", metric, **dict(params))
        rows.append(f"| {busy} | {cell(s('latenessP50Ms'))} | {cell(s('latenessP99Ms'))} | {cell(s('latenessMaxMs'))} "
                    f"| {cell(s('busyAwaitsPerMs'))} | {cell(s())} |")
    return rows


def compile_table(runs):
    rows = ["| variant | ms per compile of 1,000 methods, all @Async | the same, 5 of them @Async | none @Async, no await |",
            "| --- | --- | --- | --- |"]
    for method, label in COMPILE:
        every = stat(runs, f"CompileTime.{method}", asyncMethods="1000")
        few = stat(runs, f"CompileTime.{method}", asyncMethods="5")
        none = stat(runs, f"CompileTime.{method}", asyncMethods="0")
        if every or few or none:
            rows.append(f"| {label} | {cell(every)} | {cell(few)} | {cell(none)} |")
    return rows


def param_values(runs, benchmark, key):
    """The values of one parameter in the runs of a benchmark, in numeric order."""
    values = {dict(params).get(key) for (name, params) in runs if name == benchmark}
    return sorted((v for v in values if v is not None), key=int)


def versus_row(runs, label, pollen, other, **params):
    """A row: Pollen's time and bytes, the virtual threads' time and bytes, their ratio."""
    p, o = stat(runs, pollen, **params), stat(runs, other, **params)
    if not p and not o:
        return None
    r = ratio(o, p)
    return (f"| {label} | {cell(p)} | {cell(stat(runs, pollen, 'gc.alloc.rate.norm', **params))} "
            f"| {cell(o)} | {cell(stat(runs, other, 'gc.alloc.rate.norm', **params))} "
            f"| {'–' if r is None else f'{r:.2f}'} |")


def toolkit_comparisons(runs):
    """[(section title, label, pollen benchmark, virtual-thread benchmark, params)] of the toolkit."""
    out = []
    for producers in param_values(runs, "ChannelThroughput.pollen", "producers") or param_values(
            runs, "ChannelThroughput.virtualThread", "producers"):
        for capacity in param_values(runs, "ChannelThroughput.virtualThread", "capacity"):
            out.append(("channel", f"{producers} producer{'s' if producers != '1' else ''}, capacity {capacity}",
                        "ChannelThroughput.pollen", "ChannelThroughput.virtualThread",
                        {"producers": producers, "capacity": capacity}))
    for pollen, other, label in LOCKS:
        for tasks in param_values(runs, f"LockThroughput.{other}", "tasks"):
            out.append(("locks", f"{label}, {tasks} task{'s' if tasks != '1' else ''}",
                        f"LockThroughput.{pollen}", f"LockThroughput.{other}", {"tasks": tasks}))
    for in_flight in param_values(runs, "HttpThroughput.virtualThread", "inFlight"):
        out.append(("http", f"at most {in_flight} in flight", "HttpThroughput.pollen",
                    "HttpThroughput.virtualThread", {"inFlight": in_flight}))
    return out


def toolkit_table(runs, section, header):
    rows = [f"| case | Pollen, {header} | B/op | virtual threads, {header} | B/op | virtual threads / Pollen |",
            "| --- | --- | --- | --- | --- | --- |"]
    for sec, label, pollen, other, params in toolkit_comparisons(runs):
        if sec == section:
            row = versus_row(runs, label, pollen, other, **params)
            if row:
                rows.append(row)
    return rows


def goals_table(runs):
    """Each goal of issues 5 and 12 with its measured ratio (medians, same run)."""
    def s(name, metric=None, **params):
        return stat(runs, name, metric, **params)

    def show(x, digits=2):
        return "–" if x is None else f"{x:.{digits}f}"

    def met(x, ok):
        return "–" if x is None else ("met" if ok(x) else "**missed**")

    goals = []
    for leaf, what in (("Ready", "inlinable"), ("Opaque", "opaque")):
        r = ratio(s(f"PerAwait.pollen{leaf}"), s(f"PerAwait.handMachine{leaf}"))
        goals.append((f"per await ({what} leaf): Pollen / hand-written machine", "≤ 1.2", show(r), met(r, lambda x: x <= 1.2)))
    for leaf, what in (("Ready", "inlinable"), ("Opaque", "opaque")):
        p, h = s(f"PerAwait.pollen{leaf}", "gc.alloc.rate.norm"), s(f"PerAwait.sync{leaf}", "gc.alloc.rate.norm")
        extra = p.median - h.median if p and h else None
        goals.append((f"bytes per await allocated beyond the synchronous loop ({what} leaf)", "0 (< 1: the blockOn per 1,000 awaits)",
                      show(extra, 1), met(extra, lambda x: x < 1)))
    for leaf, what in (("Ready", "inlinable"), ("Opaque", "opaque")):
        r = ratio(s(f"PerAwait.completableFuture{leaf}"), s(f"PerAwait.pollen{leaf}"))
        goals.append((f"per await ({what} leaf): CompletableFuture / Pollen", "≥ 8", show(r, 1), met(r, lambda x: x >= 8)))
    heap = s("SuspendedTasks.pollen", "heapBytesPerTask", figure="heap")
    goals.append(("heap per suspended timer task, bytes", "≤ 100", show(heap and heap.median, 0),
                  met(heap and heap.median, lambda x: x <= 100)))
    r = ratio(s("SuspendedTasks.virtualThread", "suspendMs", figure="time"), s("SuspendedTasks.pollen", "suspendMs", figure="time"))
    goals.append(("time until 1M suspended: virtual threads / Pollen", "≥ 10", show(r, 1), met(r, lambda x: x >= 10)))
    r = ratio(s("SpawnJoin.completableFuture"), s("SpawnJoin.pollenMultiThread"))
    goals.append(("spawn + join: CompletableFuture / Pollen multi-threaded", "≥ 1.5", show(r), met(r, lambda x: x >= 1.5)))
    r = ratio(s("SpawnJoin.virtualThread"), s("SpawnJoin.pollenMultiThread"))
    goals.append(("spawn + join: virtual threads / Pollen multi-threaded", "≥ 8", show(r, 1), met(r, lambda x: x >= 8)))
    r = ratio(s("PingPong.pollen"), s("PingPong.virtualThread"))
    goals.append(("ping-pong round trip: Pollen multi-threaded / virtual threads", "≤ 0.5", show(r), met(r, lambda x: x <= 0.5)))
    r = ratio(s("CompileTime.pollen", asyncMethods="1000"), s("CompileTime.plainJavac", asyncMethods="1000"))
    goals.append(("compile time: with Pollen / plain javac", "≤ 2", show(r), met(r, lambda x: x <= 2)))
    r = ratio(s("CompileTime.pollen", asyncMethods="0"), s("CompileTime.plainJavac", asyncMethods="0"))
    goals.append(("compile time of a module without @Async or await: with Pollen / plain javac", "≤ 1.05", show(r),
                  met(r, lambda x: x <= 1.05)))
    for sec, label, pollen, other, params in toolkit_comparisons(runs):
        if "(fair)" in label:
            continue        # the goal is against the defaults users pick; the fair ones explain it
        r = ratio(s(other, **params), s(pollen, **params))
        what = {"channel": "channel throughput", "locks": "lock", "http": "HTTP client"}[sec]
        goals.append((f"{what} ({label}): virtual threads / Pollen", "≥ 1 (ahead)", show(r), met(r, lambda x: x >= 1)))
    rows = ["| goal | target | measured | |", "| --- | --- | --- | --- |"]
    rows += [f"| {g} | {t} | {m} | {ok} |" for g, t, m, ok in goals if m != "–"]
    return rows


def jdk_line(runs):
    entry = next(iter(runs.values()))
    return f"{entry['vmName']} {entry['vmVersion']} (JDK {entry['jdkVersion']}), JMH {entry['jmhVersion']}"


def markdown(by_jdk):
    out = []
    for jdk, runs in by_jdk:
        if not runs:
            continue
        out += [f"### JDK {jdk}", "", f"{jdk_line(runs)}. Medians [lowest–highest iteration].", ""]
        sections = [
            ("Goals:", goals_table(runs)),
            ("1. Per await (1,000 awaits of a ready leaf per invocation):", per_await_table(runs)),
            ("2. 1,000,000 tasks suspended on timers of 1 to 2 s:", tasks_table(runs)),
            ("3. Spawn + join of 1,000,000 trivial tasks:", spawn_table(runs)),
            ("4. Compile time:", compile_table(runs)),
            ("5. Ping-pong between two tasks, 1,000,000 round trips:", ping_pong_table(runs)),
            ("6. Fairness: 1,000 timers (10 to 200 ms) and one busy task on one worker:", fairness_table(runs)),
            ("7. Channel throughput, 1,000,000 messages to one consumer (Pollen `Channel.bounded`; virtual "
             "threads over `ArrayBlockingQueue`):", toolkit_table(runs, "channel", "ns per message")),
            ("8. Lock around a shared-counter update, 1,000,000 acquire-release pairs on 2 workers (Pollen "
             "`Mutex`, `Semaphore(1)`; virtual threads with `ReentrantLock`, `java.util.concurrent.Semaphore(1)`):",
             toolkit_table(runs, "locks", "ns per acquire-release")),
            ("9. HTTP client, 5,000 GETs to a local `HttpServer` (Pollen `sendAsync` via `Futures.fromStage` and "
             "a `Semaphore`; virtual threads with blocking `send` and a `java.util.concurrent.Semaphore`):",
             toolkit_table(runs, "http", "µs per request")),
        ]
        for title, rows in sections:
            if len(rows) > 2:           # a header and its rule only: that benchmark did not run
                out += [title, ""] + rows + [""]
    return "\n".join(out)


# ---- chart ----

PANEL_W, PANEL_H, BAR_H, LABEL_W = 470, 150, 18, 190
POLLEN, OTHER = "#d4a017", "#6b8fb5"


def panel(x0, y0, title, unit, bars):
    """A horizontal bar chart: bars = [(label, Stat or None, is_pollen)]; whiskers span the
    lowest to highest iteration, cut at the panel's edge (an outlier iteration must not
    squash the bars)."""
    bars = [b for b in bars if b[1]]
    parts = [f'<text x="{x0}" y="{y0 + 14}" font-weight="bold">{html.escape(title)}</text>']
    if not bars:
        return parts
    top = 1.25 * max(b[1].median for b in bars) or 1
    scale = (PANEL_W - LABEL_W - 70) / top
    for i, (label, s, is_pollen) in enumerate(bars):
        y = y0 + 26 + i * (BAR_H + 6)
        x = x0 + LABEL_W
        parts.append(f'<text x="{x - 6}" y="{y + 13}" text-anchor="end">{html.escape(label)}</text>')
        parts.append(f'<rect x="{x}" y="{y}" width="{max(s.median * scale, 1):.1f}" height="{BAR_H}" '
                     f'fill="{POLLEN if is_pollen else OTHER}"/>')
        lo, hi = x + s.low * scale, x + min(s.high, top) * scale
        mid = y + BAR_H / 2
        parts.append(f'<path d="M{lo:.1f} {mid}H{hi:.1f}M{lo:.1f} {mid - 5}v10M{hi:.1f} {mid - 5}v10" stroke="#222"/>')
        parts.append(f'<text x="{max(hi, x + s.median * scale) + 6:.1f}" y="{y + 13}">{fmt(s.median)} {unit}</text>')
    return parts


def chart(runs, title):
    def s(name, metric=None, **params):
        return stat(runs, name, metric, **params)

    panels = [
        ("1. Per await, inlinable leaf", "ns",
         [(label, s(f"PerAwait.{m}Ready"), m == "pollen") for m, label in PER_AWAIT]),
        ("1. Per await, opaque leaf (never inlined)", "ns",
         [(label, s(f"PerAwait.{m}Opaque"), m == "pollen") for m, label in PER_AWAIT]),
        ("1. Bytes allocated per await, inlinable leaf", "B",
         [(label, s(f"PerAwait.{m}Ready", "gc.alloc.rate.norm"), m == "pollen") for m, label in PER_AWAIT]),
        ("1. Bytes allocated per await, opaque leaf", "B",
         [(label, s(f"PerAwait.{m}Opaque", "gc.alloc.rate.norm"), m == "pollen") for m, label in PER_AWAIT]),
        ("2. Heap per suspended timer task (1M tasks)", "B",
         [(label, s(f"SuspendedTasks.{m}", "heapBytesPerTask", figure="heap"), m == "pollen") for m, label in TASKS]),
        ("2. Time until 1M tasks are suspended", "ms",
         [(label, s(f"SuspendedTasks.{m}", "suspendMs", figure="time"), m == "pollen") for m, label in TASKS]),
        ("2. Total time, 1M timers of 1 to 2 s", "ms",
         [(label, s(f"SuspendedTasks.{m}", figure="time"), m == "pollen") for m, label in TASKS]),
        ("3. Spawn + join, per task", "ns",
         [(label, s(f"SpawnJoin.{m}"), m.startswith("pollen")) for m, _, label in SPAWN]),
        ("5. Ping-pong, per round trip", "ns",
         [(label, s(f"PingPong.{m}"), m.startswith("pollen")) for m, _, label in PING_PONG]),
        ("6. Timers' lateness p99, busy task on one worker", "ms",
         [(busy, s("Fairness.pollen", "latenessP99Ms", **dict(params)), True) for busy, params in fairness_entries(runs)]),
        ("4. Compile 1,000 methods (warm in-process javac)", "ms",
         [(label, s(f"CompileTime.{m}", asyncMethods="1000"), m == "pollen") for m, label in COMPILE]),
    ]
    cols = 2
    rows = (len(panels) + cols - 1) // cols
    width, height = cols * (PANEL_W + 20) + 20, rows * PANEL_H + 70
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'font-family="sans-serif" font-size="12">',
             f'<rect width="{width}" height="{height}" fill="white"/>',
             f'<text x="20" y="24" font-size="15" font-weight="bold">{html.escape(title)}</text>',
             f'<text x="20" y="44" fill="#444">bars: median; whiskers: lowest to highest iteration; '
             f'shorter is better; Pollen in gold</text>']
    for i, (t, unit, bars) in enumerate(panels):
        parts += panel(20 + (i % cols) * (PANEL_W + 20), 60 + (i // cols) * PANEL_H, t, unit, bars)
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def merge(new_json, results_json):
    """Replaces the entries of RESULTS_JSON of every benchmark class that ran in NEW_JSON."""
    def cls(entry):
        return entry["benchmark"].split(".")[-2]
    with open(new_json) as f:
        new = json.load(f)
    old = []
    if os.path.exists(results_json):
        with open(results_json) as f:
            old = json.load(f)
    classes = {cls(e) for e in new}
    kept = [e for e in old if cls(e) not in classes]
    with open(results_json, "w") as f:
        json.dump(kept + new, f, indent=4)
        f.write("\n")
    print(f"report: {results_json}: {len(old) - len(kept)} entries of {', '.join(sorted(classes))} "
          f"replaced by {len(new)}")


def main(results, readme):
    jdk25 = load(os.path.join(results, "jdk25.json"))
    jdk17 = load(os.path.join(results, "jdk17.json"))
    table = markdown([("25", jdk25), ("17", jdk17)])
    with open(os.path.join(results, "results.md"), "w") as f:
        f.write(table)
    if jdk25:
        with open(os.path.join(results, "chart.svg"), "w") as f:
            f.write(chart(jdk25, "Pollen vs the alternatives, JDK 25 (" + jdk_line(jdk25).split(" (")[0] + ")"))
    with open(readme) as f:
        text = f.read()
    begin, end = "<!-- results:begin -->", "<!-- results:end -->"
    if begin not in text or end not in text:
        sys.exit(f"report: {readme} has no {begin} ... {end} markers")
    text = re.sub(re.escape(begin) + ".*?" + re.escape(end),
                  lambda _: begin + "\n" + table + "\n" + end, text, flags=re.S)
    with open(readme, "w") as f:
        f.write(text)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--merge"]:
        merge(*sys.argv[2:4])
    else:
        main(*sys.argv[1:3])
