"""make bench: validation and build speed at 10k, 30k and 100k visits, side by side.

Each measurement runs in its own process; times are wall-clock seconds (the
best of --repeat runs for floor, cold and warm: this machine's timings vary),
peak memory is the child's maximum resident set. Trees are written once per size and
seed under $BENCH_DIR (default: di-co-so-bench in the system's temporary folder) by scripts.synth.

    python -m benchmarks.run [--sizes 10000,30000,100000] [--styles one-line,writing]
                             [--skip-check-jsonschema] [--skip-build]
"""

from __future__ import annotations

import argparse
import itertools
import math
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from generator.reading.cache import default_location

REPO = Path(__file__).resolve().parent.parent
PY = sys.executable
AS_OF = "2026-11-27"
VISITS_PER_OFFICIAL = 166  # what scripts.synth writes on average over 2018-2026

FLOOR = """
import os, sys, yaml
def walk(folder):
    with os.scandir(folder) as scan:
        entries = sorted(scan, key=lambda e: e.name)
    for e in entries:
        if e.is_dir():
            yield from walk(e.path)
        elif e.name.endswith(".yaml"):
            yield e.path
n = 0
for path in walk(sys.argv[1]):
    with open(path, "rb") as handle:
        yaml.load(handle.read(), Loader=yaml.CSafeLoader)
    n += 1
print(n)
"""


def measure(command: list[str]) -> tuple[float, float]:
    """(seconds, peak MiB) of one child process: its own maximum resident set, from wait4."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, cwd=REPO)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise subprocess.CalledProcessError(child.returncode, command)
    return seconds, usage.ru_maxrss / 1024


STYLES = ("one-line", "writing")  # how the trees' reports are written (scripts.synth --writing)


def tree(size: int, root: Path, style: str) -> Path:
    records = root / f"{size}-{style}" / "records"
    if not records.exists():
        officials = max(1, round(size / VISITS_PER_OFFICIAL))
        subprocess.run(
            [
                PY,
                "-m",
                "scripts.synth",
                "synthetic",
                "--officials",
                str(officials),
                "--seed",
                str(size),
                "--out",
                str(records),
                *(["--writing"] if style == "writing" else []),
            ],
            check=True,
            cwd=REPO,
            stdout=subprocess.DEVNULL,
        )
    return records


def edit_one_visit(records: Path) -> None:
    visit = next((records / "visits").rglob("*.yaml"))
    with visit.open("a", encoding="utf-8") as handle:
        handle.write("# benchmark edit\n")


def check_jsonschema(records: Path) -> float:
    files = sorted(str(p) for p in (records / "visits").rglob("*.yaml"))
    tool = str(Path(PY).with_name("check-jsonschema"))
    total = 0.0
    for start in range(0, len(files), 5000):  # stay under the argument-length limit
        seconds, _ = measure(
            [
                tool,
                "--schemafile",
                str(REPO / "schema/visit.schema.json"),
                *files[start : start + 5000],
            ]
        )
        total += seconds
    return total


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="10000,30000,100000")
    parser.add_argument(
        "--styles",
        default=",".join(STYLES),
        help="one-line: reports on one line each; writing: paragraphs in folded and literal "
        "blocks and over several lines, as people write them",
    )
    parser.add_argument("--skip-check-jsonschema", action="store_true")
    parser.add_argument("--skip-build", action="store_true")
    parser.add_argument("--repeat", type=int, default=3, help="best of N for floor, cold and warm")
    args = parser.parse_args()
    root = Path(os.environ.get("BENCH_DIR") or Path(tempfile.gettempdir()) / "di-co-so-bench")
    today = datetime.now(UTC).date()  # the date of the measurement, printed with it
    print(
        f"# {platform.node()} · {os.cpu_count()} cores · Python {platform.python_version()} · {today}"
    )
    header = (
        "| tree | visits | floor s | cold s | cold/floor | warm s | warm/floor | check-jsonschema s | × faster |"
        " build s | peak MiB (validate / build) |"
    )
    print(header)
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    # Byte-compile our package as installing it would: with PYTHONDONTWRITEBYTECODE set
    # (as on this workplace's machines), every run would otherwise compile it again.
    subprocess.run([PY, "-m", "compileall", "-q", str(REPO / "generator")], check=True)
    builds: dict[str, list[tuple[int, float]]] = {style: [] for style in STYLES}
    runs = [
        (int(size), style) for size in args.sizes.split(",") for style in args.styles.split(",")
    ]
    for size, style in runs:
        records = tree(size, root, style)
        visits = sum(1 for _ in (records / "visits").rglob("*.yaml"))
        cache_dir = default_location(records)
        validate = [
            PY,
            "-m",
            "generator",
            "validate",
            "--records",
            str(records),
            "--as-of",
            AS_OF,
            "--format",
            "json",
        ]
        floor = min(measure([PY, "-c", FLOOR, str(records)])[0] for _ in range(args.repeat))
        colds, warms = [], []
        for _ in range(args.repeat):
            shutil.rmtree(cache_dir, ignore_errors=True)
            colds.append(measure(validate))
            edit_one_visit(records)
            warms.append(measure(validate)[0])
        cold, peak_validate = min(colds)
        warm = min(warms)
        cjs = check_jsonschema(records) if not args.skip_check_jsonschema else float("nan")
        if args.skip_build:
            build, peak_build = float("nan"), float("nan")
        else:
            docs, out = records.parent / "generated", records.parent / "public"
            # What `generator build` does (cli._build: records frozen, pages generated,
            # records let go, MkDocs run), into a temporary folder instead of the
            # repository's site/generated.
            day = f"date.fromisoformat({AS_OF!r})"
            script = (
                "import gc; from datetime import date; from pathlib import Path; from generator import pipeline; from generator.publishing import site; "
                f"o = pipeline.run(Path({str(records)!r}), {day}); gc.freeze(); "
                f"site.generate(o, {day}, Path({str(docs)!r})); del o; "
                f"site.render_site(Path({str(out)!r}), {day}, Path({str(docs)!r}))"
            )
            build, peak_build = measure([PY, "-c", script])
            builds[style].append((visits, build))
        print(
            f"| {style} | {visits:,} | {floor:.2f} | {cold:.2f} | {cold / floor:.2f} | {warm:.2f} | {warm / floor:.2f} "
            f"| {cjs:.1f} | {cjs / cold:.1f} | {build:.1f} | {peak_validate:.0f} / {peak_build:.0f} |",
            flush=True,
        )
    # Growth of the build time per doubling of the records: (t2/t1) ** (1 / log2(n2/n1)).
    for style, measured in builds.items():
        for (n1, t1), (n2, t2) in itertools.pairwise(measured):
            growth = (t2 / t1) ** (1 / math.log2(n2 / n1))
            print(f"build growth per doubling ({style}), {n1:,} → {n2:,} visits: {growth:.2f}×")


if __name__ == "__main__":
    main()
