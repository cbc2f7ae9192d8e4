#!/usr/bin/env python3
"""The cost curve as an SVG (issue 18): one small panel per figure, x = controllers, one line
per backend. Standard library only (no plotting dependency). Reads the JSON lines of
`dpiahub bench` (bench/curve.jsonl); for each (backend, controllers) the last line counts.

    python3 bench/plot_curve.py bench/curve.jsonl docs/performance-curve.svg
    python3 bench/plot_curve.py --table bench/curve.jsonl     # the Markdown table
"""
import json
import sys

PANELS = [
    ("generation_secs", "generation (s)"),
    ("database_mb", "database (MB)"),
    ("rss_mb", "server RSS after the run (MB)"),
    ("effective_ms_p50", "effective assessment p50 (ms)"),
    ("effective_rps_8", "effective assessment req/s, 8 clients"),
    ("overview_cold_ms", "overview, cold (ms)"),
    ("overview_ms_p50", "overview, warm p50 (ms)"),
    ("page_cases_ms_p50", "authority case list p50 (ms)"),
]
COLOURS = {"sqlite": "#1f6fb2", "postgres": "#c2571a"}
W, H, PAD_L, PAD_B, PAD_T, PAD_R = 300, 190, 52, 30, 26, 12
COLS = 4


def load(path):
    runs = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line.startswith("{"):
                continue
            run = json.loads(line)
            runs[(run["backend"], run["controllers"])] = run
    return runs


def nice_max(v):
    if v <= 0:
        return 1.0
    step = 10 ** len(str(int(v))) / 10
    for m in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if m * step >= v:
            return m * step
    return v


def panel(runs, key, title, ox, oy):
    sizes = sorted({n for (_, n) in runs})
    xmax = max(sizes) if sizes else 1
    values = [r.get(key) for r in runs.values() if isinstance(r.get(key), (int, float))]
    ymax = nice_max(max(values) if values else 1)
    pw, ph = W - PAD_L - PAD_R, H - PAD_T - PAD_B
    x = lambda n: ox + PAD_L + pw * n / xmax
    y = lambda v: oy + PAD_T + ph * (1 - v / ymax)
    out = [f'<text x="{ox + PAD_L}" y="{oy + 16}" font-size="12" font-weight="bold">{title}</text>',
           f'<rect x="{ox + PAD_L}" y="{oy + PAD_T}" width="{pw}" height="{ph}" fill="none" stroke="#999"/>']
    for i in range(5):
        v = ymax * i / 4
        out.append(f'<text x="{ox + PAD_L - 4}" y="{y(v) + 4:.1f}" font-size="10" text-anchor="end">{v:g}</text>')
        if 0 < i < 4:
            out.append(f'<line x1="{ox + PAD_L}" x2="{ox + PAD_L + pw}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="#eee"/>')
    for n in sizes:
        out.append(f'<text x="{x(n):.1f}" y="{oy + H - PAD_B + 14}" font-size="10" text-anchor="middle">{n}</text>')
    for backend, colour in COLOURS.items():
        pts = [(n, runs[(backend, n)].get(key)) for n in sizes if (backend, n) in runs]
        pts = [(n, v) for n, v in pts if isinstance(v, (int, float))]
        if not pts:
            continue
        path = " ".join(f"{x(n):.1f},{y(v):.1f}" for n, v in pts)
        out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for n, v in pts:
            out.append(f'<circle cx="{x(n):.1f}" cy="{y(v):.1f}" r="3" fill="{colour}"><title>{backend}, {n}: {v}</title></circle>')
    return out


TABLE = [
    ("generation_secs", "generation s"),
    ("database_mb", "database MB"),
    ("rss_mb", "RSS MB"),
    ("effective_ms_p50", "effective p50 ms"),
    ("effective_rps_8", "effective req/s (8)"),
    ("floor_ratio", "floor ratio"),
    ("overview_cold_ms", "overview cold ms"),
    ("overview_ms_p50", "overview warm p50 ms"),
    ("page_cases_ms_p50", "case list p50 ms"),
    ("override_write_ms_p50", "override write p50 ms"),
    ("loadavg", "load average"),
]


def table(runs):
    """The curve as a Markdown table (one row per backend and size)."""
    head = "| backend | controllers | " + " | ".join(t for _, t in TABLE) + " |"
    rows = [head, "|" + "---|" * (len(TABLE) + 2)]
    for (backend, n) in sorted(runs, key=lambda k: (k[0] != "sqlite", k[1])):
        run = runs[(backend, n)]
        cells = []
        for key, _ in TABLE:
            v = run.get(key)
            cells.append("—" if v is None else (f"{v:g}" if isinstance(v, (int, float)) else str(v)))
        rows.append(f"| {backend} | {n} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def main():
    if sys.argv[1] == "--table":
        print(table(load(sys.argv[2])))
        return
    src, dst = sys.argv[1], sys.argv[2]
    runs = load(src)
    rows = (len(PANELS) + COLS - 1) // COLS
    width, height = COLS * W, rows * H + 40
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="sans-serif">',
           f'<rect width="{width}" height="{height}" fill="white"/>']
    for i, (key, title) in enumerate(PANELS):
        svg += panel(runs, key, title, (i % COLS) * W, (i // COLS) * H)
    ly = rows * H + 20
    svg.append(f'<text x="10" y="{ly}" font-size="11">x: controllers (the national data set).</text>')
    for j, (backend, colour) in enumerate(COLOURS.items()):
        lx = 260 + j * 140
        svg.append(f'<line x1="{lx}" x2="{lx + 24}" y1="{ly - 4}" y2="{ly - 4}" stroke="{colour}" stroke-width="3"/>')
        svg.append(f'<text x="{lx + 30}" y="{ly}" font-size="11">{backend}</text>')
    svg.append("</svg>")
    with open(dst, "w", encoding="utf-8") as f:
        f.write("\n".join(svg) + "\n")


if __name__ == "__main__":
    main()
