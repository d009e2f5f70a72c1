"""Extraction on sentences with invented names (none of them appear in the code or its resources)."""
import pytest

from kg.extract import analyse, clean_name
from kg.model import Article
from kg.tag import get_tagger


def mentions(text):
    a = Article(doc_id="t.txt", path="t.txt", text=text, original=text, encoding="utf-8", district="")
    return {(clean_name(m.text), m.type) for s in analyse(a, get_tagger()) for m in s.mentions}


@pytest.mark.parametrize("text,expected", [
    ("杭州云帆光电科技有限公司是一家高科技企业。", ("杭州云帆光电科技有限公司", "Company")),
    ("绍兴市越城区建成了清华大学绍兴智能装备研究院。", ("清华大学绍兴智能装备研究院", "Institute")),
    ("青岚小镇集聚了一批企业。", ("青岚小镇", "Park")),
    ("今年，柯桥区启动“织梦计划”专项行动。", ("织梦计划专项行动", "Policy")),
])
def test_finds(text, expected):
    assert expected in mentions(text)


@pytest.mark.parametrize("text,generic", [
    ("全区重点项目加快推进。", "重点项目"),
    ("集聚超百家科创企业。", "科创企业"),
])
def test_rejects_generic(text, generic):
    assert all(name != generic for name, _ in mentions(text))


def test_enumeration_split_with_shared_category():
    found = mentions("截至目前，金溪大道、云杉隧道等3个政府投资项目已开工。")
    assert ("金溪大道", "Project") in found and ("云杉隧道", "Project") in found
