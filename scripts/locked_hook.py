#!/usr/bin/env python3
"""Run a pre-commit hook from packages installed only from requirements.lock, hash-checked.

pre-commit's `language: python` always runs `pip install . <additional_dependencies>`,
and pip cannot check a hash for a local directory, so `--require-hashes` cannot be
passed through it. The hooks therefore use `language: unsupported_script` with this
script as entry:

    scripts/locked_hook.py PACKAGE [PACKAGE...] -- PYTHON-ARGS...

It takes the blocks of the named packages and of everything they depend on (the
lock's `# via` comments) from requirements.lock, installs them with
`pip install --require-hashes` into a virtual environment in pre-commit's store
(PRE_COMMIT_HOME, else ~/.cache/pre-commit; `pre-commit clean` removes it), then
runs `python -P PYTHON-ARGS... FILES...` in it with this repository on PYTHONPATH
(for `-m generator`). The environment's name is the SHA-256 of the requirements it
was installed from and of the interpreter, so an edited lock never reuses an old one.
Only the standard library is used: this runs before anything is installed.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.lock"
MARKER = "di-co-so-hook-complete"
_PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==\S+")


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def parse_lock(text: str) -> dict[str, tuple[str, set[str]]]:
    """Each pinned package of a `uv pip compile --generate-hashes` file: its block and `via`."""
    blocks: dict[str, tuple[str, set[str]]] = {}
    name = ""
    lines: list[str] = []
    via: set[str] = set()
    in_via = False

    def flush() -> None:
        if name:
            blocks[name] = ("\n".join(lines) + "\n", via)

    for line in text.splitlines():
        pin = _PIN.match(line)
        if pin:
            flush()
            name, lines, via, in_via = _normalise(pin["name"]), [line], set(), False
        elif name and line.startswith("    --hash="):
            lines.append(line)
        elif name and line.strip().startswith("# via"):
            rest = line.strip().removeprefix("# via").strip()
            in_via = not rest
            if rest:
                via.add(_normalise(rest.split()[0]))
        elif name and in_via and line.startswith("    #   "):
            via.add(_normalise(line.strip().removeprefix("#").strip().split()[0]))
        else:
            in_via = False
    flush()
    return blocks


def requirements(lock_text: str, wanted: list[str]) -> str:
    """The lock's blocks for `wanted` and, transitively, every package pinned because of them."""
    blocks = parse_lock(lock_text)
    chosen = {_normalise(w) for w in wanted}
    missing = sorted(chosen - blocks.keys())
    if missing:
        raise SystemExit(f"locked_hook: không có trong requirements.lock: {', '.join(missing)}")
    grown = True
    while grown:
        grown = False
        for name, (_, via) in blocks.items():
            if name not in chosen and via & chosen:
                chosen.add(name)
                grown = True
    return "".join(blocks[name][0] for name in sorted(chosen))


def store() -> Path:
    if os.environ.get("PRE_COMMIT_HOME"):
        return Path(os.environ["PRE_COMMIT_HOME"])
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "pre-commit"


def python_in(env: Path) -> Path:
    return env / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def environment(reqs: str) -> Path:
    """The hash-checked environment for `reqs`, installed on first use."""
    identity = f"{reqs}\0{sys.implementation.cache_tag}\0{Path(sys.executable).resolve()}"
    digest = hashlib.sha256(identity.encode()).hexdigest()[:20]
    home = store()
    env = home / f"di-co-so-{digest}"
    if (env / MARKER).is_file():
        return env
    home.mkdir(parents=True, exist_ok=True)
    staging = home / f".di-co-so-{digest}-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    print(f"locked_hook: cài từ requirements.lock (--require-hashes) vào {env}", file=sys.stderr)
    try:
        venv.EnvBuilder(with_pip=True).create(staging)
        (staging / "requirements.txt").write_text(reqs, encoding="utf-8")
        install = [
            str(python_in(staging)),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--require-hashes",
            "--only-binary",
            ":all:",
            "-r",
            str(staging / "requirements.txt"),
        ]
        if subprocess.run(install, check=False).returncode != 0:  # noqa: S603
            raise SystemExit("locked_hook: cài đặt thất bại (hash không khớp hoặc thiếu gói)")
        (staging / MARKER).write_text(reqs, encoding="utf-8")
        try:
            staging.rename(env)
        except OSError:
            if not (env / MARKER).is_file():  # another hook process did not finish it either
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return env


def main(argv: list[str]) -> int:
    # Runs under whatever python3 is on PATH, not the project's interpreter.
    if sys.version_info < (3, 11):  # noqa: UP036 - the lock and `python -P` need 3.11
        print("locked_hook: cần Python 3.11 trở lên", file=sys.stderr)
        return 2
    if "--" not in argv or argv.index("--") == 0:
        print("usage: locked_hook.py PACKAGE [PACKAGE...] -- PYTHON-ARGS...", file=sys.stderr)
        return 2
    split = argv.index("--")
    reqs = requirements(LOCK.read_text(encoding="utf-8"), argv[:split])
    env = environment(reqs)
    child = {k: v for k, v in os.environ.items() if k not in {"PYTHONHOME", "PYTHONSAFEPATH"}}
    child["PYTHONPATH"] = str(ROOT)
    command = [str(python_in(env)), "-P", *argv[split + 1 :]]
    return subprocess.run(command, env=child, check=False).returncode  # noqa: S603


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
