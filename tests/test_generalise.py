"""The mechanisms built against real articles (names, salience, co-building, brands), on sentences written for
the test: invented names, real constructions."""
import os
import tempfile
from pathlib import Path

import pytest

from kg.build import build_graph
from kg.cache import AnalysisCache
from kg.extract import analyse, clean_name
from kg.model import Article
from kg.tag import get_tagger


def _article(text, district=""):
    return Article(doc_id="t.txt", path="t.txt", text=text, original=text, encoding="utf-8", district=district)


def mentions(text):
    """The rules' names (before the trained filter, whose doubts on one invented sentence say little)."""
    return {(clean_name(m.text), m.type) for s in analyse(_article(text), get_tagger(), filtered=False) for m in s.mentions}


def relations(text):
    """The rules' relations (the trained mention filter off: its doubts on one invented sentence say little)."""
    a = _article(text)
    old = os.environ.get("KG_MENTION_MODEL")
    os.environ["KG_MENTION_MODEL"] = ""
    try:
        with tempfile.TemporaryDirectory() as d:
            res, quads = build_graph([a], cache=AnalysisCache(Path(d)))
            for _q in quads():  # the relations are made as the quads are streamed
                pass
    finally:
        if old is None:
            del os.environ["KG_MENTION_MODEL"]
        else:
            os.environ["KG_MENTION_MODEL"] = old
    name = {k: e.name for k, e in res.entities.items()}
    return {(name[r.subject], r.predicate, name[r.object]) for r in res.relations}


@pytest.mark.parametrize("text,expected", [
    # verbs, conjunctions, digits, Latin letters and brackets inside a name
    ("江澜市模具和关键零部件制造产业园项目总投资12亿元。", ("江澜市模具和关键零部件制造产业园项目", "Project")),
    ("开工项目包括华朔集团临江工业区26号B地块项目。", ("华朔集团临江工业区26号B地块项目", "Project")),
    ("同时开工的还有滨溪大道(青苇路-长汀大道)工程。", ("滨溪大道(青苇路-长汀大道)工程", "Project")),
    ("江澜市第一人民医院新建工程顺利推进。", ("江澜市第一人民医院新建工程", "Project")),
    ("韩国NVK柔性透明OLED项目签约落户。", ("韩国NVK柔性透明OLED项目", "Project")),
    ("江澜时代7—10期项目开工。", ("江澜时代7—10期项目", "Project")),
    # heads of real platforms
    ("江澜三溪新区、江澜智谷和江澜总部经济区是重要平台。", ("江澜三溪新区", "Park")),
    ("江澜三溪新区、江澜智谷和江澜总部经济区是重要平台。", ("江澜智谷", "Park")),
    # a lead-in verb, a byline or a description is not part of the name
    ("公司布局江澜智能制造产业园。", ("江澜智能制造产业园", "Park")),
    ("借助江澜创业园的平台优势，企业快速成长。", ("江澜创业园", "Park")),
    ("华朔集团与江澜市政府签约共建江澜新能源研究院。", ("江澜新能源研究院", "Institute")),
    ("行业领军企业华朔集团投资建设新工厂。", ("华朔集团", "Company")),
    # names known by what is said of them: subjects of project verbs, items of a counted colon list
    ("岚溪绿色植保、澄岳新材料一期落地开工。", ("岚溪绿色植保", "Project")),
    ("其中澜岳园区3个：格岚汽车零部件、澄岳智能装备、岚溪生物。", ("格岚汽车零部件", "Project")),
    # a short company name is a brand and its trade
    ("园区引进了澜岳锆业、华朔机器人、岚溪眼镜等企业。", ("华朔机器人", "Company")),
    ("园区引进了澜岳锆业、华朔机器人、岚溪眼镜等企业。", ("岚溪眼镜", "Company")),
    ("其中，华朔工贸投资建设新厂房。", ("华朔工贸", "Company")),
    ("澜岳科技攻克关键核心技术，上市进程加速推进。", ("澜岳科技", "Company")),
    # plain-worded items of an enumeration of named projects
    ("招商项目包括江澜AI+创新中心项目、澜纺新料升级项目等。", ("澜纺新料升级项目", "Project")),
    # capacities, phases and parts in brackets
    ("签约年产260万平方米岩棉复合板生产项目。", ("年产260万平方米岩棉复合板生产项目", "Project")),
    ("江澜高新区(南区)基础设施建设提速。", ("江澜高新区(南区)", "Park")),
    # a company, a counted capacity and a product make one project name
    ("工业类项目分别是华朔医药胶囊有限公司350亿粒空心胶囊生产技术改造项目、澜岳鞋业有限公司年产200万双女鞋建设项目。",
     ("华朔医药胶囊有限公司350亿粒空心胶囊生产技术改造项目", "Project")),
    # a list closed by a description ending in 的…项目
    ("既有华朔动力电池、澜岳16GW电池、岚溪冰箱等投资体量大、技术含量高的主导产业重大项目。", ("岚溪冰箱", "Project")),
    # a counted list whose category carries a rank (N个世界500强项目)
    ("项目包括华朔发动机、澜岳机车、岚溪医药、澄岳控股4个世界500强项目。", ("澜岳机车", "Project")),
    # heads of real institutes and works
    ("江澜市科创中心与华朔技术转移中心签约。", ("华朔技术转移中心", "Institute")),
    ("江澜市第一中学新建工程和岚溪风电场开工。", ("岚溪风电场", "Project")),
    # a college is an institute
    ("江澜职业技术学院与华朔集团签约。", ("江澜职业技术学院", "Institute")),
    # a bracketed place the tagger glued to the head: 某某科技(某市)|)有限公司
    ("投资1.5亿元的澜岳光伏科技(洛阳)有限公司年产300兆瓦组件项目开工。", ("澜岳光伏科技(洛阳)有限公司", "Company")),
    # each item of a list carries its own amount; a community built as a project is a project
    ("主要有投资10亿元的江澜县青禾嘉苑社区、投资8亿元的华朔置业锦园等项目。", ("江澜县青禾嘉苑社区", "Project")),
    ("主要有投资10亿元的江澜县青禾嘉苑社区、投资8亿元的华朔置业锦园等项目。", ("华朔置业锦园", "Project")),
    # a company written right before a project's own name is part of it
    ("华朔精密制造有限公司大型冲压模具生产项目开工。", ("华朔精密制造有限公司大型冲压模具生产项目", "Project")),
    ("位于江澜经开区的华朔日化有限公司年产5亿包湿巾建设项目正加快推进。", ("华朔日化有限公司年产5亿包湿巾建设项目", "Project")),
    # 暨 joins two names of one undertaking
    ("华朔集团全球总部暨华东区域总部项目总投资15亿元。", ("华朔集团全球总部暨华东区域总部项目", "Project")),
    # a part of a zone named after it
    ("项目落地江澜产业新城核心区。", ("江澜产业新城核心区", "Park")),
    # roads by their short names, a lab by its field and rank
    ("绵澜高速建成通车，岚岳高速加快推进。", ("岚岳高速", "Project")),
    ("青禾催化转化全国重点实验室揭牌。", ("青禾催化转化全国重点实验室", "Institute")),
    # a province's short name opens an institute's name; written in full it names a kind (某省技术创新中心)
    ("河南产业技术研究院院长出席。", ("河南产业技术研究院", "Institute")),
    ("双重使命的北京协同创新研究院28日成立。", ("北京协同创新研究院", "Institute")),
    # a run of building verbs before the head belongs to the name
    ("由江澜华朔木业有限公司投资的华朔木业搬迁扩建项目开工。", ("华朔木业搬迁扩建项目", "Project")),
    # divisions renamed since the older adcode table, and an autonomous county without its ethnic names
    ("成都市郫都区今年新签约项目12个。", ("郫都区", "Place")),
    ("镇宁自治县今年开工项目9个。", ("镇宁自治县", "Place")),
    # list items: two names joined by 与, a verb or 'such as' before the first one, a village before a firm
    ("助力江澜海洋实验室与澜岳触媒、华朔技术等重点企业共建研发中心。", ("澜岳触媒", "Company")),
    ("并携手澜岳科技、华朔网络等众多算力企业。", ("澜岳科技", "Company")),
    ("同步动工的还有青禾村澜岳电子科技有限公司制造项目。", ("澜岳电子科技有限公司", "Company")),
    # 对 and a country opening a zone's name belong to it
    ("目前江澜对俄经济技术开发区已完成投资。", ("江澜对俄经济技术开发区", "Park")),
    ("将江澜新城区、对俄贸易工业园区合并。", ("对俄贸易工业园区", "Park")),
    # products enumerated inside one project's name, a capacity before them
    ("集中开工华朔化工年产20万吨CPE、30万吨聚合氯化铝项目。", ("华朔化工年产20万吨CPE、30万吨聚合氯化铝项目", "Project")),
    # bodies of the state by their usual short heads
    ("江澜市政协、江澜市人大常委会等部门领导出席。", ("江澜市政协", "GovernmentBody")),
    ("据江澜市发改委统计，项目进展顺利。", ("江澜市发改委", "GovernmentBody")),
    # a designation conferred on a zone, listed after an award verb
    ("江澜开发区先后被评为国家新型工业化产业示范基地、国家低碳工业园区试点。", ("国家低碳工业园区试点", "Award")),
    ("高新区获批国家级绿色工业园区。", ("国家级绿色工业园区", "Award")),
    # a project named after its owner: the name before a place, a capacity or after 集团 is the company
    ("澜岳光能青海基地全产业链项目全面贯通。", ("澜岳光能", "Company")),
    ("澜岳神鹰年产2.5万吨碳纤维项目全面投产。", ("澜岳神鹰", "Company")),
    ("华朔集团智能网联汽车开发与产业化项目开工。", ("华朔集团", "Company")),
    # the works of firms are projects: the category's last word types the list
    ("其中，澜岳风电二期、青禾镇民宿建设等9个企业投资项目总投资31亿元。", ("青禾镇民宿建设", "Project")),
    # a verb after an adverb governs the list; it is not part of the first name
    ("同时积极跟进华朔·澜岳新能源汽车小镇、高原微藻应用等项目。", ("华朔·澜岳新能源汽车小镇", "Park")),
    # the bare word for the zone before a name that opens with a place: where it is, not its name
    ("这次观摩了开发区甘肃澜岳电气产品试验研究基地、华朔电气产业园两个项目。", ("甘肃澜岳电气产品试验研究基地", "Institute")),
    # a region whose seat is bracketed opens a zone's name
    ("2月25日，西部(江澜)科学城岚溪片区21个重大项目开工。", ("西部(江澜)科学城岚溪片区", "Park")),
    ("当日开工的西部(江澜)科学城先进数据中心项目总投资20亿元。", ("西部(江澜)科学城先进数据中心项目", "Project")),
    # a government glued to its partner's name, an anaphor or 即 before a name: not part of it
    ("为加快建设楚江现代农业示范区，楚江州人民政府中国农业科学院华朔果树研究所签订合作协议。",
     ("中国农业科学院华朔果树研究所", "Institute")),
    ("该县华朔空港经济区大力发展休闲食品。", ("华朔空港经济区", "Park")),
    ("多点，即华朔开发区等六个产业园区。", ("华朔开发区", "Park")),
    # a rank in the list's category is no count: 等世界500强企业
    ("园区已集聚澜岳、华朔、GE、BOSCH等世界500强外商投资企业。", ("BOSCH", "Company")),
    # an academy's institutes by their short names: a place and a clipped field before 所
    ("我市支持湖州兽研所建设病原研究中心，推进嘉兴牧药所与华朔集团共建研发中心。", ("湖州兽研所", "Institute")),
    ("我市支持湖州兽研所建设病原研究中心，推进嘉兴牧药所与华朔集团共建研发中心。", ("嘉兴牧药所", "Institute")),
    ("由中科院上海应物所与华朔公司共同成立的澜岳医药科技有限公司揭牌。", ("中科院上海应物所", "Institute")),
    ("该项目由华朔重工公司与韩国澜岳机械工业株式会社合资建设。", ("韩国澜岳机械工业株式会社", "Company")),
    # a park named right after a development zone is its own name (and lies in the zone)
    ("首批项目开工活动在湖州经济技术开发区北方澜岳国际生物医药科技产业园举行。", ("北方澜岳国际生物医药科技产业园", "Park")),
    # the parts of a zone listed before 片区 are zones, whatever their own head
    ("在核心片区，重点打造澜岳综合服务区、华朔先进制造集聚区、青禾未来产业示范区和澜溪生态活力区四大产业片区。",
     ("澜岳综合服务区", "Park")),
    # a county before an owner's brand in a list of projects is where the project is, not the company's name
    ("德清县华朔年产50万吨再生铝加工项目开工。", ("华朔", "Company")),
    # a build verb after the owner's name (某某钛业|新建项目) marks the owner too
    ("华朔钛业新建项目顺利投产。", ("华朔钛业", "Company")),
    # a subject ends at its name: the verb after it is the predicate
    ("华朔新型节能建筑材料项目进入竣工收尾阶段。", ("华朔新型节能建筑材料项目", "Project")),
    # autonomous prefectures by their short form, and a full name the tagger cut in two
    ("湘西州、伊犁州今年开工项目12个。", ("伊犁州", "Place")),
    ("3月20日，巴里坤哈萨克自治县总投资12亿元的项目集中开工。", ("巴里坤哈萨克自治县", "Place")),
    # a long compound the tagger took for a verb stays in the name; heads of computing centres and canals
    ("总投资77亿元的澜岳抽水蓄能电站项目可行性研究报告已提交。", ("澜岳抽水蓄能电站项目", "Project")),
    ("华朔移动江澜智算中心建成运营。", ("华朔移动江澜智算中心", "Project")),
    ("新城将依托澜岳运河加强产业联动发展。", ("澜岳运河", "Project")),
    # airports, production lines, resettlement housing and water works are undertakings
    ("澜岳三荷机场改扩建加快推进。", ("澜岳三荷机场", "Project")),
    ("江澜新城安置房七期开工。", ("江澜新城安置房七期", "Project")),
    # governing verbs before a name (代表, 已有, 现有, 开复工), a group glued to 旗下, an inch written 吋
    ("其中，动工项目代表华朔智能服务机器人研发制造产业基地项目总投资超过10亿元。",
     ("华朔智能服务机器人研发制造产业基地项目", "Project")),
    ("江澜园区现有澜岳综合保税区、华朔铁路集装箱中心站等平台。", ("澜岳综合保税区", "Park")),
    ("澜岳百货是华朔集团旗下江澜百联资产控股有限公司投资建设的。", ("江澜百联资产控股有限公司", "Company")),
    ("江澜澜岳微电12吋特色工艺晶圆生产线项目总投资170亿元。", ("江澜澜岳微电12吋特色工艺晶圆生产线项目", "Project")),
    # a superlative before a name is a description
    ("国内首条8英寸MEMS研发中试线竣工投产。", ("8英寸MEMS研发中试线", "Project")),
    # a company glued by the tagger to its description before it or to what is measured of it after it
    ("新能源龙头企业华朔集团此次将生产基地落户江澜。", ("华朔集团", "Company")),
    # a verb opening a clause governs its subjects and is not part of the first one
    ("依托澜岳科技、华朔电子建成全球重要生产基地。", ("澜岳科技", "Company")),
    # items of a list whose closer 等 the tagger glued to the last one
    ("这些企业中，不乏澜岳、华朔等高科技公司。", ("华朔", "Company")),
    # zone heads of the abbreviated kind
    ("江澜汽开区今年新签约项目12个。", ("江澜汽开区", "Park")),
    ("项目位于江澜自贸临空区。", ("江澜自贸临空区", "Park")),
])
def test_name_spans(text, expected):
    assert expected in mentions(text)


@pytest.mark.parametrize("text,wrong", [
    ("德清县华朔年产50万吨再生铝加工项目开工。", "德清县华朔"),
    ("这些企业中，不乏澜岳、华朔等高科技公司。", "华朔等高科技公司"),
    ("华朔新型节能建筑材料项目进入竣工收尾阶段。", "华朔新型节能建筑材料项目进入"),
    ("华朔资产管理有限公司江澜项目负责人说。", "华朔资产管理有限公司江澜项目"),
    ("一批牵引性项目加快建设。", "牵引性项目"),
    ("推进同城化一体化项目建设。", "同城化一体化项目"),
    ("江澜市委副书记、市长王澜率项目观摩组到开发区检查。", "市长王澜率项目"),
    ("截至23日，经开区(澜岳区)开复工项目达150个。", "经开区(澜岳区)开复工项目"),
    ("江澜学子创业园项目8条产线已建成投产。", "江澜学子创业园项目8条产线"),
    ("国际地区货邮吞吐量占机场总量的比重提高。", "国际地区货邮吞吐量占机场"),
    ("作为江澜加快建设数字经济发展创新区的核心区，华朔新区工业投资增长。", "数字经济发展创新区的核心区"),
    ("全国最大的澜岳智算中心建成。", "全国最大的澜岳智算中心"),
    ("江澜规划大项目有序推进。", "江澜规划大项目"),
    ("记者王澜摄项目集中开工仪式现场。", "记者王澜摄项目"),
    ("前往北京派出所办理手续，他是该所所长。", "北京派出所"),
    ("徐州大院大所合作成效明显。", "徐州大院大所"),
    ("本报讯(记者 王某)江澜新区重大项目集中开工。", "本报讯(记者王某)江澜新区重大项目"),
    ("公司布局江澜智能制造产业园。", "公司布局江澜智能制造产业园"),
    ("江澜示范区组织开展项目集中开工活动。", "江澜示范区组织开展项目"),
    ("全区新开工重点项目12个。", "新开工重点项目"),
    ("努力在抢抓机遇上项目。", "机遇上项目"),
    ("强化招商引项目、优化环境争项目。", "强化招商引项目"),
    ("分为外资类、载体类等项目。", "外资类"),
    ("国家级经开区综合发展水平考核结果公布。", "国家级经开区"),
    ("努力建成国家一流经济技术开发区。", "国家一流经济技术开发区"),
    ("跻身自治区级工业园区行列。", "自治区级工业园区"),
    ("镇党委书记李澜，镇党委副书记、镇长韩岳等领导共同启动四个重点项目建设。", "镇长韩岳"),
    ("带动日照市500多家、全省1000多家等企业发展。", "日照市500多家"),
    ("新城区委书记王澜出席。", "新城区委书记"),
    ("辖区华朔钼业集团有限公司获得称号。", "辖区华朔钼业集团有限公司"),
    ("建设国际一流大学和区域创新中心，争创省实验室。", "区域创新中心"),
    ("建设国际一流大学和区域创新中心，争创省实验室。", "省实验室"),
    ("涉及公共配套设施、安置房建设等项目。", "公共配套设施"),
    ("行业领军企业华朔集团投资建设新工厂。", "行业领军企业华朔集团"),
    ("江澜区产业发展大会暨重点项目签约仪式举行。", "江澜区产业发展大会暨重点项目"),
    ("打造一小时高速交通圈。", "一小时高速"),
    ("中国移动通信集团江澜有限公司中国联通(江澜)数据中心工程项目开工。", "中国移动通信集团江澜有限公司中国联通(江澜)数据中心工程项目"),
    ("江澜市是澜岳港核心区所在地。", "澜岳港核心区"),
    ("宁波新材料年产10万吨项目开工。", "宁波新材料"),  # a place and an industry are not an owner
    ("获批安徽省技术创新中心。", "安徽省技术创新中心"),
    ("华朔智能工厂二期项目开工。", "华朔"),  # a brand before an unquoted facility is left to the owner rule
    ("吴兴区重点项目顺利开工。", "吴兴区重点项目"),  # a place and a kind in the subject's place
    ("探索总院+专业研究院的模式。", "总院+专业研究院"),  # a model of organisation, not a name
    ("签约了江澜新区、华朔产业园项目。", "江澜新区、华朔产业园项目"),  # two names, no capacity: a list
    ("吴兴区一批重大项目集中开工。", "吴兴区一批重大项目"),
    ("其中：德清县丰禾米业冷链物流、华朔自动化技改、澜岳茶场等21个项目集中开工。", "德清县丰禾米业冷链物流"),
    # a phase in brackets belongs to the project's name: no brand ends at its bracket
    ("华朔智能电动汽车产业园区、澜岳安徽新能源汽车生产基地(一期)及研发中心项目等项目签约落地。", "澜岳安徽新能源汽车生产基地("),
])
def test_spans_do_not_swallow(text, wrong):
    assert all(name != wrong for name, _ in mentions(text))


def _more_relations():
    return [
        # the parties before 三方 / the pair before 双方 build what the sentence builds
        ("江澜经济技术开发区管理委员会、江澜职业技术学院、澜岳科技大学三方，联合华朔数控等企业合作共建江澜智能制造产业技术创新研究院。",
         ("江澜职业技术学院", "operates", "江澜智能制造产业技术创新研究院")),
        # A与B共建X: A builds it too
        ("会上，华朔研究院与江澜市政府共同建设江澜新材料研究院。", ("华朔研究院", "operates", "江澜新材料研究院")),
        # 在Y，X项目建设工地上: the site lies in Y and in the zone its name starts with
        ("在江澜经济技术开发区岚溪产业园，华朔硅业有限公司年产20万吨工业硅项目建设工地上，机械来回穿梭。",
         ("华朔硅业有限公司年产20万吨工业硅项目", "locatedIn", "江澜经济技术开发区")),
        # 某某开发区(以下简称“某某经开区”): the short name stands for the full one
        ("江澜经济技术开发区(以下简称“江澜经开区”)成立于1992年。今年，江澜经开区引进了华朔科技有限公司、澜岳新材料有限公司等企业。",
         ("江澜经济技术开发区", "hosts", "华朔科技有限公司")),
        # the holder opening a clause, glued to the first item of its list, hosts every item
        ("其中：德清县丰禾米业冷链物流、华朔自动化技改、澜岳茶场等21个项目集中开工。", ("德清县", "hosts", "丰禾米业冷链物流")),
        ("其中：德清县丰禾米业冷链物流、华朔自动化技改、澜岳茶场等21项目集中开工。", ("德清县", "hosts", "华朔自动化技改")),
        # a branch or a school named after its university or academy is part of it
        ("该研究院将依托江澜大学物理学院开展科研攻关。", ("江澜大学物理学院", "partOf", "江澜大学")),
        ("市长同中国科学院华朔分院党组书记一起揭牌。", ("中国科学院华朔分院", "partOf", "中国科学院")),
        # the owner a project is named after builds it
        ("澜岳神鹰年产2.5万吨碳纤维项目全面投产。", ("澜岳神鹰", "investsIn", "澜岳神鹰年产2.5万吨碳纤维项目")),
        # a part of a zone named after it is part of the zone
        ("华朔新材料项目落地江澜产业新城核心区。", ("江澜产业新城核心区", "partOf", "江澜产业新城")),
        # a firm the article names that opens a project's name builds it, wherever the sentence names it
        ("华朔科技有限公司(以下简称“华朔科技”)今年扩产。同期开工的还有华朔科技高端激光设备研发生产基地项目。",
         ("华朔科技有限公司", "investsIn", "华朔科技高端激光设备研发生产基地项目")),
        # two zones joined by a dot: the second lies in the first, and is what the paragraph reports
        ("7月20日，澜岳新区·华朔经开区举办项目集中开工仪式。当天开工的项目有青禾智能装备项目。",
         ("华朔经开区", "partOf", "澜岳新区")),
        ("7月20日，澜岳新区·华朔经开区举办项目集中开工仪式。当天开工的项目有青禾智能装备项目。",
         ("华朔经开区", "hosts", "青禾智能装备项目")),
        # 选址 places what it sites; a firm's own park or, after its village, its own project is its investment
        ("华朔集团的澜岳中央厨房基地项目选址江澜川菜产业园。", ("澜岳中央厨房基地项目", "locatedIn", "江澜川菜产业园")),
        ("主要有投资20亿元的澜岳铜加工集团有限责任公司镁材料产业园。",
         ("澜岳铜加工集团有限责任公司", "investsIn", "澜岳铜加工集团有限责任公司镁材料产业园")),
        # the zone named by its kind (在新区, 落户园区) is the zone the paragraph is about
        ("江澜新区今年新开工项目12个。华朔科技有限公司在新区建设的年产260万平方米复合板生产项目也全力推进。",
         ("年产260万平方米复合板生产项目", "locatedIn", "江澜新区")),
        ("江澜经济开发区今年引进项目12个。澜岳新材料项目已落户园区。", ("澜岳新材料项目", "locatedIn", "江澜经济开发区")),
        ("首批项目开工活动在湖州经济技术开发区北方澜岳国际生物医药科技产业园举行。",
         ("北方澜岳国际生物医药科技产业园", "locatedIn", "湖州经济技术开发区")),
        # an organisation putting a sum into a project is a firm that invests in it
        ("包括亿澜投资100亿元的江澜高铁新城总部经济区项目。", ("亿澜", "investsIn", "江澜高铁新城总部经济区项目")),
        # 此 is the zone the sentence describes, not the place it lies in
        ("江澜汽车经济技术开发区位于江澜市北部，是重要的汽车生产基地，华朔汽车集团总部坐落于此。",
         ("华朔汽车集团总部", "locatedIn", "江澜汽车经济技术开发区")),
        # a town named with its city lies in it (the adcode table has no towns)
        ("11月5日，中山市黄圃镇举行重点项目集中动工仪式。中山市今年新签项目12个。", ("黄圃镇", "locatedIn", "中山市")),
        # a designation with no subject in its sentence goes to the zone the paragraph is about
        ("江澜经济开发区位于江澜市东部。园区基础配套基本完善，先后被评为国家外贸转型升级基地、省级优秀园区等。",
         ("江澜经济开发区", "receivedAward", "国家外贸转型升级基地")),
    ]


@pytest.mark.parametrize("text,present,absent", [
    # the adcode table's hierarchy is reference data: its own predicate, not a stated locatedIn
    ("湖州市今年经济稳步增长。吴兴区新签约项目12个。", ("吴兴区", "withinDivision", "湖州市"), ("吴兴区", "locatedIn", "湖州市")),
    # a province in a zone's name is a prefix, not a location statement
    ("浙江江澜经济开发区今年新签约项目12个。", None, ("浙江江澜经济开发区", "locatedIn", "浙江省")),
    # a city's article names partners from elsewhere: the city does not host every company it names
    ("湖州市今年新签约项目12个。华朔科技有限公司负责人表示将扩大投资。", None, ("湖州市", "hosts", "华朔科技有限公司")),
    # a paragraph's zone hosts what an investor builds, not the investor (often from elsewhere)
    ("江澜经济开发区今年引进项目12个。华朔集团投资5亿元建设澜岳新材料项目。",
     ("江澜经济开发区", "hosts", "澜岳新材料项目"), ("江澜经济开发区", "hosts", "华朔集团")),
    # a university the paragraph names is a partner, not hosted by the zone
    ("江澜经济开发区今年新签约项目12个。澜岳大学与华朔集团签约合作。", None, ("江澜经济开发区", "hosts", "澜岳大学")),
    # a company's name says where it registered, not where it is
    ("湖州华朔科技有限公司负责人表示将扩大投资。", None, ("湖州华朔科技有限公司", "locatedIn", "湖州市")),
    # firms whose representatives attend an event are not brought in by its host
    ("江澜经济开发区项目签约活动举行。管委会主任王澜，以及华朔控股集团、澜岳集团等企业代表共同出席活动。",
     None, ("江澜经济开发区", "hosts", "华朔控股集团")),
    # a park that opens a list is its first item, not the holder of the items after it
    ("江澜经济开发区招商引资持续向好\n澜岳智能制造产业园、华朔新材料项目、澜岳精密……今年以来，江澜经济开发区一批大项目成功签约落地。",
     ("江澜经济开发区", "hosts", "华朔新材料项目"), ("澜岳智能制造产业园", "hosts", "华朔新材料项目")),
])
def test_what_is_not_stated(text, present, absent):
    found = relations(text)
    assert absent not in found
    if present:
        assert present in found


@pytest.mark.parametrize("text,expected", _more_relations())
def test_more_relations(text, expected):
    assert expected in relations(text)


@pytest.mark.parametrize("first,second,names", [
    ("湖州高新区今年引进项目12个。高新区规上工业产值增长8%。", "高新区今年引进项目9个。嘉兴高新区规上工业产值增长6%。",
     {"湖州高新区", "嘉兴高新区"}),
    ("澜岳市与浙江理工大学签约。", "澜岳市与理工大学签约共建研究院，江西理工大学参与。", {"浙江理工大学", "江西理工大学"}),
])
def test_a_kind_left_of_a_name_does_not_merge_two_entities(tmp_path, first, second, names):
    """高新区 stands for 湖州高新区 in one article and for 嘉兴高新区 in another: two zones, not one."""
    arts = [Article(doc_id=f"{i}.txt", path=f"{i}.txt", text=t, original=t, encoding="utf-8", district="")
            for i, t in enumerate([first, second])]
    res, quads = build_graph(arts, cache=AnalysisCache(tmp_path))
    for _q in quads():
        pass
    assert names <= {e.name for e in res.entities.values()}


def test_an_abbreviation_is_one_entity_and_no_alias_elsewhere():
    text = "江澜经济技术开发区(以下简称“江澜经开区”)成立于1992年。江澜经开区今年引进项目12个。"
    with tempfile.TemporaryDirectory() as d:
        res, quads = build_graph([_article(text)], cache=AnalysisCache(Path(d)))
        for _q in quads():
            pass
    names = {e.name: e for e in res.entities.values()}
    assert "江澜经开区" not in names
    zone = names["江澜经济技术开发区"]
    assert any(m.rule.startswith("abbrev:") for m in zone.mentions)
    assert "江澜经开区" not in zone.aliases  # article-local: not a name another article's mention could take


@pytest.mark.parametrize("text,expected", [
    # the paragraph's zone hosts what the paragraph lists, without naming it again
    ("2024年，江澜经济开发区发展势头强劲。全年签约华朔新材料项目、云岫智能装备项目。",
     ("江澜经济开发区", "hosts", "华朔新材料项目")),
    # an anaphor opening the clause: 项目位于Y
    ("华朔新材料项目总投资12亿元。项目位于江澜经济开发区。", ("华朔新材料项目", "locatedIn", "江澜经济开发区")),
    # co-building: every builder in the 由/与 group
    ("江澜新能源研究院由华朔集团和云岫科技有限公司共同出资打造。", ("华朔集团", "operates", "江澜新能源研究院")),
    ("江澜新能源研究院由华朔集团和云岫科技有限公司共同出资打造。", ("云岫科技有限公司", "operates", "江澜新能源研究院")),
    # a company opening a clause, a build or sign verb, what it builds; 在Y its site, 与Z its host
    ("华朔集团计划在江澜经济开发区建设云岫智能装备项目。", ("华朔集团", "investsIn", "云岫智能装备项目")),
    ("华朔集团计划在江澜经济开发区建设云岫智能装备项目。", ("云岫智能装备项目", "locatedIn", "江澜经济开发区")),
    ("华朔股份有限公司与江澜经济开发区签约年产10GWh储能电池生产项目。",
     ("江澜经济开发区", "hosts", "年产10GWh储能电池生产项目")),
    # a list followed by 落户 Y
    ("华朔新材料、云岫智能装备等项目签约落户江澜经济开发区。", ("江澜经济开发区", "hosts", "云岫智能装备")),
    # the headline's zone is what the article is about
    ("江澜经济开发区新签约项目12个\n近日，记者从有关部门获悉，全年签约云岫智能装备项目、华朔新材料项目。",
     ("江澜经济开发区", "hosts", "华朔新材料项目")),
    # a zone lies in each division its area covers (the city before the first names where they are)
    ("江澜科技城规划面积385平方公里，涵盖了保定市莲池区、徐水区和清苑区三个区。", ("江澜科技城", "locatedIn", "徐水区")),
])
def test_relations(text, expected):
    assert expected in relations(text)


@pytest.mark.parametrize("text,expected", [
    ("江澜高新区先后获评“国家级澜岳示范园区”“省级知识产权示范园区”等称号。", ("国家级澜岳示范园区", "Award")),
    ("江澜高新区先后获评“国家级澜岳示范园区”“省级知识产权示范园区”等称号。", ("省级知识产权示范园区", "Award")),
    ("以人工智能为基础的“江澜云算小镇”建设初具成效。", ("江澜云算小镇", "Park")),
])
def test_quoted_names(text, expected):
    assert expected in mentions(text)


def test_award_run_subject():
    assert ("江澜高新区", "receivedAward", "国家级澜岳示范园区") in relations(
        "江澜高新区先后获评“国家级澜岳示范园区”“省级知识产权示范园区”等称号。")


@pytest.mark.parametrize("text, name, alias", [
    ("云南省昆明市安宁工业园区规模以上工业总产值增长。", "云南省昆明市安宁工业园区", "安宁工业园区"),  # less province and city
    ("湖南省株洲市高新区发展提速。", "湖南省株洲市高新区", "株洲市高新区"),  # less the province
])
def test_zone_aliases_a_reader_uses(text, name, alias):
    with tempfile.TemporaryDirectory() as d:
        res, _quads = build_graph([_article(text)], cache=AnalysisCache(Path(d)))
    zone = next(e for e in res.entities.values() if e.name == name)
    assert alias in zone.aliases


def test_traditional_article_keeps_each_short_form_as_written(tmp_path):
    from kg.read import read_article

    p = tmp_path / "t.txt"
    p.write_text("華朔能源化工有限公司100萬噸燒鹼項目(二期)開工建設，總投資45億元。", encoding="utf-8")
    a = read_article(p)
    with tempfile.TemporaryDirectory() as d:
        res, _quads = build_graph([a], cache=AnalysisCache(Path(d)))
    project = next(e for e in res.entities.values() if e.type == "Project")
    assert "華朔能源化工有限公司100萬噸燒鹼項目" in project.aliases  # the base name, as written
    assert not any(n.endswith(("(二", "（二")) for n in {project.name, *project.aliases})  # no half bracket


@pytest.mark.parametrize("text,name", [
    ("海南今年新签约项目12个，总投资80亿元。", "海南省"),  # not the district of the same name elsewhere
    ("衡阳今年新签约项目12个，总投资80亿元。", "衡阳市"),  # the name as written is no evidence for the county
])
def test_a_short_place_name_is_the_higher_unit_when_nothing_else_decides(tmp_path, text, name):
    res, quads = build_graph([_article(text)], cache=AnalysisCache(tmp_path))
    for _q in quads():
        pass
    assert name in {e.name for e in res.entities.values() if e.type == "Place"}


@pytest.mark.parametrize("tokens,i,edge,expected", [
    # a rare two-character "verb" right after a place is a brand the tagger misread
    ([("德清县", "LOC"), ("昱升", "v"), ("3GW", "nz")], 1, False, True),
    # a verb the dictionary knows is a predicate; so is a rare one after a plain noun
    ([("德清县", "LOC"), ("建设", "v"), ("项目", "n")], 1, False, False),
    ([("企业", "n"), ("昱升", "v"), ("项目", "n")], 1, False, False),
    # opening a list item, it is a brand when a name's own word follows, not a head or a scope word
    ([("、", "w"), ("昱升", "v"), ("公路", "n"), ("物流园", "n")], 1, True, True),
    ([("、", "w"), ("昱升", "v"), ("物流园", "n")], 1, True, False),
    ([("、", "w"), ("争昱", "v"), ("公路", "n"), ("物流园", "n")], 1, True, False),
])
def test_misread_brand(tokens, i, edge, expected):
    from kg.lexicon import lexicon
    from kg.model import Token
    from kg.spans import _misread_brand

    out, at = [], 0
    for text, pos in tokens:
        out.append(Token(text, pos, at, at + len(text)))
        at += len(text)
    assert _misread_brand(out, i, lexicon(), edge=edge) is expected


@pytest.mark.parametrize("text,weak,expected", [
    # a plain item whose start the boundary cut (at a numeral-like first character) runs from the list's comma
    ("民生类项目有江澜新城配套项目、万苇国际学校项目、十澜骨科医院项目等。", ["学校项目", "骨科医院项目"],
     ["万苇国际学校项目", "十澜骨科医院项目"]),
    # no named project before the comma: no list to read the item from
    ("民生类项目有配套设施、万苇国际学校项目等。", ["学校项目"], []),
])
def test_a_list_item_runs_from_its_comma(text, weak, expected):
    from kg.mentions import _m, _siblings
    from kg.model import Sentence

    s = Sentence(doc_id="t.txt", index=0, text=text, pieces=[(0, len(text))])
    found = [_m(s, text.index("江澜"), text.index("配套项目") + 4, "Project", "head:项目")] if "江澜" in text else []
    spans = [(text.index(w), text.index(w) + len(w), "项目") for w in weak]
    assert [m.text for m in _siblings(s, found, spans)] == expected
