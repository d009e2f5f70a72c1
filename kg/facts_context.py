"""What an article's figures are about and when: its topic (headline, introduced name, most-named park or place),
the year a figure speaks of, its period and its status (achieved, target, forecast)."""
from __future__ import annotations

import re

from .extract import SentenceAnalysis
from .model import Article
from .read import guess_year

PERIOD = re.compile(r"(前三季度|[一二三四]季度|上半年|下半年|全年|今年以来|年初以来|\d{1,2}(?:至|—|－|-|~)\d{1,2}月|"
                    r"截至\d{1,2}月底?)")
RELATIVE_YEAR = [("前年", -2), ("去年", -1), ("过去一年", -1), ("一年来", -1), ("上一年", -1), ("今年", 0), ("本年", 0),
                 ("目前", 0), ("现辖", 0), ("现有", 0), ("现已", 0), ("如今", 0), ("至今", 0), ("近日", 0), ("日前", 0), ("此次", 0), ("本次", 0), ("当天", 0)]  # 目前/现有: the time the article speaks from
DUE = re.compile(r"(?:\d{1,2}月)?(?:底|末|前)?[^，,；;。\d]{0,6}?(?:完成建设|建成|投产|竣工|交付|投用|达产)")
SINCE = re.compile(r"[^，,；;。]{0,10}?(?:以来|至今)")
STATUS = re.compile(r"(?P<target>力争|确保|计划|目标|争取|力求|努力|拟|预期目标|(?:到|至)20\d\d年(?:底|末)?)|(?P<forecast>预计|预期|有望|可实现|"
                    r"达产后|建成后|投产后|将达|将实现|将突破)|(?P<done>已经|已|截至|去年|目前|现已|完成率|(?<!力争)(?<!计划)(?<!确保)(?<!争取)(?<!预计)(?<!力求)完成)")
ASIDE = re.compile(r"[(（][^()（）]*[)）]")
PARK_WORD = re.compile(r"(?:集聚区|聚集区|产业园|工业园|科技园|园区|开发区|高新区|[\u4e00-\u9fff]开区|合作区|示范区|小镇)")
#: 经开区, 汽开区, 高开区: a development zone's short name (某某汽车经济技术开发区 → 某某汽开区)
DATELINE = re.compile(r"\d{1,2}月\d{1,2}日(?:电|讯)")  # 某地5月9日电: where the report was filed
#: a page's publication date in its header: 2022-01-03, 2024-2-18 20:56, 2022年10月10日15:11, 日期:2016-01-21, 2022\n12/28
PUBLISHED = re.compile(r"(?<![\d.])(20\d\d)(?:\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})|[ \t]*\n\s*(\d{1,2})/(\d{1,2}))(?![\d.])")
#: a year the text looks forward to (到2025年, 力争2025年, 2025年前): not the year it speaks from
FUTURE_YEAR = re.compile(r"(?:到|至|力争|争取|预计|计划|确保|目标|展望)(?:于|在|到)?(20\d\d)年|(20\d\d)年(?:前|以前|之前|目标|将)")


#: the year a ratio is taken against (是去年全年的10倍, 为2016年同期的3.1倍): a baseline, not the figure's year
RATIO_BASE = re.compile(r"(?:全年|同期|全年总量)?的?[\d.一二两三四五六七八九十]+倍")


def year_of(text: str, upto: int, article_year: int | None, context: int | None = None,
            published_on: tuple[int, int] | None = None) -> int | None:
    """The year a figure speaks of: the nearest stated year before it, or 今年/去年 against the article's year,
    or 这一年 (the year the text last spoke of); else the year carried from earlier in the paragraph. A date
    without a year (12月28日) later in the year than the publication date (1月3日) is of the year before."""
    best, pos = None, -1
    text = ASIDE.sub(lambda m: " " * len(m.group()), text[:upto])  # a year in a closed aside (…2022年…) stays there
    for m in re.finditer(r"(?<!\d)(20\d\d)年", text):
        if m.start() > pos and not re.match(r"(20\d\d)年的", text[m.start():m.start() + 6]) \
                and not RATIO_BASE.match(text, m.end()) \
                and text[max(0, m.start() - 1):m.start()] not in ("比", "较") \
                and not (DUE.match(text, m.end()) and re.search(r"[，,；;]", text[m.end():])
                         and re.search(r"(?:预计|计划|将|力争|有望|争取)(?:于|在)?$", text[max(0, m.start() - 4):m.start()])):
            # 较2022年前进1位: a baseline; 预计2028年完成建设，建成后预计年产值…: a completion date, not the figure's year
            best, pos = int(m.group(1)), m.start()
            if SINCE.match(text, m.end()) and article_year:
                best = article_year  # 自2016年挂牌以来…累计: a total to date, not the start year's figure
    for word, delta in RELATIVE_YEAR:
        i = text.rfind(word, 0, upto)
        if i > pos and article_year and text[i - 1:i] not in ("比", "较", "同", "于") \
                and not RATIO_BASE.match(text, i + len(word)):  # 比去年 / 是去年全年的10倍: a baseline
            since = delta and SINCE.match(text, i + len(word)) and "以来" in text[i:i + len(word) + 10]
            best, pos = article_year + (0 if since else delta), i  # 去年下半年以来: a total to date
    date = re.search(r"(?<![\d年])(\d{1,2})月(\d{1,2})日", text[:upto])  # 5月9日: the article's own year
    if date and date.start() > pos and article_year:
        later = published_on and (int(date.group(1)), int(date.group(2))) > (published_on[0], published_on[1] + 3)
        best, pos = article_year - 1 if later and int(date.group(1)) <= 12 else article_year, date.start()
    i = text.rfind("这一年", 0, upto)
    if i > pos and (context or article_year):
        best, pos = context or article_year - 1, i
    return best if best is not None else context


def topic_of(article: Article, analyses: list[SentenceAnalysis], keys: dict[int, str],
              types: dict[str, str], district: str | None) -> str | None:
    """What the article is about, for figures whose clause names nothing: the park, institute, project or place its
    headline opens with; without one, the park or place it names most (the district counted)."""
    count: dict[str, int] = {}
    inner: set[str] = set()  # places named right after their containing place (某市|某区 → 某区)
    for a in analyses:
        for m in a.mentions:
            if keys.get(id(m)) and types.get(keys[id(m)], m.type) in ("Park", "Place"):
                count[keys[id(m)]] = count.get(keys[id(m)], 0) + 1
                if any(o.end == m.start and o.type == "Place" for o in a.mentions):
                    inner.add(keys[id(m)])
    title = headline(article)
    heads = [a for a in analyses[:8] if title and a.sentence.text.strip()
             and (a.sentence.text.strip() in title or a.sentence.text.strip().startswith(title[:12]))]
    head = heads[0] if heads else None
    ms = [m for m in (head.mentions if head else []) if keys.get(id(m))
          and types.get(keys[id(m)], m.type) in ("Park", "Institute", "Project", "Place")
          and not DATELINE.match(head.sentence.text, m.end)
          and not any(o is not m and o.start <= m.start and m.end <= o.end for o in head.mentions)]
    named = [m for m in ms if m.type != "Place"]
    if named:  # the park, institute or project the headline opens with
        return keys[id(min(named, key=lambda m: m.start))]
    bare = "".join(" " if any(m.start <= i < m.end for m in h.mentions) else ch
                   for h in heads for i, ch in enumerate(h.sentence.text))
    kind = PARK_WORD.search(bare)
    if kind and not re.search(r"(?:全|各)(?:区|市|省|县|州)?[\u4e00-\u9fff]{0,4}$", bare[:kind.start()]):
        # 某市再增一个省级产业集聚区: a park the headline names by its kind only (全区产业园区…: all of them, none)
        lead = [keys[id(m)] for a in analyses[:8] if a not in heads for m in a.mentions
                if keys.get(id(m)) and types.get(keys[id(m)], m.type) == "Park"]
        if lead:
            return max(dict.fromkeys(lead), key=lambda k: (count.get(k, 0), -lead.index(k)))
    if ms:  # else its place the article names most (a chain of places counts for its last, 某市|某区 → 某区)
        inner_ms = [m for m in ms if not any(o.type == "Place" and o.start == m.end for o in ms)]
        return keys[id(max(inner_ms, key=lambda m: (count.get(keys[id(m)], 0), -m.start)))]
    for a in analyses:  # 某开发区（以下简称“某区”）: the name an article introduces is what it is about
        for m in a.mentions:
            if keys.get(id(m)) and types.get(keys[id(m)], m.type) in ("Park", "Institute", "Project", "Place") \
                    and re.match(r"[(（](?:以下)?简称", a.sentence.text[m.end:m.end + 5]):
                return keys[id(m)]
    if not count:
        return district
    best = max(count, key=lambda k: (count[k], k == district, k in inner))
    parks = [k for k in count if types.get(k) == "Park"]
    park = max(parks, key=lambda k: (count[k], k)) if parks else None
    if park and count[park] >= 2 and 2 * count[park] >= count[best]:
        return park  # a park named again and again is what the article is about, not its region
    return district if district and count.get(district, 0) >= count[best] else best


def usual_year(text: str) -> int | None:
    """The year the text states most often (at least twice), publication dates (2021年6月30日) left out."""
    years = [int(m.group(1)) for m in re.finditer(r"(?<!\d)(20\d\d)年(?!\d{1,2}月\d{1,2}日)", text)]
    best = max(set(years), key=lambda y: (years.count(y), y)) if years else None
    if best is not None and years.count(best) >= 2:
        return best
    return None


def opening_year(text: str, ref: int | None) -> int | None:
    """The year a text opens its first paragraph with (a bulletin's `2017年，全区…` under a header dated 2018年5月2日): the
    year it tells of, when earlier than the year it speaks from."""
    body = next((line for line in text.splitlines()[:30] if len(line.strip()) >= 60), "")  # its first paragraph
    m = re.match(r"\s*(20\d\d)年(?:度|全年)?[，,]", body)
    return int(m.group(1)) if m and ref and int(m.group(1)) < ref else None


def published(text: str) -> tuple[int, int, int] | None:
    """The publication date a page states in its header (its first lines), as (year, month, day)."""
    for m in PUBLISHED.finditer(text[:500]):
        y, mo, d = int(m.group(1)), int(m.group(2) or m.group(4)), int(m.group(3) or m.group(5))
        if 1 <= mo <= 12 and 1 <= d <= 31:
            return y, mo, d
    m = re.search(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(20\d\d)(?!\d)", text[:400])  # 12.05.2020
    if m and 1 <= int(m.group(2)) <= 12:
        return int(m.group(3)), int(m.group(2)), int(m.group(1))
    return None


def reference_year(article: Article) -> int | None:
    """The year the article speaks from (今年, 去年 and bare dates count from it): its publication date, else
    the latest year it names that it does not look forward to (到2025年…); metadata's year first."""
    if article.year is not None and article.year != guess_year(article.text):
        return article.year  # the collection's metadata says so
    pub = published(article.text)
    if pub:  # 2022-01-03 …12月28日，…: a report filed after the year it tells of
        date = re.search(r"(?<![\d年])(\d{1,2})月(\d{1,2})日", article.text[article.text.find(str(pub[0])) + 4:])
        later = date and 1 <= int(date.group(1)) <= 12 and (int(date.group(1)), int(date.group(2))) > (pub[1], pub[2] + 3)
        return pub[0] - 1 if later else pub[0]
    years = [int(y) for y in re.findall(r"(?<!\d)(20\d\d)\s?年", FUTURE_YEAR.sub(" ", article.text))]
    if years:
        return max(years) + (1 if looks_back(article.text, max(years)) else 0)
    editions = [int(y) for y in re.findall(r"(?<![\d.])(20\d\d)(?=[\u4e00-\u9fff])(?![年万亿千百余多元亩人家个吨平米辆台套户名条座所])",
                                           article.text)]  # not 2000万以上
    return max(editions) if editions else article.year  # 2024招商引资年: the edition year of the event reported


#: a year the text only looks back on: a baseline (比2016年, 是2016年全年的3.1倍) or a year's completed results
#: (2010年工业总产值572.8亿元, 2016年，全市研发投入达到113亿元)
PAST_YEAR = re.compile(r"(?:比|较|是|同|与|相比|超过)(?P<a>20\d\d)年|(?P<b>20\d\d)年(?:全年|同期)?的[\d.]+倍|"
                       r"(?<![到至争计预])(?P<c>20\d\d)年(?:全年|度)?[，,]?(?![^，,。；;]{0,12}?(?:计划|力争|预计|将|拟|目标|争取|要))"
                       r"[^，,。；;]{0,24}?(?:实现|完成|达到?|突破)?[\d.]+[万亿]?元")
NOW = re.compile(r"今年|目前|近日|日前|当天|(?<![\d年])\d{1,2}月\d{1,2}日")


def looks_back(text: str, year: int) -> bool:
    """The latest year a text names is one it looks back on (every mention a baseline or a completed year's
    results) while it speaks of now (今年, 近日, a date without a year): it was written the year after."""
    said = [m for m in re.finditer(rf"(?<!\d){year}\s?年", text)]
    past = {m.start(g) for m in PAST_YEAR.finditer(text) for g in "abc" if m.group(g) == str(year)}
    return bool(said) and all(m.start() in past for m in said) and bool(NOW.search(text))


CHROME = re.compile(r"[>›|]|当前位置|首页|首頁|来源|來源|版[:：]|logo|返回|责任编辑|責任編輯|字号|打印|分享|记者|記者|通讯员|通訊員")
#: a site's name, a page's furniture, a bare date: never a headline, not even for want of one
SITE = re.compile(r"门户网站|网站|數字報|数字报|主办|股票代码|热线|上一篇|下一篇|资料图片|评论|放大|缩小|为您提供|\+\s*$|"
                    r"^\s*20\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?\s*(?:星期.)?\s*$")
#: a menu bar: four or more short links side by side (今日某省 甲市 乙市 丙市…, 购物 交友 相册 论坛)
MENU = re.compile(r"^\s*(?:\S{1,8}[ \t\u3000]+){3,}\S{1,8}\s*$")


def chrome(line: str) -> bool:
    """Site chrome rather than a headline: a breadcrumb, a byline, a site's name, a bare date, a menu bar."""
    return bool(CHROME.search(line) or SITE.search(line) or MENU.match(line))


def headline(article: Article) -> str:
    """The page's headline: the first short line that is not site chrome (当前位置 > 首页 > 正文, 第A02版, 来源…);
    the metadata's title when it gives one."""
    title = article.title.strip()
    if title and not chrome(title):
        return title
    for line in article.text.splitlines()[:15]:
        line = line.strip()
        if 6 <= len(line) <= 60 and not chrome(line) and not re.search(r"\d{1,2}:\d\d", line):
            return line
    return "" if SITE.search(title) or MENU.match(title) else title  # a lead with a byline, else none


def title_year(article: Article) -> int | None:
    """A year the headline states (2020年…统计公报): the year its figures are for."""
    m = re.search(r"(?<!\d)(20\d\d)年", headline(article))
    return int(m.group(1)) if m else None


def status_at(text: str, pos: int) -> str:
    found = list(STATUS.finditer(text, 0, pos))
    if not found:
        return "achieved"
    last = found[-1]
    return "target" if last.group("target") else "forecast" if last.group("forecast") else "achieved"


def period_at(text: str, pos: int) -> str:
    found = list(PERIOD.finditer(text, 0, pos))
    return found[-1].group() if found else ""
