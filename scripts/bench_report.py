#!/usr/bin/env python3
"""Writes docs/benchmarks.md and docs/benchmarks.svg from the JSON every benchmark leaves
in target/bench/ (core.json from `cargo bench`, <language>.json from each binding's bench).

Ratios are native_ns / library_ns, measured in the same run of each language's benchmark
against that language's documented snippet. Run by `make bench`; reads only, computes ratios,
draws the chart (plain SVG, no plotting dependency).
"""
import datetime
import json
import os
import pathlib
import platform
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
BENCH = ROOT / "target" / "bench"
DOCS = ROOT / "docs"
LANGUAGES = ["python", "php", "go", "elixir", "node", "ruby", "cli"]


def load(name):
    path = BENCH / f"{name}.json"
    return json.loads(path.read_text()) if path.exists() else None


def machine():
    model = "unknown CPU"
    flags = ""
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name") and model == "unknown CPU":
                model = line.split(":", 1)[1].strip()
            if line.startswith("flags") and not flags:
                flags = line
    except OSError:
        pass
    sha = "SHA-NI" if " sha_ni" in flags else "no SHA-NI"
    load_avg = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return f"{model}, {os.cpu_count()} cores, {sha}, {platform.system()} {platform.release()}, load average {load_avg:.1f} at report time"


def fmt_ns(ns):
    return f"{ns:,.0f}" if ns >= 100 else f"{ns:.1f}"


def language_rows(data):
    for row in data["rows"]:
        ratio = row["native_ns"] / row["library_ns"]
        target = row.get("target")
        verdict = "report" if target is None else ("met" if ratio >= target else "**not met**")
        yield row["case"], row["native_ns"], row["library_ns"], ratio, target, verdict


def core_table(section):
    out = []
    lengths = sorted({c["identifier_bytes"] for c in section["rows"]})
    cases = []
    for c in section["rows"]:
        if c["case"] not in cases:
            cases.append(c["case"])
    out.append("| case | " + " | ".join(f"{n} B" for n in lengths) + " |")
    out.append("|---|" + "---|" * len(lengths))
    for name in cases:
        cells = []
        for n in lengths:
            hit = [c for c in section["rows"] if c["case"] == name and c["identifier_bytes"] == n]
            cells.append(f"{hit[0]['ns']:.0f} ns ({hit[0]['compressions']:.2f})" if hit else "-")
        out.append(f"| {name} | " + " | ".join(cells) + " |")
    out += ["", "| target | value | bar | |", "|---|---|---|---|"]
    for t in section["targets"]:
        out.append(f"| {t['name']} | {t['value']:.2f} | {t['op']} {t['target']} | {'met' if t['met'] else '**not met**'} |")
    return out


def core_section(core):
    out = ["## The core (Rust, `cargo bench --bench identifier_hash`)", "",
           "ns per hash (batch: per identifier) with \"compressions' worth\" in parentheses: the time divided by",
           "the floor, one SHA-256 compression of one block (`sha2::compress256`) measured in the same run.",
           "Baselines (`hmac` crate, `ring`) include the same hex encoding."]
    for key, title, note in (
        ("fastest_burst", "Fastest short burst (load-robust)",
         "Each case's fastest burst, all cases taken in turn so they share the machine's load."),
        ("criterion_median", "Criterion medians", "Criterion's median sample; on a loaded machine it drifts between benches."),
    ):
        section = core.get(key)
        if not section:
            continue
        out += ["", f"### {title}: floor {section['floor_ns']:.1f} ns", "", note, ""] + core_table(section)
    return out


def chart(results):
    """Horizontal bars: speedup over the documented snippet, per language and case."""
    bars = []
    for lang, data in results:
        for case, _native, _lib, ratio, _target, _v in language_rows(data):
            bars.append((f"{data['language']}: {case}", ratio))
    if not bars:
        return None
    width, left, bar_h, gap = 860, 330, 18, 6
    scale_max = max(r for _, r in bars) * 1.1
    height = 40 + len(bars) * (bar_h + gap) + 30
    px = lambda r: left + (width - left - 60) * r / scale_max
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="12">',
             f'<rect width="{width}" height="{height}" fill="white"/>',
             '<text x="10" y="20" font-size="14" font-weight="bold">Speedup over each language\'s documented snippet (higher is better)</text>']
    y = 36
    for label, ratio in bars:
        colour = "#3b82f6" if "keyed" in label else ("#10b981" if "batch" in label else "#f59e0b")
        parts.append(f'<text x="{left - 8}" y="{y + 13}" text-anchor="end">{label}</text>')
        parts.append(f'<rect x="{left}" y="{y}" width="{px(ratio) - left:.1f}" height="{bar_h}" fill="{colour}"/>')
        parts.append(f'<text x="{px(ratio) + 4:.1f}" y="{y + 13}">{ratio:.1f}x</text>')
        y += bar_h + gap
    one = px(1.0)
    parts.append(f'<line x1="{one:.1f}" y1="32" x2="{one:.1f}" y2="{y}" stroke="#444" stroke-dasharray="4 3"/>')
    parts.append(f'<text x="{one + 3:.1f}" y="{y + 14}">1x (as fast as the snippet)</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def main():
    results = [(lang, d) for lang in LANGUAGES if (d := load(lang))]
    core = load("core")
    if not results and not core:
        print("bench_report: nothing in target/bench/: run `make bench`", file=sys.stderr)
        return 1
    today = datetime.date.today().isoformat()
    lines = ["# Benchmarks", "",
             f"Generated by `make bench` on {today}. Machine: {machine()}.",
             "Each ratio is (ns per hash of the language's documented snippet) / (ns per hash through",
             "libchatwoot_identity), both measured in the same run, 29-byte identifier. Medians of several runs;",
             "numbers from a shared 2-core machine are noisy, so read ratios, not absolute times.", "",
             "![Speedup per language](benchmarks.svg)", "",
             "## Every language against its documented snippet", "",
             "| language | documented snippet | case | snippet ns | library ns | ratio | target | |",
             "|---|---|---|---|---|---|---|---|"]
    for _lang, data in results:
        for case, native, lib, ratio, target, verdict in language_rows(data):
            t = "-" if target is None else f">= {target}x"
            lines.append(f"| {data['language']} | `{data['baseline']}` | {case} | {fmt_ns(native)} | {fmt_ns(lib)} | "
                         f"**{ratio:.2f}x** | {t} | {verdict} |")
    lines += ["", "Runtimes: " + "; ".join(f"{d['language']}: {d['runtime']}" for _, d in results) + "."]
    missing = [lang for lang in LANGUAGES if not load(lang)]
    if missing:
        lines += ["", f"No results for: {', '.join(missing)} (their bench did not run)."]
    if core:
        lines += [""] + core_section(core)
    DOCS.mkdir(exist_ok=True)
    (DOCS / "benchmarks.md").write_text("\n".join(lines) + "\n")
    svg = chart(results)
    if svg:
        (DOCS / "benchmarks.svg").write_text(svg)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
