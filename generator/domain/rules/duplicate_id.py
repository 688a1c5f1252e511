"""Mỗi mã chỉ được dùng một lần.

Lỗi khi: hai đơn vị trong ``units.yaml`` trùng mã; hai tệp địa bàn, hai tệp cán
bộ hoặc hai quy định có cùng ``id`` (mã của huyện và của xã, phường trực thuộc
tỉnh không được trùng nhau); hai xã, phường, thị trấn của một huyện trùng mã;
hai ấp, khu phố của một xã, phường trùng mã.

Cách sửa: đặt mã khác cho một trong hai mục (mã trùng với cấp khác, ví dụ ấp
trùng tên xã, vẫn được phép).
"""

from collections.abc import Iterable, Iterator

from generator.domain.findings import Finding, Severity
from generator.domain.model import Source
from generator.domain.rules.base import Context, Rule, Scope
from generator.reading.layout import Kind
from generator.reading.loader import Document

RULE = Rule("duplicate-id", Severity.ERROR, "Mã bị trùng", Scope.REFERENCE)

_WHAT = {
    Kind.UNITS: "đơn vị",
    Kind.POLICY: "quy định",
    Kind.LOCALITY: "huyện",
    Kind.OFFICIAL: "cán bộ",
}


def _duplicates(items: Iterable[tuple[str, Source]], what: str) -> Iterator[Finding]:
    seen: dict[str, Source] = {}
    for ident, source in items:
        if ident in seen:
            first = seen[ident]
            line = first.at("id")[0]
            yield RULE.at(
                source,
                "id",
                message=f"Mã {what} “{ident}” đã dùng ở {first.file} (dòng {line})",
            )
        else:
            seen[ident] = source


def _places(doc: Document) -> Iterator[Finding]:
    """Communes of one district, hamlets of one commune (under a district or the province)."""
    data = doc.data
    if "hamlets" in data:
        yield from _duplicates(
            ((h["id"], Source(doc, ("hamlets", j))) for j, h in enumerate(data["hamlets"] or [])),
            f"ấp, khu phố của {data['id']}",
        )
    communes = data.get("communes") or []
    yield from _duplicates(
        ((c["id"], Source(doc, ("communes", i))) for i, c in enumerate(communes)),
        f"xã, phường, thị trấn của {data['id']}",
    )
    for i, commune in enumerate(communes):
        yield from _duplicates(
            (
                (h["id"], Source(doc, ("communes", i, "hamlets", j)))
                for j, h in enumerate(commune.get("hamlets") or [])
            ),
            f"ấp, khu phố của {data['id']}/{commune['id']}",
        )


def check(ctx: Context) -> Iterator[Finding]:
    by_kind: dict[Kind, list[tuple[str, Source]]] = {kind: [] for kind in _WHAT}
    for doc in ctx.documents:
        data = doc.data
        if doc.kind is Kind.UNITS:
            by_kind[Kind.UNITS] += [
                (u["id"], Source(doc, ("units", i))) for i, u in enumerate(data["units"])
            ]
        elif doc.kind in _WHAT:
            by_kind[doc.kind].append((data["id"], Source(doc)))
        if doc.kind is Kind.LOCALITY:
            yield from _places(doc)
    for kind, items in by_kind.items():
        if kind is Kind.LOCALITY and any(s.doc.data.get("kind") == "commune" for _, s in items):
            # Districts and communes under the province share one set of ids.
            yield from _duplicates(items, "địa bàn cấp huyện hoặc xã, phường trực thuộc tỉnh")
        else:
            yield from _duplicates(items, _WHAT[kind])
