"""How fast do the course widgets respond to a control change?

Two sides are measured, because both happen on every change:

* **Python** (JupyterLab with a kernel): the time from setting a control's value until
  the widget's result is recomputed (observers, validation, journal writes).
* **Browser** (JupyterLab and the static site alike): the time the widget's JavaScript
  takes to redraw its chart and table after a ``change`` event, measured in Debian's
  Chromium on a harness page that runs the widget's own module with the real data.

Each is driven headlessly, 200 changes per widget, and reported as median and 95th
percentile in milliseconds, on the shipped district and, for the gap explorer, on the
aggregates of a generated 1,000,000-student district.

Run: ``.venv/bin/python benchmarks/bench_widgets.py [--skip-million] [--skip-browser]``.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import random
import statistics
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from equitykit import course, datasets, widgets
from equitykit.journal import Journal
from equitykit.widgets.base import browser_module

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


def python_side(outcomes, climate, journal_dir: Path) -> dict[str, tuple[float, float]]:
    """Python-side response times of every widget, on the shipped district."""
    rng = random.Random(3)
    results: dict[str, tuple[float, float]] = {}
    explorer = widgets.gap_explorer(outcomes)
    menus = {
        k: [c[0] for c in explorer._data[v]]
        for k, v in {
            "outcome": "outcomes",
            "group": "groups",
            "unit": "units",
            "metric": "metrics",
        }.items()
    }

    def explore(i: int) -> None:
        name = list(menus)[i % 4]
        setattr(explorer, name, rng.choice(menus[name]))

    results["gap explorer"] = time_changes(explore, lambda: explorer.shown)

    calc = widgets.disproportionality_calculator(
        outcomes, outcomes=["out_of_school_suspension", "in_school_suspension"]
    )
    rules = {
        "threshold": [1.5, 2.0, 3.0],
        "min_cell": [5, 10, 20],
        "min_n": [10, 30, 50],
        "consecutive_years": [1, 2, 3],
    }

    def recalc(i: int) -> None:
        name = list(rules)[i % 4]
        setattr(calc, name, rng.choice(rules[name]))

    results["disproportionality calculator"] = time_changes(recalc, lambda: calc.flagged)

    survey = widgets.survey_explorer(climate, item="feel_safe_at_school")
    units = [u[0] for u in survey._data["units"]]
    results["survey explorer"] = time_changes(
        lambda i: setattr(survey, "unit", rng.choice(units)), lambda: survey.shown
    )

    journal = Journal(journal_dir / "journal.json")
    check = widgets.knowledge_check("adaptive-work", journal=journal)
    questions = [q["id"] for q in check.questions]
    results["knowledge check (writes the journal)"] = time_changes(
        lambda i: check.choose(questions[i % len(questions)], (i // len(questions)) % 3),
        lambda: check.score,
    )
    box = widgets.reflection("adaptive-work", "r1", journal=journal)
    results["reflection (writes the journal)"] = time_changes(
        lambda i: box.save(f"draft {i}"), lambda: box.status
    )
    sort = widgets.sorting_exercise("adaptive-work")
    results["sorting exercise"] = time_changes(
        lambda i: sort.choose(i % len(sort.items), ("technical", "adaptive", "both")[i % 3]),
        lambda: sort.score,
    )
    team = widgets.coalition_map_widget("build-a-coalition")
    results["coalition map"] = time_changes(
        lambda i: team.add(f"Person {i}", "staff", 1 + i % 5, 1 + (i * 7) % 5),
        lambda: team.result.where_to_start(3),
    )
    module = course.load_module("build-capacity")
    example = next(a for a in module.activities if a["id"] == "capacity-planner")
    planner = widgets.capacity_planner(module.slug, example["example_assignments"])

    def assign(i: int) -> None:
        planner.assign(rng.choice(planner.initiatives), rng.choice(planner.people), i % 2 == 0)

    results["capacity planner"] = time_changes(assign, lambda: planner.findings)

    review = widgets.policy_review("language-and-policy")
    excerpts = [e["id"] for e in review.excerpts]
    results["policy review"] = time_changes(
        lambda i: review.rate(excerpts[i % len(excerpts)], 1 + i % 4, (), f"reason {i}"),
        lambda: review.differences(),
    )
    lens = widgets.lens_review("focus-on-systems")
    sections = [(sec["id"], sec["fields"][0]["id"]) for sec in lens.sections]
    results["equity lens worksheet"] = time_changes(
        lambda i: lens.answer(*sections[i % len(sections)], f"answer {i}"), lens.to_markdown
    )
    tracker = widgets.progress_tracker(journal=journal)
    results["progress page (reads the journal)"] = time_changes(
        lambda i: check.choose(questions[i % len(questions)], (i // 6) % 3), tracker.refresh
    )
    plan = widgets.leadership_plan(journal=journal)
    results["capstone plan"] = time_changes(
        lambda i: plan.write(("gap", "coalition", "partners")[i % 3], f"step {i}"),
        lambda: plan.markdown,
    )
    return results


HARNESS = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>harness</title>
</head><body><main id="root"></main><script type="module">
const source = await (await fetch("widget.mjs")).text();
const data = await (await fetch("state.json")).json();
const mod = await import(URL.createObjectURL(new Blob([source], {type: "text/javascript"})));
const handlers = {};
const model = {
  get: (k) => data[k], set: (k, v) => { data[k] = v; }, save_changes() {},
  on: (e, f) => { handlers[e] = f; }, off() {}, widget_manager: {},
};
mod.default.render({model, el: document.getElementById("root")});
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
    outcomes = tables["outcomes"]
    start = time.perf_counter()
    explorer = widgets.gap_explorer(outcomes)
    built = time.perf_counter() - start
    return explorer, made, built


def report(title: str, results: dict[str, tuple[float, float]]) -> None:
    """Print one table of timings."""
    print(f"\n{title}")
    print(f"  {'widget':44s} {'median ms':>10s} {'p95 ms':>8s}")
    for name, (median, p95) in results.items():
        flag = "" if p95 <= 100 else "  <-- over 100 ms"
        print(f"  {name:44s} {median:10.2f} {p95:8.2f}{flag}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-million", action="store_true")
    parser.add_argument("--skip-browser", action="store_true")
    args = parser.parse_args()

    outcomes = datasets.load_table("outcomes")
    climate = datasets.load_table("climate_survey")
    with tempfile.TemporaryDirectory() as tmp:
        report(
            "Python side, shipped district (200 changes each)",
            python_side(outcomes, climate, Path(tmp)),
        )

    states = {
        "gap explorer": ("gap_explorer", widget_state(widgets.gap_explorer(outcomes))),
        "disproportionality calculator": (
            "disproportionality",
            widget_state(
                widgets.disproportionality_calculator(
                    outcomes, outcomes=["out_of_school_suspension", "in_school_suspension"]
                )
            ),
        ),
        "survey explorer": (
            "gap_explorer",
            widget_state(widgets.survey_explorer(climate, item="feel_safe_at_school")),
        ),
    }
    if not args.skip_million:
        explorer, made, built = million_district()
        print(
            f"\n1,000,000-student district: generated and anonymized in {made:.1f} s; "
            f"gap explorer built in {built:.1f} s "
            f"({len(json.dumps(explorer._data)) / 1e6:.1f} MB of precomputed selections)"
        )
        menus = {
            k: [c[0] for c in explorer._data[v]]
            for k, v in {
                "outcome": "outcomes",
                "group": "groups",
                "unit": "units",
                "metric": "metrics",
            }.items()
        }
        rng = random.Random(5)
        timings = time_changes(
            lambda i: setattr(explorer, list(menus)[i % 4], rng.choice(menus[list(menus)[i % 4]])),
            lambda: explorer.shown,
        )
        report("Python side, 1,000,000-student district", {"gap explorer": timings})
        states["gap explorer, 1,000,000 students"] = ("gap_explorer", widget_state(explorer))

    if args.skip_browser or not CHROMIUM.exists():
        print("\nBrowser side skipped (no Chromium at /usr/bin/chromium, or --skip-browser).")
        return
    report(
        "Browser side: redraw after a change event (Chromium, 200 changes each)",
        browser_side(states),
    )


if __name__ == "__main__":
    main()
