"""Lighthouse scores of the built course site (performance, accessibility, best practices).

Serves ``_build/html`` on 127.0.0.1 (gzip-compressed, as GitHub Pages and most web servers
serve it), runs Lighthouse from ``node_modules`` with Debian's Chromium on a few key pages,
with Lighthouse's default (mobile, throttled) settings and with ``--preset=desktop``, and
prints the scores. The JSON reports go to ``benchmarks/results/lighthouse/``.

Usage::

    make site
    .venv/bin/python benchmarks/lighthouse_report.py            # both presets
    .venv/bin/python benchmarks/lighthouse_report.py --preset desktop
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SITE = REPO / "_build" / "html"
RESULTS = REPO / "benchmarks" / "results" / "lighthouse"
LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = Path(os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage "
    "--disable-background-networking --disable-component-update --disable-sync --no-first-run"
)
CATEGORIES = ("performance", "accessibility", "best-practices")
#: Pages reported: the home page, a module landing page and the model practice page.
PAGES = (
    "book/index.html",
    "modules/adaptive-work.html",
    "modules/adaptive-work/practice.html",
)
_COMPRESSIBLE = (".html", ".js", ".css", ".json", ".svg", ".txt", ".map", ".ipynb")


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serve files, gzip-compressing text types when the browser accepts it."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Stay quiet: Lighthouse makes many requests."""

    def send_head(self):  # noqa: D102 - same contract as the base class
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts_gzip and path.is_file() and path.suffix in _COMPRESSIBLE):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return _Body(body)


class _Body:
    """A file-like object over bytes, as ``send_head`` must return."""

    def __init__(self, data: bytes) -> None:
        self._data = data

    def read(self, size: int = -1) -> bytes:
        data, self._data = self._data, b""
        return data

    def close(self) -> None:
        """Nothing to release."""


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve ``site`` from a background thread on 127.0.0.1.

    Parameters
    ----------
    site
        The built site folder.

    Returns
    -------
    tuple
        The running server and its base URL.
    """
    handler = functools.partial(_GzipHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def run_lighthouse(url: str, preset: str, output: Path) -> dict[str, float | None]:
    """Run Lighthouse on one URL and return its category scores (0 to 100).

    Parameters
    ----------
    url
        The page to audit.
    preset
        ``"mobile"`` (Lighthouse's default throttled settings) or ``"desktop"``.
    output
        Where the JSON report is written.

    Returns
    -------
    dict
        Category id -> score, or ``None`` when Lighthouse could not score it.

    Raises
    ------
    RuntimeError
        When Lighthouse fails; the message holds the end of its output.
    """
    command = [
        str(LIGHTHOUSE),
        url,
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
        "--output=json",
        f"--output-path={output}",
        "--quiet",
        "--max-wait-for-load=60000",
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
    result = subprocess.run(
        command, capture_output=True, text=True, env=env, timeout=300, check=False
    )
    if result.returncode != 0 or not output.is_file():
        raise RuntimeError(
            f"Lighthouse failed on {url}:\n{(result.stdout + result.stderr)[-2000:]}"
        )
    report = json.loads(output.read_text(encoding="utf-8"))
    scores = {}
    for category in CATEGORIES:
        score = report["categories"].get(category, {}).get("score")
        scores[category] = None if score is None else round(score * 100)
    if report.get("runtimeError"):
        scores["error"] = report["runtimeError"].get("message")
    return scores


def failing_audits(output: Path, limit: int = 8) -> list[str]:
    """List the audits that lost points in a report, worst first.

    Parameters
    ----------
    output
        A Lighthouse JSON report.
    limit
        How many to list.

    Returns
    -------
    list of str
        ``"<audit id>: <score>"`` for audits scored below 0.9.
    """
    report = json.loads(output.read_text(encoding="utf-8"))
    weighted = {
        ref["id"]
        for category in report["categories"].values()
        for ref in category["auditRefs"]
        if ref.get("weight")
    }
    audits = [
        (audit["score"], audit_id)
        for audit_id, audit in report["audits"].items()
        if audit_id in weighted
        and audit.get("score") is not None
        and audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
        and audit["score"] < 0.9
    ]
    return [f"{audit_id}: {score:.2f}" for score, audit_id in sorted(audits)[:limit]]


def main(argv: list[str] | None = None) -> int:
    """Audit the key pages and print a table of scores.

    Parameters
    ----------
    argv
        Command-line arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        0 when every run produced scores, 1 otherwise.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=SITE, help="built site (_build/html)")
    parser.add_argument(
        "--preset", choices=("mobile", "desktop", "both"), default="both", help="throttling"
    )
    parser.add_argument("--pages", nargs="*", default=list(PAGES), help="pages to audit")
    parser.add_argument("--runs", type=int, default=3, help="runs per page and preset")
    args = parser.parse_args(argv)

    if not (args.site / "index.html").is_file():
        print(f"No built site at {args.site}: run `make site` first.", file=sys.stderr)
        return 1
    if not LIGHTHOUSE.is_file() or shutil.which("node") is None:
        print("Lighthouse is not installed: run `make assets` (npm ci).", file=sys.stderr)
        return 1
    if not CHROMIUM.is_file():
        print(f"No Chromium at {CHROMIUM}: apt-get install chromium.", file=sys.stderr)
        return 1

    presets = ("mobile", "desktop") if args.preset == "both" else (args.preset,)
    RESULTS.mkdir(parents=True, exist_ok=True)
    server, base = serve(args.site)
    rows, failed = [], False
    try:
        for page in args.pages:
            if not (args.site / page).is_file():
                print(f"skipped {page}: not in this build", file=sys.stderr)
                continue
            for preset, run in ((p, r) for p in presets for r in range(1, args.runs + 1)):
                name = page.removesuffix(".html").replace("/", "__")
                output = RESULTS / f"{name}-{preset}-run{run}.json"
                start = time.perf_counter()
                try:
                    scores = run_lighthouse(f"{base}/{page}", preset, output)
                except RuntimeError as error:
                    print(error, file=sys.stderr)
                    failed = True
                    continue
                seconds = time.perf_counter() - start
                rows.append((page, f"{preset}#{run}", scores, seconds, failing_audits(output)))
    finally:
        server.shutdown()

    print(f"\nLighthouse {_version()} with {CHROMIUM} (site served gzip-compressed on 127.0.0.1)")
    header = f"{'page':40} {'preset':8} " + " ".join(f"{c:>14}" for c in CATEGORIES)
    print(header)
    print("-" * len(header))
    for page, preset, scores, seconds, _ in rows:
        cells = " ".join(f"{'n/a' if scores[c] is None else scores[c]:>14}" for c in CATEGORIES)
        print(f"{page:40} {preset:8} {cells}   ({seconds:.0f} s)")
        if scores.get("error"):
            print(f"    runtime error: {scores['error']}")
    print("\nAudits below 0.9, per run:")
    for page, preset, _, _, audits in rows:
        print(f"  {page} [{preset}]: {', '.join(audits) or 'none'}")
    print(f"\nJSON reports: {RESULTS.relative_to(REPO)}/")
    return 1 if failed or not rows else 0


def _version() -> str:
    result = subprocess.run(
        [str(LIGHTHOUSE), "--version"], capture_output=True, text=True, check=False
    )
    return result.stdout.strip() or "(unknown version)"


if __name__ == "__main__":
    raise SystemExit(main())
