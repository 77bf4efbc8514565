"""Benchmark ``equitykit anonymize`` on 1,000,000 and 5,000,000 student rows.

Usage::

    .venv/bin/python benchmarks/bench_anonymize.py [--sizes 1000000 5000000]

Generates fictional Alder Creek students (in chunks, written to Parquet in a
temporary folder), then runs the anonymizer end to end (read, check, count,
suppress, write) in a fresh subprocess per size and reports its wall time
and peak resident memory (``ru_maxrss`` of the child).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from equitykit.district import generate_district  # noqa: E402

CHUNK_ROWS = 1_000_000

CHILD = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
from equitykit.anonymize import anonymize_file
started = time.perf_counter()
anonymize_file({source!r}, {out!r}, progress=False)
seconds = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_SELF)
cpu = usage.ru_utime + usage.ru_stime
print(json.dumps({{"seconds": seconds, "cpu_seconds": cpu, "peak_kib": usage.ru_maxrss}}))
"""


def write_students(path: Path, n_rows: int, seed: int = 7) -> None:
    """Write ``n_rows`` fictional student rows (three school years) to Parquet, in chunks."""
    writer = None
    written, chunk = 0, 0
    while written < n_rows:
        rows = min(CHUNK_ROWS, n_rows - written)
        district = generate_district(
            seed=seed + chunk, n_students=rows // 3 + 1, with_neighbours=False, with_survey=False
        )
        frame = district.students.iloc[:rows].copy()
        frame["student_key"] = f"c{chunk}" + frame["student_key"]
        table = pa.Table.from_pandas(frame, preserve_index=False)
        if writer is None:
            writer = pq.ParquetWriter(path, table.schema)
        writer.write_table(table.cast(writer.schema))
        written += rows
        chunk += 1
    writer.close()


def run_one(n_rows: int, workdir: Path) -> dict:
    """Generate, then anonymize in a subprocess; return the figures."""
    source = workdir / f"students-{n_rows}.parquet"
    started = time.perf_counter()
    write_students(source, n_rows)
    generate_seconds = time.perf_counter() - started
    out = workdir / f"out-{n_rows}"
    code = CHILD.format(root=str(ROOT), source=str(source), out=str(out))
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise SystemExit(f"anonymize failed for {n_rows} rows:\n{result.stderr}")
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    child_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "rows": n_rows,
        "parquet_mib": source.stat().st_size / 2**20,
        "generate_s": generate_seconds,
        "anonymize_s": figures["seconds"],
        "cpu_s": figures["cpu_seconds"],
        "peak_mib": max(figures["peak_kib"], child_peak) / 1024,
        "tables": sorted(p.name for p in out.iterdir()),
    }


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a table of the figures."""
    parser = argparse.ArgumentParser(description="Benchmark the anonymizer.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000, 5_000_000])
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory(prefix="equitykit-bench-") as tmp:
        for n in args.sizes:
            rows.append(run_one(n, Path(tmp)))
            print(f"  done: {n:,} rows", file=sys.stderr)
    print(f"{'rows':>10} {'parquet MiB':>12} {'anonymize s':>12} {'CPU s':>7} {'peak MiB':>9}")
    for r in rows:
        print(
            f"{r['rows']:>10,} {r['parquet_mib']:>12.1f} {r['anonymize_s']:>12.1f} "
            f"{r['cpu_s']:>7.1f} {r['peak_mib']:>9.0f}"
        )
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end")
    print(
        "(anonymize = wall time of read + check + count + suppress + write in a fresh process; "
        "peak = ru_maxrss of that process)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
