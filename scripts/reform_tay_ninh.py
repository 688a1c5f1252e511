"""The 1 July 2025 reorganisation of the demo's places (old Tây Ninh only), for synth.py.

From 1 July 2025 districts ended; the communes and wards of the merged Tây Ninh
(96 in all, with Long An's) lie directly under the province. The demo models the
old Tây Ninh part only. Real names and compositions are used where a public
source gives them:

- Phường Tân Ninh (phường 1, 2, 3, 4 and Hiệp Ninh of Tây Ninh city) and
  Phường Bình Minh (phường Ninh Sơn, xã Bình Minh, Tân Bình, Thạnh Tân): "Tên 36
  xã, phường mới ở Tây Ninh sau sắp xếp", plo.vn, 18/04/2025 (the province's
  plan, later enacted by Nghị quyết 1682/NQ-UBTVQH15 of 16/06/2025); the same
  article names Phường Ninh Thạnh as the third new ward (its full composition
  is cut off in our copy: here it takes phường Ninh Thạnh only).
- Xã Phước Thạnh (xã Hiệp Thạnh, Phước Trạch, Phước Thạnh of Gò Dầu):
  bando.tinhthanhvn.com, "xã Phước Thạnh, tỉnh Tây Ninh" (citing Nghị quyết
  202/2025/QH15 and the reorganisation in force from 01/07/2025).

Every other new commune or ward is invented for the demo: its name ends in
"(tên minh họa)", and it groups three old communes of one district in the
order of the old list. New hamlets keep the old hamlets' names with their old
commune's name in brackets (also invented).
"""

from __future__ import annotations

from datetime import date

REFORM = date(2025, 7, 1)
LAST_OLD_DAY = date(2025, 6, 30)

# new id -> (name, old commune ids under their district) for the sourced ones.
REAL: dict[str, tuple[str, list[str]]] = {
    "tan-ninh": (
        "Phường Tân Ninh",
        [
            "tp-tay-ninh/phuong-1",
            "tp-tay-ninh/phuong-2",
            "tp-tay-ninh/phuong-3",
            "tp-tay-ninh/phuong-iv",
            "tp-tay-ninh/hiep-ninh",
        ],
    ),
    "binh-minh": (
        "Phường Bình Minh",
        [
            "tp-tay-ninh/ninh-son",
            "tp-tay-ninh/binh-minh",
            "tp-tay-ninh/tan-binh",
            "tp-tay-ninh/thanh-tan",
        ],
    ),
    "ninh-thanh": ("Phường Ninh Thạnh", ["tp-tay-ninh/ninh-thanh"]),
    "phuoc-thanh": (
        "Xã Phước Thạnh",
        ["go-dau/hiep-thanh", "go-dau/phuoc-trach", "go-dau/phuoc-thanh"],
    ),
}
GROUP = 3  # old communes per invented new commune
