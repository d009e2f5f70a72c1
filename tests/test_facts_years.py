"""The year a figure speaks of on real pages: the publication date in the header, a report filed after the year
it tells of, years the text only looks forward to (invented headers and sentences)."""
from __future__ import annotations

import pytest

from kg.facts_context import published, reference_year, year_of
from kg.model import Article


@pytest.mark.parametrize("text, expected", [
    ("新闻\n某园区项目集中签约\n2021\n11/30\n09:12\n\n正文", (2021, 11, 30)),
    ("某某网\n\n某区召开大会\n\n2023-3-9  10:11:12   来源: 某报\n\n正文", (2023, 3, 9)),
    ("来源:未知 日期:2015-06-02 08:00\n【概况】正文", (2015, 6, 2)),
    ("2019年11月5日09:30 | 来源：某网\n正文", (2019, 11, 5)),
    ("新闻发布 [2020-01-04 10:29] 翻译\n正文", (2020, 1, 4)),
    ("发布时间 07.05.2018\n正文", (2018, 5, 7)),
    ("某区去年实现地区生产总值300亿元。", None),
    ("某区签约项目2020个，总投资1-2月增长。", None),
])
def test_publication_date_in_header(text, expected):
    assert published(text) == expected


def _article(text: str, year: int | None = None) -> Article:
    from kg.read import guess_year
    return Article(doc_id="x.txt", path="x.txt", text=text, original=text, encoding="utf-8",
                   title=text.split("\n")[0], year=year if year is not None else guess_year(text))


@pytest.mark.parametrize("text, expected", [
    # the header's date is the year the article speaks from
    ("某区大会\n2019-04-02 10:00\n今年，某区计划实施项目20个。到2025年，产值突破千亿。", 2019),
    # a report filed on 2 January about 27 December
    ("某区观摩会\n[2020-01-02 09:00]\n12月27日，某区举行项目观摩会。今年以来签约项目8个。", 2019),
    # no header date: the latest year it names, not one it only looks forward to
    ("3月2日，某区召开2017年项目建设大会。到2020年，某区力争产值千亿。", 2017),
    ("某区2016年产值300亿元，力争2022年突破600亿元，2021年前建成新城。", 2016),
    # no year written with 年: the edition year of the event reported
    ("1日，某市举办2024招商引资年首场签约活动。", 2024),
    ("7月25日，某区举办2021科技成果对接周活动。", 2021),
    ("某区落实“智造2030”行动。", None),
])
def test_reference_year(text, expected):
    assert reference_year(_article(text)) == expected


def test_metadata_year_wins():
    assert reference_year(_article("某区大会\n2019-04-02 10:00\n今年，某区签约项目5个。", year=2018)) == 2018


@pytest.mark.parametrize("sentence, year, published_on, expected", [
    ("12月26日，某区签约项目9个", 2021, (1, 5), 2020),  # later in the year than the page's date: the year before
    ("1月3日，某区签约项目9个", 2021, (1, 5), 2021),
    ("5月9日，某区签约项目9个", 2021, None, 2021),
    ("去年，某区产值300亿元", 2021, (2, 1), 2020),
    ("自2016年挂牌以来，某园累计注册企业6000家", 2025, None, 2025),  # a total to date
    ("某公司2005年合资以来累计投资300亿元", 2024, None, 2024),
    ("2010年3月升级为国家级开发区。现辖3个乡镇", 2016, None, 2016),  # 现辖: now
    ("2010年，某区产值300亿元", 2016, None, 2010),
])
def test_bare_date_against_publication(sentence, year, published_on, expected):
    assert year_of(sentence, len(sentence), year, None, published_on) == expected


@pytest.mark.parametrize("sentence", ["近日，某区位列百强榜第29位", "日前，某区签约项目9个", "此次签约项目21个"])
def test_now_words_speak_of_the_article_year_not_the_paragraph_year(sentence):
    assert year_of(sentence, len(sentence), 2023, 2022) == 2023


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from kg.build import build

    d = tmp_path_factory.mktemp("years_corpus")
    (d / "late.txt").write_text("滨江区项目观摩会举行\n\n[2020-01-03 09:29]\n\n12月28日，杭州市滨江区举行项目观摩会。\n\n"
                                "今年以来，滨江区签约项目16个，总投资297.4亿元。\n", encoding="utf-8")
    (d / "future.txt").write_text("2月20日，杭州市滨江区召开2017年重点项目推进会。\n今年，滨江区计划实施超亿元项目56个。\n"
                                  "去年，滨江区生产总值完成567.6亿元。到2020年，滨江区力争生产总值达到1000亿元。\n",
                                  encoding="utf-8")
    (d / "review.txt").write_text("滨江区召开新春大会\n\n2024-2-18  20:56:43\n\n2月18日，杭州市滨江区召开2024年发展大会，部署2024年"
                                 "重点任务。\n\n回顾2023年，滨江区各项工作取得新突破。\n\n经济增长拼出新成效。地区生产总值增长"
                                 "7.5%，规上工业增加值增长12.6%。\n\n2024年，滨江区力争地区生产总值增长8.5%。\n",
                                 encoding="utf-8")
    res = build(d, tmp_path_factory.mktemp("years_out"))
    out = {(f.evidence.doc_id, f.measure, round(f.value)): f.year for f in res.facts}
    out.update({("number", f.evidence.doc_id, f.measure, f.number): f.year for f in res.facts})
    return out


@pytest.mark.parametrize("doc, measure, value, year", [
    ("late.txt", "签约项目数", 16, 2019),
    ("late.txt", "总投资", round(297.4e8), 2019),
    ("future.txt", "实施超亿元项目数", 56, 2017),
    ("future.txt", "生产总值", round(567.6e8), 2016),
    ("future.txt", "生产总值", round(1000e8), 2020),
])
def test_years_in_built_articles(built, doc, measure, value, year):
    assert built.get((doc, measure, value)) == year, built


@pytest.mark.parametrize("measure, number, year", [
    # 回顾2023年，…: the paragraphs of the review speak of 2023, until a year is named again
    ("地区生产总值", 7.5, 2023),
    ("规上工业增加值", 12.6, 2023),
    ("地区生产总值", 8.5, 2024),
])
def test_a_review_year_carries_over_its_paragraphs(built, measure, number, year):
    assert built.get(("number", "review.txt", measure, number)) == year, built


@pytest.mark.parametrize("sentence, expected", [
    ("今年以来，全区新洽谈项目227个，是去年全年的4倍多；签署协议项目31个", 2014),  # 去年全年的4倍: a baseline
    ("签订意向项目40个，是2013年全年的8倍", None),  # an explicit year a ratio is taken against: none either
    ("去年，全区签订意向项目40个", 2013),  # a year the figure is of
    ("实际利用外资2.1亿美元，为去年同期的1.5倍", None),
])
def test_a_ratio_baseline_is_not_the_year(sentence, expected):
    assert year_of(sentence, len(sentence), 2014, None, None) == expected
