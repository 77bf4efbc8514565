"""How fast do the course widgets respond?

The widgets' rules run in the browser; Python builds their data and, in JupyterLab, keeps the
learner's work in the journal. So three things are measured:

* **Python, building** each widget from ``module.yml`` and the tables (once per notebook run);
* **Python, the journal**: a save from the browser answered by Python (read, write, reply);
* **Browser**: the time each widget's JavaScript takes to redraw after a ``change`` event, in
  Debian's Chromium, on a harness page that runs the widget's bundled module with its real
  data; and the progress rules on a full journal.

Each is driven headlessly and reported as median and 95th percentile in milliseconds, on the
shipped district and, for the gap explorer, on a generated 1,000,000-student district.

Run: ``.venv/bin/python benchmarks/bench_widgets.py [--skip-million] [--skip-browser]``.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import statistics
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from equitykit.content.modules import course_modules
from equitykit.journal import Journal
from equitykit.widgets import activity, progress_page
from equitykit.widgets.base import browser_module
from equitykit.widgets.gap_explorer import gap_explorer

CHANGES = 200
CHROMIUM = Path("/usr/bin/chromium")


def percentiles(samples: list[float]) -> tuple[float, float]:
    """Median and 95th percentile, in milliseconds."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return statistics.median(ordered) * 1000, p95 * 1000


def time_changes(change, read) -> tuple[float, float]:
    """Apply ``CHANGES`` changes, each followed by reading the result; return timings."""
    samples = []
    for i in range(CHANGES):
        start = time.perf_counter()
        change(i)
        read()
        samples.append(time.perf_counter() - start)
    return percentiles(samples)


def python_side(journal_dir: Path) -> dict[str, tuple[float, float]]:
    """Build times of every widget, and the journal's answer to a save from the browser."""
    results: dict[str, tuple[float, float]] = {}
    for module in course_modules():
        for item in module.activities:
            if item.widget is None:
                continue
            samples = []
            for _ in range(3 if item.widget in ("gap_explorer", "calculator") else 20):
                start = time.perf_counter()
                activity(module, item.id)
                samples.append(time.perf_counter() - start)
            results[f"build {module.slug}/{item.id}"] = percentiles(samples)
    widget = activity("build-a-coalition", "reflect", journal=Journal(journal_dir / "j.json"))
    samples = []
    for i in range(CHANGES):
        start = time.perf_counter()
        widget.answer({"type": "save", "key": widget.key, "value": {"texts": {"r1": f"{i}"}}})
        samples.append(time.perf_counter() - start)
    results["journal: save answered by Python"] = percentiles(samples)
    return results


HARNESS = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>harness</title>
</head><body><main id="root"></main><script type="module">
const source = await (await fetch("widget.mjs")).text();
const data = await (await fetch("state.json")).json();
const mod = await import(URL.createObjectURL(new Blob([source], {type: "text/javascript"})));
const handlers = {};
const model = {
  get: (k) => data[k], set: (k, v) => { data[k] = v; }, save_changes() {},
  on: (e, f) => { handlers[e] = f; }, off() {}, send() {}, widget_manager: {},
};
await mod.default.render({model, el: document.getElementById("root")});
window.benchReady = true;
</script></body></html>"""

DRIVE = """(changes) => {
  const selects = [...document.querySelectorAll("select")];
  const samples = [];
  for (let i = 0; i < changes; i += 1) {
    const select = selects[i % selects.length];
    select.selectedIndex = (select.selectedIndex + 1 + (i % 3)) % select.options.length;
    const start = performance.now();
    select.dispatchEvent(new Event("change"));
    document.body.offsetHeight; // force layout, as a visible redraw would
    samples.push(performance.now() - start);
  }
  return samples;
}"""


def browser_side(states: dict[str, tuple[str, dict[str, Any]]]) -> dict[str, tuple[float, float]]:
    """Redraw times of each widget's JavaScript after a change event, in Chromium."""
    from playwright.sync_api import sync_playwright

    results: dict[str, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        for label, (module_name, state) in states.items():
            folder = Path(tmp) / module_name
            folder.mkdir(exist_ok=True)
            (folder / "index.html").write_text(HARNESS, encoding="utf-8")
            (folder / "widget.mjs").write_text(browser_module(module_name), encoding="utf-8")
            (folder / "state.json").write_text(json.dumps(state), encoding="utf-8")
            handler = functools.partial(_Quiet, directory=str(folder))
            server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
            threading.Thread(target=server.serve_forever, daemon=True).start()
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/index.html")
            page.wait_for_function("window.benchReady === true")
            samples = page.evaluate(DRIVE, CHANGES)
            results[label] = percentiles([s / 1000 for s in samples])
            page.close()
            server.shutdown()
        browser.close()
    return results


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # pragma: no cover - silence
        pass


def widget_state(widget) -> dict[str, Any]:
    """The synced state of a widget, as the browser receives it."""
    return {k: v for k, v in widget.get_state().items() if not k.startswith("_model")}


def million_district() -> tuple[Any, float, float]:
    """Aggregates of a generated 1,000,000-student district (one year) and build times."""
    from equitykit.anonymize import anonymize_students
    from equitykit.district import generate_district

    start = time.perf_counter()
    district = generate_district(
        seed=7,
        n_students=1_000_000,
        school_years=("2024-25",),
        with_neighbours=False,
        with_survey=False,
    )
    tables = anonymize_students(district.students, progress=False)
    made = time.perf_counter() - start
    start = time.perf_counter()
    explorer = gap_explorer(tables["outcomes"])
    built = time.perf_counter() - start
    return explorer, made, built


def report(title: str, results: dict[str, tuple[float, float]]) -> None:
    """Print one table of timings."""
    print(f"\n{title}")
    print(f"  {'widget':44s} {'median ms':>10s} {'p95 ms':>8s}")
    for name, (median, p95) in results.items():
        # a build happens once per notebook run; only responses to the learner have a budget
        flag = "" if p95 <= 100 or name.startswith("build ") else "  <-- over 100 ms"
        print(f"  {name:44s} {median:10.2f} {p95:8.2f}{flag}")


PROGRESS = """async () => {
  const { courseProgress } = await import("./completion.mjs");
  const data = await (await fetch("state.json")).json();
  const samples = [];
  for (let i = 0; i < 200; i += 1) {
    const start = performance.now();
    courseProgress(data.outline, data.store);
    samples.push(performance.now() - start);
  }
  return samples;
}"""


def full_store(outline: list[dict[str, Any]]) -> dict[str, Any]:
    """A journal with every activity of the course saved, for the progress rules."""
    store: dict[str, Any] = {}
    for module in outline:
        for item in module["activities"]:
            ids = [p["id"] for p in item["parts"]]
            store[item["key"]] = {
                "answers": {i: {"option": "a"} for i in ids},
                "texts": {i: "text" for i in ids},
                "sections": {i: "text" for i in ids},
                "choices": {i: "adaptive" for i in ids},
                "ratings": {i: {"level": 2} for i in ids},
                "people": [{"name": "A", "role": "", "readiness": 3, "influence": 3}],
            }
    return store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-million", action="store_true")
    parser.add_argument("--skip-browser", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        report("Python side, shipped district", python_side(Path(tmp)))

    states = {
        "gap explorer": ("gap_explorer", widget_state(activity("adaptive-work", "balcony-gaps"))),
        "disproportionality calculator": (
            "calculator",
            widget_state(activity("build-a-coalition", "discipline-risk-ratio")),
        ),
        "survey explorer": (
            "gap_explorer",
            widget_state(activity("build-a-coalition", "climate-safety")),
        ),
    }
    if not args.skip_million:
        explorer, made, built = million_district()
        print(
            f"\n1,000,000-student district: generated and anonymized in {made:.1f} s; "
            f"gap explorer built in {built:.1f} s "
            f"({len(json.dumps(explorer._data)) / 1e6:.1f} MB of precomputed selections)"
        )
        states["gap explorer, 1,000,000 students"] = ("gap_explorer", widget_state(explorer))

    if args.skip_browser or not CHROMIUM.exists():
        print("\nBrowser side skipped (no Chromium at /usr/bin/chromium, or --skip-browser).")
        return
    report(
        "Browser side: redraw after a change event (Chromium, 200 changes each)",
        browser_side(states),
    )
    outline = progress_page().outline
    report("Browser side: progress rules on a full journal", progress_timings(outline))


def progress_timings(outline: list[dict[str, Any]]) -> dict[str, tuple[float, float]]:
    """Time the progress rules (lib/completion.js) on a journal with everything saved."""
    import subprocess

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        folder = Path(tmp)
        lib = Path(__file__).resolve().parents[1] / "equitykit" / "widgets" / "js" / "lib"
        subprocess.run(
            ["npx", "esbuild", str(lib / "completion.js"), "--bundle", "--format=esm",
             f"--outfile={folder / 'completion.mjs'}", "--log-level=warning"],
            check=True,
        )  # fmt: skip
        state = {"outline": outline, "store": full_store(outline)}
        (folder / "state.json").write_text(json.dumps(state), encoding="utf-8")
        (folder / "index.html").write_text("<!doctype html><title>p</title>", encoding="utf-8")
        handler = functools.partial(_Quiet, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox"]
        )
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/index.html")
        samples = page.evaluate(PROGRESS)
        browser.close()
        server.shutdown()
    return {"progress page, every activity saved": percentiles([s / 1000 for s in samples])}


if __name__ == "__main__":
    main()
