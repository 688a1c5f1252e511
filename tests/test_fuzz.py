"""Fuzzing: mutated records never crash the validator; it always answers 0 or 1."""

from __future__ import annotations

import contextlib
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main
from tests.conftest import Tree, district, examples, province

TARGETS = [
    "visits/2019/lan/2019-08-05.yaml",
    "officials/lan.yaml",
    "plans/2019/q3/ban-tckt.yaml",
    "units.yaml",
    "localities/tan-bien.yaml",
    "policies/kh-45-2018.yaml",
]
VALUES = [
    "123",
    "-1",
    "[a, b]",
    "{x: 1}",
    "true",
    "",
    "null",
    "2019-02-30",
    "'1.7'",
    "~",
    "[]",
    "0x10",
    '"\\u0000"',
]


def fresh() -> Tree:
    tree = Tree(Path(tempfile.mkdtemp())).base()
    tree.official(
        "lan",
        province(),
        exemptions=[{"kind": "training", "from": "2020-01-01", "to": "2020-03-01"}],
    )
    tree.official("binh", district())
    tree.visit(
        "lan",
        "2019-08-05",
        "2019-08-06",
        contents=["1.6", "1.2"],
        assigned_by="BTV",
        proposals=["Đề xuất"],
    )
    tree.plan("ban-tckt", 2019, 3, "2019-07-10", "lan", approved_on="2019-07-12")
    return tree


def mutate(text: str, how: str, data: st.DataObject) -> bytes:
    lines = text.splitlines(keepends=True)
    index = data.draw(st.integers(0, max(0, len(lines) - 1)))
    if how == "drop":
        del lines[index]
    elif how == "rename":
        key = data.draw(
            st.text(alphabet="abcdefghijklmnopqrstuvwxyz_-ÂĐƯ", min_size=1, max_size=12)
        )
        line = lines[index]
        lines[index] = line.replace(line.strip().split(":")[0].lstrip("- "), key, 1)
    elif how == "retype":
        line = lines[index]
        if ":" in line:
            lines[index] = line.split(":")[0] + ": " + data.draw(st.sampled_from(VALUES)) + "\n"
    elif how == "unicode":
        position = data.draw(st.integers(0, len(text)))
        return (text[:position] + data.draw(st.text(max_size=20)) + text[position:]).encode(
            "utf-8", "surrogatepass"
        )
    elif how == "truncate":
        return text.encode()[: data.draw(st.integers(0, len(text.encode())))]
    elif how == "bytes":
        return data.draw(st.binary(max_size=200))
    return "".join(lines).encode()


@settings(
    max_examples=examples(light=120, full=1000),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    st.sampled_from(TARGETS),
    st.sampled_from(["drop", "rename", "retype", "unicode", "truncate", "bytes"]),
    st.data(),
)
def test_mutated_records_never_crash(target: str, how: str, data: st.DataObject) -> None:
    tree = fresh()
    path = tree.records / target
    path.write_bytes(mutate(path.read_text(encoding="utf-8"), how, data))
    for command in (["validate", "--format", "json"], ["report", "--format", "csv"]):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main([*command, "--records", str(tree.records), "--as-of", "2026-11-27"])
        assert code in (0, 1), err.getvalue()
        assert "Traceback" not in err.getvalue()
