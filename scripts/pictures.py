"""Pictures of the documents for the README: the first and last page of each kind.

``make pictures`` runs it: it builds one document of each kind from the demo
records (as of 27/11/2026), prints them to PDF with LibreOffice and renders the
first and last pages to PNG with poppler's pdftoppm, into ``docs/images/``
(Debian's libreoffice-writer-nogui, poppler-utils and fonts-liberation, as
``.ci/run`` installs them).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from generator import pipeline
from generator.domain import periodic
from generator.domain.periods import Quarter
from generator.publishing import documents

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "docs" / "images"
AS_OF = date(2026, 11, 27)
RESOLUTION = "60"  # dots per inch: an A4 page of about 500 × 700 pixels


def sources() -> dict[str, bytes]:
    outcome = pipeline.run(REPO / "records", AS_OF)
    compliance = outcome.compliance
    quarter = periodic.quarter_report(compliance, Quarter(2025, 2))
    half = periodic.half_report(compliance, 2025, 1)
    year = periodic.year_report(compliance, 2025)
    union = outcome.records.units["hd-tan-bien"]
    official = outcome.records.officials["ho-van-hung"]
    row = next(r for r in compliance.rows if r.official == official.id and r.year == 2025)
    return {
        "bao-cao-quy": documents.report_document(compliance, [], quarter, None, AS_OF),
        "bao-cao-6-thang": documents.report_document(compliance, [], half, None, AS_OF),
        "bao-cao-nam": documents.report_document(compliance, [], year, None, AS_OF),
        "bao-cao-nam-huyen-doan": documents.report_document(compliance, [], year, union, AS_OF),
        "ket-qua-ca-nhan": documents.official_document(compliance, official, row, AS_OF),
    }


def render(pdf: Path, page: int, target: Path) -> None:
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            RESOLUTION,
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(pdf),
            str(target.with_suffix("")),
        ],
        check=True,
    )


def main() -> int:
    for tool in ("soffice", "pdftoppm", "pdfinfo"):
        if shutil.which(tool) is None:
            print(f"{tool} not found: install libreoffice-writer-nogui and poppler-utils")
            return 1
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        names = []
        for name, data in sources().items():
            (tmp / f"{name}.docx").write_bytes(data)
            names.append(name)
        subprocess.run(
            ["soffice", "--headless", f"-env:UserInstallation=file://{tmp}/profile"]
            + ["--convert-to", "pdf", "--outdir", str(tmp)]
            + [str(tmp / f"{n}.docx") for n in names],
            check=True,
            capture_output=True,
        )
        for name in names:
            pdf = tmp / f"{name}.pdf"
            info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
            found = re.search(r"Pages:\s+(\d+)", info.stdout)
            pages = int(found[1]) if found else 1
            render(pdf, 1, OUT / f"{name}-trang-dau.png")
            render(pdf, pages, OUT / f"{name}-trang-cuoi.png")
            print(f"{name}: {pages} trang")
    return 0


if __name__ == "__main__":
    sys.exit(main())
