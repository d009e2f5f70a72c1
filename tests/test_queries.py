"""Every example query runs on the corpus graph and gives the answer a user expects."""
from pathlib import Path

import pytest

from kg.query import format_result, run_query
from kg.errors import QueryError

Q = Path(__file__).resolve().parent.parent / "queries"


def rows(graph, name):
    return [tuple(str(v) for v in r) for r in run_query(graph, (Q / name).read_text(encoding="utf-8"))]


@pytest.mark.parametrize("name,expected", [
    ("parks_host_projects.rq", ("甬江科创区北仑片区", "吉利新能源汽车总部")),
    ("chain_leaders.rq", ("中芯宁波", "芯港小镇")),
    ("awards.rq", ("北仑区", "科技创新鼎")),
])
def test_query_contains(graph, name, expected):
    assert expected in rows(graph, name)


def test_located_in_beilun(graph):
    names = {r[0] for r in rows(graph, "located_in_beilun.rq")}
    assert {"芯港小镇", "灵峰现代产业园"} <= names


def test_institutes_per_district(graph):
    per = {r[0]: int(r[1]) for r in rows(graph, "institutes_per_district.rq")}
    assert per.get("北仑区", 0) >= 3 and per.get("江北区", 0) >= 3


def test_big_investments_at_least_1e9(graph):
    r = rows(graph, "big_investments.rq")
    assert r and all(float(x[3]) >= 1e9 for x in r)


def test_linked_to_entity(graph):
    assert ("leads", "中芯宁波") in rows(graph, "linked_to_entity.rq")


def test_district_figures_by_year_grouped_by_concept(graph):
    r = rows(graph, "district_figures_by_year.rq")
    gdp = [x for x in r if x[0].endswith("#gdp")]
    assert any(x[2] == "2023" and x[3] == "level" and "2730亿元" in x[6] for x in gdp)
    assert any(x[3] == "growthRate" for x in gdp)  # 增长5.8% is GDP's growth, not a measure of its own
    assert all(x[1] == "地区生产总值" for x in gdp)
    assert len({x[0] for x in r}) >= 8  # figures from several articles fall into shared concepts


def test_evidence_offsets_point_into_article(graph):
    r = rows(graph, "evidence_for_statement.rq")
    text = (Path(__file__).resolve().parent.parent / "corpus" / r[0][3]).read_text(encoding="utf-8")
    start, end = int(r[0][4]), int(r[0][5])
    assert r[0][6][:4] == text[start:start + 4]
    assert end > start


def test_bad_query_gives_parser_message(graph):
    with pytest.raises(QueryError, match="expected"):
        run_query(graph, "SELECT ?x WHERE { ?x a }")


def test_formats(graph):
    res = run_query(graph, "ASK { ?s ?p ?o }")
    assert format_result(res) == "yes"
