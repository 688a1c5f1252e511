"""Issue 19: hostile records, one regression test (or a few) per numbered item.

Nothing from a record may reach a reader as code, a formula, a forged line or a leak.
Each test drives the real parts (the CLI, the pipeline, a real MkDocs build, python-docx,
openpyxl, Python-Markdown) and fails for the reason the issue gives.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import docx
import markdown
import pytest
import yaml
from mkdocs.utils.meta import get_data
from openpyxl import load_workbook

from generator import pipeline
from generator.cli import main
from generator.domain.findings import Finding, Severity
from generator.publishing import escape, render, site
from generator.publishing.reporters import summary
from generator.reading.cache import ParseCache, content_hash, stat_key
from generator.reading.layout import Kind
from tests.conftest import Tree, district, province
from tests.hostile_payloads import EVIL
from tests.hostile_tree import limit

pytestmark = pytest.mark.slow  # several tests build the whole site

AS_OF = "2020-03-20"
OUTSIDE_TEXT = "BI-MAT-NGOAI-RECORDS-7f3a"
ISSUE_NAME = "Bùi Đăng Khoa{} [Xem hồ sơ](javascript:alert(1)) ![p](https://evil.example/p.png)"


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def cli(
    tree: Tree, capsys: pytest.CaptureFixture[str], command: str, *args: str
) -> tuple[int, str]:
    code, out, err = run_cli(
        capsys, command, "--records", str(tree.records), "--as-of", AS_OF, *args
    )
    return code, out + err


def errors(tree: Tree) -> list[Finding]:
    return [f for f in tree.findings(AS_OF) if f.severity is Severity.ERROR]


def lan(tree: Tree, name: str = "Nguyễn Thị Lan") -> Tree:
    """An official with a visit, a plan and a settings file: every kind of output has rows."""
    tree.write(
        "officials/lan.yaml",
        {"id": "lan", "name": name, "assignments": [province(start="2018-01-01")]},
    )
    tree.visit(
        "lan",
        "2019-08-05",
        "2019-08-06",
        places=["tan-bien/thanh-tay/thanh-hoa", "tan-bien"],
        contents=["1.6", "1.2"],
        assigned_by="Thường trực Tỉnh đoàn",
        proposals=["Lập sổ theo dõi đoàn viên."],
        reported_on="2019-08-07",
    )
    tree.plan("ban-tckt", 2019, 3, "2019-07-12", "lan", number="21-KH/TĐTN")
    return tree


def raw_official(tree: Tree, ident: str, name: str) -> Path:
    """An official file whose name holds ``name`` exactly as written (raw characters)."""
    text = (
        f'id: {ident}\nname: "{name}"\nassignments:\n'
        '  - unit: ban-tckt\n    role: "Chuyên viên"\n    from: 2018-01-01\n'
    )
    return tree.write(f"officials/{ident}.yaml", text.encode("utf-8", "surrogatepass"))


def line_of(path: Path, text: str) -> int:
    """The 1-based line of ``path`` where ``text`` first appears."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if text in line)


def published(*folders: Path) -> Iterator[tuple[Path, str]]:
    """Every text-bearing file of a built site (DOCX and XLSX as their XML), decoded."""
    import zipfile  # noqa: PLC0415

    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if not path.is_file():
                continue
            if path.name == "search_index.json":  # one entry per page (and section)
                for entry in json.loads(path.read_text(encoding="utf-8"))["docs"]:
                    where = path / (entry["location"].split("#")[0] or "index")
                    yield where, entry["title"] + "\n" + entry["text"]
            elif path.suffix in {".docx", ".xlsx"}:
                with zipfile.ZipFile(path) as package:
                    for member in package.namelist():
                        yield path, package.read(member).decode("utf-8", "replace")
            else:
                yield path, path.read_bytes().decode("utf-8", "replace")


def build_cli(tree: Tree, capsys: pytest.CaptureFixture[str], out: Path) -> tuple[int, str]:
    return cli(tree, capsys, "build", "--out", str(out))


# 1. Stored XSS through a character that breaks the front matter --------------------------

ISSUE_CHARACTERS = ["\x80", "\x7f", "\x85", "\x9f", "\ufffe", "\uffff", "\u2028", "\u2029"]


@pytest.mark.parametrize("char", ISSUE_CHARACTERS, ids=lambda c: f"U+{ord(c):04X}")
def test_01_a_raw_non_printable_character_is_a_yaml_syntax_error_at_its_place(
    tree: Tree, char: str
) -> None:
    raw_official(tree, "khoa", ISSUE_NAME.format(char))
    found = errors(tree)
    assert [(f.rule, f.file, f.line, f.column) for f in found] == [
        ("yaml-syntax", "records/officials/khoa.yaml", 2, len('name: "Bùi Đăng Khoa') + 1)
    ]
    message = found[0].message
    assert f"U+{ord(char):04X}" in message and "xóa" in message
    assert char not in message


@pytest.mark.parametrize("char", ISSUE_CHARACTERS, ids=lambda c: f"U+{ord(c):04X}")
def test_01_an_escaped_non_printable_character_is_a_schema_error_at_the_value(
    tree: Tree, char: str
) -> None:
    raw_official(tree, "khoa", ISSUE_NAME.format(f"\\u{ord(char):04x}"))
    found = errors(tree)
    assert [(f.rule, f.file, f.line, f.column) for f in found] == [
        ("schema", "records/officials/khoa.yaml", 2, 7)
    ]
    assert f"U+{ord(char):04X}" in found[0].message and char not in found[0].message


@pytest.mark.parametrize(
    "written",
    ["\\x80", "\x80", "\\x7f", "\\ufffe"],
    ids=["escaped-80", "raw-80", "escaped-7f", "escaped-fffe"],
)
def test_01_the_issue_payload_publishes_no_live_link_or_foreign_image(
    tree: Tree, capsys: pytest.CaptureFixture[str], tmp_path: Path, written: str
) -> None:
    """The issue's name, the character written as a YAML escape (as the review did) or raw."""
    lan(tree)
    raw_official(tree, "khoa", ISSUE_NAME.format(written))
    tree.visit("khoa", "2019-09-10", places=["tan-bien/thanh-tay"], contents=["1.3"])
    code, output = build_cli(tree, capsys, tmp_path / "public")
    assert code == 1, output  # errors in the records, the site built all the same
    pages = list((tmp_path / "public").rglob("*.html"))
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"""(href|src)\s*=\s*["']?\s*javascript:""", text, re.I), page
        assert "evil.example" not in text, page


def test_01_a_relative_link_after_the_character_does_not_abort_the_build(
    tree: Tree, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The strict MkDocs build used to abort on the link (exit 3): nothing was published."""
    lan(tree)
    raw_official(tree, "khoa", "Bùi Đăng Khoa\\x80 [Xem hồ sơ](../khong-co/)")
    code, output = build_cli(tree, capsys, tmp_path / "public")
    assert code == 1, output
    assert (tmp_path / "public/can-bo/lan/index.html").is_file()


FRONT_MATTER_BREAKERS = [
    "Bùi Đăng Khoa\x80 [Xem hồ sơ](javascript:alert(1))",
    "Khoa\u2028title: giả",
    "Khoa\ufffe",
    "Khoa\x7f\x1b[2K",
    'Khoa" ]\n---\n[Xem](javascript:alert(1))',
    "Khoa\\",
    "---",
    "...",
    "title: giả\nsearch:\n  exclude: true",
    "'",
    ": ",
    "# x",
    "{{ config }}",
    "&amp; <b>",
    "\ufeffKhoa",
    "a\u0085b",
]


@pytest.mark.parametrize("title", FRONT_MATTER_BREAKERS, ids=range(len(FRONT_MATTER_BREAKERS)))
def test_01_front_matter_always_parses_whatever_the_title(title: str) -> None:
    """Generated by a YAML emitter: MkDocs reads the title back and the body stays the body."""
    page = render.markdown_page(title, "<div>thân trang</div>")
    body, meta = get_data(page)
    assert isinstance(meta.get("title"), str), page
    assert body.strip() == "<div>thân trang</div>"
    # The text survives whole (titles are one line: runs of white space may become one space).
    assert meta["title"].split() == escape.title(title).split()


# 2. Formula injection in CSV and XLSX -----------------------------------------------------

FORMULAS = [
    f'=HYPERLINK("{EVIL}/p","Xem")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def formula_tree(tree: Tree, formula: str) -> Tree:
    """The formula as an official's, a unit's and a place's name."""
    tree.write(
        "units.yaml",
        {
            "units": [
                {"id": "ban-tckt", "name": formula + " ban", "level": "province"},
                {
                    "id": "hd-tan-bien",
                    "name": "Huyện đoàn Tân Biên",
                    "level": "district",
                    "area": "tan-bien",
                },
                {
                    "id": "hd-go-dau",
                    "name": "Huyện đoàn Gò Dầu",
                    "level": "district",
                    "area": "go-dau",
                },
            ]
        },
    )
    tree.write(
        "localities/tan-bien.yaml",
        {
            "id": "tan-bien",
            "name": formula + " huyện",
            "communes": [
                {
                    "id": "thanh-tay",
                    "name": formula + " xã",
                    "hamlets": [{"id": "thanh-hoa", "name": formula + " ấp"}],
                }
            ],
        },
    )
    return lan(tree, formula + " Lan")


@pytest.mark.parametrize("formula", FORMULAS, ids=range(len(FORMULAS)))
def test_02_names_never_become_formulas_in_csv_or_xlsx(
    tree: Tree, tmp_path: Path, capsys: pytest.CaptureFixture[str], formula: str
) -> None:
    formula_tree(tree, formula)
    assert errors(tree) == []
    outcome = pipeline.run(tree.records, date.fromisoformat(AS_OF))
    docs = tmp_path / "generated"
    site.generate(outcome, date.fromisoformat(AS_OF), docs)
    code, report_csv = cli(tree, capsys, "report", "--format", "csv")
    assert code == 0
    csv_texts = [report_csv, *(p.read_text(encoding="utf-8-sig") for p in docs.rglob("*.csv"))]
    for text in csv_texts:
        values = [v for row in csv.reader(io.StringIO(text.removeprefix("\ufeff"))) for v in row]
        injected = [v for v in values if "Lan" in v or "ban" in v]
        assert injected
        for value in values:
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
        # OWASP: a leading apostrophe (line ends compared loosely: capsys reads CR as LF)
        wanted = ("'" + formula + " Lan").replace("\r", "\n")
        assert wanted in [v.replace("\r\n", "\n").replace("\r", "\n") for v in values]
    workbooks = sorted(docs.rglob("*.xlsx"))
    assert workbooks
    reached = 0
    for path in workbooks:
        for sheet in load_workbook(path).worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (path.name, sheet.title, cell.coordinate)
                    if isinstance(cell.value, str) and formula.strip() in cell.value:
                        reached += 1
                        assert not cell.value.startswith(("=", "+", "-", "@", "\t", "\r")) or (
                            cell.quotePrefix
                        ), (path.name, cell.coordinate, cell.value)
    assert reached >= 3  # official, unit and place names all reached a workbook


# 3. Control characters: build must not fail, DOCX must open -----------------------------


@pytest.mark.parametrize("written", ["\\x02", "\x02"], ids=["escaped", "raw"])
def test_03_a_control_character_in_a_name_is_an_error_and_the_site_still_builds(
    tree: Tree, capsys: pytest.CaptureFixture[str], tmp_path: Path, written: str
) -> None:
    lan(tree)
    raw_official(tree, "khoa", f"Bùi Đăng{written} Khoa")
    found = errors(tree)
    expected = (
        ("schema", 2, 7) if "\\" in written else ("yaml-syntax", 2, len('name: "Bùi Đăng') + 1)
    )
    assert [(f.rule, f.line, f.column) for f in found] == [expected]
    assert "U+0002" in found[0].message
    code, output = build_cli(tree, capsys, tmp_path / "public")
    assert code == 1, output  # not 3: the site is published from the valid records
    assert (tmp_path / "public/index.html").is_file()


@pytest.mark.parametrize("written", ["raw", "escaped"])
def test_03_a_control_character_in_a_proposal_leaves_every_docx_openable(
    tree: Tree, capsys: pytest.CaptureFixture[str], tmp_path: Path, written: str
) -> None:
    lan(tree)
    path = Path(
        tree.records
        / tree.visit(
            "lan",
            "2019-09-02",
            places=["tan-bien/thanh-tay"],
            contents=["1.3"],
            proposals=["Đề xuất\u0001 tăng kinh phí"],
        ).removeprefix("records/")
    )
    if written == "raw":
        path.write_text(path.read_text(encoding="utf-8").replace("\\u0001", "\x01"), "utf-8")
    found = errors(tree)
    assert [(f.rule, f.file) for f in found] == [
        ("yaml-syntax" if written == "raw" else "schema", "records/visits/2019/lan/2019-09-02.yaml")
    ]
    code, output = build_cli(tree, capsys, tmp_path / "public")
    assert code == 1, output
    documents = sorted((tmp_path / "public").rglob("*.docx"))
    assert documents
    for document in documents:
        docx.Document(str(document))  # raises on XML-illegal characters


# 4. A committed parse cache ---------------------------------------------------------------


def forge_cache(tree: Tree, folder: Path, forged_name: str) -> ParseCache:
    """A cache that maps the reviewed official file's content to other values."""
    rel = "officials/lan.yaml"
    path = tree.records / rel
    forged = ParseCache(folder)
    forged.remember(
        rel,
        stat_key(str(path)),
        content_hash(path.read_bytes()),
        {"id": "lan", "name": forged_name, "assignments": [province(start="2018-01-01")]},
    )
    forged.save({"officials": ("lan.yaml",)})
    return forged


def test_04_a_cache_committed_beside_records_never_replaces_the_yaml(
    tree: Tree, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    lan(tree)
    forged = forge_cache(tree, tree.root / ".cache" / "di-co-so", "Kẻ Giả Mạo")
    # The forgery is sound: a run that reads this folder believes it (the test can fail).
    believed = pipeline.run(tree.records, date.fromisoformat(AS_OF), forged)
    assert believed.records.officials["lan"].name == "Kẻ Giả Mạo"
    for command in (["report", "--format", "csv"], ["validate"], ["deadlines"]):
        code, output = cli(tree, capsys, *command)
        assert "Kẻ Giả Mạo" not in output, command
    code, output = build_cli(tree, capsys, tmp_path / "public")
    assert code == 0, output
    official = (tmp_path / "public/can-bo/lan/index.html").read_text(encoding="utf-8")
    assert "Nguyễn Thị Lan" in official
    for path, text in published(tmp_path / "public"):
        assert "Kẻ Giả Mạo" not in text, path


# 5. Exemption kinds must not be inferable from the public site ----------------------------

KIND_WORDS = ("biệt phái", "đi học", "thai sản", "secondment", "training", "maternity")


def test_05_the_public_site_shows_no_exemption_warning_and_no_kind(
    tree: Tree, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    lan(tree)
    tree.official(
        "binh",
        district(start="2017-01-01"),
        exemptions=[
            {"kind": "secondment", "from": "2019-03-01", "to": "2019-04-30"},  # too short
            {"kind": "maternity_leave", "from": "2019-10-01", "to": "2019-11-30"},
            {"kind": "training", "from": "2018-05-01", "to": "2018-12-31"},
        ],
    )
    code, output = cli(tree, capsys, "validate")
    assert "exemption-too-short" in output  # editors still see it in CI output
    code, output = build_cli(tree, capsys, tmp_path / "public")
    assert code == 0, output
    assert (tmp_path / "public/can-bo/binh/index.html").is_file()
    for path, text in published(tmp_path / "public"):
        lowered = text.lower()
        if "quy-dinh" not in path.parts:  # the rule catalogue may name the rule
            assert "exemption-too-short" not in lowered, path
            assert "thời gian miễn quá ngắn" not in lowered, path
        for word in KIND_WORDS:
            assert word not in lowered, (path, word)


# 6. Links, devices, FIFOs and folders in place of a record --------------------------------


def outside_records(tmp_path: Path) -> Path:
    """Files outside records/ that, if read, would be valid records holding the secret."""
    outside = tmp_path / "outside"
    (outside / "lan").mkdir(parents=True, exist_ok=True)
    visit = {
        "official": "lan",
        "from": "2019-08-20",
        "places": ["tan-bien"],
        "contents": ["1.3"],
        "summary": OUTSIDE_TEXT,
        "reported_on": "2019-08-20",
    }
    from tests.conftest import dump  # noqa: PLC0415

    (outside / "visit.yaml").write_text(dump(visit) + "\n", encoding="utf-8")
    (outside / "lan" / "2020-01-02.yaml").write_text(
        dump({**visit, "from": "2020-01-02", "reported_on": "2020-01-02"}) + "\n",
        encoding="utf-8",
    )
    (outside / "official.yaml").write_text(
        dump({"id": "binh", "name": OUTSIDE_TEXT, "assignments": [province()]}) + "\n",
        encoding="utf-8",
    )
    (outside / "not-yaml.yaml").write_text(f"{OUTSIDE_TEXT}: [\n", encoding="utf-8")
    return outside


def make_odd(tree: Tree, tmp_path: Path, kind: str) -> str:  # noqa: PLR0911 - a case per kind
    """Put an odd entry where a record belongs; return its path as findings show it."""
    outside = outside_records(tmp_path)
    folder = tree.records / "visits/2019/lan"
    if kind == "link-to-file":
        (folder / "2019-08-20.yaml").symlink_to(outside / "visit.yaml")
        return "records/visits/2019/lan/2019-08-20.yaml"
    if kind == "link-to-official":
        (tree.records / "officials/binh.yaml").symlink_to(outside / "official.yaml")
        return "records/officials/binh.yaml"
    if kind == "link-to-broken-yaml":
        (folder / "2019-08-21.yaml").symlink_to(outside / "not-yaml.yaml")
        return "records/visits/2019/lan/2019-08-21.yaml"
    if kind == "link-to-folder":
        (tree.records / "visits/2020").symlink_to(outside, target_is_directory=True)
        return "records/visits/2020"
    if kind == "relative-link-up":
        (folder / "2019-08-22.yaml").symlink_to(os.path.relpath(outside / "visit.yaml", folder))
        return "records/visits/2019/lan/2019-08-22.yaml"
    if kind == "fifo":
        os.mkfifo(folder / "2019-08-23.yaml")
        return "records/visits/2019/lan/2019-08-23.yaml"
    if kind == "device":
        try:
            os.mknod(folder / "2019-08-24.yaml", stat.S_IFCHR | 0o600, os.makedev(1, 3))
        except PermissionError:
            pytest.skip("creating a device file needs CAP_MKNOD (root); FIFOs cover the rest")
        return "records/visits/2019/lan/2019-08-24.yaml"
    assert kind == "folder-named-yaml"
    (folder / "2019-08-25.yaml").mkdir()
    (folder / "2019-08-25.yaml" / "2019-08-26.yaml").write_text("official: lan\n", "utf-8")
    return "records/visits/2019/lan/2019-08-25.yaml"


ODD = [
    "link-to-file",
    "link-to-official",
    "link-to-broken-yaml",
    "link-to-folder",
    "relative-link-up",
    "fifo",
    "device",
    "folder-named-yaml",
]


@pytest.mark.parametrize("kind", ODD)
def test_06_an_odd_entry_is_an_error_naming_its_path_and_is_never_read(
    tree: Tree, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    lan(tree)
    shown = make_odd(tree, tmp_path, kind)
    found = errors(tree)
    assert [(f.rule, f.file, f.line) for f in found] == [("yaml-syntax", shown, 1)], found
    assert all(OUTSIDE_TEXT not in f.message for f in found)
    outputs = []
    for fmt in ("text", "json", "github"):
        code, output = cli(tree, capsys, "validate", "--format", fmt)
        assert code == 1
        outputs.append(output)
    outputs.extend(cli(tree, capsys, *c)[1] for c in (["report", "--format", "csv"], ["deadlines"]))
    assert shown in outputs[0]
    for output in outputs:
        assert OUTSIDE_TEXT not in output


def test_06_nothing_outside_records_reaches_the_built_site(
    tree: Tree, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lan(tree)
    shown = [make_odd(tree, tmp_path, kind) for kind in ODD if kind != "device"]
    assert sorted(f.file for f in errors(tree) if f.file) == sorted(shown)
    code, output = build_cli(tree, capsys, tmp_path / "public")
    assert code == 1, output
    assert OUTSIDE_TEXT not in output
    site_dir = tmp_path / "public"
    assert (site_dir / "index.html").is_file()
    for path, text in published(site_dir, render.SITE / "generated"):
        assert OUTSIDE_TEXT not in text, path


# 7. Sizes ---------------------------------------------------------------------------------


def max_file_bytes() -> int:
    """The file size limit, as the code states it (imported here: before the fix there was
    no such module, and only the size tests should fail for it)."""
    from generator.reading import printable  # noqa: PLC0415

    return printable.MAX_FILE_BYTES


def test_07_text_over_its_limit_is_a_schema_error_at_the_value(tree: Tree) -> None:
    lan(tree)
    short = limit(Kind.VISIT, "text", 0)
    long = limit(Kind.VISIT, "prose", 0)
    assert 100 <= short < long <= max_file_bytes() // 4  # limits exist, generous
    tree.visit("lan", "2019-09-02", summary="x" * long, assigned_by="y" * short)
    tree.write(
        "officials/binh.yaml",
        {"id": "binh", "name": "B" * short, "assignments": [province()]},
    )
    assert errors(tree) == []
    tree.visit(
        "lan",
        "2019-09-02",
        summary="x" * (long + 1),
        assigned_by="y" * (short + 1),
        proposals=["z" * (long + 1)],
    )
    tree.write(
        "officials/binh.yaml",
        {"id": "binh", "name": "B" * (short + 1), "assignments": [province()]},
    )
    visit = tree.records / "visits/2019/lan/2019-09-02.yaml"
    found = sorted((f.rule, f.file, f.line) for f in errors(tree))
    assert found == sorted(
        [
            ("schema", "records/officials/binh.yaml", 2),
            ("schema", "records/visits/2019/lan/2019-09-02.yaml", line_of(visit, "summary:")),
            ("schema", "records/visits/2019/lan/2019-09-02.yaml", line_of(visit, "assigned_by:")),
            ("schema", "records/visits/2019/lan/2019-09-02.yaml", line_of(visit, '- "zzz')),
        ]
    )
    assert all("tối đa" in f.message for f in errors(tree))


def test_07_a_file_over_the_limit_is_refused_before_it_is_parsed(
    tree: Tree, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The issue's 50 MB summary: an error at the file, and the build goes on."""
    lan(tree)
    path = tree.records / "visits/2019/lan/2019-09-02.yaml"
    head = b"official: lan\nfrom: 2019-09-02\nplaces: [tan-bien]\ncontents: ['1.3']\n"
    with path.open("wb") as handle:
        handle.write(head + b'summary: "')
        for _ in range(50):
            handle.write(b"x" * (1024 * 1024))
        handle.write(b'"\nreported_on: 2019-09-02\n')
    found = errors(tree)
    assert [(f.rule, f.file, f.line) for f in found] == [
        ("yaml-syntax", "records/visits/2019/lan/2019-09-02.yaml", 1)
    ]
    code, output = build_cli(tree, capsys, tmp_path / "public")
    assert code == 1, output
    assert (tmp_path / "public/index.html").is_file()


def test_07_the_file_limit_at_its_edge(tree: Tree) -> None:
    lan(tree)
    path = tree.records / "visits/2019/lan/2019-08-05.yaml"
    text = path.read_bytes()
    room = max_file_bytes() - len(text)
    path.write_bytes(text + b"#" + b" " * (room - 2) + b"\n")
    assert path.stat().st_size == max_file_bytes() and errors(tree) == []
    path.write_bytes(text + b"#" + b" " * (room - 1) + b"\n")
    assert [(f.rule, f.line) for f in errors(tree)] == [("yaml-syntax", 1)]


# 8. Dates beyond the supported range and huge numbers: errors, never exit 3 --------------

HUGE = "9" * 5000
OUT_OF_RANGE: list[tuple[str, str, str]] = [
    ("visit-from", "visits/9999/lan/9999-12-31.yaml", "9999-12-31"),
    ("visit-to", "visits/2019/lan/2019-09-03.yaml", "9999-12-31"),
    ("assignment-to", "officials/binh.yaml", "9999-12-31"),
    ("assignment-from", "officials/chi.yaml", "9999-12-31"),
    ("exemption-from", "officials/dung.yaml", "9999-12-31"),
    ("exemption-to", "officials/an.yaml", "9999-12-31"),
    ("plan-year", "plans/2019/q4/ban-tckt.yaml", HUGE),
    ("plan-days", "plans/2019/q4/hd-tan-bien.yaml", HUGE),
    ("policy-days", "policies/kh-12-2023.yaml", HUGE),
]


def write_out_of_range(tree: Tree, case: str) -> None:
    if case == "visit-from":
        tree.visit("lan", "9999-12-31", reported_on="9999-12-31")
    elif case == "visit-to":
        tree.visit("lan", "2019-09-03", "9999-12-31", reported_on="2019-09-03")
    elif case == "assignment-to":
        tree.official("binh", district(start="2017-01-01", end="9999-12-31"))
    elif case == "assignment-from":
        tree.official("chi", district(start="9999-12-31"))
    elif case == "exemption-from":
        tree.official(
            "dung",
            province(),
            exemptions=[{"kind": "training", "from": "9999-12-31", "to": "9999-12-31"}],
        )
    elif case == "exemption-to":
        tree.official(
            "an",
            province(),
            exemptions=[{"kind": "training", "from": "2019-01-01", "to": "9999-12-31"}],
        )
    elif case == "plan-year":
        tree.write(
            "plans/2019/q4/ban-tckt.yaml",
            f"unit: ban-tckt\nyear: {HUGE}\nquarter: 4\nregistered_on: 2019-10-01\nentries: []\n",
        )
    elif case == "plan-days":
        tree.write(
            "plans/2019/q4/hd-tan-bien.yaml",
            "unit: hd-tan-bien\nyear: 2019\nquarter: 4\nregistered_on: 2019-10-01\nentries:\n"
            "  - official: lan\n    contents: ['1.1']\n    places: [tan-bien]\n"
            f"    days: {HUGE}\n",
        )
    else:
        from tests.conftest import POLICY, dump  # noqa: PLC0415

        policy = {**POLICY, "id": "kh-12-2023", "effective_from": "2023-01-01"}
        policy.pop("effective_to")
        text = dump(policy) + "\n"
        text = text.replace("min_days_per_year: 60", f"min_days_per_year: {HUGE}")
        tree.write("policies/kh-12-2023.yaml", text)


@pytest.mark.parametrize("case", OUT_OF_RANGE, ids=[c[0] for c in OUT_OF_RANGE])
@pytest.mark.parametrize("command", ["validate", "report", "deadlines"])
def test_08_out_of_range_dates_and_huge_numbers_are_located_errors(
    tree: Tree, capsys: pytest.CaptureFixture[str], case: tuple[str, str, str], command: str
) -> None:
    name, rel, value = case
    lan(tree)
    write_out_of_range(tree, name)
    line = line_of(tree.records / rel, value)
    code, output = cli(tree, capsys, command)
    assert code == 1, output
    if command == "validate":
        assert f"records/{rel}:{line}:" in output, output
        assert "Lỗi nội bộ" not in output


def test_08_the_site_builds_with_every_such_value_at_once(
    tree: Tree, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    lan(tree)
    for name, _, _ in OUT_OF_RANGE:
        write_out_of_range(tree, name)
    assert len({f.file for f in errors(tree)}) == len(OUT_OF_RANGE)
    code, output = build_cli(tree, capsys, tmp_path / "public")
    assert code == 1, output
    assert (tmp_path / "public/can-bo/lan/index.html").is_file()


# 9. Job summary Markdown and workflow commands are inert ---------------------------------

LURES = [
    f"[Duyệt ngay]({EVIL}/p)",
    f"![p]({EVIL}/p.png)",
    f"<{EVIL}/p>",
    f"{EVIL}/p",
    "www.evil.example/p",
    "[Duyệt][r]\n\n[r]: https://evil.example/p",
    "**Đã duyệt** _ok_ `x`",
    "<img src=x onerror=alert(1)>",
    "x\n::error::giả mạo",
    "x\r\n| a | b |",
]


def summary_for(
    tree: Tree, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[str, str]:
    """(job summary, workflow commands) of ``validate`` in GitHub Actions, lures in values."""
    lan(tree)
    tree.visit("lan", "2019-09-02", contents=LURES, summary="x")
    # A file name is shown as the place of its finding.
    tree.write(f"visits/2019/lan/[Duyệt ngay]({EVIL.replace('/', '')}) **x**.yaml", "x: 1\n")
    summary_file = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary_file))
    code, output = cli(tree, capsys, "validate")
    assert code == 1
    return summary_file.read_text(encoding="utf-8"), output


def test_09_record_text_in_the_job_summary_makes_no_link_image_or_markup(
    tree: Tree, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text, _ = summary_for(tree, capsys, tmp_path, monkeypatch)
    assert "contents" in text and text.count("\n|") >= len(LURES)
    html = markdown.markdown(text, extensions=["tables"])
    for tag in ("<a ", "<img", "<strong", "<em", "<code>x", "<script"):
        assert tag not in html, tag
    # GitHub also links bare addresses (autolink literals): none may remain.
    assert not re.search(r"https?://|www\.", text), text


def test_09_record_text_cannot_forge_a_workflow_command(
    tree: Tree, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, output = summary_for(tree, capsys, tmp_path, monkeypatch)
    commands = [line for line in output.splitlines() if line.startswith("::")]
    assert len(commands) == len(tree.findings(AS_OF))
    assert not any(line.startswith("::error::giả mạo") for line in output.splitlines())


def test_09_the_summary_function_escapes_markdown_in_any_finding() -> None:
    lures = [Finding("schema", Severity.ERROR, lure, "records/a.yaml", 1, 1) for lure in LURES]
    html = markdown.markdown(summary(lures), extensions=["tables"])
    assert "<a " not in html and "<img" not in html and "<strong" not in html


def test_09_the_new_visit_skeleton_keeps_record_text_in_comments(
    tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    """``new visit`` writes names into a YAML file's comments: a line break there must not
    start a key of the new record."""
    lan(tree, "Lan\nsummary: giả mạo\nreported_on: 2019-01-01")
    tree.write(
        "localities/tan-bien.yaml",
        {
            "id": "tan-bien",
            "name": "Huyện\r\nofficial: ke-gia",
            "communes": [
                {
                    "id": "thanh-tay",
                    "name": "Xã\n\ncontents: ['1.5']",
                    "hamlets": [{"id": "thanh-hoa", "name": "Ấp\u0009\nplaces: [gia-mao]"}],
                }
            ],
        },
    )
    assert errors(tree) == []
    code, out, err = run_cli(
        capsys,
        "new",
        "visit",
        "--records",
        str(tree.records),
        "--as-of",
        AS_OF,
        "--official",
        "lan",
        "--from",
        "2019-09-02",
    )
    assert code == 0, out + err
    written = tree.records / "visits/2019/lan/2019-09-02.yaml"
    data = yaml.safe_load(written.read_text(encoding="utf-8"))
    assert data["official"] == "lan" and "giả mạo" not in str(data) and "ke-gia" not in str(data)
    assert data["contents"] == ["1.1"] and "gia-mao" not in str(data)


# 10. Terminal output carries no control character ----------------------------------------

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")  # tab and LF are fine


def terminal_tree(tree: Tree) -> Tree:
    lan(tree)
    forged = "\x1b[2K\r0 lỗi, 0 vi phạm, 0 cảnh báo, 0 thông tin"
    # Raw in a file, escaped in a value, escaped in a key, a carriage return alone.
    raw_official(tree, "khoa", f"Khoa{forged}")
    tree.visit("lan", "2019-09-02", summary="\x1b]0;title\x07")
    tree.visit("lan", "2019-09-05", contents=["1.1\r" + forged[4:]])
    tree.write(
        "visits/2019/lan/2019-09-03.yaml",
        'official: lan\nfrom: 2019-09-03\nplaces: [tan-bien]\ncontents: ["1.3"]\n'
        'summary: x\nreported_on: 2019-09-03\n"\\e[2Kkhóa": 1\n',
    )
    # In a file name and a folder name, where no finding reads a value.
    (tree.records / "visits/2019/lan/\x1b[2K\rgiả.yaml").write_text("official: lan\n", "utf-8")
    (tree.records / "visits/2019/\x1b[31mđỏ").mkdir()
    (tree.records / "visits/2019/\x1b[31mđỏ/2019-09-04.yaml").write_text("x: 1\n", "utf-8")
    return tree


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_10_validate_output_carries_no_control_character(
    tree: Tree, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    terminal_tree(tree)
    code, output = cli(tree, capsys, "validate", "--format", fmt)
    assert code == 1
    assert "records/officials/khoa.yaml:2:" in output or fmt == "github"
    lines = output.split("\n")  # not splitlines(): a bare CR is what forges a line
    assert any(line.startswith("Tổng cộng:") for line in lines)
    bad = [line for line in lines if CONTROL.search(line)]
    assert bad == []


def test_10_a_line_break_in_a_value_cannot_forge_a_line(
    tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without any control character: a line feed in an echoed value would print a forged
    count, or a workflow command the runner obeys (pre-commit shows the text format)."""
    lan(tree)
    forged = "\nTổng cộng: 0 lỗi\n::error::giả mạo"  # echoed whole: messages cut at 60
    tree.visit("lan", "2019-09-05", contents=["1.1" + forged])
    tree.write(f"visits/2019/lan/x{forged.replace(chr(10), ' ')}.yaml", "x: 1\n")
    findings = tree.findings(AS_OF)
    for fmt in ("text", "github"):
        _, output = cli(tree, capsys, "validate", "--format", fmt)
        lines = output.rstrip("\n").split("\n")
        assert len(lines) == len(findings) + 1, output  # a line per finding, one count
        assert [line for line in lines if line.startswith("Tổng cộng:")] == [lines[-1]]
        assert not any(line.startswith("::error::giả") for line in lines)


def test_10_json_output_escapes_control_characters(
    tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    terminal_tree(tree)
    code, output = cli(tree, capsys, "validate", "--format", "json")
    assert code == 1
    json.loads(output)
    assert not CONTROL.search(output.replace("\n", ""))


@pytest.mark.parametrize("command", [["report"], ["deadlines"], ["report", "--format", "csv"]])
def test_10_other_commands_print_no_control_character(
    tree: Tree, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    terminal_tree(tree)
    _, output = cli(tree, capsys, *command)
    assert not CONTROL.search(output.replace("\r\n", "\n").replace("\n", "")), output
