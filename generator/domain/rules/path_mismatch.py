"""Vị trí và tên tệp phải khớp với nội dung hồ sơ.

Lỗi khi: ``id`` của quy định, địa bàn, cán bộ khác tên tệp; báo cáo đi cơ sở
không nằm trong ``visits/<năm của from>/<mã cán bộ>/`` hoặc tên tệp không phải
``<from>.yaml`` (thêm ``-2``, ``-3``… nếu một ngày có nhiều đợt); kế hoạch không
nằm trong ``plans/<năm>/q<quý>/<mã đơn vị>.yaml`` đúng với ``year``, ``quarter``,
``unit``; hoặc tệp nằm ở chỗ không thuộc loại hồ sơ nào (kể cả đuôi ``.yml``).

Cách sửa: đổi tên hoặc chuyển tệp về đúng thư mục (hoặc sửa giá trị trong tệp
nếu giá trị đó mới là chỗ sai).
"""

from collections.abc import Iterator

from generator.domain.findings import Finding, Severity
from generator.domain.model import Records, Source
from generator.domain.rules.base import Context, Rule, Scope
from generator.reading.layout import Kind
from generator.reading.loader import Document

_ID_IS_STEM = frozenset({Kind.POLICY, Kind.LOCALITY, Kind.OFFICIAL})

RULE = Rule("path-mismatch", Severity.ERROR, "Tên hoặc vị trí tệp không khớp nội dung", Scope.FILE)


def _check(doc: Document, records: Records) -> Iterator[Finding]:
    loc, data, src = doc.location, doc.data, Source(doc)
    if loc.stem is not None and doc.kind in _ID_IS_STEM and data["id"] != loc.stem:
        yield RULE.at(
            src,
            "id",
            message=f"Mã “{data['id']}” phải trùng với tên tệp “{loc.stem}.yaml”",
            official=data["id"] if doc.kind is Kind.OFFICIAL else None,
        )
    if doc.kind is Kind.PLAN:
        keys = {"unit": data["unit"], "year": data["year"], "quarter": data["quarter"]}
        expected = f"plans/{data['year']}/q{data['quarter']}/{data['unit']}.yaml"
        for name, value, from_path in (
            ("unit", data["unit"], loc.stem),
            ("year", data["year"], loc.year),
            ("quarter", data["quarter"], loc.quarter),
        ):
            if value != from_path:
                yield RULE.at(
                    src,
                    name,
                    message=f"“{name}: {value}” không khớp vị trí tệp; tệp phải là {expected}",
                    **keys,
                )
    if doc.kind is Kind.VISIT:
        start: str = data["from"]
        official = data["official"]
        wrong_from = int(start[:4]) != loc.year or loc.date != start or not loc.name_ok
        if official == loc.official and not wrong_from:
            return  # almost every visit: nothing to say
        # A misspelt `official` in a folder that names a real one: the folder is right and
        # unknown-reference says what to write; never send the file to the misspelt folder.
        misspelt = (
            loc.official is not None
            and records.unknown(Kind.OFFICIAL, official)
            and not records.unknown(Kind.OFFICIAL, loc.official)
        )
        folder = loc.official if misspelt and loc.official is not None else official
        expected = f"visits/{start[:4]}/{folder}/{start}.yaml"
        keys = {"official": official, "year": int(start[:4]), "quarter": (int(start[5:7]) + 2) // 3}
        if official != loc.official and not misspelt:
            yield RULE.at(
                src,
                "official",
                message=f"Cán bộ “{official}” không khớp thư mục “{loc.official}”; tệp phải là {expected}",
                **keys,
            )
        if wrong_from:
            yield RULE.at(
                src,
                "from",
                message=f"Ngày bắt đầu {start} không khớp tên hoặc thư mục năm của tệp; tệp phải là "
                f"{expected} (thêm -2, -3… nếu cùng ngày có nhiều đợt)",
                **keys,
            )


def check(ctx: Context) -> Iterator[Finding]:
    yield from ctx.stage.get(RULE.id, [])
    for doc in ctx.documents:
        yield from _check(doc, ctx.records)
