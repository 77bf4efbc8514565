"""Compare two ways of making the gap explorer interactive on the static site.

A. **anywidget** (the kit's choice): Python computes every selection once; a small
   JavaScript module renders selects, an SVG chart and an HTML table from that lookup; on
   the static site the kit's own loader (``anywidget-embed.js``) runs it from the saved state.
B. **Vega-Lite through Altair**: the same lookup flattened into the chart's data, with
   four parameters bound to drop-down menus; Vega filters and draws in the browser.

For each, this script reports the page weight the approach adds (gzip-compressed bytes of
the data/spec and of the JavaScript runtime it needs), the lines of code, and, when
Chromium is available, whether the numbers drawn after changing a menu match
``equitykit``'s and how many axe-core (WCAG 2.1 A/AA) violations the rendered widget has.

Run: ``.venv/bin/python benchmarks/compare_widget_approaches.py`` (fetches vega, vega-lite
and vega-embed from npm into a temporary folder; needs network access to the npm registry).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

import altair as alt
import pandas as pd

from equitykit.data.tables import load_table
from equitykit.widgets.base import JS_DIR, browser_module
from equitykit.widgets.gap_explorer import build_gap_lookup, gap_explorer

REPO = Path(__file__).resolve().parents[1]
OUTCOMES = [
    "out_of_school_suspension",
    "in_school_suspension",
    "referral_to_law_enforcement",
    "gifted",
    "advanced_course_enrollment",
    "chronic_absenteeism",
]


def gz(data: bytes | str) -> int:
    """Gzip-compressed size in bytes (level 6, what a compressing static host sends)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return len(gzip.compress(raw, compresslevel=6))


def loc(path: Path) -> int:
    """Non-blank lines of a source file."""
    return sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


def altair_chart(lookup: dict) -> alt.LayerChart:
    """Build the gap explorer as a Vega-Lite chart with four bound drop-down menus."""
    alt.data_transformers.disable_max_rows()  # the data are inlined, as the site would ship them
    cols = lookup["columns"]
    records = []
    for key, rows in lookup["rows"].items():
        outcome, group, unit = key.split("|")
        for row in rows:
            r = dict(zip(cols, row, strict=True))
            if r["subgroup"] == "All":
                continue
            for metric, _, _ in lookup["metrics"]:
                records.append(
                    {
                        "outcome": outcome,
                        "group": group,
                        "unit": unit,
                        "metric": metric,
                        "subgroup": r["label"],
                        "value": r[metric],
                        "text": r[f"{metric}_text"] or "not reported",
                    }
                )
    data = pd.DataFrame(records)

    def menu(field: str, options: list[list[str]], name: str) -> alt.Parameter:
        return alt.param(
            name=field,
            value=options[0][0],
            bind=alt.binding_select(
                options=[o[0] for o in options], labels=[o[1] for o in options], name=name
            ),
        )

    params = [
        menu("outcome", lookup["outcomes"], "Outcome "),
        menu("group", lookup["groups"], "Student group "),
        menu("unit", lookup["units"], "School or district "),
        menu("metric", lookup["metrics"], "Measure "),
    ]
    selected = " && ".join(f"datum.{p.name} == {p.name}" for p in params)
    base = alt.Chart(data).transform_filter(selected)
    bars = base.mark_bar(color="#0072B2").encode(
        y=alt.Y("subgroup:N", title=None), x=alt.X("value:Q", title="value")
    )
    labels = base.mark_text(align="left", dx=4).encode(
        y="subgroup:N", x=alt.X("value:Q"), text="text:N"
    )
    return (bars + labels).add_params(*params).properties(width=420)


def fetch_vega(folder: Path) -> dict[str, Path]:
    """Install vega, vega-lite and vega-embed from npm into ``folder``; return their bundles."""
    subprocess.run(
        [
            "npm",
            "install",
            "--prefix",
            str(folder),
            "--no-audit",
            "--no-fund",
            "--ignore-scripts",
            f"vega@{alt.VEGA_VERSION}",
            f"vega-lite@{alt.SCHEMA_VERSION.lstrip('v').split('.')[0]}",
            f"vega-embed@{alt.VEGAEMBED_VERSION}",
        ],
        check=True,
        capture_output=True,
    )
    nm = folder / "node_modules"
    return {
        "vega": nm / "vega" / "build" / "vega.min.js",
        "vega-lite": nm / "vega-lite" / "build" / "vega-lite.min.js",
        "vega-embed": nm / "vega-embed" / "build" / "vega-embed.min.js",
    }


def browser_check(site: Path, page: str, action) -> dict:
    """Open ``page`` in Debian's Chromium, run axe, perform ``action``; return findings."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    http.server.SimpleHTTPRequestHandler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/{page}"
    axe = (REPO / "node_modules" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=[
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                ],
            )
            tab = browser.new_page()
            tab.goto(url)
            tab.wait_for_timeout(1500)
            tab.add_script_tag(content=axe)
            report = tab.evaluate(
                "() => axe.run(document, {runOnly: ['wcag2a','wcag2aa','wcag21a','wcag21aa']})"
            )
            shown = action(tab)
            browser.close()
    finally:
        server.shutdown()
    return {
        "axe_violations": sorted({v["id"] for v in report["violations"]}),
        "shown": shown,
    }


def main() -> None:
    table = load_table("outcomes")
    lookup = build_gap_lookup(table, outcomes=OUTCOMES)
    explorer = gap_explorer(table, outcomes=OUTCOMES)
    explorer.metric = "risk"
    expected = {k: v for k, v in explorer.shown.items() if k != "All"}
    expected_by_label = {
        row["label"]: expected[row["subgroup"]]
        for row in explorer.result.to_dict("records")
        if row["subgroup"] != "All"
    }

    # the kit's own loader renders anywidgets from the saved state (no widget manager bundle)
    any_runtime = {
        "anywidget-embed.js": REPO / "equitykit" / "sphinxext" / "static" / "anywidget-embed.js",
    }
    a_state = json.dumps(lookup) + browser_module("gap_explorer")
    a_runtime = sum(gz(p.read_bytes()) for p in any_runtime.values())
    a_loc = loc(JS_DIR / "gap_explorer.js") + loc(
        REPO / "equitykit" / "widgets" / "gap_explorer.py"
    )

    spec = altair_chart(lookup).to_json()
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        bundles = fetch_vega(tmp_path)
        b_runtime = sum(gz(p.read_bytes()) for p in bundles.values())
        site = tmp_path / "site"
        site.mkdir()
        for name, path in bundles.items():
            shutil.copy(path, site / f"{name}.js")
        (site / "altair.html").write_text(
            "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Altair</title>"
            "<script src='vega.js'></script><script src='vega-lite.js'></script>"
            "<script src='vega-embed.js'></script></head><body><main><div id='vis'></div>"
            f"<script>vegaEmbed('#vis', {spec}, {{renderer: 'svg', actions: false}});</script>"
            "</main></body></html>",
            encoding="utf-8",
        )

        def altair_action(tab):
            tab.select_option("select[name='metric']", "risk")
            tab.wait_for_timeout(500)
            return tab.eval_on_selector_all("svg text", "ns => ns.map(n => n.textContent)")

        b_browser = None
        if shutil.which("chromium") or Path("/usr/bin/chromium").exists():
            b_browser = browser_check(site, "altair.html", altair_action)

    b_loc = loc(Path(__file__)) // 3  # the chart-building function is about a third of this file
    print("approach                     data+code (gz)   runtime JS (gz)   lines of code")
    rows = [
        ("A anywidget (chosen)", gz(a_state), a_runtime, a_loc),
        ("B Vega-Lite via Altair", gz(spec), b_runtime, b_loc),
    ]
    for name, data_bytes, runtime_bytes, lines in rows:
        data_kb, runtime_kb = data_bytes / 1024, runtime_bytes / 1024
        print(f"{name:28s} {data_kb:10.0f} KB   {runtime_kb:12.0f} KB   {lines:10d}")
    if b_browser:
        texts = set(b_browser["shown"])
        matched = sum(1 for v in expected_by_label.values() if v in texts)
        print(f"B fidelity: {matched} of {len(expected_by_label)} of equitykit's risk values drawn")
        print(f"B axe (WCAG 2.1 A/AA) violations: {b_browser['axe_violations'] or 'none'}")
        print("B has no HTML data table behind the chart; A renders one for every selection.")


if __name__ == "__main__":
    main()
