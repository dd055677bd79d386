"""Build the illustrative demo catalogue for Keting (seeds/catalogue/*.jsonl).

The catalogue mirrors the shape of Qingdao's 2020 release of 500 "工业赋能" and 100 "未来城市"
AI application scenarios. Everything in it is FICTIONAL: enterprises, vendors, numbers and
stories are invented from the hand-written fragments below. No real company names are used.

Layout of this file
  1. geography and small helpers
  2. INDUSTRIES  - per industry: context sentences, product lines, organisation name patterns
  3. VARIANTS    - per (industry, capability): the concrete nouns (X what, Y issue, Z where, W who)
  4. CAPS        - per capability: title / pain / process / data / goal fragments, zh and en
  5. generic pools (requirements, practical remarks, timelines, budget sentences)
  6. vendor fragments
  7. assembly, checks, output

Fragment mini-language
  {X} {Y} {Y2} {Z} {W} {P} {dz}  slots (Y2 = two issues joined; P = the owner's product line;
                                  dz = district name in the text's language)
  [[a-b]]      random integer in a..b      [[a-b/s]] in steps of s      [[1.5-4.0]] one decimal
  A bilingual value list is written "中文|English; 中文|English".
  In VARIANTS, X "=P" means "the product line itself".

Vendor profiles: products, case_studies and certifications are lists of strings; case_studies
holds 2-3 one-sentence stories about anonymous customer types ("某轮胎企业", "a port operator").

Run:  python seeds/catalogue/generate.py   (standard library only, deterministic)
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter, defaultdict
from pathlib import Path

SEED = 20200520
OUT = Path(__file__).resolve().parent
BATCH = {"ie": "2020 工业赋能 500", "fc": "2020 未来城市 100"}

# --------------------------------------------------------------------------------------------
# 1. geography and helpers
# --------------------------------------------------------------------------------------------

DISTRICTS = {
    "shinan": ("市南区", "Shinan"),
    "shibei": ("市北区", "Shibei"),
    "licang": ("李沧区", "Licang"),
    "laoshan": ("崂山区", "Laoshan"),
    "xihaian": ("西海岸新区", "West Coast New Area"),
    "chengyang": ("城阳区", "Chengyang"),
    "jimo": ("即墨区", "Jimo"),
    "jiaozhou": ("胶州市", "Jiaozhou"),
    "pingdu": ("平度市", "Pingdu"),
    "laixi": ("莱西市", "Laixi"),
}


def pairs(spec: str) -> list[tuple[str, str]]:
    """'中文|English; 中文|English' -> [('中文', 'English'), ...]"""
    out = []
    for item in spec.split(";"):
        item = item.strip()
        if not item:
            continue
        if item == "=P":
            out.append(("=P", "=P"))
            continue
        zh, en = item.split("|")
        out.append((zh.strip(), en.strip()))
    return out


NUM_RE = re.compile(r"\[\[(?:([a-z]+):)?(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)(?:/(\d+))?\]\]")


def numbers(text: str, rng: random.Random, lang: str, memo: dict | None = None) -> str:
    """Replace [[a-b]] ranges; [[name:a-b]] draws once per memo so that related fragments agree."""
    memo = {} if memo is None else memo

    def repl(m: re.Match) -> str:
        name, lo, hi, step = m.groups()
        if name and name in memo:
            return memo[name]
        if "." in lo or "." in hi:
            out = f"{rng.uniform(float(lo), float(hi)):.1f}"
        else:
            v = rng.randrange(int(lo), int(hi) + 1, int(step) if step else 1)
            out = f"{v:,}" if lang == "en" and v >= 10000 else str(v)
        if name:
            memo[name] = out
        return out

    return NUM_RE.sub(repl, text)


def fill(tpl: str, slots: dict, rng: random.Random, lang: str, memo: dict | None = None) -> str:
    for k, v in slots.items():
        tpl = tpl.replace("{" + k + "}", v)
    tpl = numbers(tpl, rng, lang, memo)
    if "{" in tpl or "[[" in tpl:
        raise ValueError(f"unfilled slot in: {tpl}")
    if lang == "en" and tpl:
        tpl = re.sub(r"\b1 (year|month|week|day|hour|minute|second|time)s\b", r"1 \1", tpl)
        tpl = re.sub(r"\b1 time\b", "once", tpl)
        tpl = tpl[0].upper() + tpl[1:]
    return tpl


def join(parts: list[str], lang: str) -> str:
    return "".join(parts) if lang == "zh" else " ".join(parts)


def length(text: str, lang: str) -> int:
    return len(text) if lang == "zh" else len(text.split())


LIMITS = {"zh": (120, 350), "en": (60, 160)}

# --------------------------------------------------------------------------------------------
# 2. INDUSTRIES
#    P: product lines / lines of business; ctx: opening sentences about the owner and its scale;
#    orgs: fictional name patterns ({b} Chinese brand, {B} its pinyin); cust: how a vendor case
#    study refers to such a customer; noun/biz: used in organisation profiles.
# --------------------------------------------------------------------------------------------

INDUSTRIES = {
    "automotive": dict(
        batch="ie",
        districts=["jimo", "xihaian", "chengyang", "jiaozhou", "laixi"],
        noun=("汽车零部件企业", "automotive supplier"),
        biz=("汽车零部件及总成的研发与制造", "development and manufacture of automotive parts and modules"),
        P="冲压车身件|stamped body panels; 座椅骨架|seat frames; 铝合金轮毂|aluminium wheels; 制动盘|brake discs; 汽车线束|wiring harnesses",
        orgs=[
            ("青岛{b}汽车零部件有限公司", "Qingdao {B} Auto Parts Co., Ltd."),
            ("青岛{b}汽车部件有限公司", "Qingdao {B} Automotive Components Co., Ltd."),
            ("青岛{b}车身系统有限公司", "Qingdao {B} Body Systems Co., Ltd."),
        ],
        ctx_zh=[
            "我司位于{dz}，主要为整车厂配套{P}，现有[[2-9]]条生产线、[[2-3]]班倒，员工约[[300-2400/50]]人。",
            "工厂地处{dz}汽车产业园，年产{P}约[[40-300]]万件，客户包括多家合资及自主品牌主机厂。",
            "我们是{dz}的一家二级供应商，主营{P}，订单以多品种小批量为主，高峰期每天要切换型号[[5-20]]次。",
            "本项目实施地点为{dz}的{P}工厂，日产约[[2000-30000/500]]件，主要供应北方三家主机厂。",
        ],
        ctx_en=[
            "We are a tier-1 supplier of {P} in {dz}, running [[2-9]] lines on [[2-3]] shifts with about [[300-2400/50]] staff.",
            "Our {dz} plant ships roughly [[400000-3000000/10000]] {P} a year to joint-venture and domestic carmakers.",
            "We are a tier-2 maker of {P} in {dz}; orders are high-mix and low-volume, with up to [[5-20]] changeovers a day.",
        ],
        cust="某整车厂|a carmaker; 某汽车零部件企业|an auto parts supplier; 某汽车内饰件企业|an interior trim supplier",
    ),
    "tyre-rubber": dict(
        batch="ie",
        districts=["xihaian", "jiaozhou", "jimo", "pingdu", "chengyang"],
        noun=("轮胎企业", "tyre maker"),
        biz=("子午线轮胎的研发、生产与销售", "design, manufacture and sale of radial tyres"),
        P="全钢子午线轮胎|all-steel radial truck tyres; 半钢子午线轮胎|passenger car radial tyres; 工程机械轮胎|off-the-road tyres; 农用及工业轮胎|agricultural and industrial tyres",
        orgs=[
            ("青岛{b}轮胎有限公司", "Qingdao {B} Tyre Co., Ltd."),
            ("青岛{b}橡胶有限公司", "Qingdao {B} Rubber Co., Ltd."),
            ("青岛{b}轮胎科技有限公司", "Qingdao {B} Tyre Technology Co., Ltd."),
        ],
        ctx_zh=[
            "我司位于{dz}，主营{P}，拥有密炼、压延、成型、硫化全流程产线，年产能约[[200-900/10]]万条，员工[[600-3000/50]]人。",
            "公司在{dz}有两个厂区，主要生产{P}，硫化车间共有硫化机[[120-400/10]]台，实行四班三运转。",
            "本项目落在{dz}工厂，该厂以{P}为主，产品[[30-70]]%出口，海外客户对外观和一致性要求严格。",
        ],
        ctx_en=[
            "We make {P} at an integrated plant in {dz} - mixing, calendering, building and curing - with capacity of about [[2-9]] million units a year.",
            "Our {dz} factory runs [[120-400/10]] curing presses on a four-crew, three-shift pattern and exports [[30-70]]% of its {P}.",
            "The site in {dz} produces {P} for replacement and OEM markets and employs around [[600-3000/50]] people.",
        ],
        cust="某轮胎企业|a tyre maker; 某全钢胎生产企业|a truck tyre plant",
    ),
    "machinery": dict(
        batch="ie",
        districts=["jiaozhou", "chengyang", "licang", "jimo", "pingdu", "laixi"],
        noun=("装备制造企业", "equipment maker"),
        biz=("通用及专用机械装备的设计与制造", "design and manufacture of general and special-purpose machinery"),
        P="数控机床|CNC machine tools; 液压元件|hydraulic components; 减速机|gear reducers; 泵阀|pumps and valves; 精密铸件|precision castings; 食品包装机械|food packaging machinery",
        orgs=[
            ("青岛{b}机械有限公司", "Qingdao {B} Machinery Co., Ltd."),
            ("青岛{b}重工有限公司", "Qingdao {B} Heavy Industry Co., Ltd."),
            ("青岛{b}精密机械有限公司", "Qingdao {B} Precision Machinery Co., Ltd."),
            ("青岛{b}装备制造有限公司", "Qingdao {B} Equipment Co., Ltd."),
        ],
        ctx_zh=[
            "我司是{dz}的一家{P}制造企业，机加工车间有加工中心和数控车床约[[60-260/10]]台，员工[[200-1500/50]]人。",
            "公司位于{dz}，主营{P}，订单以非标定制为主，每年新出图纸[[800-5000/100]]余份。",
            "本项目实施地点为{dz}的{P}装配基地，年销售额约[[3-40]]亿元，产品出口[[20-60]]多个国家。",
        ],
        ctx_en=[
            "We build {P} in {dz}; our machining hall runs about [[60-260/10]] CNC centres and lathes with [[200-1500/50]] staff.",
            "Based in {dz}, we make {P}, mostly engineered to order, and release over [[800-5000/100]] new drawings a year.",
            "The project site is our {P} assembly plant in {dz}, with annual sales of about CNY [[0.3-4.0]] billion.",
        ],
        cust="某装备制造企业|an equipment maker; 某机床企业|a machine-tool builder; 某液压件企业|a hydraulics maker",
    ),
    "home-appliance": dict(
        batch="ie",
        districts=["laoshan", "xihaian", "licang", "jimo", "jiaozhou"],
        noun=("家电企业", "appliance maker"),
        biz=("家用电器的研发、制造与销售服务", "development, manufacture and servicing of household appliances"),
        P="冰箱|refrigerators; 空调|air conditioners; 洗衣机|washing machines; 厨房小家电|small kitchen appliances; 热水器|water heaters",
        orgs=[
            ("青岛{b}电器有限公司", "Qingdao {B} Electric Appliance Co., Ltd."),
            ("青岛{b}家电有限公司", "Qingdao {B} Home Appliance Co., Ltd."),
            ("青岛{b}智能家电有限公司", "Qingdao {B} Smart Appliance Co., Ltd."),
        ],
        ctx_zh=[
            "我司位于{dz}，主营{P}，共有总装线[[4-14]]条，年产量约[[80-600/10]]万台，旺季用工超过[[1500-6000/100]]人。",
            "公司在{dz}的{P}工厂以OEM代工为主，客户遍布东南亚和中东，在产机型多达[[200-900/10]]个。",
            "本项目实施地点为{dz}的{P}工厂，总装线节拍约[[12-40]]秒一台，内销与出口约各占一半。",
        ],
        ctx_en=[
            "We make {P} in {dz} on [[4-14]] final assembly lines, producing roughly [[800000-6000000/10000]] units a year.",
            "Our {dz} factory builds {P} mostly under OEM contracts for customers in Southeast Asia and the Middle East, across some [[200-900/10]] models.",
            "The site is a {P} plant in {dz} with a takt of about [[12-40]] seconds per unit, split roughly evenly between domestic and export orders.",
        ],
        cust="某家电企业|an appliance maker; 某白电代工企业|an appliance OEM",
    ),
    "textile-apparel": dict(
        batch="ie",
        districts=["jimo", "jiaozhou", "pingdu", "laixi", "chengyang"],
        noun=("纺织服装企业", "textile and apparel company"),
        biz=("面料织造、染整与成衣加工", "knitting, dyeing, finishing and garment making"),
        P="针织面料|knitted fabrics; 牛仔服装|denim garments; 家纺床品|home textiles; 工装制服|workwear and uniforms; 童装|childrenswear",
        orgs=[
            ("青岛{b}针织有限公司", "Qingdao {B} Knitting Co., Ltd."),
            ("青岛{b}服饰有限公司", "Qingdao {B} Apparel Co., Ltd."),
            ("青岛{b}纺织有限公司", "Qingdao {B} Textile Co., Ltd."),
        ],
        ctx_zh=[
            "我司位于{dz}，主营{P}，以出口日韩和欧洲为主，员工约[[300-1800/50]]人，缝制车间有[[12-60]]个班组。",
            "公司是{dz}的{P}生产企业，织造、染整、成衣一体化，年产量约[[500-5000/100]]万件（米）。",
            "本项目实施地点为{dz}工厂，主营{P}，订单以快返小单为主，平均每单[[300-2000/100]]件，交期普遍在两周以内。",
        ],
        ctx_en=[
            "We are a {dz}-based maker of {P}, exporting mainly to Japan, Korea and Europe, with about [[300-1800/50]] employees.",
            "Our vertically integrated plant in {dz} knits, dyes and finishes {P}, with [[12-60]] sewing teams on the floor.",
            "Our {dz} factory makes {P} and works mostly on quick-turn orders of [[300-2000/100]] pieces, usually due within two weeks.",
        ],
        cust="某纺织服装企业|a textile and apparel maker; 某针织面料厂|a knitted fabric mill",
    ),
    "petrochemical": dict(
        batch="ie",
        districts=["xihaian", "pingdu", "jiaozhou"],
        noun=("石化企业", "petrochemical company"),
        biz=("原油加工及化工产品生产", "crude processing and chemical production"),
        P="炼油|refining; 乙烯及下游化工品|ethylene and derivatives; 精细化工品|fine chemicals; 液化天然气接收|LNG import; 橡胶助剂|rubber chemicals",
        orgs=[
            ("青岛{b}石化有限公司", "Qingdao {B} Petrochemical Co., Ltd."),
            ("青岛{b}化工有限公司", "Qingdao {B} Chemical Co., Ltd."),
            ("青岛{b}能源化工有限公司", "Qingdao {B} Energy & Chemicals Co., Ltd."),
        ],
        ctx_zh=[
            "我司位于{dz}化工园区，主营{P}，装置区占地约[[40-300]]公顷，实行五班三倒，员工[[400-2600/50]]人。",
            "公司地处{dz}，以{P}为主业，年加工能力约[[100-1000/50]]万吨，属于重大危险源企业。",
            "本项目实施地点为{dz}的{P}装置区，装置已运行[[6-20]]年，DCS点位超过[[8000-40000/1000]]个。",
        ],
        ctx_en=[
            "We operate a {P} complex in the {dz} chemical park, running five crews on three shifts with about [[400-2600/50]] staff.",
            "Our {dz} site focuses on {P}, processes about [[1-10]] million tonnes a year and is classified as a major hazard installation.",
            "The project covers our {P} units in {dz}, which have run for [[6-20]] years and carry more than [[8000-40000/1000]] DCS tags.",
        ],
        cust="某炼化企业|a refinery; 某化工企业|a chemical producer",
    ),
    "ports-logistics": dict(
        batch="ie",
        districts=["xihaian", "shibei", "jiaozhou", "jimo", "chengyang"],
        noun=("港口物流企业", "port and logistics company"),
        biz=("港口装卸、仓储和多式联运服务", "cargo handling, warehousing and intermodal transport"),
        P="集装箱码头|container terminal; 散杂货码头|bulk and general cargo terminal; 冷链物流园|cold-chain logistics park; 保税仓储中心|bonded warehouse; 海铁联运场站|rail-sea intermodal yard",
        orgs=[
            ("青岛{b}港务有限公司", "Qingdao {B} Port Co., Ltd."),
            ("青岛{b}国际物流有限公司", "Qingdao {B} International Logistics Co., Ltd."),
            ("青岛{b}供应链管理有限公司", "Qingdao {B} Supply Chain Co., Ltd."),
        ],
        ctx_zh=[
            "我司在{dz}运营{P}，全年作业不停，岸桥、门机、场桥等大型机械[[40-200/10]]台，集卡及叉车[[100-500/10]]辆。",
            "公司位于{dz}，主营{P}业务，库场面积约[[3-20]]万平方米，日均进出车辆[[400-2500/50]]车次。",
            "本项目实施地点为{dz}的{P}，作业实行24小时三班制，一线作业人员约[[300-1500/50]]人。",
        ],
        ctx_en=[
            "We run a {P} in {dz}, operating around the clock with [[40-200/10]] cranes and [[100-500/10]] trucks and forklifts.",
            "Our {dz} business is a {P} with about [[30000-200000/10000]] square metres of yard and warehouse space and [[400-2500/50]] truck visits a day.",
            "The project site is our {P} in {dz}, worked in three shifts by some [[300-1500/50]] operators.",
        ],
        cust="某港口企业|a port operator; 某物流企业|a logistics company; 某冷链仓储企业|a cold-chain warehouse operator",
    ),
    "shipbuilding-marine": dict(
        batch="ie",
        districts=["xihaian", "jimo", "chengyang"],
        noun=("船舶海工企业", "shipbuilding and offshore company"),
        biz=("船舶及海洋工程装备的建造与修理", "building and repair of ships and offshore equipment"),
        P="散货船|bulk carriers; 海洋工程平台|offshore platforms; 渔船及公务船|fishing and patrol vessels; 船舶修理|ship repair; 船用柴油机|marine diesel engines",
        orgs=[
            ("青岛{b}造船有限公司", "Qingdao {B} Shipbuilding Co., Ltd."),
            ("青岛{b}海洋工程有限公司", "Qingdao {B} Offshore Engineering Co., Ltd."),
            ("青岛{b}船舶重工有限公司", "Qingdao {B} Marine Heavy Industry Co., Ltd."),
        ],
        ctx_zh=[
            "我司位于{dz}，主营{P}，拥有船坞[[1-4]]座、分段车间[[2-6]]个，通常有[[4-12]]个项目同时在建。",
            "公司是{dz}的{P}企业，外包协作人员占现场人数的一半以上，项目周期一般[[10-24]]个月。",
            "本项目实施地点为{dz}厂区，主营{P}，焊接工作量约占总工时的[[30-45]]%。",
        ],
        ctx_en=[
            "We are a {P} yard in {dz} with [[1-4]] docks and [[2-6]] fabrication halls, usually working on [[4-12]] projects at once.",
            "Our {dz} business specialises in {P}; more than half of the people on site are subcontractors.",
            "The project site is our {dz} yard, focused on {P}, where welding accounts for roughly [[30-45]]% of production hours.",
        ],
        cust="某船厂|a shipyard; 某海工企业|an offshore engineering company; 某航运公司|a shipping company",
    ),
    "food-beverage": dict(
        batch="ie",
        districts=["shibei", "pingdu", "laixi", "jimo", "chengyang", "xihaian"],
        noun=("食品饮料企业", "food and beverage company"),
        biz=("食品饮料的生产、灌装与销售", "production, packaging and distribution of food and drinks"),
        P="啤酒|beer; 乳制品|dairy products; 海洋食品|seafood products; 调味品|condiments; 速冻食品|frozen foods; 饮料|soft drinks",
        orgs=[
            ("青岛{b}食品有限公司", "Qingdao {B} Food Co., Ltd."),
            ("青岛{b}酿造有限公司", "Qingdao {B} Brewing Co., Ltd."),
            ("青岛{b}饮品有限公司", "Qingdao {B} Beverage Co., Ltd."),
        ],
        ctx_zh=[
            "我司位于{dz}，主营{P}，拥有生产和包装线[[3-12]]条，年产量约[[10-80]]万吨，产品覆盖山东及华北市场。",
            "公司是{dz}的{P}企业，SKU约[[120-600/10]]个，通过[[150-600/10]]家经销商和线上渠道销售。",
            "本项目实施地点为{dz}工厂，主营{P}，销售季节性强，旺季产量是淡季的[[2-4]]倍。",
        ],
        ctx_en=[
            "We produce {P} in {dz} on [[3-12]] production and packing lines, selling mainly across Shandong and northern China.",
            "Our {dz} company makes {P}, with around [[120-600/10]] SKUs sold through [[150-600/10]] distributors and online stores.",
            "The site is our {P} plant in {dz}; demand is strongly seasonal, with peak output [[2-4]] times the off-season level.",
        ],
        cust="某食品饮料企业|a food and beverage maker; 某啤酒企业|a brewer; 某乳品企业|a dairy",
    ),
    "rail-transit": dict(
        batch="ie",
        districts=["chengyang", "jimo", "licang"],
        noun=("轨道交通装备企业", "rail equipment company"),
        biz=("轨道交通车辆及关键部件的制造与检修", "manufacture and overhaul of rolling stock and key components"),
        P="高速动车组|high-speed trains; 地铁车辆|metro cars; 转向架|bogies; 车辆高级修|heavy overhaul of rolling stock",
        orgs=[
            ("青岛{b}轨道交通装备有限公司", "Qingdao {B} Rail Equipment Co., Ltd."),
            ("青岛{b}轨道车辆有限公司", "Qingdao {B} Rolling Stock Co., Ltd."),
        ],
        ctx_zh=[
            "我司位于{dz}，主营{P}的制造与维保，总装车间有[[4-10]]个台位，年交付约[[200-800/10]]辆。",
            "公司是{dz}的轨道交通配套企业，主营{P}，产品需满足EN 15085等焊接与质量标准。",
            "本项目实施地点为{dz}检修基地，承担{P}相关任务，每年进厂车辆约[[150-600/10]]辆。",
        ],
        ctx_en=[
            "We build and maintain {P} in {dz}; final assembly has [[4-10]] positions and we deliver about [[200-800/10]] cars a year.",
            "We are a rail supplier in {dz} focused on {P}, working to EN 15085 and related quality standards.",
            "The project site is our maintenance base in {dz}, handling {P} for about [[150-600/10]] vehicles a year.",
        ],
        cust="某轨道交通装备企业|a rolling-stock maker; 某地铁运营公司|a metro operator",
        fc=dict(
            noun=("城市轨道交通运营单位", "urban rail operator"),
            biz=("城市轨道交通线路的运营与服务", "operation of urban rail lines"),
            P="地铁线路|metro lines; 城际轨道线路|suburban rail line; 有轨电车|tram line",
            orgs=[("青岛{b}轨道交通运营有限公司", "Qingdao {B} Rail Transit Operations Co., Ltd.")],
            ctx_zh=[
                "我司负责{dz}等区域{P}的运营，现有运营车站[[20-90]]座，日均客流约[[30-150]]万人次。",
                "公司运营的{P}贯穿{dz}，早晚高峰断面满载率超过[[100-130]]%，节假日客流波动大。",
                "本项目实施地点为{dz}境内的{P}，共有车站[[10-40]]座，运营人员约[[800-3000/100]]人。",
            ],
            ctx_en=[
                "We operate {P} serving {dz} and beyond, with [[20-90]] stations and about [[300000-1500000/10000]] passengers a day.",
                "Our {P} runs through {dz}; peak-hour loads exceed [[100-130]]% and holiday ridership swings widely.",
                "The project covers our {P} in {dz}, with [[10-40]] stations and some [[800-3000/100]] operating staff.",
            ],
        ),
    ),
    "energy-power": dict(
        batch="ie",
        districts=["xihaian", "jiaozhou", "pingdu", "laixi", "jimo"],
        noun=("能源企业", "energy company"),
        biz=(
            "新能源发电、热电联产和配售电业务",
            "renewable generation, combined heat and power and power distribution",
        ),
        P="风电场|wind farm; 光伏电站|solar farm; 热电联产|combined heat and power plant; 配电网|distribution grid; 储能电站|battery storage plant",
        orgs=[
            ("青岛{b}能源有限公司", "Qingdao {B} Energy Co., Ltd."),
            ("青岛{b}新能源有限公司", "Qingdao {B} New Energy Co., Ltd."),
            ("青岛{b}热电有限公司", "Qingdao {B} Thermal Power Co., Ltd."),
        ],
        ctx_zh=[
            "我司在{dz}运营{P}，装机容量约[[50-600/10]]兆瓦，运维人员[[30-200/5]]人，实行集中监控、区域巡检。",
            "公司位于{dz}，主营{P}业务，服务周边工业园区和约[[5-30]]万户居民用户。",
            "本项目实施地点为{dz}的{P}，投运已[[5-15]]年，设备陆续进入故障高发期。",
        ],
        ctx_en=[
            "We operate a {P} in {dz} of about [[50-600/10]] MW, run by [[30-200/5]] O&M staff from a central control room.",
            "Our {dz} business is a {P} serving nearby industrial parks and some [[50000-300000/10000]] households.",
            "The project site is our {P} in {dz}, in service for [[5-15]] years and now entering the age when failures rise.",
        ],
        cust="某新能源企业|a renewable energy operator; 某热电企业|a CHP operator; 某供电企业|a power distributor",
    ),
    "steel-metallurgy": dict(
        batch="ie",
        districts=["xihaian", "jiaozhou", "pingdu", "licang"],
        noun=("钢铁企业", "steel company"),
        biz=("钢铁冶炼、轧制及金属深加工", "iron and steel making, rolling and metal processing"),
        P="热轧板卷|hot-rolled coil; 冷轧板|cold-rolled sheet; 特钢棒材|special steel bars; 焊接钢管|welded steel pipe; 镀锌板|galvanised sheet",
        orgs=[
            ("青岛{b}钢铁有限公司", "Qingdao {B} Steel Co., Ltd."),
            ("青岛{b}特钢有限公司", "Qingdao {B} Special Steel Co., Ltd."),
            ("青岛{b}金属制品有限公司", "Qingdao {B} Metal Products Co., Ltd."),
        ],
        ctx_zh=[
            "我司位于{dz}，主营{P}，年产量约[[100-800/10]]万吨，主要工序均为连续生产。",
            "公司是{dz}的{P}生产企业，产线最高速度达[[8-20]]米/秒，产品用于汽车、家电和工程机械。",
            "本项目实施地点为{dz}厂区的{P}产线，员工[[800-5000/100]]人，实行四班三倒。",
        ],
        ctx_en=[
            "We produce {P} in {dz}, about [[1-8]] million tonnes a year, with every main process running continuously.",
            "Our {dz} mill makes {P} at line speeds of up to [[8-20]] m/s for automotive, appliance and machinery customers.",
            "The project covers our {P} line in {dz}, staffed by [[800-5000/100]] people on four crews.",
        ],
        cust="某钢铁企业|a steelmaker; 某特钢企业|a special steel producer",
    ),
    "construction-building": dict(
        batch="ie",
        districts=["shibei", "licang", "chengyang", "xihaian", "jimo", "laoshan"],
        noun=("建筑施工企业", "construction company"),
        biz=("房建、市政工程施工及装配式构件生产", "building and civil works contracting and precast production"),
        P="装配式建筑构件|precast concrete components; 市政道路与桥梁|roads and bridges; 住宅项目|residential developments; 地铁土建工程|metro civil works; 建筑钢结构|structural steelwork",
        orgs=[
            ("青岛{b}建设集团有限公司", "Qingdao {B} Construction Group Co., Ltd."),
            ("青岛{b}建工有限公司", "Qingdao {B} Construction Engineering Co., Ltd."),
            ("青岛{b}建筑科技有限公司", "Qingdao {B} Building Technology Co., Ltd."),
        ],
        ctx_zh=[
            "我司是{dz}的施工总承包企业，主营{P}，在建项目[[8-40]]个，高峰期现场工人超过[[2000-9000/100]]人。",
            "公司位于{dz}，主营{P}，生产基地年产能约[[10-60]]万立方米。",
            "本项目实施地点在{dz}，涉及{P}业务，在建面积约[[5-40]]万平方米，工期[[18-36]]个月。",
        ],
        ctx_en=[
            "We are a general contractor in {dz} focused on {P}, with [[8-40]] live projects and over [[2000-9000/100]] workers on site at peak.",
            "Our {dz} company delivers {P} from a production base with about [[100000-600000/10000]] cubic metres of annual capacity.",
            "The project is in {dz} and concerns our {P} business, with about [[50000-400000/10000]] square metres under construction over [[18-36]] months.",
        ],
        cust="某建筑施工企业|a building contractor; 某装配式构件厂|a precast plant",
    ),
    "civil-aviation": dict(
        batch="ie",
        districts=["jiaozhou", "chengyang"],
        noun=("民航服务企业", "aviation services company"),
        biz=("航站楼运行、航空器维修和航空地面服务", "terminal operations, aircraft maintenance and ground handling"),
        P="机场航站楼运行|airport terminal operations; 航空器维修|aircraft maintenance; 航空货运|air cargo; 地面服务|ground handling",
        orgs=[
            ("青岛{b}航空服务有限公司", "Qingdao {B} Aviation Services Co., Ltd."),
            ("青岛{b}航空维修工程有限公司", "Qingdao {B} Aircraft Engineering Co., Ltd."),
            ("青岛{b}航空货运有限公司", "Qingdao {B} Air Cargo Co., Ltd."),
        ],
        ctx_zh=[
            "我司位于{dz}，主营{P}业务，服务航空公司[[10-40]]家，年保障航班约[[8-20]]万架次。",
            "公司是{dz}的{P}企业，员工[[300-2000/50]]人，全年24小时运行。",
            "本项目实施地点在{dz}，涉及{P}，高峰小时旅客吞吐超过[[3000-9000/100]]人次。",
        ],
        ctx_en=[
            "We provide {P} in {dz} for [[10-40]] airlines and about [[80000-200000/10000]] flights a year.",
            "Our {dz} company handles {P}, operating 24 hours a day with [[300-2000/50]] staff.",
            "The project is in {dz} and concerns {P}; peak-hour passenger flow exceeds [[3000-9000/100]].",
        ],
        cust="某机场运营企业|an airport operator; 某航空维修企业|an aircraft MRO; 某航空货运企业|an air cargo handler",
    ),
    "banking-insurance": dict(
        batch="fc",
        districts=["shinan", "shibei", "laoshan", "xihaian"],
        noun=("金融机构", "financial institution"),
        biz=("存贷款、支付结算和保险服务", "deposits, lending, payments and insurance"),
        P="城市商业银行|city commercial bank; 农村商业银行|rural commercial bank; 消费金融公司|consumer finance company; 财产保险公司|property insurer",
        orgs=[
            ("{b}银行股份有限公司青岛分行", "{B} Bank Qingdao Branch"),
            ("青岛{b}农村商业银行股份有限公司", "Qingdao {B} Rural Commercial Bank"),
            ("{b}财产保险股份有限公司青岛分公司", "{B} Property Insurance, Qingdao Branch"),
            ("青岛{b}消费金融有限公司", "Qingdao {B} Consumer Finance Co., Ltd."),
        ],
        ctx_zh=[
            "我行是总部位于{dz}的{P}，营业网点[[40-160]]个，零售客户约[[80-400/10]]万户。",
            "本机构为{dz}的{P}，个人及小微客户贡献了[[60-85]]%以上的业务量。",
            "我司是{dz}的{P}，年处理业务约[[20-150]]万笔，线上业务占比逐年提高。",
        ],
        ctx_en=[
            "We are a {P} headquartered in {dz} with [[40-160]] outlets and about [[800000-4000000/100000]] retail customers.",
            "We are a {P} in {dz}; individuals and small businesses account for over [[60-85]]% of our business.",
            "Our {dz} operation is a {P} handling about [[200000-1500000/10000]] transactions a year, a growing share of them online.",
        ],
        cust="某城商行|a city commercial bank; 某农商行|a rural commercial bank; 某财产保险公司|a property insurer",
    ),
    "healthcare": dict(
        batch="fc",
        districts=["shinan", "shibei", "laoshan", "licang", "xihaian", "chengyang"],
        noun=("医疗机构", "healthcare provider"),
        biz=("综合医疗、专科诊疗和公共卫生服务", "general and specialist care and public health services"),
        P="三级综合医院|tertiary general hospital; 区域医疗中心|regional medical centre; 中医医院|hospital of traditional Chinese medicine; 妇女儿童医院|women and children's hospital",
        orgs=[
            ("青岛{b}医院", "Qingdao {B} Hospital"),
            ("青岛{b}医疗集团", "Qingdao {B} Healthcare Group"),
            ("青岛{b}健康医疗管理有限公司", "Qingdao {B} Health Management Co., Ltd."),
        ],
        ctx_zh=[
            "我院是位于{dz}的{P}，开放床位[[500-2500/50]]张，年门急诊量约[[80-300/10]]万人次。",
            "本单位为{dz}的{P}，在岗医生[[40-600/10]]人，服务辖区人口约[[10-80]]万。",
            "本项目实施地点为{dz}的{P}，影像、检验、病历等系统均已完成信息化改造。",
        ],
        ctx_en=[
            "We are a {P} in {dz} with [[500-2500/50]] beds and about [[800000-3000000/10000]] outpatient visits a year.",
            "We are a {P} in {dz} with [[40-600/10]] doctors serving roughly [[100000-800000/10000]] residents.",
            "The project site is a {P} in {dz} whose imaging, laboratory and records systems are fully digital.",
        ],
        cust="某三甲医院|a tertiary hospital; 某区域医疗中心|a regional medical centre; 某社区卫生服务中心|a community health centre",
    ),
    "city-governance": dict(
        batch="fc",
        districts=[
            "shinan",
            "shibei",
            "licang",
            "laoshan",
            "xihaian",
            "chengyang",
            "jimo",
            "jiaozhou",
            "pingdu",
            "laixi",
        ],
        noun=("城市运营企业", "city operations company"),
        biz=("智慧城市建设与城市运营服务", "smart-city development and urban operations"),
        P="市容环境|city appearance and sanitation; 道路交通|road traffic; 应急管理|emergency management; 政务服务|public services; 社区治理|community management",
        orgs=[
            ("青岛{b}城市运营管理有限公司", "Qingdao {B} City Operations Co., Ltd."),
            ("青岛{b}智慧城市建设有限公司", "Qingdao {B} Smart City Co., Ltd."),
            ("青岛{b}城投数字科技有限公司", "Qingdao {B} Urban Digital Technology Co., Ltd."),
        ],
        ctx_zh=[
            "我司是{dz}的城市运营平台公司，受区里委托承担{P}领域的数字化建设，辖区常住人口约[[30-150]]万。",
            "公司为{dz}的国有智慧城市建设单位，正在推进{P}相关项目，已接入各类视频点位[[3000-20000/500]]路。",
            "本项目服务于{dz}的{P}工作，现有业务人员[[40-300/10]]人，日均处理事项[[500-4000/100]]件。",
        ],
        ctx_en=[
            "We are the city-operations company for {dz}, commissioned to digitise {P} for about [[300000-1500000/10000]] residents.",
            "As a state-owned smart-city developer in {dz}, we run {P} projects and already connect [[3000-20000/500]] video feeds.",
            "The project supports {P} in {dz}, where [[40-300/10]] staff handle some [[500-4000/100]] cases a day.",
        ],
        cust="某区城市运营公司|a district city-operations company; 某智慧城市建设单位|a smart-city developer",
    ),
    "education": dict(
        batch="fc",
        districts=["shinan", "shibei", "laoshan", "licang", "chengyang", "xihaian", "jimo"],
        noun=("教育机构", "education provider"),
        biz=("学历教育、职业教育和在线学习服务", "school, vocational and online education"),
        P="中学|secondary school; 小学|primary school; 职业技术学院|vocational college; 国际学校|international school",
        orgs=[
            ("青岛{b}学校", "Qingdao {B} School"),
            ("青岛{b}职业技术学院", "Qingdao {B} Vocational College"),
            ("青岛{b}教育科技有限公司", "Qingdao {B} Education Technology Co., Ltd."),
        ],
        ctx_zh=[
            "我校是{dz}的一所{P}，在校学生约[[1200-9000/100]]人，专任教师[[90-600/10]]人。",
            "本单位为{dz}的{P}，共有[[30-120]]个教学班，近年来生源增长较快。",
            "本项目实施地点为{dz}的{P}，校园网络和多媒体教室已全覆盖。",
        ],
        ctx_en=[
            "We are a {P} in {dz} with about [[1200-9000/100]] students and [[90-600/10]] teachers.",
            "We are a {P} in {dz} with [[30-120]] classes and enrolment that has grown quickly in recent years.",
            "The project site is a {P} in {dz}, with campus Wi-Fi and multimedia classrooms throughout.",
        ],
        cust="某中学|a secondary school; 某职业院校|a vocational college; 某国际学校|an international school",
    ),
    "culture-tourism": dict(
        batch="fc",
        districts=["shinan", "laoshan", "xihaian", "shibei", "jimo"],
        noun=("文旅企业", "culture and tourism company"),
        biz=("景区运营、文化场馆和旅游服务", "visitor attractions, cultural venues and tourism services"),
        P="海滨景区|seaside scenic area; 山岳景区|mountain scenic area; 博物馆|museum; 历史文化街区|historic quarter; 滨海度假区|seaside resort",
        orgs=[
            ("青岛{b}文化旅游发展有限公司", "Qingdao {B} Culture & Tourism Co., Ltd."),
            ("青岛{b}景区管理有限公司", "Qingdao {B} Scenic Area Management Co., Ltd."),
            ("青岛{b}文旅集团有限公司", "Qingdao {B} Tourism Group Co., Ltd."),
        ],
        ctx_zh=[
            "我司负责运营{dz}的{P}，年接待游客约[[150-800/10]]万人次，暑期单日峰值超过[[3-8]]万人次。",
            "公司是{dz}的文旅企业，主营{P}，入境游客约占[[8-25]]%，以日韩和俄罗斯游客居多。",
            "本项目实施地点为{dz}的{P}，员工[[120-800/10]]人，旺季另招临时工约[[100-400/10]]人。",
        ],
        ctx_en=[
            "We run a {P} in {dz} that receives about [[1.5-8.0]] million visitors a year, with summer peaks above [[30000-80000/5000]] a day.",
            "We are a tourism company in {dz} operating a {P}; [[8-25]]% of visitors come from abroad, mostly Japan, Korea and Russia.",
            "The project site is a {P} in {dz} with [[120-800/10]] staff, plus [[100-400/10]] seasonal workers in summer.",
        ],
        cust="某景区|a scenic area operator; 某文旅集团|a tourism group; 某博物馆|a museum",
    ),
    "retail-ecommerce": dict(
        batch="fc",
        districts=["shinan", "shibei", "licang", "laoshan", "chengyang", "xihaian", "jimo"],
        noun=("零售企业", "retailer"),
        biz=("商品零售、会员运营与电子商务", "retail, membership programmes and e-commerce"),
        P="连锁超市|supermarket chain; 跨境电商|cross-border e-commerce business; 社区生鲜店|community fresh-food chain; 便利店|convenience store chain; 家居建材连锁|home-improvement chain",
        orgs=[
            ("青岛{b}商业连锁有限公司", "Qingdao {B} Retail Chain Co., Ltd."),
            ("青岛{b}商贸有限公司", "Qingdao {B} Trading Co., Ltd."),
            ("青岛{b}跨境电子商务有限公司", "Qingdao {B} Cross-border E-commerce Co., Ltd."),
        ],
        ctx_zh=[
            "我司是总部位于{dz}的{P}企业，门店[[40-300/5]]家，会员约[[50-400/10]]万人，SKU超过[[8000-30000/1000]]个。",
            "公司在{dz}经营{P}，年销售额约[[3-40]]亿元，线上订单占比已升至[[15-45]]%。",
            "本项目实施地点为{dz}的{P}，日均客流约[[1-6]]万人次，周末和节假日明显高于平日。",
        ],
        ctx_en=[
            "We are a {P} headquartered in {dz} with [[40-300/5]] outlets, about [[500000-4000000/100000]] members and over [[8000-30000/1000]] SKUs.",
            "We run a {P} in {dz} with annual sales of roughly CNY [[0.3-4.0]] billion; online orders are now [[15-45]]% of the total.",
            "The project concerns our {P} in {dz}, which serves about [[10000-60000/1000]] customers a day, more at weekends.",
        ],
        cust="某连锁零售企业|a retail chain; 某跨境电商企业|a cross-border e-commerce seller; 某购物中心|a shopping mall",
    ),
    "agriculture-fisheries": dict(
        batch="fc",
        districts=["pingdu", "laixi", "jimo", "jiaozhou", "xihaian", "laoshan"],
        noun=("农业渔业企业", "agriculture and fisheries company"),
        biz=("种植、水产养殖和农产品加工销售", "crop growing, aquaculture and produce processing"),
        P="海参养殖|sea cucumber farming; 蔬菜大棚|greenhouse vegetables; 对虾工厂化养殖|indoor shrimp farming; 蓝莓种植|blueberry growing; 茶园|tea gardens",
        orgs=[
            ("青岛{b}海洋科技有限公司", "Qingdao {B} Marine Technology Co., Ltd."),
            ("青岛{b}农业发展有限公司", "Qingdao {B} Agricultural Development Co., Ltd."),
            ("青岛{b}水产有限公司", "Qingdao {B} Aquatic Products Co., Ltd."),
        ],
        ctx_zh=[
            "我司位于{dz}，主营{P}，基地面积约[[300-6000/100]]亩，常年用工[[40-300/10]]人。",
            "公司是{dz}的{P}企业，采用“公司+合作社+农户”模式，带动周边农户[[200-2000/100]]户。",
            "本项目实施地点为{dz}的{P}基地，产品主要供应青岛本地商超，部分出口日韩。",
        ],
        ctx_en=[
            "We are a {P} business in {dz} with about [[20-400]] hectares and [[40-300/10]] year-round workers.",
            "Our {dz} company runs {P} with local cooperatives, working with some [[200-2000/100]] farming households.",
            "The project site is our {P} base in {dz}, supplying Qingdao supermarkets and exporting part of the harvest to Japan and Korea.",
        ],
        cust="某海水养殖企业|an aquaculture company; 某农业合作社|a farming cooperative; 某农业企业|an agribusiness",
    ),
}

# --------------------------------------------------------------------------------------------
# 3. VARIANTS: (industry, capability, weight, nouns)
#    X = the thing concerned, Y = the issue / target, Z = where / which unit, W = who does it today,
#    P = restricts the owner's product line when the story only makes sense for some of them,
#    also = extra capability codes the listing may carry, batch = "fc" for a future-city variant
#    of an otherwise industrial industry.
# --------------------------------------------------------------------------------------------

V = dict  # shorthand
VARIANTS = [
    # automotive -----------------------------------------------------------------------------
    (
        "automotive",
        "visual-inspection",
        2,
        V(
            X="保险杠喷涂件|painted bumpers; 外饰件漆面|painted exterior trim",
            Y="颗粒|dirt specks; 流挂|paint sags; 缩孔|craters; 橘皮|orange peel",
            Z="涂装线终检工位|paint line final inspection station",
            W="检查员|inspectors",
            P="汽车保险杠|bumpers; 汽车内外饰件|interior and exterior trim",
            also="edge-ai-hardware",
        ),
    ),
    (
        "automotive",
        "visual-inspection",
        2,
        V(
            X="=P",
            Y="裂纹|cracks; 凹陷|dents; 毛刺|burrs; 划伤|scratches",
            Z="出货检验区|outgoing inspection area",
            W="质检员|inspectors",
            P="冲压车身件|stamped body panels; 铝合金轮毂|aluminium wheels",
        ),
    ),
    (
        "automotive",
        "robot-vision",
        2,
        V(
            X="挡风玻璃|windscreens; 车门总成|door assemblies; 座椅骨架|seat frames",
            Y="涂胶|glue dispensing; 装配定位|assembly positioning; 上下料|loading and unloading",
            Z="装配线|assembly line",
            W="装配工|assemblers",
        ),
    ),
    (
        "automotive",
        "predictive-maintenance",
        2,
        V(
            X="冲压机|stamping presses; 焊接机器人|welding robots; 涂装线风机|paint-line fans",
            Y="主轴轴承磨损|spindle bearing wear; 伺服电机过热|servo motor overheating; 减速器故障|gearbox faults",
            Z="冲焊车间|press and body shop",
            W="设备维修工|maintenance technicians",
            also="industrial-iot-data",
        ),
    ),
    (
        "automotive",
        "scheduling-optimization",
        1.5,
        V(
            X="混线生产订单|mixed-model orders; 焊装夹具切换|welding fixture changeovers",
            Y="颜色切换|colour changes; 配置差异|option mix; 物料齐套|parts availability",
            Z="生产计划科|production planning office",
            W="计划员|planners",
        ),
    ),
    (
        "automotive",
        "autonomous-driving-v2x",
        1.5,
        V(
            X="厂内物流牵引车|in-plant tugger trains; 零部件短驳卡车|parts shuttle trucks",
            Y="厂区主干道|the main plant roads; 仓库到总装线的转运路线|the route from the warehouse to the assembly line",
            Z="厂区|plant site",
            W="司机|drivers",
        ),
    ),
    (
        "automotive",
        "knowledge-graph-search",
        1,
        V(
            X="维修手册和质量问题报告|repair manuals and quality reports; 8D报告与售后故障记录|8D reports and warranty claims",
            Y="故障原因|failure causes; 质量问题根因|quality root causes",
            Z="质量部|quality department",
            W="质量工程师|quality engineers",
        ),
    ),
    (
        "automotive",
        "ar-vr-training",
        1,
        V(
            X="焊装设备维修|body-shop equipment repair; 新车型装配|new model assembly",
            Y="高压电池拆装|high-voltage battery handling; 机器人单元故障处置|robot cell breakdowns",
            Z="培训中心|training centre",
            W="新员工|new hires",
        ),
    ),
    # tyre-rubber ----------------------------------------------------------------------------
    (
        "tyre-rubber",
        "visual-inspection",
        3,
        V(
            X="胎面|treads; 胎侧|sidewalls; 胎圈|bead areas",
            Y="气泡|blisters; 缺胶|under-fill; 杂质|foreign matter; 裂口|cracks; 胶边|flash",
            Z="成品外观检验工位|final visual inspection station",
            W="质检员|inspectors",
            also="edge-ai-hardware",
        ),
    ),
    (
        "tyre-rubber",
        "visual-inspection",
        2,
        V(
            X="子午胎X光片|radial tyre X-ray images; 钢丝帘布|steel cord plies",
            Y="钢丝稀线|open cords; 钢丝交叉|crossed cords; 帘线弯曲|wavy cords; 帘线间距不均|uneven cord spacing",
            Z="X光检测工位|X-ray inspection booth",
            W="判片员|X-ray readers",
        ),
    ),
    (
        "tyre-rubber",
        "process-optimization",
        3,
        V(
            X="密炼|internal mixing; 终炼|final mixing",
            Y="门尼粘度|Mooney viscosity; 胶料分散度|compound dispersion; 混炼胶硬度|compound hardness",
            Z="密炼车间|mixing shop",
            W="工艺员|process engineers",
            also="industrial-iot-data",
        ),
    ),
    (
        "tyre-rubber",
        "predictive-maintenance",
        2,
        V(
            X="硫化机|curing presses; 密炼机|internal mixers; 压延机|calenders",
            Y="液压系统泄漏|hydraulic leaks; 轴承磨损|bearing wear; 减速机故障|gearbox faults; 温控失准|temperature control drift",
            Z="硫化车间|curing hall",
            W="点检员|maintenance inspectors",
        ),
    ),
    (
        "tyre-rubber",
        "energy-optimization",
        1,
        V(
            X="硫化蒸汽系统|curing steam system; 硫化车间|curing hall",
            Y="蒸汽|steam",
            Z="全厂|plant",
            W="能源管理员|energy managers",
        ),
    ),
    (
        "tyre-rubber",
        "energy-optimization",
        1,
        V(
            X="空压站|compressed-air station; 密炼机组|mixer line",
            Y="电|electricity",
            Z="全厂|plant",
            W="能源管理员|energy managers",
        ),
    ),
    (
        "tyre-rubber",
        "industrial-iot-data",
        1.5,
        V(
            X="成型机|tyre building machines; 硫化机|curing presses",
            Y="数据格式不统一、多数没有联网|data formats differ and most are not networked",
            Z="轮胎工厂|tyre plant",
            W="统计员|clerks",
        ),
    ),
    (
        "tyre-rubber",
        "autonomous-mobile-robots",
        2,
        V(
            X="胎胚|green tyres; 钢丝帘布卷|steel cord rolls",
            Y="从成型车间到硫化车间|from the building area to the curing hall; 从压延到裁断工序|from calendering to cutting",
            Z="轮胎生产车间|tyre plant",
            W="转运工|material handlers",
        ),
    ),
    # machinery ------------------------------------------------------------------------------
    (
        "machinery",
        "predictive-maintenance",
        3,
        V(
            X="数控加工中心|CNC machining centres; 数控车床|CNC lathes; 龙门铣床|gantry mills",
            Y="主轴故障|spindle failures; 刀具崩刃|tool breakage; 丝杠磨损|ball-screw wear",
            Z="机加工车间|machining hall",
            W="设备维修员|maintenance staff",
            also="industrial-iot-data",
        ),
    ),
    (
        "machinery",
        "visual-inspection",
        2,
        V(
            X="铸件|castings; 齿轮|gears; 液压阀体|hydraulic valve bodies",
            Y="砂眼|sand holes; 裂纹|cracks; 磕碰伤|dents; 加工纹异常|abnormal tool marks",
            Z="终检工位|final inspection station",
            W="检验员|inspectors",
        ),
    ),
    (
        "machinery",
        "robot-vision",
        2.5,
        V(
            X="铸件毛坯|rough castings; 钣金件|sheet-metal parts; 焊接结构件|welded frames",
            Y="无序抓取|bin picking; 打磨|grinding; 焊缝跟踪|weld seam tracking",
            Z="毛坯上料工位|blank loading station",
            W="操作工|operators",
        ),
    ),
    (
        "machinery",
        "document-ocr",
        1.5,
        V(
            X="纸质工程图纸|paper engineering drawings; 材质证明和检验报告|material certificates and test reports",
            Y="尺寸公差|dimensional tolerances; 材料牌号|material grades; 零件号|part numbers",
            Z="技术部|engineering department",
            W="文员|clerks",
        ),
    ),
    (
        "machinery",
        "knowledge-graph-search",
        1.5,
        V(
            X="工艺文件和故障案例|process documents and fault cases; 产品设计资料|design documents",
            Y="工艺问题|process issues; 装配故障|assembly faults",
            Z="技术中心|technology centre",
            W="工程师|engineers",
        ),
    ),
    (
        "machinery",
        "digital-twin",
        1.5,
        V(
            X="装配车间|assembly hall; 液压试验台|hydraulic test benches",
            Y="产线布局|line layout; 物流节拍|material flow timing",
            Z="新建装配车间|new assembly hall",
            W="车间主任|shop managers",
        ),
    ),
    (
        "machinery",
        "industrial-iot-data",
        1.5,
        V(
            X="数控机床|CNC machines; 注塑机|injection moulding machines",
            Y="控制系统品牌多、协议各不相同|controllers come from many vendors with different protocols",
            Z="机加工厂区|machining plant",
            W="统计员|clerks",
        ),
    ),
    # home-appliance -------------------------------------------------------------------------
    (
        "home-appliance",
        "visual-inspection",
        3,
        V(
            X="外观件|cosmetic parts; 钣金外壳|sheet-metal housings; 注塑面板|moulded front panels",
            Y="划伤|scratches; 凹坑|dents; 色差|colour mismatch; 丝印缺失|missing print",
            Z="总装下线检验工位|end-of-line inspection station",
            W="检验员|inspectors",
            P="冰箱|refrigerators; 空调|air conditioners; 洗衣机|washing machines",
            also="edge-ai-hardware",
        ),
    ),
    (
        "home-appliance",
        "demand-forecasting",
        2,
        V(
            X="=P",
            Y="气温|temperature; 电商大促|online shopping festivals; 新房交付|housing completions",
            Z="区域分公司|regional sales branches",
            W="计划员|planners",
        ),
    ),
    (
        "home-appliance",
        "chatbot",
        2,
        V(
            X="售后报修咨询|after-sales service requests; 安装预约|installation bookings",
            Y="故障代码含义|error code meanings; 保修政策|warranty terms; 上门时间|visit times",
            Z="400热线和微信公众号|hotline and WeChat account",
            W="客服坐席|service agents",
            also="speech",
        ),
    ),
    (
        "home-appliance",
        "robot-vision",
        1.5,
        V(
            X="压缩机|compressors; 冰箱内胆|refrigerator liners; 控制板|control boards",
            Y="上下料|loading and unloading; 螺钉锁付|screw driving; 装配定位|assembly positioning",
            Z="装配线|assembly line",
            W="操作工|operators",
        ),
    ),
    (
        "home-appliance",
        "scheduling-optimization",
        1.5,
        V(
            X="总装线订单|assembly line orders; 注塑模具|injection moulds",
            Y="换模时间|mould changes; 物料齐套|material readiness; 出口船期|export sailing dates",
            Z="计划部|planning department",
            W="排产员|schedulers",
        ),
    ),
    (
        "home-appliance",
        "speech",
        1.5,
        V(
            X="售后服务通话|after-sales calls; 上门服务录音|field service recordings",
            Y="服务违规用语|non-compliant wording; 客户不满情绪|customer dissatisfaction",
            Z="客户服务中心|customer service centre",
            W="质检专员|QA reviewers",
        ),
    ),
    (
        "home-appliance",
        "recommendation-marketing",
        1,
        V(
            X="家电套购方案|appliance bundles; 延保与清洗服务|extended warranties and cleaning services",
            Y="老用户|existing owners; 新房业主|new homeowners",
            Z="官方商城小程序|official mini-program store",
            W="运营人员|marketing staff",
        ),
    ),
    # textile-apparel ------------------------------------------------------------------------
    (
        "textile-apparel",
        "visual-inspection",
        3,
        V(
            X="坯布|grey fabric; 针织面料|knitted fabric; 牛仔布|denim",
            Y="断经|broken ends; 纬斜|skewed weft; 油污|oil stains; 破洞|holes; 色花|uneven dyeing",
            Z="验布车间|fabric inspection room",
            W="验布工|fabric inspectors",
        ),
    ),
    (
        "textile-apparel",
        "demand-forecasting",
        2,
        V(
            X="=P",
            Y="季节更替|seasonal change; 直播带货|live-stream sales; 天气|weather",
            Z="线上店铺和加盟商|online stores and franchisees",
            W="商品企划|merchandisers",
            P="童装|childrenswear; 工装制服|workwear and uniforms; 家纺床品|home textiles",
        ),
    ),
    (
        "textile-apparel",
        "scheduling-optimization",
        2,
        V(
            X="缝制订单|sewing orders; 染缸任务|dye vat jobs",
            Y="交期|due dates; 工序平衡|line balancing; 颜色顺序|colour sequence",
            Z="生产部|production department",
            W="计划员|planners",
        ),
    ),
    (
        "textile-apparel",
        "robot-vision",
        1,
        V(
            X="裁片|cut pieces; 口袋和领片|pockets and collars",
            Y="缝制上料|feeding for sewing; 分拣|sorting",
            Z="缝制车间|sewing room",
            W="车工|sewing operators",
        ),
    ),
    (
        "textile-apparel",
        "recommendation-marketing",
        1,
        V(
            X="定制款式|made-to-order styles; 面料|fabrics",
            Y="海外中小品牌客户|small overseas brands; 回头客|repeat buyers",
            Z="B2B外贸网站|B2B export website",
            W="外贸业务员|export sales staff",
        ),
    ),
    (
        "textile-apparel",
        "energy-optimization",
        1.5,
        V(
            X="染整定型机|stenter frames; 染色车间|dye house",
            Y="蒸汽和天然气|steam and natural gas",
            Z="染整厂|dyeing and finishing plant",
            W="能源管理员|energy managers",
        ),
    ),
    # petrochemical --------------------------------------------------------------------------
    (
        "petrochemical",
        "safety-video-analytics",
        3,
        V(
            X="装置区|process units; 罐区|tank farm; 装卸栈台|loading racks",
            Y="未戴安全帽|missing hard hats; 违规动火|unauthorised hot work; 人员闯入危险区|intrusion into restricted zones; 跑冒滴漏|leaks and spills",
            Z="中控室|central control room",
            W="安全员|safety officers",
            also="edge-ai-hardware",
        ),
    ),
    (
        "petrochemical",
        "predictive-maintenance",
        2.5,
        V(
            X="往复压缩机|reciprocating compressors; 离心泵|centrifugal pumps; 大型风机|large blowers",
            Y="密封泄漏|seal leaks; 轴承损坏|bearing damage; 异常振动|abnormal vibration",
            Z="联合装置|process complex",
            W="设备工程师|reliability engineers",
        ),
    ),
    (
        "petrochemical",
        "process-optimization",
        1.5,
        V(
            X="常减压装置|crude distillation; 催化裂化装置|catalytic cracking",
            Y="轻油收率|light-oil yield; 关键组分含量|key component content; 产品干点|product end point",
            Z="运行部|operations department",
            W="工艺工程师|process engineers",
            P="炼油|refining",
        ),
    ),
    (
        "petrochemical",
        "process-optimization",
        1,
        V(
            X="聚丙烯装置|polypropylene unit; 聚乙烯装置|polyethylene unit",
            Y="熔融指数|melt index; 等规度|isotacticity; 牌号切换过渡料|off-grade transition material",
            Z="聚烯烃部|polyolefins department",
            W="工艺工程师|process engineers",
            P="乙烯及下游化工品|ethylene and derivatives",
        ),
    ),
    (
        "petrochemical",
        "digital-twin",
        1.5,
        V(
            X="全厂装置|whole complex; 罐区|tank farm",
            Y="检维修作业|maintenance work; 应急处置流程|emergency response",
            Z="厂区|site",
            W="生产管理人员|operations managers",
        ),
    ),
    (
        "petrochemical",
        "energy-optimization",
        1,
        V(X="加热炉|fired heaters", Y="燃料气|fuel gas", Z="炼化装置|refinery units", W="能源管理员|energy managers"),
    ),
    (
        "petrochemical",
        "energy-optimization",
        0.5,
        V(
            X="循环水系统|cooling water system; 空分装置|air separation unit",
            Y="电|electricity",
            Z="炼化装置|refinery units",
            W="能源管理员|energy managers",
        ),
    ),
    (
        "petrochemical",
        "ar-vr-training",
        1.5,
        V(
            X="装置开停工操作|unit start-up and shutdown; 受限空间作业|confined-space work",
            Y="硫化氢泄漏应急|H2S release response; 初期火灾处置|first response to fires",
            Z="实训基地|training facility",
            W="新入职操作工|new operators",
        ),
    ),
    (
        "petrochemical",
        "knowledge-graph-search",
        1,
        V(
            X="工艺技术规程和事故案例|operating procedures and incident reports; 设备检修记录|maintenance histories",
            Y="异常工况处置|abnormal situation handling; 设备故障|equipment faults",
            Z="技术处|technical department",
            W="技术人员|engineers",
        ),
    ),
    # ports-logistics ------------------------------------------------------------------------
    (
        "ports-logistics",
        "autonomous-mobile-robots",
        2,
        V(
            X="集装箱|containers",
            Y="在岸桥和堆场之间|between quay cranes and the yard",
            Z="集装箱码头|container terminal",
            W="集卡司机|truck drivers",
            P="集装箱码头|container terminal",
        ),
    ),
    (
        "ports-logistics",
        "autonomous-mobile-robots",
        2,
        V(
            X="托盘货物|palletised goods; 冷链货品|chilled goods",
            Y="从收货区到库位|from receiving to storage locations; 从冷库到分拣线|from cold rooms to the sorting line",
            Z="物流仓库|warehouse",
            W="叉车司机|forklift drivers",
            P="冷链物流园|cold-chain logistics park; 保税仓储中心|bonded warehouse; 电商物流中心|e-commerce fulfilment centre",
        ),
    ),
    (
        "ports-logistics",
        "document-ocr",
        2,
        V(
            X="提单|bills of lading; 装箱单|packing lists; 报关单|customs declarations",
            Y="箱号|container numbers; 封号|seal numbers; 货物品名|cargo descriptions; 毛重|gross weights",
            Z="单证中心|documentation centre",
            W="单证员|documentation clerks",
        ),
    ),
    (
        "ports-logistics",
        "scheduling-optimization",
        3,
        V(
            X="泊位和岸桥|berths and quay cranes; 堆场箱位|yard slots; 集卡作业|truck dispatching",
            Y="潮汐窗口|tide windows; 船舶延误|vessel delays; 翻箱率|rehandling",
            Z="调度中心|control centre",
            W="调度员|dispatchers",
            P="集装箱码头|container terminal; 散杂货码头|bulk and general cargo terminal",
        ),
    ),
    (
        "ports-logistics",
        "safety-video-analytics",
        1.5,
        V(
            X="码头前沿|quayside; 堆场|container yard",
            Y="人员闯入作业区|people entering operating zones; 未穿反光衣|missing hi-vis vests; 疲劳驾驶|driver fatigue",
            Z="监控中心|monitoring centre",
            W="安全员|safety officers",
            P="集装箱码头|container terminal; 散杂货码头|bulk and general cargo terminal",
        ),
    ),
    (
        "ports-logistics",
        "digital-twin",
        1.5,
        V(
            X="集装箱码头|container terminal; 物流园区|logistics park",
            Y="堆场作业流程|yard operations; 闸口通行|gate traffic",
            Z="码头|terminal",
            W="运营经理|operations managers",
        ),
    ),
    (
        "ports-logistics",
        "autonomous-driving-v2x",
        2,
        V(
            X="集卡|terminal tractors; 港区短驳车辆|port shuttle trucks",
            Y="码头内部道路|the terminal roads; 码头至铁路场站的短驳路线|the shuttle route between quay and rail yard",
            Z="港区|port area",
            W="集卡司机|drivers",
        ),
    ),
    (
        "ports-logistics",
        "risk-fraud",
        1,
        V(
            X="仓单质押融资|warehouse-receipt financing; 代理进口业务|import agency business",
            Y="重复质押|double pledging; 虚假仓单|fake warehouse receipts; 货权不清|unclear title to goods",
            Z="供应链金融部|supply-chain finance unit",
            W="风控专员|risk officers",
            P="保税仓储中心|bonded warehouse; 冷链物流园|cold-chain logistics park",
        ),
    ),
    (
        "ports-logistics",
        "remote-sensing-ocean",
        1.5,
        V(
            X="港池与航道|harbour basin and channels; 锚地|anchorage",
            Y="海雾|sea fog; 浒苔|green-tide algae; 溢油|oil spills",
            Z="港区水域|port waters",
            W="海事巡查人员|marine patrol staff",
        ),
    ),
    # shipbuilding-marine --------------------------------------------------------------------
    (
        "shipbuilding-marine",
        "visual-inspection",
        2,
        V(
            X="焊缝|weld seams; 船体分段焊缝|hull block welds",
            Y="咬边|undercut; 气孔|porosity; 焊瘤|weld overlap; 未焊透|incomplete penetration",
            Z="分段车间|block fabrication hall",
            W="质检员|inspectors",
        ),
    ),
    (
        "shipbuilding-marine",
        "robot-vision",
        2,
        V(
            X="小组立构件|small assemblies; 型材|profiles",
            Y="焊缝跟踪|weld seam tracking; 切割定位|cutting alignment; 分拣|sorting",
            Z="平面分段生产线|panel line",
            W="焊工|welders",
        ),
    ),
    (
        "shipbuilding-marine",
        "scheduling-optimization",
        2,
        V(
            X="分段建造|block construction; 船坞搭载|dock erection",
            Y="场地占用|workspace; 吊车能力|crane capacity; 外协班组|subcontractor crews",
            Z="生产管理部|production control",
            W="计划员|planners",
        ),
    ),
    (
        "shipbuilding-marine",
        "predictive-maintenance",
        2,
        V(
            X="船用主机|main engines; 发电柴油机|diesel generators",
            Y="增压器故障|turbocharger faults; 缸套磨损|liner wear; 燃油喷射异常|fuel injection faults",
            Z="在营船队|operating fleet",
            W="轮机员|marine engineers",
        ),
    ),
    (
        "shipbuilding-marine",
        "remote-sensing-ocean",
        1.5,
        V(
            X="海上作业区|offshore work area; 试航海域|sea-trial area",
            Y="大风浪|heavy weather; 海雾|sea fog; 异常海流|abnormal currents",
            Z="黄海作业海域|Yellow Sea work area",
            W="调度人员|dispatchers",
        ),
    ),
    (
        "shipbuilding-marine",
        "digital-twin",
        1.5,
        V(
            X="船体总装过程|hull assembly process; 海工平台|offshore platform",
            Y="吊装方案|lifting plans; 舾装干涉|outfitting clashes",
            Z="船坞|dock",
            W="项目经理|project managers",
        ),
    ),
    # food-beverage --------------------------------------------------------------------------
    (
        "food-beverage",
        "demand-forecasting",
        3,
        V(
            X="=P",
            Y="天气|weather; 啤酒节等节会|festivals such as the beer festival; 旅游旺季|the tourist season",
            Z="经销商|distributors",
            W="计划员|planners",
            P="啤酒|beer; 精酿啤酒|craft beer; 原浆鲜啤|unfiltered draught beer",
        ),
    ),
    (
        "food-beverage",
        "demand-forecasting",
        2,
        V(
            X="=P",
            Y="保质期|shelf life; 节假日|holidays; 促销活动|promotions",
            Z="商超门店|supermarket stores",
            W="销售计划员|sales planners",
            P="乳制品|dairy products; 速冻食品|frozen foods",
        ),
    ),
    (
        "food-beverage",
        "visual-inspection",
        2,
        V(
            X="瓶装啤酒|bottled beer; 易拉罐饮料|canned drinks",
            Y="液位不足|low fill; 封口不良|faulty seals; 标签破损|damaged labels; 异物|foreign matter",
            Z="灌装线末端|end of the filling line",
            W="灯检工|light-check inspectors",
            P="啤酒|beer; 饮料|soft drinks",
        ),
    ),
    (
        "food-beverage",
        "visual-inspection",
        1.5,
        V(
            X="即食海参|ready-to-eat sea cucumber; 鱼片|fish fillets; 速冻水饺|frozen dumplings",
            Y="异物|foreign matter; 规格不符|off-spec size; 破损|breakage; 色泽异常|discolouration",
            Z="分级包装工位|grading and packing station",
            W="分拣工|sorters",
            P="海洋食品|seafood products; 速冻食品|frozen foods",
        ),
    ),
    (
        "food-beverage",
        "process-optimization",
        2,
        V(
            X="啤酒发酵|beer fermentation; 麦汁煮沸|wort boiling",
            Y="双乙酰含量|diacetyl level; 口味稳定性|flavour consistency; 麦汁浓度|wort gravity",
            Z="酿造车间|brewhouse",
            W="酿酒师|brewers",
            P="啤酒|beer",
        ),
    ),
    (
        "food-beverage",
        "scheduling-optimization",
        1.5,
        V(
            X="灌装线任务|filling line jobs; 冷链配送车辆|cold-chain delivery trucks",
            Y="换品种清洗|changeover cleaning; 订单交期|order due dates; 车辆装载率|truck fill rates",
            Z="生产计划部|planning department",
            W="计划员|planners",
        ),
    ),
    (
        "food-beverage",
        "recommendation-marketing",
        1.5,
        V(
            X="新品和节日礼盒|new products and festive gift boxes; 会员积分兑换|loyalty rewards",
            Y="年轻消费者|younger consumers; 沉睡会员|dormant members",
            Z="小程序商城|mini-program store",
            W="市场人员|marketing staff",
        ),
    ),
    (
        "food-beverage",
        "energy-optimization",
        1,
        V(
            X="制冷系统|refrigeration system; 冷库|cold stores",
            Y="电|electricity",
            Z="厂区|plant",
            W="动力车间人员|utilities staff",
        ),
    ),
    (
        "food-beverage",
        "energy-optimization",
        0.5,
        V(
            X="锅炉房|boiler house; 糖化车间|brewhouse",
            Y="蒸汽|steam",
            Z="厂区|plant",
            W="动力车间人员|utilities staff",
            P="啤酒|beer",
        ),
    ),
    # rail-transit (industrial) --------------------------------------------------------------
    (
        "rail-transit",
        "predictive-maintenance",
        3,
        V(
            X="转向架|bogies; 牵引电机|traction motors; 齿轮箱|gearboxes",
            Y="轴承温升异常|bearing overheating; 齿轮磨损|gear wear; 异常振动|abnormal vibration",
            Z="检修基地|maintenance depot",
            W="检修工|maintenance technicians",
        ),
    ),
    (
        "rail-transit",
        "visual-inspection",
        2.5,
        V(
            X="车底部件|underframe components; 转向架部件|bogie components",
            Y="螺栓松动|loose bolts; 裂纹|cracks; 异物|foreign objects; 油液渗漏|oil leaks",
            Z="检修库地沟|inspection pit",
            W="检车员|car inspectors",
        ),
    ),
    (
        "rail-transit",
        "robot-vision",
        1.5,
        V(
            X="铝合金车体型材|aluminium car-body profiles; 转向架构架|bogie frames",
            Y="焊缝跟踪|weld seam tracking; 打磨|grinding",
            Z="焊接车间|welding shop",
            W="焊工|welders",
        ),
    ),
    (
        "rail-transit",
        "ar-vr-training",
        1.5,
        V(
            X="动车组检修作业|train maintenance procedures; 高压设备操作|high-voltage equipment operation",
            Y="车顶高压作业|roof high-voltage work; 故障应急处置|breakdown emergencies",
            Z="培训中心|training centre",
            W="检修新员工|trainee technicians",
        ),
    ),
    (
        "rail-transit",
        "digital-twin",
        1,
        V(
            X="转向架生产线|bogie production line; 总装车间|final assembly hall",
            Y="工位节拍|station takt; 生产线布局|line layout",
            Z="总装厂区|assembly site",
            W="生产经理|production managers",
        ),
    ),
    # rail-transit (future city: metro operation) ---------------------------------------------
    (
        "rail-transit",
        "traffic-crowd-analytics",
        3,
        V(
            X="换乘车站|interchange stations; 高峰时段列车|peak-hour trains",
            Y="站台拥挤|platform crowding; 进出站排队|queues at the gates",
            Z="线网指挥中心|network control centre",
            W="值班站长|station supervisors",
            batch="fc",
        ),
    ),
    (
        "rail-transit",
        "chatbot",
        1.5,
        V(
            X="乘客问询|passenger enquiries; 失物招领|lost-property requests",
            Y="换乘路线|transfer routes; 首末班时间|first and last trains; 票价|fares",
            Z="客服热线和APP|hotline and app",
            W="客服人员|service staff",
            batch="fc",
        ),
    ),
    (
        "rail-transit",
        "face-recognition",
        1.5,
        V(
            X="进站闸机|entry gates",
            Y="逃票|fare evasion; 冒用优惠卡|misuse of concession cards",
            Z="地铁车站|metro stations",
            W="站务员|station staff",
            batch="fc",
        ),
    ),
    (
        "rail-transit",
        "energy-optimization",
        1,
        V(
            X="车站通风空调系统|station ventilation and air-conditioning; 照明与扶梯|lighting and escalators",
            Y="电|electricity",
            Z="全线车站|stations on the line",
            W="机电人员|M&E staff",
            batch="fc",
        ),
    ),
    # energy-power ---------------------------------------------------------------------------
    (
        "energy-power",
        "predictive-maintenance",
        2,
        V(
            X="风电机组|wind turbines",
            Y="齿轮箱故障|gearbox failures; 叶片损伤|blade damage; 变桨系统故障|pitch system faults",
            Z="风电场|wind farm",
            W="运维人员|O&M technicians",
            P="风电场|wind farm",
            also="edge-ai-hardware",
        ),
    ),
    (
        "energy-power",
        "predictive-maintenance",
        1.5,
        V(
            X="主变压器|main transformers; 光伏逆变器|PV inverters; 储能变流器|storage converters",
            Y="绝缘老化|insulation ageing; 过热|overheating; 局部放电|partial discharge",
            Z="场站|site",
            W="运维人员|O&M technicians",
            P="光伏电站|solar farm; 配电网|distribution grid; 储能电站|battery storage plant",
        ),
    ),
    (
        "energy-power",
        "energy-optimization",
        2,
        V(
            X="热电联产机组|CHP units; 供热管网|heating network",
            Y="燃料|fuel; 厂用电|auxiliary power",
            Z="热电厂|CHP plant",
            W="运行人员|operators",
            P="热电联产|combined heat and power plant",
        ),
    ),
    (
        "energy-power",
        "safety-video-analytics",
        2,
        V(
            X="变电站|substations; 升压站|step-up substations; 输煤栈桥|coal conveyor gallery",
            Y="人员误入带电区域|entry into live zones; 未戴安全帽|missing hard hats; 设备冒烟起火|smoke or fire",
            Z="集控中心|central control room",
            W="值班人员|duty operators",
        ),
    ),
    (
        "energy-power",
        "remote-sensing-ocean",
        1.5,
        V(
            X="海上风电场|offshore wind farm; 沿海滩涂光伏场区|coastal tidal-flat solar site",
            Y="海冰|sea ice; 台风浪|typhoon waves; 船舶闯入|vessel intrusion",
            Z="风场海域|wind farm waters",
            W="运维人员|O&M staff",
            P="风电场|wind farm; 光伏电站|solar farm",
        ),
    ),
    (
        "energy-power",
        "edge-ai-hardware",
        2,
        V(
            X="光伏场站数据采集器|PV site data loggers; 配电房监控终端|substation monitoring terminals",
            Y="设备异常识别|equipment anomaly detection; 表计读数识别|meter reading",
            Z="分布式场站|distributed sites",
            W="运维人员|O&M staff",
            P="光伏电站|solar farm; 配电网|distribution grid",
        ),
    ),
    (
        "energy-power",
        "visual-inspection",
        1.5,
        V(
            X="光伏组件|PV modules",
            Y="隐裂|micro-cracks; 热斑|hot spots; 断栅|broken fingers; 黑片|dark cells",
            Z="组件EL检测点|EL test point",
            W="检测员|testers",
            P="光伏电站|solar farm",
        ),
    ),
    # steel-metallurgy -----------------------------------------------------------------------
    (
        "steel-metallurgy",
        "visual-inspection",
        3,
        V(
            X="=P",
            Y="结疤|scabs; 划伤|scratches; 氧化铁皮压入|rolled-in scale; 边裂|edge cracks",
            Z="精整线|finishing line",
            W="表检员|surface inspectors",
            also="edge-ai-hardware",
        ),
    ),
    (
        "steel-metallurgy",
        "process-optimization",
        1.5,
        V(
            X="高炉炼铁|blast furnace ironmaking",
            Y="铁水硅含量|hot-metal silicon; 炉温|furnace thermal state; 燃料比|fuel rate",
            Z="炼铁厂|ironmaking plant",
            W="工艺工程师|process engineers",
        ),
    ),
    (
        "steel-metallurgy",
        "process-optimization",
        1.5,
        V(
            X="转炉炼钢|converter steelmaking",
            Y="终点碳含量|end-point carbon; 出钢温度|tapping temperature; 合金收得率|alloy recovery",
            Z="炼钢厂|steel plant",
            W="炉长|furnace operators",
        ),
    ),
    (
        "steel-metallurgy",
        "predictive-maintenance",
        2.5,
        V(
            X="轧机|rolling mills; 连铸机|continuous casters; 主抽风机|main exhaust fans",
            Y="轴承损坏|bearing failures; 齿轮箱异常|gearbox faults; 液压系统故障|hydraulic faults",
            Z="热轧厂|hot strip mill",
            W="点检员|maintenance inspectors",
        ),
    ),
    (
        "steel-metallurgy",
        "safety-video-analytics",
        2,
        V(
            X="炼钢车间|melt shop; 煤气区域|gas areas; 行车作业区|crane operating zones",
            Y="人员进入吊物下方|people under suspended loads; 未佩戴煤气报警仪|missing gas detectors; 翻越护栏|climbing over guardrails",
            Z="安全监控中心|safety monitoring centre",
            W="安全员|safety officers",
        ),
    ),
    (
        "steel-metallurgy",
        "energy-optimization",
        1,
        V(X="加热炉|reheating furnaces", Y="煤气|fuel gas", Z="钢厂|steelworks", W="能源调度员|energy dispatchers"),
    ),
    (
        "steel-metallurgy",
        "energy-optimization",
        0.5,
        V(
            X="制氧站|oxygen plant; 除尘风机|dedusting fans",
            Y="电|electricity",
            Z="钢厂|steelworks",
            W="能源调度员|energy dispatchers",
        ),
    ),
    (
        "steel-metallurgy",
        "edge-ai-hardware",
        1,
        V(
            X="轧线工控机|mill line controllers; 行车监控终端|crane cameras",
            Y="表面缺陷检测|surface defect detection; 吊运安全识别|lifting safety monitoring",
            Z="热轧产线|hot rolling line",
            W="自动化工程师|automation engineers",
        ),
    ),
    # construction-building ------------------------------------------------------------------
    (
        "construction-building",
        "safety-video-analytics",
        3,
        V(
            X="施工现场|construction sites; 塔吊作业区|tower crane zones; 基坑周边|excavation edges",
            Y="未戴安全帽|missing hard hats; 高处作业未系安全带|working at height without a harness; 吊物下站人|people under crane loads; 扬尘超标|excessive dust",
            Z="项目部监控室|site office monitoring room",
            W="安全员|safety officers",
            also="edge-ai-hardware",
        ),
    ),
    (
        "construction-building",
        "digital-twin",
        2,
        V(
            X="在建项目|projects under construction; 装配式构件工厂|precast plant",
            Y="施工进度|construction progress; 构件吊装顺序|component lifting sequence",
            Z="工程管理部|project management office",
            W="项目经理|project managers",
        ),
    ),
    (
        "construction-building",
        "document-ocr",
        2,
        V(
            X="施工图纸|construction drawings; 工程签证单|site instruction forms; 材料进场单|material delivery notes",
            Y="工程量|quantities; 材料规格|material specifications; 签字日期|signature dates",
            Z="商务合约部|commercial department",
            W="预算员|quantity surveyors",
        ),
    ),
    (
        "construction-building",
        "visual-inspection",
        2,
        V(
            X="预制叠合板|precast floor slabs; 预制墙板|precast wall panels",
            Y="裂缝|cracks; 蜂窝麻面|honeycombing; 预埋件偏位|misplaced embeds; 尺寸超差|dimensional errors",
            Z="构件出厂检验区|outgoing inspection yard",
            W="质检员|inspectors",
            P="装配式建筑构件|precast concrete components",
        ),
    ),
    (
        "construction-building",
        "ar-vr-training",
        1.5,
        V(
            X="塔吊操作|tower crane operation; 高处作业安全|working at height",
            Y="高处坠落|falls from height; 脚手架坍塌|scaffold collapse",
            Z="安全体验馆|safety training hall",
            W="新进场工人|new site workers",
        ),
    ),
    # civil-aviation -------------------------------------------------------------------------
    (
        "civil-aviation",
        "face-recognition",
        2.5,
        V(
            X="登机口|boarding gates; 安检通道|security lanes",
            Y="冒用他人证件|use of another person's ID; 漏验登机牌|unchecked boarding passes",
            Z="航站楼|terminal",
            W="安检员|screeners",
            P="机场航站楼运行|airport terminal operations",
        ),
    ),
    (
        "civil-aviation",
        "visual-inspection",
        2,
        V(
            X="发动机叶片|engine blades; 机身蒙皮|fuselage skin",
            Y="裂纹|cracks; 腐蚀|corrosion; 凹坑|dents; 涂层脱落|coating loss",
            Z="航线维修机库|line maintenance hangar",
            W="检验员|inspectors",
            P="航空器维修|aircraft maintenance",
        ),
    ),
    (
        "civil-aviation",
        "predictive-maintenance",
        2,
        V(
            X="辅助动力装置|APUs; 行李分拣机|baggage sorters; 登机桥|boarding bridges",
            Y="性能衰退|performance degradation; 电机故障|motor faults; 液压故障|hydraulic faults",
            Z="机场运行区|airport operating area",
            W="维修工程师|maintenance engineers",
        ),
    ),
    (
        "civil-aviation",
        "scheduling-optimization",
        2,
        V(
            X="停机位|aircraft stands; 地勤保障车辆|ground-handling vehicles",
            Y="航班延误|flight delays; 机型限制|aircraft type limits; 过站时间|turnaround times",
            Z="运行指挥中心|operations control centre",
            W="机位调度员|stand controllers",
            P="机场航站楼运行|airport terminal operations; 地面服务|ground handling",
        ),
    ),
    (
        "civil-aviation",
        "chatbot",
        1.5,
        V(
            X="旅客问询|passenger enquiries; 行李查询|baggage enquiries",
            Y="航班动态|flight status; 行李规定|baggage rules; 中转流程|transfer procedures",
            Z="问询柜台和微信小程序|information desks and WeChat mini-program",
            W="问询员|information staff",
            P="机场航站楼运行|airport terminal operations",
        ),
    ),
    (
        "civil-aviation",
        "autonomous-mobile-robots",
        1.5,
        V(
            X="行李车|baggage carts; 航空货物|air cargo",
            Y="从分拣厅到机坪|from the sorting hall to the apron; 从货站到停机位|from the cargo terminal to aircraft stands",
            Z="货运站|cargo terminal",
            W="拖车司机|tug drivers",
            P="航空货运|air cargo; 地面服务|ground handling",
        ),
    ),
    # banking-insurance ----------------------------------------------------------------------
    (
        "banking-insurance",
        "risk-fraud",
        3,
        V(
            X="小微企业贷款|small-business loans; 个人消费贷款|consumer loans; 信用卡申请|credit card applications",
            Y="虚假流水|forged bank statements; 团伙骗贷|organised loan fraud; 身份冒用|identity theft; 中介包装|broker-packaged applications",
            Z="风险管理部|risk management department",
            W="审核人员|reviewers",
            P="城市商业银行|city commercial bank; 农村商业银行|rural commercial bank; 消费金融公司|consumer finance company",
            also="knowledge-graph-search",
        ),
    ),
    (
        "banking-insurance",
        "risk-fraud",
        2,
        V(
            X="车险理赔|motor insurance claims; 健康险理赔|health insurance claims",
            Y="虚假理赔|fake claims; 重复报案|duplicate claims; 夸大损失|inflated losses",
            Z="理赔中心|claims centre",
            W="核赔员|claims adjusters",
            P="财产保险公司|property insurer",
        ),
    ),
    (
        "banking-insurance",
        "document-ocr",
        2,
        V(
            X="贷款申请材料|loan application files; 理赔单据|claim documents; 开户资料|account-opening documents",
            Y="身份证信息|ID details; 发票金额|invoice amounts; 营业执照信息|business licence details",
            Z="运营中心|operations centre",
            W="运营专员|operations clerks",
            also="risk-fraud",
        ),
    ),
    (
        "banking-insurance",
        "chatbot",
        1.5,
        V(
            X="信用卡账单咨询|credit card enquiries; 贷款业务咨询|loan enquiries",
            Y="还款方式|repayment options; 额度调整|credit limit changes; 利率|interest rates",
            Z="手机银行和客服热线|mobile banking app and hotline",
            W="客服坐席|call-centre agents",
            P="城市商业银行|city commercial bank; 农村商业银行|rural commercial bank; 消费金融公司|consumer finance company",
        ),
    ),
    (
        "banking-insurance",
        "speech",
        1.5,
        V(
            X="电话销售录音|telesales calls; 客服通话|service calls",
            Y="误导销售|mis-selling; 风险提示缺失|missing risk disclosures",
            Z="电销中心|telesales centre",
            W="质检专员|QA officers",
        ),
    ),
    (
        "banking-insurance",
        "recommendation-marketing",
        1.5,
        V(
            X="理财产品|wealth products; 保险产品|insurance products",
            Y="长尾客户|mass-market customers; 代发工资客户|payroll customers",
            Z="手机银行|mobile banking app",
            W="客户经理|relationship managers",
            P="城市商业银行|city commercial bank; 农村商业银行|rural commercial bank",
        ),
    ),
    (
        "banking-insurance",
        "knowledge-graph-search",
        1,
        V(
            X="监管制度和内部规章|regulations and internal policies; 企业工商与股权数据|corporate registry and ownership data",
            Y="合规问题|compliance questions; 关联关系|related-party links",
            Z="合规部|compliance department",
            W="合规人员|compliance officers",
            also="risk-fraud",
        ),
    ),
    # healthcare -----------------------------------------------------------------------------
    (
        "healthcare",
        "medical-imaging",
        2.5,
        V(
            X="胸部CT|chest CT",
            Y="肺结节|lung nodules; 肺部感染病灶|pneumonia lesions",
            Z="放射科|radiology department",
            W="放射科医生|radiologists",
            P="三级综合医院|tertiary general hospital; 区域医疗中心|regional medical centre",
        ),
    ),
    (
        "healthcare",
        "medical-imaging",
        1,
        V(
            X="眼底照片|retinal photographs",
            Y="糖尿病视网膜病变|diabetic retinopathy; 青光眼疑似|suspected glaucoma",
            Z="眼科和社区筛查点|ophthalmology and community screening sites",
            W="眼科医生|ophthalmologists",
        ),
    ),
    (
        "healthcare",
        "medical-imaging",
        1,
        V(
            X="乳腺钼靶|mammograms",
            Y="钙化灶|calcifications; 可疑肿块|suspicious masses",
            Z="乳腺影像科|breast imaging unit",
            W="影像科医生|imaging doctors",
            P="妇女儿童医院|women and children's hospital; 三级综合医院|tertiary general hospital",
        ),
    ),
    (
        "healthcare",
        "medical-imaging",
        1,
        V(
            X="病理切片|pathology slides",
            Y="宫颈癌前病变|cervical precancerous lesions; 淋巴结转移|lymph node metastases",
            Z="病理科|pathology department",
            W="病理医生|pathologists",
            P="三级综合医院|tertiary general hospital; 区域医疗中心|regional medical centre",
        ),
    ),
    (
        "healthcare",
        "speech",
        1,
        V(
            X="门诊病历口述|outpatient dictation; 查房记录|ward-round notes",
            Y="病历书写不完整|incomplete records; 记录滞后|late documentation",
            Z="门诊和病房|outpatient clinics and wards",
            W="临床医生|clinicians",
        ),
    ),
    (
        "healthcare",
        "chatbot",
        1.5,
        V(
            X="预约挂号咨询|appointment enquiries; 分诊导诊问题|triage questions",
            Y="挂哪个科|which department to see; 检查前注意事项|test preparation; 报告查询|report access",
            Z="医院公众号和电话|hospital WeChat account and phone line",
            W="导诊护士|patient-service nurses",
        ),
    ),
    (
        "healthcare",
        "knowledge-graph-search",
        1,
        V(
            X="临床指南和药品说明书|clinical guidelines and drug labels; 电子病历|electronic medical records",
            Y="用药禁忌|drug contraindications; 诊断依据|diagnostic criteria",
            Z="医务处|medical affairs office",
            W="临床医生|clinicians",
        ),
    ),
    (
        "healthcare",
        "scheduling-optimization",
        1.5,
        V(
            X="手术台次|operating theatre slots; 住院床位|inpatient beds",
            Y="急诊插台|emergency add-ons; 医生排班|surgeon rosters; 术后恢复床位|recovery beds",
            Z="手术麻醉科|anaesthesia department",
            W="护士长|head nurses",
            P="三级综合医院|tertiary general hospital; 区域医疗中心|regional medical centre",
        ),
    ),
    (
        "healthcare",
        "document-ocr",
        1,
        V(
            X="外院检查报告|outside test reports; 纸质病历|paper medical records; 医保报销单据|insurance reimbursement forms",
            Y="检验指标|lab values; 诊断名称|diagnoses; 费用明细|itemised charges",
            Z="病案室|medical records office",
            W="病案管理员|records staff",
        ),
    ),
    # city-governance ------------------------------------------------------------------------
    (
        "city-governance",
        "traffic-crowd-analytics",
        3,
        V(
            X="主城区主干路口|downtown arterial junctions; 学校周边道路|roads around schools; 滨海景观道|the seafront road",
            Y="早晚高峰拥堵|rush-hour congestion; 违停|illegal parking; 人车冲突|pedestrian-vehicle conflicts",
            Z="交通指挥中心|traffic control centre",
            W="交警|traffic police",
            P="道路交通|road traffic",
            also="edge-ai-hardware",
        ),
    ),
    (
        "city-governance",
        "safety-video-analytics",
        2.5,
        V(
            X="老旧小区|older residential estates; 沿街商铺|street-front shops; 背街小巷|back streets",
            Y="占道经营|street vending; 垃圾乱堆|dumped waste; 高空抛物|objects thrown from height; 电动车进楼充电|e-bikes charged indoors",
            Z="街道综合指挥中心|sub-district command centre",
            W="网格员|grid officers",
            P="市容环境|city appearance and sanitation; 社区治理|community management",
        ),
    ),
    (
        "city-governance",
        "chatbot",
        2.5,
        V(
            X="政务热线咨询|citizen hotline queries; 政务服务办事咨询|public service enquiries",
            Y="办事材料|required documents; 社保医保政策|social insurance rules; 办理进度|application status",
            Z="政务服务热线和网上大厅|service hotline and online portal",
            W="接线员|call-takers",
            P="政务服务|public services",
            also="speech",
        ),
    ),
    (
        "city-governance",
        "remote-sensing-ocean",
        2,
        V(
            X="近岸海域|coastal waters; 海岸带|coastline",
            Y="浒苔|green-tide algae; 违法用海|illegal sea use; 岸线侵占|shoreline encroachment",
            Z="辖区近岸海域|the district's inshore waters",
            W="海洋执法人员|marine enforcement officers",
            P="海岸带管理|coastal zone management",
        ),
    ),
    (
        "city-governance",
        "digital-twin",
        2,
        V(
            X="城区|urban district; 新区核心区|new district core area",
            Y="城市运行体征|city operations; 管网和交通|utilities and traffic",
            Z="城市运行管理中心|city operations centre",
            W="管理人员|managers",
            P="城市运行管理|city operations",
        ),
    ),
    (
        "city-governance",
        "autonomous-driving-v2x",
        1.5,
        V(
            X="智能网联公交|connected buses; 环卫清扫车|street sweepers",
            Y="示范线路|a demonstration route; 科创园区道路|technology park roads",
            Z="示范区|pilot zone",
            W="驾驶员|drivers",
            P="智能网联交通|connected mobility",
        ),
    ),
    (
        "city-governance",
        "edge-ai-hardware",
        1.5,
        V(
            X="路口信号机|junction signal controllers; 智慧路灯杆|smart street-light poles",
            Y="交通事件识别|traffic incident detection; 积水监测|flood detection",
            Z="城区道路|urban roads",
            W="运维人员|maintenance staff",
            P="道路交通|road traffic; 城市防汛|urban flood control",
        ),
    ),
    # education ------------------------------------------------------------------------------
    (
        "education",
        "speech",
        3,
        V(
            X="英语口语练习|spoken English practice; 朗读作业|reading-aloud homework",
            Y="发音错误|pronunciation errors; 流利度不足|lack of fluency",
            Z="外语教研组|English department",
            W="英语老师|English teachers",
            P="中学|secondary school; 小学|primary school; 国际学校|international school",
        ),
    ),
    (
        "education",
        "recommendation-marketing",
        2,
        V(
            X="练习题|practice exercises; 学习资源|learning resources",
            Y="学习困难学生|struggling students; 毕业班学生|final-year students",
            Z="学校学习平台|school learning platform",
            W="任课老师|teachers",
            P="中学|secondary school; 在线教育平台|online learning provider",
        ),
    ),
    (
        "education",
        "document-ocr",
        2,
        V(
            X="作业和试卷|homework and test papers; 手写答题卡|handwritten answer sheets",
            Y="客观题答案|multiple-choice answers; 手写作文|handwritten essays; 学生姓名和学号|student names and IDs",
            Z="年级组|grade office",
            W="老师|teachers",
            P="中学|secondary school; 小学|primary school",
        ),
    ),
    (
        "education",
        "ar-vr-training",
        2,
        V(
            X="数控与焊接实训|CNC and welding practice; 化学实验|chemistry experiments; 护理操作|nursing procedures",
            Y="危险化学品操作|handling hazardous chemicals; 高压电气操作|high-voltage electrical work",
            Z="实训中心|training centre",
            W="学生|students",
            P="职业技术学院|vocational college",
        ),
    ),
    (
        "education",
        "chatbot",
        1.5,
        V(
            X="招生咨询|admissions enquiries; 国际学生事务咨询|international student enquiries",
            Y="报名条件|entry requirements; 学费|tuition fees; 住宿安排|accommodation",
            Z="官网和微信|website and WeChat",
            W="招生老师|admissions staff",
            P="国际学校|international school; 职业技术学院|vocational college",
        ),
    ),
    # culture-tourism ------------------------------------------------------------------------
    (
        "culture-tourism",
        "traffic-crowd-analytics",
        3,
        V(
            X="景区核心游览区|the core visitor area; 主要出入口|main entrances; 停车场|car parks",
            Y="节假日客流拥挤|holiday crowding; 停车难|parking shortages",
            Z="景区指挥中心|visitor control centre",
            W="管理人员|staff",
        ),
    ),
    (
        "culture-tourism",
        "chatbot",
        2,
        V(
            X="游客咨询|visitor enquiries; 入境游客服务|inbound visitor services",
            Y="门票预约|ticket booking; 交通路线|directions; 开放时间|opening hours",
            Z="官方小程序和服务台|mini-program and visitor desks",
            W="讲解员和客服|guides and service staff",
        ),
    ),
    (
        "culture-tourism",
        "recommendation-marketing",
        2,
        V(
            X="旅游线路和文创产品|tours and souvenirs; 度假套餐|holiday packages",
            Y="自驾游客|self-drive visitors; 日韩游客|visitors from Japan and Korea",
            Z="官方小程序|official mini-program",
            W="运营人员|marketing staff",
        ),
    ),
    (
        "culture-tourism",
        "face-recognition",
        1.5,
        V(
            X="检票口|ticket gates; 年卡入园通道|annual-pass lanes",
            Y="年卡转借|pass sharing; 黄牛倒票|ticket touting",
            Z="景区入口|park entrances",
            W="检票员|ticket staff",
        ),
    ),
    (
        "culture-tourism",
        "speech",
        1,
        V(
            X="外语导览讲解|foreign-language tours; 游客投诉电话|visitor complaint calls",
            Y="讲解内容错误|factual errors in commentary; 服务态度问题|service attitude issues",
            Z="游客服务中心|visitor centre",
            W="质检人员|QA staff",
        ),
    ),
    # retail-ecommerce -----------------------------------------------------------------------
    (
        "retail-ecommerce",
        "demand-forecasting",
        3,
        V(
            X="生鲜|fresh produce; 日配商品|chilled daily goods; 烘焙食品|bakery items",
            Y="天气|weather; 促销|promotions; 节假日|holidays",
            Z="门店|stores",
            W="订货员|ordering staff",
            P="连锁超市|supermarket chain; 社区生鲜店|community fresh-food chain; 便利店|convenience store chain",
        ),
    ),
    (
        "retail-ecommerce",
        "recommendation-marketing",
        2,
        V(
            X="商品|products; 优惠券|coupons",
            Y="低频会员|infrequent members; 新注册会员|new members",
            Z="会员小程序|member mini-program",
            W="运营人员|marketing staff",
        ),
    ),
    (
        "retail-ecommerce",
        "chatbot",
        2,
        V(
            X="售前售后咨询|pre- and after-sales enquiries; 跨境订单咨询|cross-border order enquiries",
            Y="物流进度|delivery status; 退换货|returns; 进口税费|import duties",
            Z="店铺在线客服|store online chat",
            W="客服|service agents",
            P="跨境电商|cross-border e-commerce business",
        ),
    ),
    (
        "retail-ecommerce",
        "edge-ai-hardware",
        1.5,
        V(
            X="门店摄像头|store cameras; 智能货架|smart shelves",
            Y="缺货识别|out-of-stock detection; 客流统计|footfall counting",
            Z="连锁门店|stores",
            W="门店IT人员|store IT staff",
            P="连锁超市|supermarket chain; 便利店|convenience store chain; 社区生鲜店|community fresh-food chain",
        ),
    ),
    (
        "retail-ecommerce",
        "risk-fraud",
        2,
        V(
            X="线上订单|online orders; 会员积分|loyalty points",
            Y="恶意退货|return abuse; 刷单|fake orders; 优惠券套利|coupon abuse",
            Z="电商运营部|e-commerce operations",
            W="风控专员|risk analysts",
            P="跨境电商|cross-border e-commerce business; 连锁超市|supermarket chain",
        ),
    ),
    # agriculture-fisheries ------------------------------------------------------------------
    (
        "agriculture-fisheries",
        "smart-agriculture",
        2,
        V(
            X="=P",
            Y="水质恶化|water-quality problems; 病害|disease outbreaks",
            Z="养殖池|ponds",
            W="养殖工人|farm workers",
            P="海参养殖|sea cucumber farming; 对虾工厂化养殖|indoor shrimp farming",
            also="industrial-iot-data",
        ),
    ),
    (
        "agriculture-fisheries",
        "smart-agriculture",
        2,
        V(
            X="=P",
            Y="病虫害|pests and diseases; 冻害|frost damage; 缺水缺肥|water and nutrient stress",
            Z="种植基地|farm",
            W="农工|farmhands",
            P="蔬菜大棚|greenhouse vegetables; 蓝莓种植|blueberry growing; 茶园|tea gardens",
        ),
    ),
    (
        "agriculture-fisheries",
        "remote-sensing-ocean",
        2,
        V(
            X="近海养殖区|offshore farming zone; 海洋牧场|marine ranch",
            Y="赤潮|red tides; 浒苔|green-tide algae; 养殖设施损毁|damaged farm gear",
            Z="养殖海域|farm waters",
            W="巡海人员|sea patrol staff",
            P="海参养殖|sea cucumber farming; 海洋牧场|marine ranching",
            also="smart-agriculture",
        ),
    ),
    (
        "agriculture-fisheries",
        "visual-inspection",
        1.5,
        V(
            X="干海参|dried sea cucumbers; 扇贝|scallops",
            Y="规格不符|off-grade size; 破损|breakage; 杂质|impurities; 色泽异常|discolouration",
            Z="分级车间|grading room",
            W="分拣工|sorters",
            P="海参养殖|sea cucumber farming; 扇贝养殖|scallop farming",
        ),
    ),
    (
        "agriculture-fisheries",
        "demand-forecasting",
        1,
        V(
            X="蔬菜|vegetables; 水产品|seafood",
            Y="天气|weather; 批发市场价格|wholesale prices; 节假日|holidays",
            Z="商超客户|supermarket customers",
            W="销售人员|sales staff",
        ),
    ),
]

# --------------------------------------------------------------------------------------------
# 4. CAPS: fragments per capability.
#    tp / tt = title (plain business wording / procurement wording naming the technique)
#    pain, proc (current process), data (a noun phrase, also used as data_available),
#    gp = goal in business words, gt = goal naming the technique (procurement style)
# --------------------------------------------------------------------------------------------

CAPS = {
    "visual-inspection": {
        "zh": dict(
            tp=["{X}{Y}人工目检效率低", "{X}{Y}漏检引发客户投诉", "{Z}{X}外观检验全靠人眼"],
            tt=["{X}表面缺陷视觉检测系统", "征集{X}{Y}自动识别方案"],
            pain=[
                "目前{X}的{Y2}等缺陷全靠{W}在{Z}用肉眼逐件检查，连续工作两三个小时后注意力明显下降，夜班漏检率在[[2-8]]%左右。",
                "近一年客户投诉中约[[20-45]]%与{X}{Y}有关，每次退货和索赔都要牵扯大量人力。",
                "{Z}现有{W}[[6-30]]人，招工难、流失率高，新人至少要带[[1-3]]个月才能独立判定{Y}。",
                "{X}上的{Y}往往只有零点几毫米，不同{W}的判定尺度不一，同一件产品复检结论经常不一致。",
            ],
            proc=[
                "现行流程是每件{X}在{Z}停留约[[5-20]]秒，{W}对照限度样本判定，疑似件放到返修区再由班长复判。",
                "检验结果写在纸质记录表上，班后再录入系统，缺陷数据基本无法追溯到具体工序和班次。",
                "目前采用抽检方式，抽检比例约[[5-20]]%，没抽到的批次只能靠下道工序或客户发现问题。",
            ],
            data=[
                "近[[2-5]]年积累的{X}图像约[[3-12]]万张，其中约[[2000-9000/500]]张已按缺陷类型标注",
                "{Z}已装的[[2-6]]台工业相机每天拍摄约[[3000-15000/500]]张照片，历史图片保留了[[6-24]]个月",
                "[[2-4]]年的纸质和电子检验记录，以及约[[500-3000/100]]件留存的缺陷样件",
            ],
            gp=[
                "希望在不降低生产节拍的前提下把漏检率降到[[0.2-1.0]]%以下，同时把{W}从重复劳动中解放出来。",
                "我们想知道有没有办法让{X}的检验结果更稳定、可追溯，并能及时反馈到前道工序。",
                "目标是{Z}减少[[30-70]]%的人工，判定标准统一，缺陷原因能按班次和机台统计。",
            ],
            gt=[
                "现征集基于深度学习的{X}表面缺陷视觉检测方案，含相机、光源选型及模型训练，检出率不低于[[95-99]]%，误报率不高于[[2-5]]%。",
                "拟采购一套在线机器视觉检测系统，对{Y2}等缺陷自动分类并与MES联动剔除，单件检测时间不超过现有节拍。",
                "需要供应商提供AI视觉质检整体方案，支持小样本训练和新缺陷类型的持续学习，模型可部署在产线边缘设备上。",
            ],
        ),
        "en": dict(
            tp=["Manual inspection of {X} misses {Y}", "{Y} on {X} slipping through to customers"],
            tt=[
                "Machine-vision inspection for {X}",
                "Automated {Y} detection at the {Z}",
                "AI visual QC for {Y} on {X}",
            ],
            pain=[
                "{Y2} on {X} are still caught by eye: [[6-30]] {W} staff the {Z}, and on night shifts the miss rate creeps up to around [[2-8]]%.",
                "Roughly [[20-45]]% of last year's customer complaints traced back to {Y} on {X}, and each claim ties up our quality engineers for days.",
                "Defects are often a fraction of a millimetre, and two {W} looking at the same part regularly reach different verdicts.",
                "We cannot find enough {W}: turnover at the {Z} is above [[20-40]]% a year and a newcomer needs [[1-3]] months before judging {Y} alone.",
                "A single batch with {Y} reaching an export customer last year cost us a claim of about CNY [[0.3-3.0]] million and a formal audit.",
            ],
            proc=[
                "Each piece spends [[5-20]] seconds at the {Z}; suspect parts go to a rework cage for a shift leader to judge again.",
                "Results are written on paper and keyed in after the shift, so defects can rarely be traced back to a machine or crew.",
                "Only about [[5-20]]% of output is sampled; anything missed is found downstream or, worse, by the customer.",
                "{W} compare each piece against boundary samples pinned to the wall, under lighting that changes through the day.",
            ],
            data=[
                "about [[30000-120000/1000]] images of {X} collected over [[2-5]] years, [[2000-15000/500]] of them labelled by defect type",
                "photos from [[2-6]] cameras already installed at the {Z} - some [[3000-15000/500]] a day, with [[6-24]] months kept",
                "[[2-4]] years of inspection sheets plus a cabinet of roughly [[500-3000/100]] retained reject samples",
            ],
            gp=[
                "We want to get the escape rate below [[0.2-1.0]]% without slowing the line, and move the {W} to more useful work.",
                "We are looking for a way to make inspection of {X} consistent and traceable, with findings fed back to upstream processes.",
                "Ideally one standard would apply on every shift, and defect counts by machine and crew would be visible the same day.",
            ],
            gt=[
                "We invite proposals for a deep-learning visual inspection system for {X}, including cameras, lighting and model training, targeting at least [[95-99]]% recall and no more than [[2-5]]% false rejects.",
                "We plan to buy an inline machine-vision system that classifies {Y2} automatically and triggers rejection through the MES, running on edge hardware at the line.",
                "Vendors should offer an AI-based visual QC package that learns new defect types from a few dozen examples and can be retrained by our own engineers.",
            ],
        ),
    },
    "document-ocr": {
        "zh": dict(
            tp=["{X}信息靠人工录入易出错", "{Z}每天手工录入{X}", "{X}审核积压严重"],
            tt=["{X}智能识别与自动录入系统", "征集{X}OCR识别方案"],
            pain=[
                "{Z}每天要处理{X}约[[300-3000/100]]份，{W}需要把其中的{Y2}逐项录入系统，高峰期经常加班到深夜。",
                "手工录入的差错率在[[0.5-3.0]]%左右，{Y}一旦录错，后续环节要花大量时间核对和返工。",
                "{X}格式五花八门，有扫描件、传真件也有手机拍照，{W}核对一份平均要[[3-12]]分钟。",
                "{Z}现有{W}[[5-40]]人，业务量每年增长[[15-40]]%，但编制不再增加。",
            ],
            proc=[
                "现在的做法是{W}对照原件在系统里逐栏填写，再由另一人抽查复核，有疑问的单据退回重新提交。",
                "{X}先扫描归档，关键字段由{W}手工摘录到Excel，再批量导入业务系统。",
                "纸质{X}需要在[[2-4]]个部门之间流转签字，整个流程平均耗时[[1-5]]个工作日。",
            ],
            data=[
                "近[[2-6]]年的{X}扫描件约[[30-300/10]]万份，以及对应的系统录入结果",
                "每月新增{X}约[[2-30]]万份，均有电子影像和人工录入记录可以对照",
                "已整理好的[[2000-20000/1000]]份典型{X}样本，涵盖主要版式和手写情况",
            ],
            gp=[
                "希望{W}只需核对而不用逐字录入，把单份处理时间压缩到[[1-2]]分钟以内。",
                "目标是{Y}等关键信息录入准确率达到99%以上，并能自动发现前后不一致的单据。",
                "我们想减少{Z}的重复劳动，把人手调去处理异常情况和客户沟通。",
            ],
            gt=[
                "拟采购基于OCR与版面分析的{X}智能识别系统，自动提取{Y2}等字段，关键字段准确率不低于[[97-99]]%。",
                "征集文档智能处理方案，要求支持印刷体和手写体识别、表格还原，并与现有业务系统接口对接。",
                "需要一套票据识别加规则校验的自动化方案，可结合RPA完成录入，支持私有化部署。",
            ],
        ),
        "en": dict(
            tp=["Clerks re-keying {X} by hand", "Backlog of {X} waiting for manual entry"],
            tt=["OCR and data extraction for {X}", "Intelligent document processing for the {Z}"],
            pain=[
                "The {Z} handles [[300-3000/100]] {X} a day, and {W} retype the {Y2} into our system field by field.",
                "Manual keying errors run at about [[0.5-3.0]]%, and a wrong entry in the {Y} costs hours of checking further down the line.",
                "The {X} arrive as scans, faxes and phone photos in dozens of layouts, so each one takes [[3-12]] minutes to process.",
            ],
            proc=[
                "One clerk keys in each document and a second spot-checks it; anything unclear goes back to the sender.",
                "Paper {X} are scanned for the archive, key fields are copied into spreadsheets and then uploaded in batches.",
            ],
            data=[
                "about [[300000-3000000/10000]] scanned {X} from the last [[2-6]] years, with the matching keyed-in records",
                "a curated set of [[2000-20000/1000]] sample {X} covering the main layouts and handwritten cases",
            ],
            gp=[
                "We want {W} to check rather than type, cutting handling time per document to under [[1-2]] minutes.",
                "The aim is near-perfect accuracy on the {Y} and automatic flags when documents contradict each other.",
            ],
            gt=[
                "We are tendering for an OCR and layout-analysis system that extracts the {Y2} from {X}, with at least [[97-99]]% field accuracy and on-premise deployment.",
                "Proposals should cover printed and handwritten text, table reconstruction and an API into our existing systems, optionally with RPA.",
            ],
        ),
    },
    "speech": {
        "zh": dict(
            tp=["{X}全靠人工抽听", "{Z}{X}检查覆盖率不足", "{W}整理{X}负担重"],
            tt=["{X}语音识别与智能质检", "征集{X}语音转写方案"],
            pain=[
                "{Z}每天产生{X}约[[2000-20000/500]]条，目前只能由{W}人工抽听[[2-5]]%，{Y}大多发现不了。",
                "{W}需要一边沟通一边手写记录，事后整理一份材料要[[20-60]]分钟，内容还经常遗漏。",
                "{X}里夹杂青岛方言和专业术语，外包转写的质量参差不齐，返工很多。",
            ],
            proc=[
                "现行做法是每周随机抽取部分{X}，由{W}听完后按[[20-60]]项评分表打分。",
                "录音分散存放在各自的系统里，没有统一的检索入口，查一段历史记录往往要翻好几天。",
            ],
            data=[
                "近[[1-4]]年的{X}录音约[[5-80]]万小时，部分附有人工检查结论",
                "约[[2000-20000/1000]]小时已人工转写校对的{X}，含方言样本",
            ],
            gp=[
                "希望每一条{X}都能被检查到，{Y}第二天就能反馈给相关人员。",
                "我们想让{W}少写少记，把精力放在沟通本身。",
            ],
            gt=[
                "征集语音识别（ASR）加语义分析的{X}质检方案，转写准确率不低于[[90-96]]%，支持青岛方言和行业热词定制。",
                "拟采购实时语音转写与关键词检测系统，自动标记{Y}，支持本地化部署并与现有系统对接。",
            ],
        ),
        "en": dict(
            tp=["Only a handful of {X} ever get reviewed", "{W} spending hours writing up {X}"],
            tt=["Speech recognition and analytics for {X}", "Automatic transcription of {X}"],
            pain=[
                "Our {Z} produces some [[2000-20000/500]] {X} a day, yet {W} can only listen to [[2-5]]% of them, so most cases of {Y} go unnoticed.",
                "{W} take notes by hand while talking, and writing up each case afterwards takes [[20-60]] minutes.",
                "The recordings mix Qingdao dialect, Mandarin and jargon, and outsourced transcripts keep coming back full of errors.",
            ],
            proc=[
                "Each week a random sample is pulled and {W} score it against a [[20-60]]-item checklist.",
                "Recordings sit in separate systems with no common search, so finding an old conversation can take days.",
            ],
            data=[
                "[[1-4]] years of {X}, roughly [[50000-800000/10000]] hours, some with reviewer scores attached",
                "about [[2000-20000/1000]] hours of {X} transcribed and checked by hand, including dialect speech",
            ],
            gp=[
                "We want every conversation checked, with {Y} flagged to the team by the next morning.",
                "We would like {W} to spend their time talking to people rather than writing notes.",
            ],
            gt=[
                "We invite ASR and speech-analytics proposals with at least [[90-96]]% transcription accuracy, dialect support and custom vocabularies, deployable on-premise.",
                "We plan to procure real-time transcription with keyword spotting that tags {Y} automatically and plugs into our existing systems.",
            ],
        ),
    },
    "chatbot": {
        "zh": dict(
            tp=["{X}咨询量大{W}接不过来", "{Z}重复问题占用大量人力", "{X}夜间无人应答"],
            tt=["{X}智能客服机器人", "征集{Z}智能问答系统"],
            pain=[
                "{Z}每天接到{X}约[[800-8000/100]]次，其中七成以上是{Y2}这类重复问题，{W}疲于应付。",
                "高峰时段排队等待超过[[5-15]]分钟，放弃率达到[[15-35]]%，投诉随之增加。",
                "夜间和节假日只有少量{W}值班，很多{X}要到第二天才能回复。",
            ],
            proc=[
                "目前{W}[[10-60]]人分两班，靠一份几百条的问答文档和个人经验回答，新人培训周期约[[3-6]]周。",
                "咨询记录分散在电话、微信和网页留言里，答复口径不统一，同一个问题不同人说法不同。",
            ],
            data=[
                "近[[1-3]]年的{X}记录约[[20-200/10]]万条，以及整理过的常见问题[[300-1500/100]]条",
                "{Z}的历史聊天记录和通话工单共约[[30-300/10]]万条，已做脱敏处理",
            ],
            gp=[
                "希望常见问题能随时得到答复，{W}只处理复杂和投诉类事项。",
                "目标是把平均等待时间降到[[1-2]]分钟以内，夜间和节假日也能及时回应。",
            ],
            gt=[
                "征集基于自然语言理解的智能客服方案，覆盖{Z}等渠道，意图识别准确率不低于[[85-93]]%，支持人机协同和一键转人工。",
                "拟建设智能问答机器人与知识库管理平台，支持多轮对话和中英日韩多语种，可与现有工单系统对接。",
            ],
        ),
        "en": dict(
            tp=["{W} swamped by repetitive {X}", "No one answering {X} at night"],
            tt=["Chatbot for {X}", "Virtual assistant on our {Z}"],
            pain=[
                "We receive about [[800-8000/100]] {X} a day through our {Z}, and over 70% are repeat questions about {Y2}.",
                "At peak times people wait more than [[5-15]] minutes and [[15-35]]% give up before reaching anyone.",
                "Nights and holidays are covered by a skeleton crew, so many {X} are only answered the next day.",
            ],
            proc=[
                "[[10-60]] {W} work two shifts from an FAQ document of several hundred entries; new hires need [[3-6]] weeks of training.",
                "Conversations are scattered across phone, WeChat and web forms, and answers vary from one agent to the next.",
            ],
            data=[
                "[[200000-2000000/10000]] past {X} from the last [[1-3]] years plus a curated list of [[300-1500/100]] FAQs",
                "anonymised chat logs and call tickets from our {Z}, around [[300000-3000000/10000]] records",
            ],
            gp=[
                "We want routine questions answered instantly at any hour, leaving {W} to handle complaints and complex cases.",
                "The target is an average wait under [[1-2]] minutes, including evenings and weekends.",
            ],
            gt=[
                "We seek an NLU-based chatbot covering our {Z}, with at least [[85-93]]% intent accuracy and smooth hand-over to human agents.",
                "Proposals should include a multi-turn virtual assistant, a knowledge-base console and ticketing integration, supporting Chinese, English, Japanese and Korean.",
            ],
        ),
    },
    "predictive-maintenance": {
        "zh": dict(
            tp=["{X}突发故障导致停线", "{X}{Y}难以提前发现", "{Z}计划外停机频繁"],
            tt=["{X}预测性维护系统", "征集{X}故障预警与健康管理方案"],
            pain=[
                "{Z}共有{X}[[units:50-400/10]]台，去年因{Y}导致的计划外停机[[15-60]]次，单次损失[[5-80]]万元。",
                "{X}出现{Y}往往没有明显前兆，等{W}发现时已经要整件更换，备件采购周期长达[[3-10]]周。",
                "为了保险起见我们按固定周期更换关键部件，很多部件远没到寿命就被换掉，维修费用每年超过[[200-1500/50]]万元。",
                "{W}每班巡检一次，靠听声音、摸温度判断{X}状态，经验最丰富的几位老师傅即将退休。",
            ],
            proc=[
                "目前实行定期检修加事后维修，{W}[[6-40]]人按点检表每班记录一次振动和温度读数。",
                "设备台账和维修记录在EAM系统里，运行数据却在另一套SCADA中，两边从未关联分析过。",
                "{X}出现异常时先由班组上报，再由设备科派{W}到现场排查，平均响应时间约[[1-4]]小时。",
            ],
            data=[
                "[[2-5]]年来[[units:50-400/10]]台{X}的振动、温度和电流数据，采样间隔[[1-10]]秒",
                "约[[3-8]]年的设备维修工单[[4000-30000/1000]]条，记录了故障现象、原因和更换部件",
                "DCS/SCADA中保存的{X}运行参数[[1-4]]年，另有[[20-80]]次典型故障的发生时间记录",
            ],
            gp=[
                "希望能提前[[3-14]]天知道哪台{X}可能出问题，把抢修变成计划检修。",
                "目标是计划外停机减少[[30-60]]%，同时把备件库存压下来。",
                "我们想知道怎样才能既不漏掉{Y}的苗头，又不过度维修。",
            ],
            gt=[
                "征集基于振动与工况数据的{X}预测性维护方案，包含传感器加装、故障预警模型和剩余寿命估计，预警准确率不低于[[80-90]]%。",
                "拟采购设备健康管理（PHM）平台，对{X}的{Y}等典型故障进行早期识别，需与现有EAM系统打通并支持移动端推送。",
                "需要供应商利用已有历史数据训练故障预测模型，先在[[5-20]]台{X}上试点，验证后推广至全厂。",
            ],
        ),
        "en": dict(
            tp=["Unplanned {X} breakdowns stopping production", "{Y} only found after the {X} fail"],
            tt=["Predictive maintenance for {X}", "Condition monitoring and failure prediction for {X}"],
            pain=[
                "Our {Z} runs [[units:50-400/10]] {X}; last year {Y} caused [[15-60]] unplanned stops, each costing CNY [[50000-800000/10000]] in lost output.",
                "There is little warning before {Y}: by the time {W} notice, the unit must be replaced, and spares take [[3-10]] weeks to arrive.",
                "To be safe we swap key parts on a fixed schedule, often long before they are worn, which costs over CNY [[2-15]] million a year.",
                "{W} judge the condition of the {X} by sound and touch on their rounds, and our most experienced people retire within [[2-5]] years.",
            ],
            proc=[
                "Maintenance is calendar-based; [[6-40]] {W} log vibration and temperature readings by hand once per shift.",
                "Work orders live in the EAM system and sensor data in SCADA, and the two have never been analysed together.",
                "When something sounds wrong, the crew calls the maintenance office and {W} reach the machine within [[1-4]] hours.",
            ],
            data=[
                "[[2-5]] years of vibration, temperature and current data from [[units:50-400/10]] {X}, sampled every [[1-10]] seconds",
                "about [[4000-30000/1000]] maintenance work orders describing symptoms, causes and parts replaced",
                "[[1-4]] years of operating parameters for the {X} in our DCS, with timestamps of [[20-80]] known failures",
            ],
            gp=[
                "We want to know [[3-14]] days in advance which of the {X} is likely to fail, so that repairs can be planned.",
                "The goal is [[30-60]]% fewer unplanned stops and a leaner spare-parts inventory.",
            ],
            gt=[
                "We invite proposals for predictive maintenance on {X}: retrofit sensors, failure-prediction models and remaining-useful-life estimates, with at least [[80-90]]% alert precision.",
                "We plan to procure a PHM platform that detects early signs of {Y}, integrates with our EAM and pushes alerts to the maintenance team's phones.",
            ],
        ),
    },
    "demand-forecasting": {
        "zh": dict(
            tp=["{X}需求受{Y}影响大备货难", "{Z}{X}旺季断货淡季积压", "{X}要货计划靠拍脑袋", "{Y}一变{X}计划就乱"],
            tt=["{X}需求预测模型", "征集{Z}{X}销量预测与补货方案", "融合{Y}因素的{X}需求预测"],
            pain=[
                "{X}的需求受{Y2}影响很大，旺季经常供不应求，淡季又大量积压，去年报废和降价损失约[[200-1500/50]]万元。",
                "{W}靠Excel和经验做计划，{X}的预测偏差常年在[[25-45]]%左右。",
                "{Z}各自报需求、层层加码，总部很难判断{X}的真实需求。",
            ],
            proc=[
                "每周一{W}汇总{Z}的订单，对照上年同期数据人工调整，再下达生产和调拨计划。",
                "目前按月做滚动计划，遇到{Y}变化只能临时加班或紧急调货。",
            ],
            data=[
                "[[3-6]]年{X}按日、按{Z}的出库和销售数据，共约[[200-3000/100]]万行",
                "ERP中[[2-5]]年的订单、库存和促销记录，以及同期天气和节假日信息",
            ],
            gp=[
                "希望提前[[2-8]]周较准确地知道{Z}需要多少{X}，把缺货和库存积压都降下来。",
                "目标是把预测偏差控制在[[10-18]]%以内，让{W}把时间花在异常处理上。",
            ],
            gt=[
                "征集基于机器学习的{X}需求预测方案，融合{Y2}等外部因素，按{Z}、按SKU输出未来[[4-13]]周的预测。",
                "拟采购需求预测与智能补货系统，要求支持新品冷启动预测，并与ERP双向对接。",
            ],
        ),
        "en": dict(
            tp=[
                "Guessing how much {X} our {Z} need",
                "{X} running out when {Y} shifts",
                "Demand for {X} swinging with {Y}",
            ],
            tt=[
                "Demand forecasting for {X}",
                "Sales forecasting and replenishment of {X} across {Z}",
                "Forecasting {X} demand from {Y} signals",
            ],
            pain=[
                "Demand for {X} swings with {Y2}: we run short in peak season and write off stock in the slow months, losing about CNY [[2-15]] million last year.",
                "{W} forecast in spreadsheets from experience, and the error has hovered around [[25-45]]% for years.",
                "Our {Z} pad their orders, so headquarters struggles to see real demand for {X}.",
            ],
            proc=[
                "Every Monday {W} consolidate orders from our {Z}, adjust them against last year's figures and release production plans.",
                "We plan monthly, and when {Y} shifts we can only add overtime or rush transfers.",
            ],
            data=[
                "[[3-6]] years of daily shipments and sales of {X} by {Z}, about [[2-30]] million rows",
                "[[2-5]] years of orders, stock and promotion records from the ERP, plus weather and holiday calendars",
            ],
            gp=[
                "We want a reliable view [[2-8]] weeks ahead of how much {X} our {Z} will need, so that both stock-outs and surplus fall.",
                "The aim is to bring forecast error under [[10-18]]% and let {W} focus on exceptions.",
            ],
            gt=[
                "We seek a machine-learning demand forecasting solution that uses {Y2} and produces SKU-level forecasts by {Z} for the next [[4-13]] weeks.",
                "Proposals should include forecasting plus automated replenishment, new-product cold start and two-way ERP integration.",
            ],
        ),
    },
    "scheduling-optimization": {
        "zh": dict(
            tp=["{X}安排全靠{W}经验", "{X}计划频繁推倒重来", "{X}安排不合理造成等待"],
            tt=["{X}智能排程优化系统", "征集{X}调度优化算法"],
            pain=[
                "{X}的安排要同时考虑{Y2}等约束，{W}每天要花[[2-5]]小时排计划，一有插单就全部推倒重来。",
                "计划不合理造成的等待和空耗约占总工时的[[10-25]]%，准时完成率只有[[70-88]]%。",
                "{Z}的排程经验集中在[[2-4]]位老{W}身上，换人后计划质量明显下降。",
            ],
            proc=[
                "目前在Excel里手工安排{X}，每天下午定第二天的计划，执行中有变化靠电话和对讲机协调。",
                "上层系统只给出粗计划，细到{X}的安排由{W}在白板上完成，执行结果不回传系统。",
            ],
            data=[
                "近[[1-3]]年的{X}计划与实际执行记录，约[[5-50]]万条",
                "业务系统中的任务、工艺路线和资源能力数据，以及[[1-2]]年的{Y}相关记录",
            ],
            gp=[
                "希望插单和异常发生时能在几分钟内给出新的可行计划，而不是靠{W}熬夜。",
                "目标是等待时间减少[[15-35]]%，准时完成率提升到[[92-97]]%以上。",
            ],
            gt=[
                "征集基于运筹优化或强化学习的{X}排程方案，需处理{Y2}等约束，[[1-5]]分钟内输出计划并支持人工调整。",
                "拟采购高级计划与排程（APS）系统，与现有MES、ERP集成，支持多目标优化和情景仿真。",
            ],
        ),
        "en": dict(
            tp=["{X} planned by hand on a whiteboard", "Constant re-planning of {X}"],
            tt=["Optimisation-based scheduling of {X}", "Advanced planning and scheduling for the {Z}"],
            pain=[
                "Planning {X} means juggling {Y2}; {W} spend [[2-5]] hours a day on it, and every rush job forces a full re-plan.",
                "Waiting and idle time eat about [[10-25]]% of working hours, and on-time completion is stuck at [[70-88]]%.",
                "Scheduling know-how sits with [[2-4]] veteran {W}; when they are away, plan quality drops noticeably.",
            ],
            proc=[
                "{X} are planned in spreadsheets each afternoon for the next day, and changes are coordinated by phone and radio.",
                "Our ERP produces only a rough plan; the detail is worked out by {W} on a whiteboard and never fed back into the system.",
            ],
            data=[
                "[[1-3]] years of planned versus actual records for {X}, about [[50000-500000/10000]] entries",
                "task lists, routings and capacity data from our business systems, plus records of {Y}",
            ],
            gp=[
                "When a rush job or breakdown hits, we want a feasible new plan within minutes, not after a late night.",
                "The target is [[15-35]]% less waiting and on-time completion above [[92-97]]%.",
            ],
            gt=[
                "We invite optimisation or reinforcement-learning based scheduling for {X} that handles {Y2}, returns a plan in under [[1-5]] minutes and allows manual override.",
                "We intend to procure an APS system integrated with our MES and ERP, supporting multi-objective optimisation and what-if simulation.",
            ],
        ),
    },
    "robot-vision": {
        "zh": dict(
            tp=["{X}{Y}仍靠人工", "{Z}招工难，{X}{Y}人手紧", "{X}{Y}精度不稳定"],
            tt=["{X}视觉引导机器人{Y}", "征集3D视觉{X}{Y}方案"],
            pain=[
                "{Z}的{X}{Y}目前由{W}手工完成，每班[[4-12]]人，劳动强度大，年轻人不愿意干。",
                "{X}来料位置和姿态不固定，现有机器人只能按示教点位动作，偏差一超过[[2-5]]毫米就出错。",
                "人工{Y}节拍约[[8-25]]秒一件，跟不上前后工序，成了整条线的瓶颈。",
            ],
            proc=[
                "目前{X}散乱堆放在料框里，{W}逐件取出、目测找正后放到工装上。",
                "车间已有[[2-10]]台工业机器人，但{Y}环节因为来料不一致，一直没能实现自动化。",
            ],
            data=[
                "{X}的三维图纸和[[20-200/10]]种型号的工艺参数，可提供样件做测试",
                "现场试拍的{X}图像和点云约[[500-5000/100]]组，以及历年的不良记录",
            ],
            gp=[
                "希望{Z}的{Y}实现少人甚至无人，节拍提升到[[5-12]]秒以内。",
                "我们想把{W}从重复搬运中解放出来，同时保证{Y}的一致性。",
            ],
            gt=[
                "征集基于3D视觉的机器人{Y}方案，定位精度优于±[[0.2-1.0]]毫米，兼容现有机器人品牌，换型时间不超过[[10-30]]分钟。",
                "拟采购视觉引导机器人工作站，完成{X}的识别、定位和{Y}，需提供离线编程和视觉标定工具。",
            ],
        ),
        "en": dict(
            tp=["{Y} of {X} still done by hand", "Labour shortage for {Y} at the {Z}"],
            tt=["Vision-guided robots for {Y} of {X}", "3D vision for robotic {Y}"],
            pain=[
                "{Y} of {X} at the {Z} is manual work for [[4-12]] {W} per shift; it is heavy, repetitive and hard to staff.",
                "Parts arrive in random positions and orientations, and our taught-point robots fail as soon as they are more than [[2-5]] mm off.",
                "Manual {Y} takes [[8-25]] seconds per piece and has become the bottleneck of the line.",
            ],
            proc=[
                "{X} come jumbled in bins; {W} pick each one, line it up by eye and place it on the fixture.",
                "We already run [[2-10]] industrial robots, but {Y} was never automated because incoming parts vary too much.",
            ],
            data=[
                "3D models and process parameters for [[20-200/10]] variants of {X}, plus sample parts for trials",
                "about [[500-5000/100]] trial images and point clouds of {X} taken on site",
            ],
            gp=[
                "We want {Y} at the {Z} to run with few or no operators and a cycle time under [[5-12]] seconds.",
                "We would like to take {W} off repetitive handling while keeping {Y} consistent.",
            ],
            gt=[
                "We seek a 3D-vision robotic {Y} cell with better than ±[[0.2-1.0]] mm accuracy, compatible with our existing robots and with changeover under [[10-30]] minutes.",
                "Proposals should cover part recognition, pose estimation and {Y}, with offline programming and calibration tools.",
            ],
        ),
    },
    "autonomous-mobile-robots": {
        "zh": dict(
            tp=["{Z}{X}转运靠人开叉车", "{X}搬运人手不足", "{Z}人车混行隐患多"],
            tt=["{Z}AGV/AMR无人搬运系统", "征集{X}自主移动机器人方案"],
            pain=[
                "{X}{Y}全靠人工转运，每班需要{W}[[6-30]]人，一年人工成本超过[[150-900/10]]万元。",
                "{Z}通道狭窄、人车混行，去年发生剐蹭和险情[[5-20]]起。",
                "转运不及时导致上下游经常等料，每天累计等待时间超过[[1-4]]小时。",
            ],
            proc=[
                "目前由{W}驾驶叉车或牵引车，按班长口头安排{Y}运送，没有系统记录每一车的去向。",
                "物料呼叫靠对讲机，{W}接到指令后自行规划路线，高峰期相互等待。",
            ],
            data=[
                "{Z}的CAD平面图、日均[[500-5000/100]]车次的搬运记录和仓储系统出入库数据",
                "近[[6-24]]个月的物料呼叫和转运记录，可按时段统计搬运需求",
            ],
            gp=[
                "希望{X}能按需自动送到位，{W}减少一半以上，同时消除人车混行的安全隐患。",
                "目标是转运及时率达到[[95-99]]%，上下游不再因为等料停工。",
            ],
            gt=[
                "征集激光SLAM导航的AMR/AGV搬运方案，单车载重不低于[[300-2000/100]]千克，需提供调度系统并与WMS/MES对接。",
                "拟采购[[5-30]]台自主移动机器人及集群调度平台，实现{X}{Y}的无人化转运，支持自动充电和门禁联动。",
            ],
        ),
        "en": dict(
            tp=["Moving {X} by forklift at the {Z}", "Not enough drivers to move {X}"],
            tt=["AMR fleet for moving {X}", "Autonomous mobile robots for the {Z}"],
            pain=[
                "{X} are moved {Y} by hand; it takes [[6-30]] {W} per shift and over CNY [[1.5-9.0]] million a year in labour.",
                "Aisles at the {Z} are narrow and shared by people and vehicles, and we logged [[5-20]] collisions and near-misses last year.",
                "Late deliveries leave upstream and downstream stations idle for [[1-4]] hours a day in total.",
            ],
            proc=[
                "{W} drive forklifts or tugs on verbal instructions from shift leaders, and no system tracks where each load went.",
                "Requests come over the radio and each driver picks his own route, so at peak times vehicles queue behind one another.",
            ],
            data=[
                "CAD layouts of the {Z}, warehouse system records and transport logs covering about [[500-5000/100]] moves a day",
                "[[6-24]] months of material call and transfer records, which show demand by hour",
            ],
            gp=[
                "We want {X} delivered on demand with half the {W}, and people kept apart from moving vehicles.",
                "We need transport that keeps pace with production around the clock without adding headcount.",
                "The aim is [[95-99]]% on-time transfers so that no station waits for material.",
            ],
            gt=[
                "We invite proposals for laser-SLAM AMRs or AGVs with at least [[300-2000/100]] kg payload, fleet management software and WMS/MES integration.",
                "We plan to buy [[5-30]] autonomous mobile robots with fleet scheduling to move {X} {Y}, including auto-charging and door interfaces.",
            ],
        ),
    },
    "safety-video-analytics": {
        "zh": dict(
            tp=["{X}{Y}难以及时发现", "{X}安全巡查靠人盯屏", "{Y}屡禁不止"],
            tt=["{X}视频智能分析与安全预警", "征集{Y}视频识别方案"],
            pain=[
                "{X}共有摄像头[[cams:80-900/10]]路，{Z}只有[[2-6]]名{W}盯屏，绝大部分画面实际上没人看。",
                "{Y2}等违规行为屡禁不止，去年内部检查发现问题[[100-600/10]]余起，其中险些酿成事故的有[[3-12]]起。",
                "出了事只能回放录像追查，往往要花半天时间翻找，错过了最佳处置时机。",
            ],
            proc=[
                "目前靠{W}每天[[2-4]]次现场巡查加视频抽看，发现问题拍照记录、口头通报。",
                "视频系统只做录像存储，报警依赖人工判断，与门禁、广播系统没有联动。",
            ],
            data=[
                "[[cams:80-900/10]]路摄像头的实时视频及[[30-90]]天录像，另有约[[500-3000/100]]条历史违规记录和照片",
                "近[[1-3]]年的安全检查台账和事故、未遂事件报告约[[200-1500/100]]份",
            ],
            gp=[
                "希望{Y}一发生，几秒钟内就能提醒现场人员和{Z}，而不是事后追责。",
                "目标是把违规行为减少一半以上，{W}的巡查工作量同步下降。",
            ],
            gt=[
                "征集基于深度学习的视频智能分析方案，识别{Y2}等[[8-20]]类行为，利旧现有摄像头，报警准确率不低于[[85-95]]%。",
                "拟采购AI视频分析服务器及算法，与{Z}报警平台和现场声光报警器联动，支持算法按需扩展。",
            ],
        ),
        "en": dict(
            tp=["{Y} in the {X} noticed too late", "Nobody watching most of the cameras"],
            tt=["AI video analytics for safety in the {X}", "Video-based detection of {Y}"],
            pain=[
                "There are [[cams:80-900/10]] cameras across the {X} but only [[2-6]] {W} in the {Z}, so most screens go unwatched.",
                "Violations such as {Y2} keep recurring; internal audits found [[100-600/10]] last year, including [[3-12]] near-misses.",
                "When something happens we can only search footage afterwards, which takes hours and comes too late.",
            ],
            proc=[
                "{W} walk the site [[2-4]] times a day and spot-check recordings, reporting issues with phone photos.",
                "The video system only records; alarms depend on someone noticing, and nothing is linked to access control or PA.",
            ],
            data=[
                "live streams from [[cams:80-900/10]] cameras with [[30-90]] days of recordings, plus about [[500-3000/100]] logged violations with photos",
                "[[1-3]] years of safety inspection logs and incident and near-miss reports",
            ],
            gp=[
                "We want the site and the {Z} alerted within seconds when {Y} happens, not after the fact.",
                "The aim is to halve violations while reducing patrol workload for {W}.",
            ],
            gt=[
                "We seek deep-learning video analytics that detect [[8-20]] behaviours including {Y2}, reuse existing cameras and reach at least [[85-95]]% alarm precision.",
                "We plan to buy AI video servers and algorithms linked to the alarm platform in the {Z} and to on-site sirens, with room to add new detectors.",
            ],
        ),
    },
    "face-recognition": {
        "zh": dict(
            tp=["{X}人工核验排长队", "{Z}{X}通行效率低", "{X}{Y}难杜绝"],
            tt=["{X}人脸识别核验系统", "征集{Z}刷脸通行方案"],
            pain=[
                "{X}目前由{W}人工核对证件，高峰期平均每人要等[[5-20]]分钟，{Y}时有发生。",
                "{Z}日均通行约[[5000-60000/1000]]人次，纸质凭证和卡片丢失、转借问题突出。",
                "{W}要在几秒内比对证件照和本人，疲劳时很难保证准确，去年发现{Y}[[20-200/10]]余起。",
            ],
            proc=[
                "现行流程是出示证件、人工比对、登记放行，特殊人员另行手工登记，数据不能实时汇总。",
                "各入口系统相互独立，同一个人在不同环节要重复出示证件[[2-4]]次。",
            ],
            data=[
                "[[lanes:20-120/10]]条通道的闸机和摄像头，以及已获授权的注册照片约[[2-30]]万张",
                "近[[1-2]]年的通行记录约[[300-3000/100]]万条，可用于容量测算",
            ],
            gp=[
                "希望{X}做到几秒通过，同时杜绝{Y}，并满足个人信息保护的要求。",
                "目标是高峰期排队时间缩短一半，{W}转去做引导和服务。",
            ],
            gt=[
                "征集人脸识别核验方案，需支持活体检测，1:1比对通过率不低于[[98-99]]%，数据本地存储、加密传输，符合个人信息保护要求。",
                "拟采购刷脸通行终端[[lanes:20-120/10]]台及管理平台，与现有票务或门禁系统对接，设备需具备相关检测报告。",
            ],
        ),
        "en": dict(
            tp=["Long queues at {X}", "{Y} at {X}"],
            tt=["Face verification at {X}", "Face-based entry for the {Z}"],
            pain=[
                "{W} check ID by hand at {X}; at peak times people wait [[5-20]] minutes, and {Y} still happens.",
                "About [[5000-60000/1000]] people pass through the {Z} each day, and lost or shared passes are a constant problem.",
            ],
            proc=[
                "The current flow is: show ID, manual comparison, paper log; nothing is consolidated in real time.",
                "Each entrance runs its own system, so the same person shows ID [[2-4]] times along the way.",
            ],
            data=[
                "gates and cameras on [[lanes:20-120/10]] lanes and about [[20000-300000/10000]] consented enrolment photos",
                "[[1-2]] years of passage logs, roughly [[3-30]] million records",
            ],
            gp=[
                "We want people through {X} in seconds, with {Y} ruled out and personal data properly protected.",
                "The target is to halve peak queues and move {W} to guidance and service.",
            ],
            gt=[
                "We invite face-verification proposals with liveness detection, at least [[98-99]]% 1:1 pass rate, local storage and encrypted transfer, compliant with personal-information rules.",
                "We plan to procure [[lanes:20-120/10]] face-recognition terminals and a management platform integrated with our ticketing or access system.",
            ],
        ),
    },
    "risk-fraud": {
        "zh": dict(
            tp=["{X}{Y}识别难", "{X}人工审核压力大", "{X}损失率上升"],
            tt=["{X}智能风控模型", "征集{X}反欺诈方案"],
            pain=[
                "{X}业务量两年增长了[[1-3]]倍，但{Z}的{W}只有[[8-40]]人，人工审核一笔平均要[[20-60]]分钟。",
                "近期{Y2}等问题明显增多，去年因此造成的损失约[[300-3000/100]]万元。",
                "现有规则[[100-400/10]]多条，越加越多，误拒了不少优质客户，真正的风险却依然漏过。",
            ],
            proc=[
                "现行流程为系统规则初筛、{W}人工审核、大额再上会审批，事后主要靠人工抽查。",
                "内外部数据分散在[[4-10]]个系统中，{W}需要逐个查询再凭经验判断。",
            ],
            data=[
                "近[[3-6]]年的{X}业务和交易记录约[[200-2000/100]]万条，已确认的问题记录都有标签",
                "已确认的{Y}案例[[800-8000/100]]余件及相关交易流水",
            ],
            gp=[
                "希望把{Y}更早地找出来，同时减少对正常客户的打扰，审核时效缩短到分钟级。",
                "目标是损失率下降[[20-40]]%，{W}把精力集中在真正可疑的案件上。",
            ],
            gt=[
                "征集基于机器学习和关系网络分析的{X}反欺诈方案，模型需具备可解释性，审核人员能看懂每一次预警的依据。",
                "拟采购智能风控决策平台，含评分卡、团伙欺诈识别和实时决策引擎，响应时间不超过[[100-300/50]]毫秒。",
            ],
        ),
        "en": dict(
            tp=["Catching {Y} in {X}", "Manual review backlog for {X}"],
            tt=["Fraud detection models for {X}", "Risk decision engine for {X}"],
            pain=[
                "Volumes of {X} have grown [[2-4]]-fold in two years, but the {Z} still has only [[8-40]] {W}, and each case takes [[20-60]] minutes.",
                "Cases of {Y2} have risen sharply and cost us roughly CNY [[3-30]] million last year.",
                "Our [[100-400/10]]-odd rules keep multiplying; they turn away good customers while real risk still slips through.",
            ],
            proc=[
                "Rules screen applications first, {W} review them manually and large cases go to committee; checks after the event are manual sampling.",
                "Internal and external data sit in [[4-10]] separate systems that {W} query one by one.",
            ],
            data=[
                "[[3-6]] years of {X} records and transactions, about [[2-20]] million rows, with confirmed problem cases labelled",
                "[[800-8000/100]] confirmed cases of {Y} with the underlying transactions",
            ],
            gp=[
                "We want to spot {Y} earlier, bother good customers less and bring review time down to minutes.",
                "The aim is a [[20-40]]% lower loss rate, with {W} focused on the genuinely suspicious cases.",
            ],
            gt=[
                "We seek machine-learning and network-analysis based fraud detection for {X}, with explainable models so that reviewers can see why each case was flagged.",
                "We plan to procure a risk decision platform with scorecards, fraud-ring detection and a real-time engine responding within [[100-300/50]] ms.",
            ],
        ),
    },
    "recommendation-marketing": {
        "zh": dict(
            tp=["{Z}推送千人一面", "{Y}转化率低", "{X}营销效果说不清"],
            tt=["{Z}个性化推荐系统", "征集{X}精准营销方案"],
            pain=[
                "{Z}上的{X}推送基本千人一面，点击率不到[[1-3]]%，{Y}几乎没有被有效触达。",
                "每次营销活动都由{W}凭经验圈选客群，投入[[50-500/10]]万元后很难说清哪些钱花得值。",
                "客户流失逐年增加，去年{Y}流失了约[[10-30]]%，但我们往往在客户离开后才察觉。",
            ],
            proc=[
                "目前由{W}[[3-15]]人按季度策划活动，用Excel筛选客户名单后批量发送短信和推送。",
                "各渠道的客户数据各自为政，同一位客户在线上线下收到的信息互相矛盾。",
            ],
            data=[
                "约[[50-500/10]]万名客户[[2-5]]年的消费与浏览记录，已完成脱敏",
                "近[[1-3]]年[[100-800/10]]场营销活动的投放和转化数据",
            ],
            gp=[
                "希望每位客户看到更适合自己的{X}，让{Y}的转化率提高一倍。",
                "我们想弄清楚什么样的客户会对哪类{X}感兴趣，少做无效打扰。",
            ],
            gt=[
                "征集基于用户画像和深度学习的个性化推荐方案，在{Z}上线并开展A/B测试，目标点击率提升[[30-80]]%。",
                "拟采购智能营销平台，含客户分群、流失预警、推荐引擎和效果归因，数据需本地部署。",
            ],
        ),
        "en": dict(
            tp=["Same offers for everyone on our {Z}", "Low conversion among {Y}"],
            tt=["Personalised recommendations on our {Z}", "Targeted marketing of {X}"],
            pain=[
                "Every customer on our {Z} sees the same {X}; click-through is below [[1-3]]% and {Y} are barely reached.",
                "{W} pick target lists by gut feeling, and after spending CNY [[0.5-5.0]] million on a campaign we cannot tell what worked.",
                "Churn keeps rising - we lost about [[10-30]]% of {Y} last year, usually noticing only after they had gone.",
            ],
            proc=[
                "[[3-15]] {W} plan campaigns quarterly, filter customer lists in spreadsheets and send bulk messages.",
                "Each channel keeps its own customer data, so the same person gets contradictory messages online and in store.",
            ],
            data=[
                "[[2-5]] years of anonymised purchase and browsing history for roughly [[500000-5000000/100000]] customers",
                "delivery and conversion data from [[100-800/10]] campaigns over the past [[1-3]] years",
            ],
            gp=[
                "We want each customer to see {X} that suit them, doubling conversion among {Y}.",
                "We want to understand which customers care about which {X}, and stop pestering the rest.",
            ],
            gt=[
                "We invite proposals for a profile-based recommendation engine on our {Z} with A/B testing, targeting a [[30-80]]% lift in click-through.",
                "We plan to procure a marketing AI platform covering segmentation, churn prediction, recommendations and attribution, deployed on-premise.",
            ],
        ),
    },
    "energy-optimization": {
        "zh": dict(
            tp=["{X}{Y}消耗居高不下", "{Z}能耗账算不清", "{X}运行靠经验调节"],
            tt=["{X}智能节能优化系统", "征集{Z}能耗优化方案"],
            pain=[
                "{X}每年的{Y}费用约[[300-5000/100]]万元，占{Z}能耗的[[20-45]]%，单位能耗比行业先进水平高出[[8-20]]%。",
                "{X}的运行参数由{W}凭经验手动调整，负荷变化时往往过量供应，浪费明显。",
                "能耗双控压力越来越大，但我们说不清每个班次、每台设备到底用了多少{Y}。",
            ],
            proc=[
                "现在{W}每天抄表一次，月底汇总能耗报表，发现异常时已经过去好几周。",
                "{X}基本按固定设定值运行，启停和参数调整需要{W}到现场操作。",
            ],
            data=[
                "[[1-3]]年的{Y}计量数据（[[50-600/10]]个计量点，[[15-60/15]]分钟粒度）及同期生产计划",
                "{X}[[1-4]]年的DCS运行记录，含负荷、温度、压力等[[100-800/50]]个测点",
            ],
            gp=[
                "希望在不影响正常运行的前提下，把{X}的{Y}消耗降低[[5-15]]%。",
                "目标是能耗数据实时可见，异常用能当天就能发现和处理。",
            ],
            gt=[
                "征集基于数据驱动建模的{X}节能优化方案，实现负荷预测与设定值自动寻优，节能收益可按合同能源管理方式分享。",
                "拟建设能源管理与AI优化平台，对{Y}进行实时监测、能效对标和闭环控制，需与现有DCS/PLC安全对接。",
            ],
        ),
        "en": dict(
            tp=["High {Y} bills for the {X}", "No clear view of energy use across the {Z}"],
            tt=["AI energy optimisation for the {X}", "Data-driven energy management for the {Z}"],
            pain=[
                "We spend about CNY [[3-50]] million a year on {Y} for the {X}, [[20-45]]% of the energy bill, and intensity is [[8-20]]% above best in class.",
                "{W} tune set-points by feel, and when load drops we keep over-supplying.",
                "Energy caps are tightening, yet we cannot say how much {Y} each shift or machine uses.",
            ],
            proc=[
                "Meters are read once a day, and monthly reports reveal anomalies weeks after the fact.",
                "The {X} run on fixed set-points, and every adjustment means {W} walking out to the equipment.",
            ],
            data=[
                "[[1-3]] years of {Y} metering from [[50-600/10]] points at [[15-60/15]]-minute resolution, aligned with production plans",
                "[[1-4]] years of DCS history for the {X} with [[100-800/50]] tags for load, temperature and pressure",
            ],
            gp=[
                "We want to cut {Y} use by the {X} by [[5-15]]% without affecting operations.",
                "We want energy use visible in real time, so that waste is caught the same day.",
            ],
            gt=[
                "We seek data-driven optimisation of the {X} with load forecasting and automatic set-point tuning, and are open to an energy-performance contract.",
                "We plan to build an energy management platform with AI optimisation and closed-loop control, safely connected to our DCS and PLCs.",
            ],
        ),
    },
    "medical-imaging": {
        "zh": dict(
            tp=["{Z}{X}阅片压力大", "{X}{Y}容易漏诊", "基层{X}缺少有经验的医生"],
            tt=["{X}{Y}辅助诊断系统", "征集{X}智能阅片方案"],
            pain=[
                "{Z}每天{X}检查约[[300-2000/50]]例，{W}只有[[8-40]]人，报告平均要等[[1-3]]天。",
                "{Y}早期表现细微，{W}在疲劳状态下容易漏看，年轻医生和资深医生的判断差异较大。",
                "医联体内的基层机构能做{X}，但缺少会看片的医生，影像只能传到我院集中判读，积压严重。",
            ],
            proc=[
                "现行流程是技师采集后，由初级医生写报告、上级医生审核，疑难病例每周集中讨论一次。",
                "影像存储在PACS中，随访对比需要医生手动调出历次检查逐张翻看。",
            ],
            data=[
                "PACS中近[[3-8]]年的{X}约[[20-150/10]]万例，其中约[[5000-30000/1000]]例有病理或随访结果",
                "[[2000-15000/1000]]例经两位以上医生复核标注的{Y}病例",
            ],
            gp=[
                "希望把{W}从重复性工作中解放出来，报告当天出，{Y}不漏诊。",
                "我们想让基层做的{X}也能得到及时、可靠的初筛结论。",
            ],
            gt=[
                "征集{X}{Y}AI辅助诊断产品，需具备或正在申请NMPA三类医疗器械注册证，敏感度不低于[[90-97]]%，与PACS/RIS无缝集成。",
                "拟采购医学影像智能分析平台，支持病灶检出、定量测量和随访对比，本地部署，数据不出院。",
            ],
        ),
        "en": dict(
            tp=["Reading backlog for {X}", "{Y} missed on {X}"],
            tt=["AI-assisted reading of {X}", "Computer-aided detection of {Y}"],
            pain=[
                "Our {Z} performs [[300-2000/50]] {X} examinations a day with only [[8-40]] {W}, so reports take [[1-3]] days.",
                "Early {Y} are subtle; tired readers miss them, and junior and senior doctors often disagree.",
                "Community clinics in our network can acquire {X} but have no one to read them, so images pile up at our hospital.",
            ],
            proc=[
                "Technicians acquire the images, junior doctors draft reports and seniors sign off; difficult cases wait for a weekly meeting.",
                "Images sit in PACS, and follow-up comparison means opening every previous study by hand.",
            ],
            data=[
                "[[3-8]] years of {X} in PACS, about [[200000-1500000/10000]] studies, [[5000-30000/1000]] with pathology or follow-up outcomes",
                "[[2000-15000/1000]] cases of {Y} annotated and double-read by senior doctors",
            ],
            gp=[
                "We want same-day reports and no missed {Y}, with doctors freed from routine reading.",
                "We want {X} taken at community clinics to get a timely, reliable first read.",
            ],
            gt=[
                "We seek AI-assisted diagnosis of {Y} on {X}, holding or applying for NMPA Class III certification, with at least [[90-97]]% sensitivity and PACS/RIS integration.",
                "We plan to procure an imaging AI platform for lesion detection, measurement and follow-up comparison, deployed on-site so data stays in the hospital.",
            ],
        ),
    },
    "knowledge-graph-search": {
        "zh": dict(
            tp=["{X}查找困难经验难传承", "查{Y}靠翻资料问老师傅", "{Z}知识散落各处"],
            tt=["{X}知识图谱与智能检索", "征集{Z}知识库问答系统"],
            pain=[
                "{X}加起来有[[2-30]]万份，分散在共享盘、纸质档案和个人电脑里，{W}查一个{Y}经常要花半天。",
                "{Z}的核心经验掌握在少数老员工手里，近[[2-5]]年退休人数逐年增加，经验流失严重。",
                "同样的{Y}反复出现，每次都要从头分析，之前的处理经验没有被利用起来。",
            ],
            proc=[
                "遇到问题时{W}先凭记忆找资料，再打电话问老同事，最后才去翻文件，效率很低。",
                "文档只按部门和年份归档，关键词检索只能匹配文件名，正文内容几乎搜不到。",
            ],
            data=[
                "{X}约[[2-30]]万份（Word、PDF和扫描件），以及[[3-10]]年的问题处理记录",
                "已整理的专业术语表[[2000-15000/1000]]条和部分结构化的{Y}案例",
            ],
            gp=[
                "希望{W}用一句话就能找到相关的{X}和过往处理经验，新人也能快速上手。",
                "目标是把查资料的时间从小时级缩短到分钟级，让经验真正沉淀下来。",
            ],
            gt=[
                "征集基于知识图谱和自然语言处理的{Z}知识管理方案，支持语义检索、智能问答和{Y}推理推荐。",
                "拟采购知识图谱构建与智能搜索平台，可从非结构化的{X}中自动抽取实体和关系，支持私有化部署。",
            ],
        ),
        "en": dict(
            tp=["Finding answers in {X} takes hours", "Know-how on {Y} leaving with retirees"],
            tt=["Knowledge graph and semantic search over {X}", "Question answering for the {Z}"],
            pain=[
                "Our {X} run to [[20000-300000/10000]] files scattered across shared drives, paper archives and laptops; looking into one of the {Y} can take half a day.",
                "Core know-how sits with a few veterans in the {Z}, and more of them retire every year.",
                "The same {Y} keep recurring and are analysed from scratch each time.",
            ],
            proc=[
                "{W} search from memory, then phone older colleagues, and only then dig through files; keyword search only matches file names."
            ],
            data=[
                "roughly [[20000-300000/10000]] files of {X} in Word, PDF and scanned form, plus [[3-10]] years of case records",
                "a glossary of [[2000-15000/1000]] domain terms and a set of structured past cases",
            ],
            gp=[
                "We want {W} to find the relevant documents and past solutions by asking a single question.",
                "The aim is to cut search time from hours to minutes and keep experience in the organisation.",
            ],
            gt=[
                "We seek a knowledge-graph and NLP based system for semantic search, question answering and recommendations on {Y}.",
                "Proposals should extract entities and relations from unstructured {X} automatically and run on-premise.",
            ],
        ),
    },
    "digital-twin": {
        "zh": dict(
            tp=["{X}运行状态看不全", "{Z}改造方案无法提前验证", "{Y}调整只能现场试"],
            tt=["{X}数字孪生平台", "征集{X}三维仿真与数字孪生方案"],
            pain=[
                "{X}的数据分散在[[5-15]]套系统里，{W}要看全局状态得打开好几个界面，数据还对不上。",
                "每次调整{Y}都只能在现场试，试错一次的成本约[[20-200/10]]万元，还影响正常运行。",
                "{Z}计划投资约[[1-20]]亿元进行改造，但方案好坏只能凭经验判断，缺少量化依据。",
            ],
            proc=[
                "目前依靠二维图纸和Excel台账管理，{W}每周开会对各系统报表，信息滞后[[1-7]]天。",
                "现场变更很少回写到图纸中，图纸与实际情况的偏差越来越大。",
            ],
            data=[
                "{X}的CAD/BIM模型、设备台账及[[1-3]]年的运行数据，测点约[[2000-20000/1000]]个",
                "近[[1-3]]年的{Y}相关作业记录和生产报表",
            ],
            gp=[
                "希望在一个画面里看清{X}的实时状态，调整{Y}之前能先预演效果。",
                "我们想在真金白银投进去之前，先知道方案能不能达到预期。",
            ],
            gt=[
                "征集{X}数字孪生方案，实现三维可视化、实时数据驱动和{Y}仿真推演，模型精度满足工程决策需要。",
                "拟采购数字孪生平台及建模服务，融合物联网数据与机理、数据模型，支持情景推演并开放接口。",
            ],
        ),
        "en": dict(
            tp=["No single view of the {X}", "Testing changes to {Y} on the live operation"],
            tt=["Digital twin of the {X}", "3D simulation and digital twin for the {Z}"],
            pain=[
                "Data on the {X} is spread over [[5-15]] systems, and {W} have to piece the picture together from several screens.",
                "Every change to {Y} is tried out on the live operation, costing up to CNY [[0.2-2.0]] million per trial.",
                "We plan a CNY [[100-2000/50]] million upgrade of the {Z}, but options are judged on experience rather than numbers.",
            ],
            proc=[
                "We manage with 2D drawings and spreadsheets; {W} reconcile reports weekly, so information lags by [[1-7]] days.",
                "Changes made on site rarely make it back into the drawings, which drift further from reality every year.",
            ],
            data=[
                "CAD/BIM models and asset registers for the {X}, plus [[1-3]] years of operating data from [[2000-20000/1000]] points",
                "[[1-3]] years of operational records related to {Y}",
            ],
            gp=[
                "We want a live view of the whole {X} and the ability to rehearse changes to {Y} before making them.",
                "We want to know whether a plan will work before committing real money to it.",
            ],
            gt=[
                "We invite digital-twin proposals combining 3D visualisation, real-time data and simulation of {Y}, accurate enough for engineering decisions.",
                "We plan to buy a digital-twin platform and modelling services that fuse IoT data with physics-based and data-driven models, with open APIs.",
            ],
        ),
    },
    "autonomous-driving-v2x": {
        "zh": dict(
            tp=["{X}司机短缺且夜班风险高", "{Z}{X}运行效率低", "{Y}事故隐患多"],
            tt=["{Z}{X}自动驾驶示范", "征集{Y}车路协同方案"],
            pain=[
                "{X}在{Y}上往返运行，{W}[[40-300/10]]人三班倒，招人难，人工成本每年上涨[[8-15]]%。",
                "{Y}路况复杂、视线盲区多，去年发生剐蹭和险情[[10-40]]起。",
                "{X}由人工调度，空驶率约[[25-40]]%，高峰期排队严重。",
            ],
            proc=[
                "目前{X}全部人工驾驶，靠对讲机接收调度指令，运行数据没有实时采集。",
                "{Y}上的信号灯、路侧设备与车辆之间没有任何信息交互。",
            ],
            data=[
                "{Y}的测绘资料、[[1-2]]年的车辆GPS轨迹和调度记录",
                "[[10-60]]辆{X}的行车记录仪视频约[[2000-20000/1000]]小时",
            ],
            gp=[
                "希望{X}在{Y}上少依赖司机，夜间运行更安全，整体效率提高[[15-30]]%。",
                "我们想先在一段封闭或半封闭的线路上验证无人化运行是否可行。",
            ],
            gt=[
                "征集L4级{X}自动驾驶及车路协同（V2X）方案，在{Y}开展[[3-10]]辆车的示范运营，需提供安全员和远程监控方案。",
                "拟建设路侧感知单元和边缘计算节点，实现{X}的车路协同与编队调度，符合相关测试规范。",
            ],
        ),
        "en": dict(
            tp=["Driver shortage for {X}", "Safety blind spots on {Y}"],
            tt=["Autonomous {X} on {Y}", "V2X and roadside perception for {Y}"],
            pain=[
                "Our {X} shuttle along {Y} around the clock; [[40-300/10]] {W} work three shifts, and hiring gets harder every year.",
                "Sight lines on {Y} are poor, and we had [[10-40]] scrapes and near-misses there last year.",
                "Dispatching is manual and about [[25-40]]% of trips run empty, with long queues at peak times.",
            ],
            proc=[
                "All {X} are driven manually and dispatched by radio, with no real-time operating data.",
                "Signals and roadside equipment on {Y} exchange no information with the vehicles.",
            ],
            data=[
                "[[1-2]] years of GPS tracks and dispatch records, plus [[2000-20000/1000]] hours of dash-cam video from [[10-60]] vehicles",
                "survey data for {Y} and a full record of last year's incidents",
            ],
            gp=[
                "We want {X} on {Y} to rely less on drivers, run more safely at night and lift throughput by [[15-30]]%.",
                "We would like to prove driverless operation on a closed or semi-closed route first.",
            ],
            gt=[
                "We seek an L4 autonomous driving and V2X solution for a [[3-10]]-vehicle pilot of {X} on {Y}, including safety drivers and remote monitoring.",
                "We plan roadside perception units and edge nodes for cooperative driving and platooning of {X}.",
            ],
        ),
    },
    "edge-ai-hardware": {
        "zh": dict(
            tp=["{Z}现场算力不足", "{X}数据回传带宽吃紧", "{Y}响应太慢"],
            tt=["{X}边缘AI计算终端", "征集{Y}边缘智能盒子方案"],
            pain=[
                "{Z}分散部署了约[[dev:50-800/10]]台{X}，视频和数据全部回传中心处理，专线费用每年超过[[50-400/10]]万元。",
                "{Y}要求在[[100-500/50]]毫秒内响应，但回传中心处理一个来回就要一两秒，根本来不及。",
                "现场环境温度高、粉尘大、网络不稳定，普通服务器放不下也扛不住。",
            ],
            proc=[
                "目前{X}只负责采集，分析靠人工查看或定期拷贝数据回来处理，{W}经常要跑现场。",
                "各现场设备型号杂、系统多，{W}[[3-12]]人维护起来疲于奔命。",
            ],
            data=[
                "[[dev:50-800/10]]台{X}的设备清单、网络拓扑和[[1-2]]年的运行日志",
                "{Z}各点位近[[3-12]]个月的原始视频和传感器数据，约[[20-300/10]]TB",
            ],
            gp=[
                "希望数据在现场就地处理，只把结果传回来，通信费用和响应时间都降下来。",
                "我们想要一套皮实、好维护的现场设备，{W}在办公室就能远程管理。",
            ],
            gt=[
                "征集边缘AI计算终端及管理平台，算力不低于[[4-32]] TOPS，宽温-[[10-25]]~[[55-70]]℃，支持模型远程下发与OTA升级。",
                "拟采购[[50-500/10]]台边缘智能盒子运行{Y}等算法，需兼容国产AI芯片，并提供统一的设备管理平台。",
            ],
        ),
        "en": dict(
            tp=["Bandwidth bills from remote {X}", "{Y} too slow at remote sites"],
            tt=["Edge AI devices for {Y}", "Ruggedised edge computing for {X}"],
            pain=[
                "About [[dev:50-800/10]] {X} across our {Z} stream everything to a central server, costing over CNY [[0.5-4.0]] million a year in leased lines.",
                "{Y} needs a response within [[100-500/50]] ms, but a round trip to the data centre takes one to two seconds.",
                "The sites are hot, dusty and poorly connected, so standard servers are not an option.",
            ],
            proc=[
                "The {X} only collect data; analysis is manual or done after copying files back, so {W} are constantly on the road."
            ],
            data=[
                "an inventory of [[dev:50-800/10]] {X}, network diagrams and [[1-2]] years of device logs",
                "[[3-12]] months of raw video and sensor data from the {Z}, about [[20-300/10]] TB",
            ],
            gp=[
                "We want data processed where it is produced, with only results sent back, cutting both cost and latency.",
                "We need rugged, low-maintenance devices that {W} can manage remotely from the office.",
            ],
            gt=[
                "We invite proposals for edge AI devices with at least [[4-32]] TOPS, wide-temperature operation, remote model deployment and OTA updates.",
                "We plan to buy [[50-500/10]] edge AI boxes running {Y}, compatible with domestic AI chips and managed from a central console.",
            ],
        ),
    },
    "remote-sensing-ocean": {
        "zh": dict(
            tp=["{X}{Y}发现不及时", "{Z}巡查靠出海目测", "{Y}影响难以评估"],
            tt=["{X}卫星遥感监测", "征集{Y}遥感识别与预警方案"],
            pain=[
                "{X}面积约[[20-600/10]]平方公里，目前{W}每周出海或巡岸[[1-3]]次，{Y}往往在发现时已经成片。",
                "去年{Y}造成直接损失约[[300-5000/100]]万元，事前几乎没有任何预警。",
                "恶劣海况下巡查船出不去，而这恰恰是{Y}风险最高的时候，监测出现空白。",
            ],
            proc=[
                "目前以船巡和人工目测为主，辅以少量浮标，监测结果靠微信群上报、手工汇总。",
                "偶尔购买卫星影像，但需要外单位判读，从拍摄到拿到结论要[[5-15]]天。",
            ],
            data=[
                "{X}近[[2-6]]年的巡查记录、浮标水文数据和[[20-200/10]]景历史卫星影像",
                "[[1-5]]年的{Y}事件记录，含时间、位置和照片",
            ],
            gp=[
                "希望{Y}一露苗头，[[1-3]]天内就能知道，并大致判断范围和走向。",
                "我们想减少出海巡查次数，把船和人用在最需要的地方。",
            ],
            gt=[
                "征集多源卫星遥感（光学+SAR）与AI识别结合的{Y}监测方案，更新频率不低于每[[1-3]]天一次，识别准确率不低于[[85-92]]%。",
                "拟采购{X}遥感监测服务，含影像获取、自动解译和预警推送，并与无人机、浮标数据融合。",
            ],
        ),
        "en": dict(
            tp=["{Y} in the {X} spotted too late", "Patrol boats the only eyes on the {Z}"],
            tt=["Satellite monitoring of {Y}", "Remote sensing and early warning for {Y}"],
            pain=[
                "The {X} covers about [[20-600/10]] km², and {W} patrol it only [[1-3]] times a week, so {Y} is usually widespread before anyone sees it.",
                "{Y} caused around CNY [[3-50]] million in direct losses last year, with almost no warning.",
                "Patrol boats stay in port in rough seas, exactly when the risk of {Y} is highest.",
            ],
            proc=[
                "Monitoring relies on boat patrols, visual checks and a few buoys; reports come in over WeChat and are collated by hand.",
                "When we do buy satellite images, an outside institute interprets them and answers take [[5-15]] days.",
            ],
            data=[
                "[[2-6]] years of patrol logs and buoy data for the {X}, plus [[20-200/10]] archived satellite scenes",
                "[[1-5]] years of recorded {Y} events with time, location and photos",
            ],
            gp=[
                "We want to know about {Y} within [[1-3]] days of it appearing, including its extent and drift.",
                "We want fewer routine patrols, with boats and people sent where they are really needed.",
            ],
            gt=[
                "We seek optical and SAR satellite monitoring with AI interpretation of {Y}, refreshed at least every [[1-3]] days with at least [[85-92]]% accuracy.",
                "We plan to procure a monitoring service for the {X} covering image acquisition, automatic interpretation and alerts, fused with drone and buoy data.",
            ],
        ),
    },
    "smart-agriculture": {
        "zh": dict(
            tp=["{X}{Y}发现晚损失大", "{X}水肥投喂全凭经验", "{X}用工成本高", "{X}{Y}防控被动"],
            tt=["{X}智慧种养管理系统", "征集{X}{Y}智能监测方案", "{X}{Y}早期预警系统"],
            pain=[
                "{Z}的{X}管理主要靠几位技术员凭经验，{Y}往往发现时已经扩散，去年减产约[[8-25]]%。",
                "{W}越来越难招，平均年龄超过[[52-60]]岁，人工成本占总成本的[[30-50]]%。",
                "水、肥、饲料的投放全凭经验，浪费较多，产品规格一致性差，卖不上好价钱。",
            ],
            proc=[
                "目前{W}每天巡查[[1-2]]次，发现问题拍照发给技术员，再决定怎么处理。",
                "温湿度、溶氧等环境数据靠几个简单仪表读数，手工记在本子上，没有形成数据积累。",
            ],
            data=[
                "{Z}[[1-3]]年的环境监测数据（温湿度、溶氧或土壤墒情）和农事记录",
                "约[[3000-30000/1000]]张{X}生长和{Y}照片，部分已由技术员标注",
            ],
            gp=[
                "希望{Y}能早发现、早处理，并根据实际情况精准投放水肥或饲料。",
                "目标是单产提高[[8-20]]%，同时把人工减少三分之一。",
            ],
            gt=[
                "征集物联网感知加AI模型的{X}智慧管理方案，实现{Y}的早期识别和水肥、投喂的智能决策，手机端可查看。",
                "拟采购{Z}智能监测系统，包括传感器、摄像头和{Y}识别模型，要求适应高湿、高盐雾环境。",
            ],
        ),
        "en": dict(
            tp=["{Y} in {X} found too late", "Running {X} by rule of thumb", "Losses from {Y} in {X}"],
            tt=["Smart farming system for {X}", "AI monitoring of {Y} in {X}", "Early warning of {Y} for {X}"],
            pain=[
                "Management of {X} depends on a few technicians' experience; {Y} is usually found once it has spread, and yields fell by [[8-25]]% last year.",
                "{W} are getting scarce and their average age is over [[52-60]]; labour is [[30-50]]% of our costs.",
                "Water, fertiliser and feed are dosed by habit, which wastes money and leaves produce uneven in size and quality.",
            ],
            proc=[
                "{W} walk the {Z} [[1-2]] times a day and send phone photos to a technician, who decides what to do.",
                "Temperature, humidity and oxygen readings come from a few simple gauges and are written down in notebooks.",
            ],
            data=[
                "[[1-3]] years of environmental readings from the {Z} and field records",
                "about [[3000-30000/1000]] photos of {X} and of {Y}, some labelled by technicians",
            ],
            gp=[
                "We want {Y} caught early and water, fertiliser or feed applied according to actual need.",
                "The target is [[8-20]]% higher yield with a third less labour.",
            ],
            gt=[
                "We invite IoT plus AI proposals for {X} that detect {Y} early and recommend irrigation, fertilising or feeding, viewable on a phone.",
                "We plan to buy a monitoring system for the {Z} with sensors, cameras and models for {Y}, built for humid, salty conditions.",
            ],
        ),
    },
    "traffic-crowd-analytics": {
        "zh": dict(
            tp=["{X}{Y}问题突出", "{X}人车流量底数不清", "{Z}研判靠人工经验"],
            tt=["{X}客流与交通态势智能分析", "征集{X}{Y}感知与预测方案"],
            pain=[
                "{X}{Y}问题突出，高峰时段拥堵往往持续[[1-3]]小时，群众投诉逐年增加。",
                "节假日{X}瞬时人流可达[[2-10]]万人，现场只能靠{W}凭经验判断是否限流，存在踩踏隐患。",
                "现有[[feeds:100-1500/50]]路视频和检测器数据分散在不同部门，{Z}无法形成统一的态势图。",
            ],
            proc=[
                "目前由{W}盯视频加现场巡查，信号配时和限流措施多为固定方案，调整一次要几周。",
                "流量统计依靠人工计数和抽样调查，每年做[[1-2]]次，数据时效性差。",
            ],
            data=[
                "[[feeds:100-1500/50]]路视频、[[50-400/10]]个检测器的历史数据，以及[[1-3]]年的{Y}事件记录",
                "运营商脱敏信令统计数据和[[1-2]]年的票务、卡口通行记录",
            ],
            gp=[
                "希望实时掌握{X}的人车流状况，{Y}出现前能提前[[15-60/15]]分钟预警并调整措施。",
                "目标是高峰期通行效率提高[[10-25]]%，节假日不再出现危险拥挤。",
            ],
            gt=[
                "征集基于视频结构化与时空预测模型的{X}人流车流分析方案，支持实时计数、拥堵预测和疏导措施建议。",
                "拟建设{X}智能感知与预测平台，融合视频、信令和卡口数据，输出未来[[15-60/15]]分钟的{Y}预测，准确率不低于[[85-92]]%。",
            ],
        ),
        "en": dict(
            tp=["{Y} at {X}", "No live picture of crowds at {X}"],
            tt=["Traffic and crowd analytics for {X}", "Predicting {Y} at {X}"],
            pain=[
                "{Y} at {X} is a daily problem; at peak times it lasts [[1-3]] hours and complaints rise every year.",
                "On holidays [[20000-100000/5000]] people can crowd into {X} at once, and {W} decide on crowd control by instinct.",
                "Feeds from [[feeds:100-1500/50]] cameras and detectors sit with different departments, so the {Z} has no common picture.",
            ],
            proc=[
                "{W} watch screens and patrol on foot; signal timings and crowd measures are fixed plans that take weeks to change.",
                "Counts come from manual surveys done [[1-2]] times a year, so the figures are always out of date.",
            ],
            data=[
                "history from [[feeds:100-1500/50]] cameras and [[50-400/10]] detectors, plus [[1-3]] years of incident records",
                "anonymised mobile-signalling aggregates and [[1-2]] years of ticketing or checkpoint counts",
            ],
            gp=[
                "We want a live view of people and vehicles at {X} and a [[15-60/15]]-minute warning before {Y} builds up.",
                "The target is [[10-25]]% better flow at peak times and no more dangerous crowding on holidays.",
            ],
            gt=[
                "We seek video analytics and spatio-temporal forecasting for {X}: real-time counts, congestion prediction and recommended control measures.",
                "We plan a sensing and prediction platform that fuses video, mobile-signalling and checkpoint data and forecasts {Y} [[15-60/15]] minutes ahead with at least [[85-92]]% accuracy.",
            ],
        ),
    },
    "process-optimization": {
        "zh": dict(
            tp=["{X}质量波动大", "{X}工艺参数靠老师傅调", "{Z}{Y}不稳定"],
            tt=["{X}工艺参数智能优化", "征集{X}质量预测与优化方案"],
            pain=[
                "{X}的{Y}波动较大，批次合格率在[[85-95]]%上下摆动，返工和降级损失每年约[[300-3000/100]]万元。",
                "{X}参数调整依赖[[2-5]]位老师傅，原料批次一变就要反复试，试产一次浪费[[2-20]]吨物料。",
                "质量指标要等化验结果出来才知道，滞后[[2-8]]小时，发现问题时一批已经做完了。",
            ],
            proc=[
                "目前按工艺卡设定参数，{W}根据化验结果和经验人工微调，调整记录写在交接班本上。",
                "DCS有自动控制，但关键设定值仍由{W}每班手动调整[[3-10]]次。",
            ],
            data=[
                "[[2-5]]年的{X}工艺参数（约[[200-1500/50]]个点位）与对应的化验和质量检验结果",
                "原料批次、配方以及[[5-30]]万条批次质量记录",
            ],
            gp=[
                "希望{Y}更稳定，原料变化时能很快给出合适的参数，少走试错的弯路。",
                "目标是合格率提升到[[96-99]]%以上，把老师傅的经验固化下来。",
            ],
            gt=[
                "征集基于机器学习的{X}质量预测与参数寻优方案，实现{Y}软测量和设定值推荐，先开环指导、再逐步闭环。",
                "拟采购工艺优化AI平台，融合机理模型与数据模型，对{X}进行实时优化，需与DCS安全隔离对接。",
            ],
        ),
        "en": dict(
            tp=["Unstable {Y} in {X}", "{X} tuned by a few veteran operators"],
            tt=["AI process optimisation for {X}", "Quality prediction and set-point optimisation for {X}"],
            pain=[
                "{Y} in {X} varies widely; batch yield swings between [[85-88]]% and [[93-96]]%, and rework and downgrades cost about CNY [[3-30]] million a year.",
                "Tuning {X} depends on [[2-5]] senior operators, and every new raw-material lot means trial runs that waste [[2-20]] tonnes.",
                "Quality is only known when lab results arrive [[2-8]] hours later, by which time the batch is done.",
            ],
            proc=[
                "Set-points come from process cards, and {W} fine-tune them by lab results and experience, logging changes in a handover book.",
                "The DCS handles basic control, but {W} still adjust key set-points by hand [[3-10]] times a shift.",
            ],
            data=[
                "[[2-5]] years of {X} process data from [[200-1500/50]] tags, aligned with lab and quality results",
                "raw-material lots, recipes and [[50000-300000/10000]] batch quality records",
            ],
            gp=[
                "We want steadier {Y} and quick, sound settings whenever raw materials change.",
                "The goal is yield above [[96-99]]% and veteran know-how captured for good.",
            ],
            gt=[
                "We seek machine-learning quality prediction and set-point optimisation for {X}, including soft sensors for {Y}, first advisory and later closed-loop.",
                "We plan to procure a hybrid physics and data-driven optimisation platform for {X}, connected to the DCS through a secure gateway.",
            ],
        ),
    },
    "ar-vr-training": {
        "zh": dict(
            tp=["{W}{X}培训周期长", "{X}实操培训风险高", "{Y}难以在真实环境中练"],
            tt=["{X}VR/AR沉浸式培训系统", "征集{X}虚拟仿真实训方案"],
            pain=[
                "每年新进{W}约[[80-600/10]]人，{X}培训要[[2-6]]个月才能独立上岗，占用大量师傅时间。",
                "{Y}无法在真实设备上反复演练，{W}第一次遇到往往手足无措。",
                "实训需要停机或消耗真实物料，每次培训的耗材和停机成本约[[2-20]]万元。",
            ],
            proc=[
                "现在以课堂讲授加师带徒为主，考核靠师傅主观打分，缺少统一标准。",
                "{Z}的实训设备台套有限，[[20-60]]名学员只能轮流操作，每人上手时间很少。",
            ],
            data=[
                "{X}作业指导书、操作视频约[[100-800/10]]段，以及设备三维图纸",
                "近[[2-5]]年的培训记录和考核成绩，以及[[20-100]]例典型事故和失误案例",
            ],
            gp=[
                "希望{W}能在安全的环境下反复练习{Y}，把上岗周期缩短一半。",
                "目标是培训效果可量化、可追溯，师傅的精力用在关键环节上。",
            ],
            gt=[
                "征集VR/AR沉浸式{X}培训方案，含三维建模、交互脚本和考核评估系统，支持[[10-40]]人同时训练。",
                "拟采购AR远程协作与虚拟实训平台，用于{X}教学和{Y}应急演练，需支持主流头显设备。",
            ],
        ),
        "en": dict(
            tp=["{X} training takes months", "No safe way to practise {Y}"],
            tt=["VR/AR training for {X}", "Immersive simulation of {Y}"],
            pain=[
                "We take on [[80-600/10]] new {W} a year, and training in {X} takes [[2-6]] months before they can work alone.",
                "{Y} cannot be rehearsed on real equipment, so {W} often freeze the first time it happens.",
                "Hands-on practice means stopping equipment or using real material, at CNY [[20000-200000/10000]] per session.",
            ],
            proc=[
                "Training is classroom teaching plus shadowing, and assessment relies on each mentor's judgement.",
                "The {Z} has only a few training rigs, so [[20-60]] trainees take turns and get little hands-on time.",
            ],
            data=[
                "existing work instructions for {X}, about [[100-800/10]] procedure videos and 3D equipment drawings",
                "[[2-5]] years of training and test records and [[20-100]] documented incident cases",
            ],
            gp=[
                "We want {W} to practise {Y} repeatedly in a safe setting and be ready in half the time.",
                "We want training results that can be measured and tracked, with mentors focused on what matters.",
            ],
            gt=[
                "We invite VR/AR proposals for training in {X} with 3D models, interactive scenarios and assessment, supporting [[10-40]] trainees at once.",
                "We plan to procure an AR remote-assistance and virtual training platform for {X} and for {Y} drills, supporting mainstream headsets.",
            ],
        ),
    },
    "industrial-iot-data": {
        "zh": dict(
            tp=["{Z}设备数据采不上来", "{X}数据孤岛问题突出", "{Z}生产报表靠人工统计"],
            tt=["{Z}工业物联网数据平台", "征集{X}数据采集与分析方案"],
            pain=[
                "{Z}有{X}约[[mach:80-600/10]]台，品牌、年代各不相同，{Y}，管理层看不到实时的生产状况。",
                "OEE、能耗、质量等指标靠{W}每天手工统计，报表晚一天才出，数据还经常对不上。",
                "设备数据没打通，出了质量问题很难追溯到是哪台设备、什么参数导致的。",
            ],
            proc=[
                "目前班组长在纸质报表上记录产量、停机和异常，{W}第二天录入Excel汇总。",
                "部分新设备自带数据接口，但各厂家协议不同，只有[[10-40]]%的设备接入了系统。",
            ],
            data=[
                "[[mach:80-600/10]]台{X}的设备清单和通信协议，以及MES中[[1-3]]年的生产记录",
                "已联网设备[[1-2]]年的运行数据，以及纸质报表电子化后的[[2-10]]万条记录",
            ],
            gp=[
                "希望所有{X}的状态一屏可见，停机原因自动记录，报表自动生成。",
                "目标是OEE提升[[5-15]]个百分点，质量问题能追溯到设备和参数。",
            ],
            gt=[
                "征集工业物联网采集与数据平台方案，兼容主流PLC/CNC协议，接入{X}并提供OEE分析和异常检测模型。",
                "拟采购边云协同的工业数据平台，完成设备联网、数据治理和AI分析应用，需提供开放API。",
            ],
        ),
        "en": dict(
            tp=["No live data from our {X}", "Production reports compiled by hand"],
            tt=["Industrial IoT platform for the {Z}", "Data acquisition and analytics for {X}"],
            pain=[
                "The {Z} runs [[mach:80-600/10]] {X} of different makes and ages; {Y}, so management has no real-time view of production.",
                "OEE, energy and quality figures are compiled by hand each day by {W}, a day late and often inconsistent.",
                "Machine data is not connected, so quality problems can rarely be traced back to a machine or a parameter.",
            ],
            proc=[
                "Shift leaders record output, stops and issues on paper, and {W} type them into spreadsheets the next day.",
                "Some newer machines have data ports, but protocols differ and only [[10-40]]% are connected.",
            ],
            data=[
                "an inventory and protocol list for [[mach:80-600/10]] {X}, plus [[1-3]] years of MES production records",
                "[[1-2]] years of data from the machines already connected and [[20000-100000/10000]] digitised paper records",
            ],
            gp=[
                "We want every machine's status on one screen, stop reasons logged automatically and reports generated without typing.",
                "The target is [[5-15]] points more OEE and quality issues traceable to machine and parameter.",
            ],
            gt=[
                "We seek an IIoT data platform supporting common PLC and CNC protocols, connecting the {X} and providing OEE analytics and anomaly detection.",
                "We plan to procure an edge-to-cloud industrial data platform covering connectivity, data governance and AI applications, with open APIs.",
            ],
        ),
    },
}

# --------------------------------------------------------------------------------------------
# 5. generic pools
# --------------------------------------------------------------------------------------------

DATA_LEAD = {
    "zh": [
        "目前可提供的数据包括：{d}。",
        "数据方面，可以提供{d}。",
        "我们手头有{d}，签署保密协议后可以开放。",
        "可用于验证的数据：{d}。",
        "已积累的数据：{d}。",
    ],
    "en": [
        "Available data: {d}.",
        "Under NDA we can share {d}.",
        "On the data side we have {d}.",
        "The site already holds {d}.",
        "For a trial we can provide {d}.",
    ],
}

# capabilities whose work happens in offices rather than on the shop floor
OFFICE_CAPS = {
    "document-ocr",
    "speech",
    "chatbot",
    "knowledge-graph-search",
    "recommendation-marketing",
    "demand-forecasting",
    "risk-fraud",
}

# procurement-style requirements (only with goals that name the technique)
REQ = {
    "zh": {
        "any": [
            "方案需支持私有化部署，核心数据不得离开本地机房。",
            "供应商需提供不少于[[6-24]]个月的运维服务，并对我方人员进行培训。",
            "优先考虑在同行业有落地案例、能安排客户参观的团队。",
            "可先做[[4-8]]周的概念验证，达标后再签正式合同。",
            "接受联合研发，知识产权归属可以协商。",
            "投标方需提供近三年类似项目业绩及相关软件著作权。",
            "系统需提供开放接口，便于后续接入其他应用。",
            "报价需分项列明软件、硬件和实施服务费用。",
            "实施期间供应商需安排工程师常驻{dz}现场。",
        ],
        "ie": [
            "需与现有MES/ERP系统对接。",
            "改造须利用计划停机窗口完成，不得影响正常生产。",
            "现场粉尘和电磁干扰较重，硬件需满足工业级防护要求。",
            "数据采集不得影响现有控制系统的安全运行。",
        ],
        "office": [
            "需与现有ERP或OA系统对接，支持单点登录。",
            "系统需具备完善的权限管理和操作日志。",
            "需提供管理后台，业务人员可自行维护规则和词库。",
        ],
        "fc": [
            "系统需通过网络安全等级保护三级测评。",
            "涉及个人信息的数据须脱敏处理，符合相关法律法规。",
            "界面需支持中英文，方便外籍人士使用。",
            "需与现有业务系统对接，并接入统一身份认证。",
        ],
    },
    "en": {
        "any": [
            "The solution must run on-premise; core data may not leave our servers.",
            "Vendors should offer at least [[6-24]] months of support and train our staff.",
            "Preference goes to teams with comparable references we can visit.",
            "We propose a [[4-8]]-week proof of concept before a full contract.",
            "Joint development is welcome and IP ownership is negotiable.",
            "Please itemise software, hardware and implementation costs.",
            "Open APIs are required so that further applications can be added later.",
            "An engineer will need to be on site in {dz} during implementation.",
        ],
        "ie": [
            "Integration with our MES and ERP is mandatory.",
            "Installation must fit into planned shutdown windows.",
            "Hardware must be industrial-grade to cope with dust, heat and vibration.",
            "Data collection must not compromise the safety of existing control systems.",
        ],
        "office": [
            "It must integrate with our ERP or OA system and support single sign-on.",
            "Role-based permissions and full audit logs are required.",
            "Business users must be able to maintain rules and vocabularies themselves.",
        ],
        "fc": [
            "The system must pass a Level 3 cybersecurity protection assessment.",
            "Personal data must be anonymised and handled in line with Chinese data-protection law.",
            "The interface must work in both Chinese and English.",
            "It must integrate with our existing systems and single sign-on.",
        ],
    },
}

# practical remarks (only with goals in business language)
REMARK = {
    "zh": {
        "any": [
            "我们内部没有专门的技术团队，希望合作方能从梳理需求做起。",
            "管理层很重视，愿意先拿出一个部门或一条线来试点。",
            "之前试过一家外地公司的方案，效果不理想，主要是对现场情况了解不够。",
            "欢迎有类似经验的团队来{dz}现场看一看，再一起商量怎么做。",
            "希望投入产出清楚，最好一年内能看到回报。",
            "对合作形式没有限制，可以是采购、联合开发或按效果付费。",
        ],
        "ie": [
            "现场只有春节和国庆前后有较长的停产窗口。",
            "如果需要加装传感器或整理数据，我们可以全力配合。",
            "车间环境比较恶劣，高温、粉尘和油污都有。",
            "一线员工平均年龄偏大，新东西必须简单好用。",
        ],
        "office": [
            "业务高峰集中在月底和年底，方案要能扛得住高峰。",
            "相关岗位人员的电脑水平参差不齐，界面一定要直观。",
            "我们更看重实际效果，希望先用一个月的真实业务做对比。",
        ],
        "fc": [
            "服务对象中老年人比例较高，操作一定要简单。",
            "涉及群众个人信息，安全和隐私保护是前提。",
            "来青岛的外籍人士逐年增多，最好能兼顾外语服务。",
        ],
    },
    "en": {
        "any": [
            "We have no in-house data team, so we need a partner who can start by scoping the problem with us.",
            "Management backs the project and will offer one line or department as a trial.",
            "An earlier attempt with an outside supplier fell short because they did not understand our operation.",
            "Teams with relevant experience are welcome to visit us in {dz} and talk it through.",
            "We are open to purchase, joint development or pay-for-results arrangements.",
            "Payback within about a year would make the case easy to approve.",
        ],
        "ie": [
            "The only long production breaks are around Spring Festival and National Day.",
            "We can help with installing sensors or cleaning up data if needed.",
            "Conditions on the floor are tough: heat, dust and oil.",
            "Frontline staff are mostly older, so anything new has to be simple to use.",
        ],
        "office": [
            "Workload peaks at month-end and year-end, so the solution has to cope with peaks.",
            "Computer skills vary widely among the staff involved, so the interface must be intuitive.",
            "We care about real results and would like a one-month side-by-side trial on live work.",
        ],
        "fc": [
            "Many of the people we serve are elderly, so the experience must be simple.",
            "Citizens' personal data is involved, so privacy comes first.",
            "More and more foreign residents and visitors come to Qingdao, so English support would be a plus.",
        ],
    },
}

TIMELINES = [
    ("3个月内完成试点", "pilot within 3 months"),
    ("6个月内完成试点，年底前推广", "pilot within 6 months, roll-out by year end"),
    ("2021年上半年完成上线", "go-live in the first half of 2021"),
    ("试点4个月，验收后分两期推广", "4-month pilot, then roll-out in two phases"),
    ("明年旺季前投入使用", "in service before next peak season"),
    ("9个月内完成建设并验收", "delivered and accepted within 9 months"),
    ("2个月内完成概念验证", "proof of concept within 2 months"),
    ("一年内分三期实施", "three phases over 12 months"),
    ("2020年底前启动，2021年三季度完成", "start by end of 2020, complete in Q3 2021"),
]
TIMELINE_LEAD = {"zh": ["进度要求：{t}。", "时间安排：{t}。"], "en": ["Timeline: {t}.", "Schedule: {t}."]}
BUDGET_LEAD = {
    "zh": [
        "项目预算约{lo}–{hi}万元。",
        "预算区间为{lo}万至{hi}万元，含软硬件。",
        "初步预算{lo}–{hi}万元，可按里程碑付款。",
    ],
    "en": [
        "Budget: CNY {lo}–{hi}.",
        "The indicative budget is CNY {lo} to {hi}, hardware included.",
        "We have set aside CNY {lo}–{hi}, payable by milestone.",
    ],
}
# rough budget scale (CNY 10k) per capability: (low, high) for budget_min
BUDGET_SCALE = {
    "digital-twin": (150, 600),
    "autonomous-driving-v2x": (200, 900),
    "autonomous-mobile-robots": (150, 700),
    "remote-sensing-ocean": (60, 300),
    "edge-ai-hardware": (60, 400),
    "robot-vision": (60, 300),
    "traffic-crowd-analytics": (100, 500),
    "safety-video-analytics": (50, 300),
    "process-optimization": (80, 400),
}
BUDGET_DEFAULT = (30, 200)

# --------------------------------------------------------------------------------------------
# 6. vendor fragments
#    per capability: what we do (zh|en), technology keywords, product name patterns and short
#    case-study sentences ({cust} = a customer type, {X}/{Y}/{Z} from a matching variant)
# --------------------------------------------------------------------------------------------

VCAP = {
    "visual-inspection": dict(
        phrase="工业外观缺陷检测|visual inspection",
        tech="小样本深度学习|few-shot deep learning; 多光谱成像|multispectral imaging; 高速线扫相机|high-speed line-scan cameras",
        products="{b}·慧检工业视觉质检平台|{B} Inspect visual QC platform; {b}瞳缺陷检测一体机|{B}Eye defect detection station",
        zh=[
            "为{cust}上线{X}外观缺陷检测，漏检率由[[3-8]]%降至[[0.3-1.0]]%。",
            "在{cust}的{Z}部署[[4-16]]套检测工位，单线减少质检人员[[3-8]]人。",
        ],
        en=[
            "Deployed {X} defect inspection for {cust}, cutting escapes from [[3-8]]% to [[0.3-1.0]]%.",
            "Installed [[4-16]] inspection stations at {cust}, freeing [[3-8]] inspectors per line.",
        ],
    ),
    "document-ocr": dict(
        phrase="票据文档智能识别|document AI",
        tech="版面分析|layout analysis; 手写体识别|handwriting recognition; 表格结构还原|table reconstruction",
        products="{b}识单文档智能处理平台|{B} DocReader document AI platform; {b}票据OCR引擎|{B} OCR engine for forms",
        zh=[
            "为{cust}实现{X}自动识别录入，单份处理时间由[[5-12]]分钟降到[[30-90]]秒。",
            "帮助{cust}完成[[50-300/10]]万份历史{X}的数字化，关键字段准确率超过[[97-99]]%。",
        ],
        en=[
            "Automated data capture from {X} for {cust}, cutting handling time from [[5-12]] minutes to under [[30-90]] seconds.",
            "Digitised [[500000-3000000/100000]] archived {X} for {cust} with over [[97-99]]% field accuracy.",
        ],
    ),
    "speech": dict(
        phrase="语音识别与语音质检|speech analytics",
        tech="方言语音识别|dialect speech recognition; 说话人分离|speaker diarisation; 关键词检索|keyword spotting",
        products="{b}听语音转写引擎|{B} Listen transcription engine; {b}声语音质检系统|{B}Voice speech QA suite",
        zh=[
            "为{cust}搭建{X}全量质检，检查覆盖率由[[2-5]]%提升至100%。",
            "帮助{cust}实现{X}实时转写，记录整理时间减少[[50-80]]%。",
        ],
        en=[
            "Built full-coverage review of {X} for {cust}, up from [[2-5]]% manual sampling.",
            "Delivered real-time transcription of {X} for {cust}, cutting write-up time by [[50-80]]%.",
        ],
    ),
    "chatbot": dict(
        phrase="智能客服与对话机器人|virtual assistants",
        tech="多轮对话管理|multi-turn dialogue management; 意图识别|intent recognition; 多语种问答|multilingual question answering",
        products="{b}小智智能客服|{B} Assist virtual agent; {b}知答知识库问答平台|{B} Answers knowledge-base assistant",
        zh=[
            "为{cust}上线智能客服，覆盖{X}，机器人独立解决率约[[60-85]]%。",
            "{cust}接入后，夜间咨询的平均响应时间由次日缩短到[[3-10]]秒。",
        ],
        en=[
            "Launched a virtual agent for {cust} handling {X}, resolving about [[60-85]]% without human help.",
            "Cut night-time response for {cust} from next day to under [[3-10]] seconds.",
        ],
    ),
    "predictive-maintenance": dict(
        phrase="设备预测性维护|predictive maintenance",
        tech="振动频谱分析|vibration spectrum analysis; 剩余寿命预测|remaining-useful-life estimation; 无线传感网络|wireless sensor networks",
        products="{b}设备健康管理平台|{B} Health asset monitoring platform; {b}无线振动传感器|{B} wireless vibration sensor",
        zh=[
            "为{cust}的[[30-300/10]]台{X}加装监测，平均提前[[3-14]]天预警{Y}。",
            "在{cust}落地{X}健康管理平台，计划外停机下降[[30-60]]%。",
        ],
        en=[
            "Retrofitted monitoring on [[30-300/10]] {X} for {cust}, warning of {Y} [[3-14]] days ahead on average.",
            "Rolled out an asset health platform at {cust}, reducing unplanned stops by [[30-60]]%.",
        ],
    ),
    "demand-forecasting": dict(
        phrase="需求预测与智能补货|demand forecasting",
        tech="时间序列预测|time-series forecasting; 因果推断|causal inference; 新品冷启动建模|new-product cold-start modelling",
        products="{b}预见需求预测平台|{B} Foresight demand planning; {b}智能补货引擎|{B} replenishment engine",
        zh=[
            "为{cust}提供{X}需求预测，预测偏差由[[30-45]]%降至[[10-18]]%。",
            "帮助{cust}优化补货，库存周转天数减少[[15-35]]%。",
        ],
        en=[
            "Forecast demand for {X} at {cust}, reducing forecast error from [[30-45]]% to [[10-18]]%.",
            "Optimised replenishment for {cust}, cutting days of stock by [[15-35]]%.",
        ],
    ),
    "scheduling-optimization": dict(
        phrase="智能排程与调度优化|scheduling optimisation",
        tech="混合整数规划|mixed-integer programming; 约束求解|constraint solving; 强化学习调度|reinforcement-learning dispatch",
        products="{b}智排APS系统|{B} Plan APS suite; {b}调度优化求解器|{B} Solver optimisation engine",
        zh=[
            "为{cust}实施智能排程，计划编制时间由[[2-5]]小时缩短到[[2-10]]分钟。",
            "{cust}上线后等待时间下降[[15-35]]%，准时完成率提升至[[93-98]]%。",
        ],
        en=[
            "Implemented optimisation-based scheduling at {cust}, cutting planning time from [[2-5]] hours to [[2-10]] minutes.",
            "Helped {cust} reduce waiting time by [[15-35]]% and lift on-time completion to [[93-98]]%.",
        ],
    ),
    "robot-vision": dict(
        phrase="3D视觉引导机器人|3D vision-guided robotics",
        tech="结构光三维成像|structured-light 3D imaging; 位姿估计|pose estimation; 手眼标定|hand-eye calibration",
        products="{b}3D视觉相机|{B} 3D camera; {b}视觉引导机器人工作站|{B} vision-guided robot cell",
        zh=[
            "为{cust}交付[[3-20]]套3D视觉引导工作站，节拍提升[[20-60]]%。",
            "在{cust}实现{X}{Y}自动化，每班减少人工[[2-8]]人。",
        ],
        en=[
            "Delivered [[3-20]] vision-guided robot cells to {cust}, improving cycle time by [[20-60]]%.",
            "Automated {Y} of {X} at {cust}, saving [[2-8]] operators per shift.",
        ],
    ),
    "autonomous-mobile-robots": dict(
        phrase="自主移动机器人与智能物流|autonomous mobile robots",
        tech="激光SLAM导航|laser SLAM navigation; 多车集群调度|multi-robot fleet scheduling; 自动充电|auto-charging",
        products="{b}潜伏式AMR|{B} under-ride AMR; {b}叉式无人搬运车|{B} autonomous forklift; {b}集群调度系统|{B} Fleet manager",
        zh=[
            "为{cust}部署[[5-40]]台AMR，实现{X}的无人化转运。",
            "{cust}上线后转运及时率达到[[97-99]]%，叉车司机减少[[40-70]]%。",
        ],
        en=[
            "Deployed [[5-40]] AMRs at {cust} to move {X} without drivers.",
            "Raised on-time transfers at {cust} to [[97-99]]% while cutting forklift drivers by [[40-70]]%.",
        ],
    ),
    "safety-video-analytics": dict(
        phrase="视频智能分析与安全生产监管|safety video analytics",
        tech="行为识别|action recognition; 目标检测与跟踪|object detection and tracking; 算法仓库按需加载|on-demand algorithm library",
        products="{b}安眼视频分析平台|{B} SafeSight video analytics; {b}AI视频分析服务器|{B} AI video server",
        zh=[
            "为{cust}的{X}提供视频智能分析，识别{Y}等[[10-25]]类行为，违规事件下降[[40-70]]%。",
            "为{cust}利旧[[200-1500/50]]路摄像头完成智能化改造。",
        ],
        en=[
            "Deployed video analytics at {cust} detecting [[10-25]] unsafe behaviours, cutting violations by [[40-70]]%.",
            "Upgraded [[200-1500/50]] existing cameras at {cust} to AI alerting without replacing them.",
        ],
    ),
    "face-recognition": dict(
        phrase="人脸识别与身份核验|face verification",
        tech="活体检测|liveness detection; 1:N检索|1:N search; 隐私保护计算|privacy-preserving computation",
        products="{b}刷脸核验终端|{B} face verification terminal; {b}身份核验云|{B} ID verification service",
        zh=[
            "为{cust}的{X}提供刷脸核验，高峰期通行时间缩短[[40-70]]%。",
            "在{cust}部署[[20-150/10]]台人脸识别终端，实现无感通行。",
        ],
        en=[
            "Introduced face verification at {cust}, cutting peak passage time by [[40-70]]%.",
            "Installed [[20-150/10]] face-recognition terminals at {cust} for walk-through entry.",
        ],
    ),
    "risk-fraud": dict(
        phrase="智能风控与反欺诈|fraud detection",
        tech="图神经网络|graph neural networks; 可解释评分卡|explainable scorecards; 实时决策引擎|real-time decision engines",
        products="{b}风控决策平台|{B} Risk decision platform; {b}关系图谱反欺诈系统|{B} Graph fraud detection",
        zh=[
            "为{cust}搭建{X}反欺诈模型，{Y}识别准确率提升[[20-50]]%。",
            "帮助{cust}将{X}审核时效由[[1-3]]天缩短到[[5-20]]分钟。",
        ],
        en=[
            "Built fraud models for {X} at {cust}, improving detection of {Y} by [[20-50]]%.",
            "Cut review time for {X} at {cust} from [[1-3]] days to [[5-20]] minutes.",
        ],
    ),
    "recommendation-marketing": dict(
        phrase="个性化推荐与精准营销|personalised marketing",
        tech="用户画像|customer profiling; 深度推荐模型|deep recommendation models; 增益建模|uplift modelling",
        products="{b}智荐推荐引擎|{B} Recommend engine; {b}客户运营平台|{B} customer engagement platform",
        zh=["为{cust}上线个性化推荐，点击率提升[[30-90]]%。", "帮助{cust}识别高流失风险客户，挽回率提升[[10-30]]%。"],
        en=[
            "Launched personalised recommendations for {cust}, lifting click-through by [[30-90]]%.",
            "Helped {cust} flag customers at risk of churn, raising win-back rates by [[10-30]]%.",
        ],
    ),
    "energy-optimization": dict(
        phrase="能源管理与节能优化|energy optimisation",
        tech="负荷预测|load forecasting; 设定值寻优|set-point optimisation; 能效对标|energy benchmarking",
        products="{b}能效优化平台|{B} Energy optimiser; {b}智慧能源管理系统|{B} energy management system",
        zh=[
            "为{cust}的{X}实施节能优化，{Y}消耗下降[[5-15]]%。",
            "在{cust}建设能源管理平台，年节约能源费用约[[100-1500/50]]万元。",
        ],
        en=[
            "Optimised the {X} at {cust}, reducing {Y} use by [[5-15]]%.",
            "Built an energy management platform for {cust} saving about CNY [[1-15]] million a year.",
        ],
    ),
    "medical-imaging": dict(
        phrase="医学影像辅助诊断|medical imaging AI",
        tech="病灶分割|lesion segmentation; 多模态影像融合|multi-modal image fusion; 联邦学习|federated learning",
        products="{b}影像辅助诊断系统|{B} Radiology assistant; {b}基层筛查云平台|{B} screening cloud",
        zh=[
            "产品已在{cust}用于{X}{Y}辅助诊断，阅片时间缩短[[30-60]]%。",
            "为{cust}搭建基层{X}远程初筛，覆盖[[10-60]]家基层机构。",
        ],
        en=[
            "Our software supports reading of {X} at {cust}, cutting reading time by [[30-60]]%.",
            "Set up remote first reads of {X} for {cust}, covering [[10-60]] community clinics.",
        ],
    ),
    "knowledge-graph-search": dict(
        phrase="知识图谱与智能检索|semantic search",
        tech="实体关系抽取|entity and relation extraction; 语义检索|semantic retrieval; 知识推理|knowledge reasoning",
        products="{b}知识图谱平台|{B} Graph knowledge platform; {b}智能搜索问答|{B} semantic search and Q&A",
        zh=[
            "为{cust}构建覆盖{X}的知识图谱，查找时间由数小时缩短到[[1-5]]分钟。",
            "为{cust}上线智能问答助手，新员工上手周期缩短[[30-50]]%。",
        ],
        en=[
            "Built a knowledge graph over {X} for {cust}, cutting search time from hours to [[1-5]] minutes.",
            "Launched a Q&A assistant at {cust} that shortened onboarding by [[30-50]]%.",
        ],
    ),
    "digital-twin": dict(
        phrase="数字孪生与三维仿真|digital twins",
        tech="三维实时渲染|real-time 3D rendering; 离散事件仿真|discrete-event simulation; 机理与数据融合建模|hybrid physics and data modelling",
        products="{b}孪生可视化平台|{B} Twin visualisation platform; {b}仿真推演引擎|{B} simulation engine",
        zh=[
            "为{cust}构建{X}数字孪生，实现{Y}的三维可视化和仿真推演。",
            "帮助{cust}在改造前完成方案仿真，节约试错成本约[[100-800/50]]万元。",
        ],
        en=[
            "Built a digital twin of the {X} for {cust}, with 3D views and simulation of {Y}.",
            "Simulated upgrade options for {cust} before construction, saving about CNY [[1-8]] million in trial and error.",
        ],
    ),
    "autonomous-driving-v2x": dict(
        phrase="自动驾驶与车路协同|autonomous driving and V2X",
        tech="多传感器融合感知|multi-sensor fusion; 高精定位|high-precision positioning; 路侧边缘计算|roadside edge computing",
        products="{b}L4自动驾驶套件|{B} L4 autonomy kit; {b}路侧感知单元|{B} roadside perception unit",
        zh=[
            "在{cust}开展{X}自动驾驶示范运营，累计安全行驶[[5-50]]万公里。",
            "为{cust}部署路侧感知单元[[10-80]]套，实现车路协同。",
        ],
        en=[
            "Ran an autonomous {X} pilot for {cust}, with [[50000-500000/10000]] km driven safely.",
            "Installed [[10-80]] roadside perception units for {cust} to enable V2X.",
        ],
    ),
    "edge-ai-hardware": dict(
        phrase="边缘AI计算设备|edge AI hardware",
        tech="国产AI芯片适配|domestic AI chip support; 模型量化压缩|model quantisation; 远程运维|remote device management",
        products="{b}边缘智能盒子|{B} Edge AI box; {b}工业级AI计算终端|{B} rugged AI terminal",
        zh=[
            "为{cust}部署[[100-2000/50]]台边缘AI终端，回传带宽降低[[60-90]]%。",
            "为{cust}完成{Y}模型的边缘侧适配，响应时间小于[[100-300/50]]毫秒。",
        ],
        en=[
            "Deployed [[100-2000/50]] edge AI devices for {cust}, cutting backhaul bandwidth by [[60-90]]%.",
            "Ported {Y} models to the edge for {cust}, with response under [[100-300/50]] ms.",
        ],
    ),
    "remote-sensing-ocean": dict(
        phrase="海洋与卫星遥感监测|ocean remote sensing",
        tech="光学与SAR影像融合|optical and SAR fusion; 海面目标识别|sea-surface target detection; 无人机航测|drone surveying",
        products="{b}海瞰遥感监测平台|{B} SeaView monitoring platform; {b}海洋预警服务|{B} ocean alert service",
        zh=[
            "为{cust}提供{Y}遥感监测，预警平均提前[[1-4]]天。",
            "为{cust}建设卫星加无人机协同监测体系，出海巡查次数减少[[30-60]]%。",
        ],
        en=[
            "Provided satellite monitoring of {Y} for {cust}, giving [[1-4]] days' warning on average.",
            "Combined satellite and drone monitoring for {cust}, cutting patrol trips by [[30-60]]%.",
        ],
    ),
    "smart-agriculture": dict(
        phrase="智慧农业与智慧渔业|smart farming",
        tech="农业物联网|agricultural IoT; 病虫害图像识别|pest and disease recognition; 精准水肥模型|precision irrigation models",
        products="{b}智农种养管理平台|{B} Farm management platform; {b}水质监测浮标|{B} water-quality buoy",
        zh=[
            "为{cust}部署智能监测，{Y}识别平均提前[[3-10]]天，单产提升[[8-20]]%。",
            "帮助{cust}实现水肥和投喂的精准控制，人工减少[[20-40]]%。",
        ],
        en=[
            "Deployed monitoring for {cust}, spotting {Y} [[3-10]] days earlier and lifting yield by [[8-20]]%.",
            "Automated feeding and irrigation decisions for {cust}, saving [[20-40]]% of labour.",
        ],
    ),
    "traffic-crowd-analytics": dict(
        phrase="交通与客流智能分析|traffic and crowd analytics",
        tech="视频结构化|video structuring; 时空图预测|spatio-temporal graph forecasting; 信号配时优化|signal-timing optimisation",
        products="{b}城市交通大脑|{B} Traffic brain; {b}客流预测平台|{B} crowd forecasting platform",
        zh=[
            "为{cust}建设人流车流分析系统，高峰通行效率提升[[10-25]]%。",
            "为{cust}提供节假日客流预测，准确率达到[[85-93]]%。",
        ],
        en=[
            "Built traffic and crowd analytics for {cust}, improving peak-hour flow by [[10-25]]%.",
            "Forecast holiday crowds for {cust} with [[85-93]]% accuracy.",
        ],
    ),
    "process-optimization": dict(
        phrase="工艺参数优化与质量预测|process optimisation",
        tech="软测量|soft sensing; 贝叶斯优化|Bayesian optimisation; 机理与数据混合建模|hybrid modelling",
        products="{b}工艺优化平台|{B} Process optimiser; {b}质量预测引擎|{B} quality prediction engine",
        zh=["为{cust}优化{X}工艺参数，{Y}波动降低[[30-60]]%。", "帮助{cust}实现{Y}软测量，合格率提升[[2-6]]个百分点。"],
        en=[
            "Optimised {X} at {cust}, reducing variation in {Y} by [[30-60]]%.",
            "Built soft sensors for {Y} at {cust}, raising yield by [[2-6]] points.",
        ],
    ),
    "ar-vr-training": dict(
        phrase="VR/AR沉浸式培训|VR/AR training",
        tech="三维交互建模|interactive 3D modelling; 动作捕捉|motion capture; AR远程协作|AR remote assistance",
        products="{b}虚拟实训平台|{B} VR training platform; {b}AR远程专家|{B} AR remote expert",
        zh=[
            "为{cust}开发VR实训课程[[10-40]]个，培训周期缩短[[30-50]]%。",
            "为{cust}建成{Y}沉浸式演练系统，年培训[[1000-8000/500]]人次。",
        ],
        en=[
            "Developed [[10-40]] VR training modules for {cust}, cutting training time by [[30-50]]%.",
            "Built an immersive drill system for {Y} at {cust}, used by [[1000-8000/500]] trainees a year.",
        ],
    ),
    "industrial-iot-data": dict(
        phrase="工业物联网与数据平台|industrial IoT",
        tech="多协议设备接入|multi-protocol connectivity; 时序数据库|time-series databases; 边云协同|edge-cloud collaboration",
        products="{b}工业互联网平台|{B} IIoT platform; {b}设备数据网关|{B} data gateway",
        zh=[
            "为{cust}接入各类设备[[100-800/50]]台，实现OEE实时分析。",
            "帮助{cust}打通设备与MES数据，报表自动生成，统计人员减少[[2-6]]人。",
        ],
        en=[
            "Connected [[100-800/50]] machines at {cust} for real-time OEE analytics.",
            "Linked machine and MES data at {cust} so reports generate themselves, freeing [[2-6]] clerks.",
        ],
    ),
}

CAP_RELATED = {
    "visual-inspection": ["edge-ai-hardware", "industrial-iot-data", "robot-vision"],
    "document-ocr": ["knowledge-graph-search", "chatbot"],
    "speech": ["chatbot", "knowledge-graph-search"],
    "chatbot": ["speech", "knowledge-graph-search"],
    "predictive-maintenance": ["industrial-iot-data", "edge-ai-hardware", "digital-twin"],
    "demand-forecasting": ["scheduling-optimization", "recommendation-marketing"],
    "scheduling-optimization": ["demand-forecasting", "digital-twin"],
    "robot-vision": ["visual-inspection", "autonomous-mobile-robots"],
    "autonomous-mobile-robots": ["scheduling-optimization", "robot-vision"],
    "safety-video-analytics": ["edge-ai-hardware", "face-recognition"],
    "face-recognition": ["safety-video-analytics", "edge-ai-hardware"],
    "risk-fraud": ["knowledge-graph-search", "document-ocr"],
    "recommendation-marketing": ["demand-forecasting", "chatbot"],
    "energy-optimization": ["industrial-iot-data", "digital-twin"],
    "medical-imaging": ["knowledge-graph-search"],
    "knowledge-graph-search": ["chatbot", "document-ocr"],
    "digital-twin": ["industrial-iot-data", "scheduling-optimization"],
    "autonomous-driving-v2x": ["edge-ai-hardware", "traffic-crowd-analytics"],
    "edge-ai-hardware": ["safety-video-analytics", "visual-inspection"],
    "remote-sensing-ocean": ["digital-twin", "smart-agriculture"],
    "smart-agriculture": ["industrial-iot-data", "remote-sensing-ocean"],
    "traffic-crowd-analytics": ["edge-ai-hardware", "digital-twin"],
    "process-optimization": ["industrial-iot-data", "energy-optimization"],
    "ar-vr-training": ["digital-twin"],
    "industrial-iot-data": ["edge-ai-hardware", "predictive-maintenance"],
}

VENDOR_DESC = {
    "zh": [
        "{name}成立于{year}年，总部位于{dz}，专注于{phr}。核心产品包括{prods}，融合{tech}等技术，支持私有化部署和云端订阅两种模式。目前已服务{custs}等客户，{inds}。",
        "{short}是一家{size}人工智能企业，主攻{phr}方向。团队{team}人，研发人员占比约[[50-85]]%，拥有发明专利[[5-60]]项。代表产品{prods}已在{custs}等客户中规模落地，{inds}。{extra}",
        "作为在{dz}成长起来的AI公司，{short}围绕{phr}提供从数据治理、模型训练到现场部署的一站式服务，核心技术包括{tech}。主要产品有{prods}，客户覆盖{custs}。{extra}",
        "{short}专注{phr}，自研{tech}等核心技术，推出{prods}，帮助{custs}降本增效。公司{year}年成立于{dz}，{inds}。{extra}",
    ],
    "en": [
        "Founded in {year} and based in {dz}, Qingdao, {short} specialises in {phr}. Its products, {prods}, build on {tech} and can run on-premise or as a subscription service. Customers include {custs}; {inds}.",
        "{short} is a {size} AI company focused on {phr}. Its team of {team}, about [[50-85]]% of them engineers, develops {prods} using {tech}. References include {custs}. {extra}",
        "{short} helps customers such as {custs} put {phr} into production, from data preparation and model training to on-site deployment. Core technology: {tech}. Products: {prods}. {extra}",
    ],
}
VENDOR_EXTRA = {
    "zh": [
        "公司提供7×24小时远程运维支持。",
        "在北京和深圳设有研发中心。",
        "与驻青高校共建了联合实验室。",
        "产品已适配国产芯片与操作系统。",
        "可派驻工程师常驻客户现场。",
        "支持按效果付费的合作模式。",
        "已在日韩及东南亚落地海外项目。",
    ],
    "en": [
        "Round-the-clock remote support is included.",
        "The company runs R&D teams in Qingdao and Munich.",
        "It collaborates with universities in Qingdao on applied research.",
        "All products support domestic chips and operating systems.",
        "Engineers can be stationed on the customer's site.",
        "Pay-for-results contracts are available.",
        "The team has delivered projects in Japan, Korea and Southeast Asia.",
    ],
}
IND_PHRASE = {
    "zh": ["在{i}等行业积累了丰富经验", "项目主要集中在{i}领域", "在{i}行业拥有多个标杆案例"],
    "en": ["most projects are in {i}", "the team has deep experience in {i}", "reference sites span {i}"],
}
GENERALIST = {
    "zh": "产品不绑定特定行业，已在制造、交通、金融等领域通用",
    "en": "the products are industry-agnostic and used across manufacturing, transport and finance",
}
CERTS = {
    "zh": [
        "ISO 9001",
        "ISO 27001",
        "高新技术企业",
        "CMMI3",
        "CMMI5",
        "软件企业认定",
        "专精特新中小企业",
        "信息安全等级保护三级",
        "ITSS三级",
        "ISO 14001",
    ],
    "en": ["ISO 9001", "ISO 27001", "CMMI3", "CMMI5", "ISO 14001", "CE", "IEC 62443", "高新技术企业"],
}
IND_NAMES = {
    "automotive": ("汽车", "automotive"),
    "tyre-rubber": ("轮胎橡胶", "tyres and rubber"),
    "machinery": ("装备制造", "machinery"),
    "home-appliance": ("家电", "home appliances"),
    "textile-apparel": ("纺织服装", "textiles"),
    "petrochemical": ("石化", "petrochemicals"),
    "ports-logistics": ("港口物流", "ports and logistics"),
    "shipbuilding-marine": ("船舶海工", "shipbuilding"),
    "food-beverage": ("食品饮料", "food and beverage"),
    "rail-transit": ("轨道交通", "rail transit"),
    "banking-insurance": ("银行保险", "banking and insurance"),
    "civil-aviation": ("民航", "civil aviation"),
    "retail-ecommerce": ("零售电商", "retail"),
    "healthcare": ("医疗", "healthcare"),
    "city-governance": ("城市治理", "city governance"),
    "agriculture-fisheries": ("农业渔业", "agriculture and fisheries"),
    "energy-power": ("能源电力", "energy"),
    "steel-metallurgy": ("钢铁冶金", "steel"),
    "construction-building": ("建筑施工", "construction"),
    "culture-tourism": ("文化旅游", "tourism"),
    "education": ("教育", "education"),
}

# invented brand syllables (zh, pinyin); combinations that are real Qingdao brands are excluded
BRAND_A = pairs(
    "澜|Lan; 泓|Hong; 岬|Jia; 峪|Yu; 澄|Cheng; 嵘|Rong; 檀|Tan; 翎|Ling; 屿|Yu; 磐|Pan; 瀚|Han; "
    "钧|Jun; 铂|Bo; 禾|He; 桦|Hua; 楠|Nan; 溯|Su; 沐|Mu; 弈|Yi; 曜|Yao; 琛|Chen; 骁|Xiao; 蔚|Wei; "
    "砚|Yan; 梧|Wu; 栖|Qi; 驰|Chi; 鸥|Ou; 汀|Ting; 岱|Dai; 珩|Heng; 璟|Jing"
)
BRAND_B = pairs(
    "川|chuan; 屹|yi; 拓|tuo; 衡|heng; 辰|chen; 远|yuan; 澈|che; 岚|lan; 启|qi; 晟|sheng; 和|he; "
    "泰|tai; 睿|rui; 航|hang; 锦|jin; 源|yuan; 越|yue; 嘉|jia; 策|ce; 朔|shuo; 湾|wan; 峰|feng"
)
BRAND_BLOCK = {"澜湾", "瀚和", "启航", "砚泰", "岱峰"}  # real brands or place names
EN_VENDOR_WORDS = [
    "Kelpwise",
    "Harborlume",
    "Brightkeel",
    "Nautiloop",
    "Quaywise",
    "Ferrolens",
    "Saltglass",
    "Capewright",
    "Shoalpoint",
    "Driftquill",
    "Seastack",
    "Lumenkeel",
    "Reefmind",
    "Bayforge",
    "Coralgrid",
    "Fathomly",
    "Sternlight",
    "Gullmark",
    "Tidewright",
    "Marlinth",
    "Isobay",
    "Pelagio",
    "Kitefin",
    "Loamwise",
]
EN_VENDOR_SUFFIX = {"vision": "Vision", "robot": "Robotics", "data": "Analytics", "ai": "AI", "sys": "Systems"}
ZH_VENDOR_SUFFIX = {
    "vision": ("视觉科技有限公司", "Vision Technology Co., Ltd."),
    "robot": ("机器人有限公司", "Robotics Co., Ltd."),
    "data": ("数据科技有限公司", "Data Technology Co., Ltd."),
    "ai": ("人工智能科技有限公司", "Artificial Intelligence Co., Ltd."),
    "sys": ("智能科技有限公司", "Intelligent Technology Co., Ltd."),
}
CAP_FLAVOUR = {
    "visual-inspection": "vision",
    "robot-vision": "robot",
    "autonomous-mobile-robots": "robot",
    "face-recognition": "vision",
    "safety-video-analytics": "vision",
    "medical-imaging": "vision",
    "demand-forecasting": "data",
    "risk-fraud": "data",
    "recommendation-marketing": "data",
    "industrial-iot-data": "data",
    "energy-optimization": "sys",
    "edge-ai-hardware": "sys",
    "digital-twin": "sys",
    "autonomous-driving-v2x": "robot",
}

ENT_DESC = {
    "zh": [
        "{name}位于{dz}，主要从事{biz}，员工约{emp}人。{extra}",
        "公司成立于{year}年，地处{dz}，是一家{size}{noun}，业务涵盖{biz}。{extra}",
        "{short}是{dz}的{size}{noun}，主营{biz}，近年来持续推进数字化转型。{extra}",
    ],
    "en": [
        "{name_en} is based in {dz} and works in {biz}, with about {emp} employees. {extra}",
        "Founded in {year}, {short} is a {size} {noun} in {dz} covering {biz}. {extra}",
        "{short} is a {size} {noun} in {dz}, focused on {biz} and investing steadily in digitalisation. {extra}",
    ],
}
ENT_EXTRA = {
    "zh": {
        "ie": [
            "产品出口到[[10-40]]个国家和地区。",
            "已通过ISO 9001和ISO 14001体系认证。",
            "正在建设智能工厂示范项目。",
            "是市级专精特新企业。",
            "与多家科研院所保持长期合作。",
        ],
        "fc": [
            "服务对象覆盖全市多个区市。",
            "近年来持续推进服务流程线上化。",
            "是所在领域的市级示范单位。",
            "正积极探索新技术在一线业务中的应用。",
        ],
    },
    "en": {
        "ie": [
            "It exports to more than [[10-40]] countries.",
            "It is certified to ISO 9001 and ISO 14001.",
            "A smart-factory demonstration project is under way.",
            "It works closely with local research institutes.",
        ],
        "fc": [
            "It serves residents across several districts of Qingdao.",
            "It has moved most of its services online in recent years.",
            "It is a municipal pilot unit in its field.",
            "It is keen to bring new technology to frontline services.",
        ],
    },
}
SIZE_WORD = {
    "zh": {"small": "中小型", "medium": "中型", "large": "大型"},
    "en": {"small": "small", "medium": "mid-sized", "large": "large"},
}
VENDOR_SIZE_WORD = {
    "zh": {"small": "初创型", "medium": "成长型", "large": "行业领先的"},
    "en": {"small": "young", "medium": "fast-growing", "large": "well-established"},
}

# --------------------------------------------------------------------------------------------
# 7. assembly
# --------------------------------------------------------------------------------------------

LEAF_INDUSTRIES = set(INDUSTRIES)
# Finer capabilities the fragments above were written before: a listing tagged with the coarse one whose
# text also names the finer specialism gets it as well (after generation, so the random stream and every
# text stay as they were). (coarse capability, finer capability, cue words in either language)
FINER = (
    (
        "autonomous-mobile-robots",
        "inspection-robots",
        ("巡检机器人", "挂轨", "机器狗", "四足", "inspection robot", "patrol robot", "quadruped"),
    ),
    ("autonomous-mobile-robots", "drone-inspection", ("无人机", "drone", "uav")),
    (
        "autonomous-mobile-robots",
        "service-robots",
        ("配送机器人", "送餐", "送物", "服务机器人", "清洁机器人", "delivery robot", "service robot", "cleaning robot"),
    ),
    (
        "process-optimization",
        "advanced-process-control",
        ("先进控制", "APC", "PID", "闭环控制", "过程控制", "advanced process control", "closed-loop", "loop tuning"),
    ),
    (
        "knowledge-graph-search",
        "generative-ai-assistant",
        ("大模型", "问答", "智能助手", "LLM", "large language", "generative", "question answering", "assistant"),
    ),
    ("chatbot", "generative-ai-assistant", ("大模型", "LLM", "large language", "generative")),
    ("predictive-maintenance", "timeseries-anomaly", ("异常", "anomal", "时序", "time series", "time-series")),
    ("industrial-iot-data", "timeseries-anomaly", ("异常检测", "异常预警", "anomaly")),
    (
        "document-ocr",
        "rpa-document-automation",
        ("录入", "RPA", "流程自动化", "data entry", "re-key", "rekey", "workflow"),
    ),
)
LEAF_CAPS = set(CAPS) | {finer for _, finer, _ in FINER}


def add_finer(capabilities: list[str], text: str, limit: int) -> list[str]:
    """Return capabilities plus the finer ones its text names, keeping at most limit codes."""
    out = list(capabilities)
    low = text.lower()
    for coarse, finer, cues in FINER:
        if len(out) >= limit:
            break
        if coarse in out and finer not in out and any(c.lower() in low for c in cues):
            out.append(finer)
    return out


PLAN = {  # scenarios per industry and batch
    "ie": {
        "automotive": 40,
        "tyre-rubber": 38,
        "machinery": 40,
        "home-appliance": 40,
        "textile-apparel": 34,
        "petrochemical": 36,
        "ports-logistics": 42,
        "shipbuilding-marine": 30,
        "food-beverage": 40,
        "rail-transit": 30,
        "energy-power": 38,
        "steel-metallurgy": 32,
        "construction-building": 30,
        "civil-aviation": 30,
    },
    "fc": {
        "city-governance": 18,
        "healthcare": 18,
        "education": 10,
        "culture-tourism": 10,
        "retail-ecommerce": 11,
        "banking-insurance": 14,
        "agriculture-fisheries": 12,
        "rail-transit": 7,
    },
}
EN_SHARE = 0.25
OWNER_CHUNKS = [1, 1, 2, 2, 2, 3, 3, 4, 5]
OVERLAP_LIMIT = 0.50  # retry threshold while generating (the ceiling asked for is ~0.60)
PLAIN_BANNED = [
    "人工智能",
    "AI",
    "深度学习",
    "机器学习",
    "算法",
    "机器视觉",
    "视觉检测",
    "OCR",
    "知识图谱",
    "数字孪生",
    "语音识别",
    "自动驾驶",
    "强化学习",
    "神经网络",
    "预测模型",
    "machine learning",
    "deep learning",
    "algorithm",
    "computer vision",
    "machine vision",
    "machine-vision",
    "neural",
    "digital twin",
    "knowledge graph",
    "NLU",
    "NLP",
    "ASR",
    "reinforcement",
    "predictive model",
]


# where a line of business can plausibly be located (default: the industry's districts)
P_DISTRICTS = {
    "集装箱码头": ["xihaian"],
    "散杂货码头": ["xihaian", "shibei"],
    "海铁联运场站": ["jiaozhou", "xihaian"],
    "保税仓储中心": ["xihaian", "jiaozhou", "shibei"],
    "机场航站楼运行": ["jiaozhou", "chengyang"],
    "海参养殖": ["jimo", "xihaian", "laoshan"],
    "对虾工厂化养殖": ["jimo", "jiaozhou", "xihaian"],
    "海洋牧场": ["jimo", "xihaian", "laoshan"],
    "扇贝养殖": ["jimo", "xihaian", "laoshan"],
    "茶园": ["laoshan", "xihaian"],
    "蓝莓种植": ["xihaian", "pingdu", "laixi"],
    "山岳景区": ["laoshan", "xihaian"],
    "海滨景区": ["shinan", "laoshan", "xihaian", "jimo"],
    "博物馆": ["shinan", "shibei", "laoshan"],
    "历史文化街区": ["shinan", "shibei"],
    "滨海度假区": ["xihaian", "jimo", "laoshan"],
    "海岸带管理": ["shinan", "shibei", "laoshan", "xihaian", "jimo", "chengyang"],
    "海洋工程平台": ["xihaian"],
    "散货船": ["xihaian"],
    "船舶修理": ["xihaian", "jimo"],
    "炼油": ["xihaian"],
    "液化天然气接收": ["xihaian"],
}


def districts_for(meta: dict, P: tuple) -> list[str]:
    return P_DISTRICTS.get(P[0], meta["districts"])


def info(ind: str, batch: str) -> dict:
    base = INDUSTRIES[ind]
    return {**base, **base["fc"]} if batch == "fc" and "fc" in base else base


def variant_batch(v) -> str:
    return v[3].get("batch", INDUSTRIES[v[0]]["batch"])


def apportion(total: int, weights: list[float]) -> list[int]:
    """Largest-remainder split of total by weights, at least 1 each."""
    s = sum(weights)
    raw = [total * w / s for w in weights]
    out = [max(1, int(r)) for r in raw]
    order = sorted(range(len(weights)), key=lambda i: raw[i] - int(raw[i]), reverse=True)
    i = 0
    while sum(out) < total:
        out[order[i % len(order)]] += 1
        i += 1
    while sum(out) > total:
        j = max(range(len(out)), key=lambda k: out[k])
        out[j] -= 1
    return out


def grams(text: str) -> set[str]:
    t = text.lower()
    return {t[i : i + 4] for i in range(len(t) - 3)}


def overlap(a: set, b: set) -> float:
    return len(a & b) / min(len(a), len(b))


def pick_y(v: dict, rng: random.Random):
    ys = pairs(v["Y"])
    if len(ys) == 1:
        return ys[0], (ys[0][0], ys[0][1])
    a, b = rng.sample(ys, 2)
    return a, (f"{a[0]}、{b[0]}", f"{a[1]} and {b[1]}")


def slots_for(v: dict, P: tuple, district: str, lang: str, rng: random.Random) -> dict:
    li = 0 if lang == "zh" else 1
    x = rng.choice(pairs(v["X"]))
    if x[0] == "=P":
        x = P
    y, y2 = pick_y(v, rng)
    return {
        "X": x[li],
        "Y": y[li],
        "Y2": y2[li],
        "Z": rng.choice(pairs(v["Z"]))[li],
        "W": rng.choice(pairs(v["W"]))[li],
        "P": P[li],
        "dz": DISTRICTS[district][li],
    }


def compose(sc: dict, rng: random.Random) -> dict:
    lang, batch, v = sc["language"], sc["batch_code"], sc["variant"][3]
    ind = info(sc["industry"], batch)
    F = CAPS[sc["cap"]][lang]
    s = slots_for(v, sc["P"], sc["district"], lang, rng)
    memo: dict = {}
    f = lambda t: fill(t, s, rng, lang, memo)  # noqa: E731

    title = f(rng.choice(F["tt"] if sc["tech"] else F["tp"]))
    ctx = f(rng.choice(ind["ctx_" + lang]))
    pains = [f(p) for p in rng.sample(F["pain"], 2 if rng.random() < 0.35 else 1)]
    proc = f(rng.choice(F["proc"]))
    d = f(rng.choice(F["data"]))
    d_low = d[0].lower() + d[1:] if lang == "en" and d[1:2].islower() else d
    d_sentence = rng.choice(DATA_LEAD[lang]).replace("{d}", d_low)
    goal = f(rng.choice(F["gt"] if sc["tech"] else F["gp"]))
    pool = (REQ if sc["tech"] else REMARK)[lang]
    scope = "office" if batch == "ie" and sc["cap"] in OFFICE_CAPS else batch
    extras = [f(e) for e in rng.sample(pool["any"] + pool[scope], 3)]
    tail = []
    if sc["budget_min"] is not None and rng.random() < 0.6:
        lo, hi = sc["budget_min"], sc["budget_max"]
        lo_s, hi_s = (str(lo // 10000), str(hi // 10000)) if lang == "zh" else (f"{lo:,}", f"{hi:,}")
        tail.append(rng.choice(BUDGET_LEAD[lang]).replace("{lo}", lo_s).replace("{hi}", hi_s))
    if sc["timeline"] is not None and rng.random() < 0.5:
        tail.append(rng.choice(TIMELINE_LEAD[lang]).replace("{t}", sc["timeline"]))

    head = [ctx, *pains] if rng.random() < 0.75 else [pains[0], ctx, *pains[1:]]
    n_extra = rng.choice([0, 1, 1, 2])
    lo_len, hi_len = LIMITS[lang]
    while True:
        parts = [*head, proc, d_sentence, goal, *extras[:n_extra], *tail]
        text = join(parts, lang)
        n = length(text, lang)
        if n < lo_len and n_extra < len(extras):
            n_extra += 1
        elif n > hi_len and n_extra > 0:
            n_extra -= 1
        elif n > hi_len and len(head) > 2:
            head = head[:-1] if head[0] == ctx else [ctx]
        elif n > hi_len and tail:
            tail = tail[:-1]
        else:
            break
    data_available = d + ("。" if lang == "zh" else ".")
    if lang == "en":
        data_available = data_available[0].upper() + data_available[1:]
    return {"title": title, "description": text, "data_available": data_available}


def plan_scenarios(rng: random.Random) -> list[dict]:
    specs = []
    for batch, per_ind in PLAN.items():
        for ind, total in per_ind.items():
            vs = [v for v in VARIANTS if v[0] == ind and variant_batch(v) == batch]
            counts = apportion(total, [v[2] for v in vs])
            group = [v for v, c in zip(vs, counts, strict=False) for _ in range(c)]
            rng.shuffle(group)
            n_en = round(total * EN_SHARE)
            techs = [i % 2 == 0 for i in range(total)]
            rng.shuffle(techs)
            for i, v in enumerate(group):
                specs.append(
                    {
                        "batch_code": batch,
                        "industry": ind,
                        "variant": v,
                        "cap": v[1],
                        "language": "en" if i < n_en else "zh",
                        "tech": techs[i],
                    }
                )
    # exact three-quarter split overall
    target_en = round(len(specs) * EN_SHARE)
    en = [s for s in specs if s["language"] == "en"]
    zh = [s for s in specs if s["language"] == "zh"]
    while len(en) > target_en:
        s = rng.choice(en)
        s["language"] = "zh"
        en.remove(s)
        zh.append(s)
    while len(en) < target_en:
        s = rng.choice(zh)
        s["language"] = "en"
        zh.remove(s)
        en.append(s)
    return specs


def make_brands(rng: random.Random) -> list[tuple[str, str]]:
    out = [
        (a[0] + b[0], a[1] + b[1]) for a in BRAND_A for b in BRAND_B if a[0] + b[0] not in BRAND_BLOCK and a[0] != b[0]
    ]
    rng.shuffle(out)
    return out


def pset(spec: dict) -> list[tuple[str, str]]:
    v = spec["variant"][3]
    return pairs(v["P"]) if "P" in v else pairs(info(spec["industry"], spec["batch_code"])["P"])


def build_enterprises(specs, brands, rng):
    orgs = []
    groups = defaultdict(list)
    for s in specs:
        groups[(s["batch_code"], s["industry"], s["language"])].append(s)
    for (batch, ind, lang), group in groups.items():
        group.sort(key=lambda s: "|".join(p[0] for p in pset(s)))
        i = 0
        while i < len(group):
            chunk = group[i : i + rng.choice(OWNER_CHUNKS)]
            i += len(chunk)
            meta = info(ind, batch)
            b, B = brands.pop()
            pattern = rng.choice(meta["orgs"])
            P = rng.choice(pset(chunk[0]))
            district = rng.choice(districts_for(meta, P))
            size = rng.choices(["small", "medium", "large"], [3, 4, 3])[0]
            org = {
                "lang": lang,
                "industry": ind,
                "batch": batch,
                "brand": (b, B),
                "P": P,
                "size": size,
                "name": pattern[0].replace("{b}", b),
                "name_en": pattern[1].replace("{B}", B),
                "district": district,
            }
            orgs.append(org)
            for s in chunk:
                s["org"] = org
                s["P"] = P if P in pset(s) else rng.choice(pset(s))
                allowed = districts_for(meta, s["P"])
                s["district"] = district if district in allowed and rng.random() < 0.85 else rng.choice(allowed)
    return orgs


def enterprise_row(org: dict, rng: random.Random) -> dict:
    lang, batch = org["lang"], org["batch"]
    meta = info(org["industry"], batch)
    li = 0 if lang == "zh" else 1
    emp = {"small": (80, 300), "medium": (300, 1500), "large": (1500, 8000)}[org["size"]]
    short = org["name"] if lang == "zh" else org["name_en"]
    if lang == "zh":
        short = re.sub(r"(股份)?有限公司.*$|青岛分行$|青岛分公司$", "", short)
        short = short.replace("青岛", "", 1) if short.startswith("青岛") and len(short) > 6 else short
    else:
        short = re.sub(r",? Co\., Ltd\.$", "", short)
    slots = {
        "name": org["name"],
        "name_en": org["name_en"],
        "short": short,
        "dz": DISTRICTS[org["district"]][li],
        "biz": meta["biz"][li],
        "noun": meta["noun"][li],
        "size": SIZE_WORD[lang][org["size"]],
        "year": str(rng.randint(1985, 2016)),
        "emp": str(rng.randrange(emp[0], emp[1], 10)),
        "extra": rng.choice(ENT_EXTRA[lang][batch]),
    }
    desc = fill(rng.choice(ENT_DESC[lang]), slots, rng, lang).strip()
    slug = org["brand"][1].lower() + "-" + org["industry"].split("-")[0]
    return {
        "kind": "enterprise",
        "name": org["name"],
        "name_en": org["name_en"] if lang == "en" or rng.random() < 0.6 else None,
        "description": desc,
        "website": f"https://www.{slug}.example.com" if rng.random() < 0.5 else None,
        "district": org["district"],
        "size": org["size"],
        "verified": rng.random() < 0.75,
    }


def budget(cap: str, rng: random.Random, with_budget: bool):
    if not with_budget:
        return None, None
    lo, hi = BUDGET_SCALE.get(cap, BUDGET_DEFAULT)
    bmin = rng.randrange(lo, hi + 1, 5) * 10000
    bmax = round(bmin * rng.uniform(1.2, 2.5) / 50000) * 50000
    return bmin, max(bmax, bmin)


def secondaries(v, rng: random.Random) -> list[str]:
    primary, opts = v[1], v[3].get("also", "").split() or CAP_RELATED[v[1]]
    opts = [c for c in dict.fromkeys(opts + CAP_RELATED[primary]) if c != primary]
    out = []
    if rng.random() < 0.45:
        out.append(opts[0] if v[3].get("also") and rng.random() < 0.6 else rng.choice(opts))
        if rng.random() < 0.25 and len(opts) > 1:
            out.append(rng.choice([c for c in opts if c not in out]))
    return out


def build_scenarios(specs, rng):
    accepted = {"zh": [], "en": []}
    titles = set()
    worst = 0.0
    has_budget = [i >= round(len(specs) * 0.4) for i in range(len(specs))]  # 40 % without a budget
    rng.shuffle(has_budget)
    for s, with_budget in zip(specs, has_budget, strict=False):
        s["budget_min"], s["budget_max"] = budget(s["cap"], rng, with_budget)
        t = rng.choice(TIMELINES) if rng.random() < 0.7 else None
        s["timeline"] = None if t is None else t[0 if s["language"] == "zh" else 1]
        best, best_score = None, 9.0
        for attempt in range(80):
            cand = compose(s, rng)
            if cand["title"] in titles and attempt >= 40:  # last resort: qualify by place
                dz = DISTRICTS[s["district"]][0 if s["language"] == "zh" else 1]
                cand["title"] = dz + cand["title"] if s["language"] == "zh" else f"{cand['title']} in {dz}"
            n = length(cand["description"], s["language"])
            lo, hi = LIMITS[s["language"]]
            if cand["title"] in titles or not lo <= n <= hi:
                continue
            g = grams(cand["description"])
            score = max((overlap(g, h) for h in accepted[s["language"]]), default=0.0)
            if score < best_score:
                best, best_score = (cand, g), score
            if score < OVERLAP_LIMIT:
                break
        if best is None:
            raise RuntimeError(f"could not compose a scenario for {s['industry']}/{s['cap']}")
        cand, g = best
        worst = max(worst, best_score)
        accepted[s["language"]].append(g)
        titles.add(cand["title"])
        s.update(cand)
        s["capabilities"] = [s["cap"], *secondaries(s["variant"], rng)]
        if rng.random() < 0.08:
            s["data_available"] = None
    return worst


def join_list(items: list[str], lang: str) -> str:
    if lang == "zh":
        return "、".join(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def build_vendors(brands, rng, n_vendors=84, n_en=21):
    caps = list(CAPS)
    primaries = caps * 3 + [
        "visual-inspection",
        "predictive-maintenance",
        "chatbot",
        "safety-video-analytics",
        "document-ocr",
        "demand-forecasting",
        "process-optimization",
        "robot-vision",
        "scheduling-optimization",
    ]
    primaries = primaries[:n_vendors]
    rng.shuffle(primaries)
    en_words = EN_VENDOR_WORDS[:]
    rng.shuffle(en_words)
    rows = []
    for i, primary in enumerate(primaries):
        lang = "en" if i % 4 == 3 and sum(r[0]["lang"] == "en" for r in rows) < n_en else "zh"
        li = 0 if lang == "zh" else 1
        vcaps = [
            primary,
            *rng.sample(CAP_RELATED[primary], min(len(CAP_RELATED[primary]), rng.choice([0, 1, 1, 2, 2, 3]))),
        ]
        vcaps = vcaps[:4]
        cand_inds = sorted({v[0] for v in VARIANTS if v[1] in vcaps})
        generalist = i % 14 == 5 and primary not in ("medical-imaging", "smart-agriculture")  # a few generalists
        prim_inds = sorted({v[0] for v in VARIANTS if v[1] == primary})
        k = rng.choice([1, 2, 2, 3, 3, 4, 5])
        inds = [] if generalist else rng.sample(prim_inds, min(len(prim_inds), rng.choice([1, 2])))
        if not generalist:
            rest = [x for x in cand_inds if x not in inds]
            inds += rng.sample(rest, max(0, min(len(rest), k - len(inds))))
        size = rng.choices(["small", "medium", "large"], [4, 4, 2])[0]
        team = rng.randint(*{"small": (12, 60), "medium": (60, 300), "large": (300, 1200)}[size])
        flavour = CAP_FLAVOUR.get(primary, rng.choice(["ai", "sys"]))
        b, B = brands.pop()
        if lang == "zh":
            suffix = ZH_VENDOR_SUFFIX[flavour]
            name, name_en = f"青岛{b}{suffix[0]}", f"Qingdao {B} {suffix[1]}"
            short = b + {"vision": "视觉", "robot": "机器人", "data": "数据"}.get(flavour, "智能")
        else:
            word = en_words.pop()
            short = f"{word} {EN_VENDOR_SUFFIX[flavour]}"
            name, name_en = f"{short} (Qingdao) Co., Ltd.", None
            b, B = word, word
        products = []
        for c in vcaps:
            for p in rng.sample(pairs(VCAP[c]["products"]), 1):
                products.append(p[li].replace("{b}", b).replace("{B}", B))
        products = products[:3]
        techs = [t[li] for c in vcaps for t in pairs(VCAP[c]["tech"])]
        tech = join_list(rng.sample(techs, min(2, len(techs))), lang)
        phr = join_list([pairs(VCAP[c]["phrase"])[0][li] for c in vcaps[:3]], lang)
        cust_pool = [
            c for ind in (inds or rng.sample(cand_inds, min(3, len(cand_inds)))) for c in pairs(INDUSTRIES[ind]["cust"])
        ]
        custs_list = [c[li] for c in rng.sample(cust_pool, min(3, len(cust_pool)))]
        custs = join_list([c.lstrip("某") for c in custs_list], lang) if lang == "zh" else join_list(custs_list, lang)
        ind_names = [IND_NAMES[x][li] for x in inds[:3]]
        inds_phrase = (
            rng.choice(IND_PHRASE[lang]).replace("{i}", join_list(ind_names, lang)) if inds else GENERALIST[lang]
        )
        district = rng.choices(list(DISTRICTS), [15, 10, 10, 35, 15, 10, 5, 0, 0, 0])[0]
        slots = {
            "name": name,
            "short": short,
            "year": str(rng.randint(2012, 2019)),
            "dz": DISTRICTS[district][li],
            "phr": phr,
            "tech": tech,
            "prods": ("、".join(f"“{p}”" for p in products) if lang == "zh" else join_list(products, lang)),
            "custs": custs,
            "inds": inds_phrase,
            "team": str(team),
            "size": VENDOR_SIZE_WORD[lang][size],
            "extra": rng.choice(VENDOR_EXTRA[lang]),
        }
        lo, hi = (100, 300) if lang == "zh" else (60, 150)
        desc = None
        for tpl in rng.sample(VENDOR_DESC[lang], len(VENDOR_DESC[lang])):
            d = fill(tpl, slots, rng, lang).strip()
            n = len(d) if lang == "zh" else len(d.split())
            if n < lo:
                d = d + ("" if lang == "zh" else " ") + rng.choice([e for e in VENDOR_EXTRA[lang] if e not in d])
                n = len(d) if lang == "zh" else len(d.split())
            if lo <= n <= hi:
                desc = d
                break
        if desc is None:
            raise RuntimeError(f"vendor description out of range: {name}")
        cases, used = [], set()
        pool = [v for v in VARIANTS if v[1] in vcaps and (not inds or v[0] in inds)]
        n_cases = rng.choice([2, 2, 3])
        while len(cases) < n_cases:
            fresh = [v for v in pool if v[1] not in {u[0] for u in used}] or pool
            v = rng.choice(fresh)
            c = v[1]
            P = rng.choice(pset({"variant": v, "industry": v[0], "batch_code": variant_batch(v)}))
            sl = slots_for(v[3], P, "laoshan", lang, rng)
            sl["cust"] = rng.choice(pairs(INDUSTRIES[v[0]]["cust"]))[li]
            tpl = rng.choice([t for t in VCAP[c][lang] if (c, t) not in used] or VCAP[c][lang])
            used.add((c, tpl))
            cases.append(fill(tpl, sl, rng, lang))
        certs = rng.sample(CERTS[lang], rng.randint(1, 4))
        langs = (
            (["zh"] if rng.random() < 0.4 else ["zh", "en"])
            if lang == "zh"
            else (["en", "zh"] if rng.random() < 0.8 else ["en"])
        )
        org = {
            "kind": "vendor",
            "name": name,
            "name_en": name_en,
            "description": desc,
            "website": f"https://www.{B.lower().replace(' ', '')}.example.com" if rng.random() < 0.8 else None,
            "district": district,
            "size": size,
            "verified": rng.random() < 0.85,
        }
        prof = {
            "capabilities": vcaps,
            "industries": inds,
            "products": products,
            "case_studies": cases,
            "certifications": certs,
            "languages": langs,
            "team_size": team,
        }
        rows.append(({"lang": lang}, org, prof))
    return rows


# --------------------------------------------------------------------------------------------
# checks and output
# --------------------------------------------------------------------------------------------


def check(orgs_out, scen_out, vend_out) -> None:
    org_kind = {o["key"]: o["kind"] for o in orgs_out}
    assert len(org_kind) == len(orgs_out), "duplicate org keys"
    for o in orgs_out:
        assert set(o) == {"key", "kind", "name", "name_en", "description", "website", "district", "size", "verified"}
        assert o["district"] in DISTRICTS and o["size"] in ("small", "medium", "large")
    keys = [s["key"] for s in scen_out]
    assert len(set(keys)) == len(keys) == 600
    assert sorted(k for k in keys if k.startswith("ie-")) == [f"ie-{i:03d}" for i in range(1, 501)]
    assert sorted(k for k in keys if k.startswith("fc-")) == [f"fc-{i:03d}" for i in range(1, 101)]
    assert len({s["title"] for s in scen_out}) == 600, "duplicate titles"
    for s in scen_out:
        assert set(s) == {
            "key",
            "owner",
            "title",
            "description",
            "language",
            "industry",
            "capabilities",
            "district",
            "budget_min",
            "budget_max",
            "timeline",
            "data_available",
            "batch",
            "featured",
        }
        assert org_kind[s["owner"]] == "enterprise"
        assert s["industry"] in LEAF_INDUSTRIES and s["district"] in DISTRICTS
        assert s["capabilities"] and all(c in LEAF_CAPS for c in s["capabilities"])
        assert len(set(s["capabilities"])) == len(s["capabilities"])
        assert (s["budget_min"] is None) == (s["budget_max"] is None)
        if s["budget_min"] is not None:
            assert isinstance(s["budget_min"], int) and s["budget_min"] <= s["budget_max"]
        lo, hi = LIMITS[s["language"]]
        assert lo <= length(s["description"], s["language"]) <= hi, s["key"]
        assert s["batch"] == BATCH[s["key"][:2]]
        assert "{" not in s["description"] + s["title"] and "[[" not in s["description"]
    for v in vend_out:
        assert org_kind[v["org"]] == "vendor"
        assert 1 <= len(v["capabilities"]) <= 4 and all(c in LEAF_CAPS for c in v["capabilities"])
        assert len(v["industries"]) <= 5 and all(i in LEAF_INDUSTRIES for i in v["industries"])
        assert 2 <= len(v["case_studies"]) <= 3 and v["products"] and v["certifications"]


def main() -> None:
    rng = random.Random(SEED)
    brands = make_brands(rng)
    specs = plan_scenarios(rng)
    ent_orgs = build_enterprises(specs, brands, rng)

    # organisation keys: enterprises first, then vendors
    orgs_out = []
    for org in ent_orgs:
        org["key"] = f"org-{len(orgs_out) + 1:04d}"
        orgs_out.append({"key": org["key"], **enterprise_row(org, rng)})

    # scenario keys: shuffled within each batch so that industries interleave
    for code in ("ie", "fc"):
        batch_specs = [s for s in specs if s["batch_code"] == code]
        rng.shuffle(batch_specs)
        for i, s in enumerate(batch_specs, 1):
            s["key"] = f"{code}-{i:03d}"
    specs.sort(key=lambda s: s["key"])
    worst = build_scenarios(specs, rng)

    # featured: one per industry for 20 of the 21 industries
    by_ind = defaultdict(list)
    for s in specs:
        by_ind[s["industry"]].append(s)
    for ind in rng.sample(sorted(by_ind), 20):
        rng.choice([s for s in by_ind[ind] if s["tech"]] or by_ind[ind])["featured"] = True

    scen_out = [
        {
            "key": s["key"],
            "owner": s["org"]["key"],
            "title": s["title"],
            "description": s["description"],
            "language": s["language"],
            "industry": s["industry"],
            "capabilities": s["capabilities"],
            "district": s["district"],
            "budget_min": s["budget_min"],
            "budget_max": s["budget_max"],
            "timeline": s["timeline"],
            "data_available": s["data_available"],
            "batch": BATCH[s["batch_code"]],
            "featured": s.get("featured", False),
        }
        for s in specs
    ]

    for row in scen_out:
        row["capabilities"] = add_finer(row["capabilities"], row["title"] + " " + row["description"], 4)

    vend_out = []
    for _, org, prof in build_vendors(brands, rng):
        key = f"org-{len(orgs_out) + 1:04d}"
        orgs_out.append({"key": key, **org})
        text = " ".join([org["description"], *prof["products"], *prof["case_studies"]])
        prof["capabilities"] = add_finer(prof["capabilities"], text, 4)
        vend_out.append({"org": key, **prof})

    check(orgs_out, scen_out, vend_out)

    for name, rows in (("organizations", orgs_out), ("scenarios", scen_out), ("vendors", vend_out)):
        with open(OUT / f"{name}.jsonl", "w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")

    summary(orgs_out, scen_out, vend_out, specs, worst)


def summary(orgs_out, scen_out, vend_out, specs, worst_during) -> None:
    ents = [o for o in orgs_out if o["kind"] == "enterprise"]
    vendors = [o for o in orgs_out if o["kind"] == "vendor"]
    langs = Counter(s["language"] for s in scen_out)
    batches = Counter(s["batch"] for s in scen_out)
    inds = Counter(s["industry"] for s in scen_out)
    caps_any = Counter(c for s in scen_out for c in s["capabilities"])
    caps_vend = Counter(c for v in vend_out for c in v["capabilities"])
    # full pairwise 4-gram overlap (|A∩B| / min(|A|,|B|)) within each language
    worst, pair = 0.0, None
    for lang in ("zh", "en"):
        rows = [(s["key"], grams(s["description"])) for s in scen_out if s["language"] == lang]
        for i in range(len(rows)):
            for j in range(i + 1, len(rows)):
                o = overlap(rows[i][1], rows[j][1])
                if o > worst:
                    worst, pair = o, (rows[i][0], rows[j][0])
    plain = [s for s in specs if not s["tech"]]
    leaks = [
        s["key"]
        for s in plain
        for w in PLAIN_BANNED
        if (
            re.search(r"\bAI\b", s["title"] + " " + s["description"])
            if w == "AI"
            else w.lower() in (s["title"] + s["description"]).lower()
        )
    ]
    owned = Counter(s["owner"] for s in scen_out)
    vlang = Counter("en" if o["name_en"] is None else "zh" for o in vendors)
    zh_len = [len(s["description"]) for s in scen_out if s["language"] == "zh"]
    en_len = [len(s["description"].split()) for s in scen_out if s["language"] == "en"]
    print("Keting demo catalogue (fictional)")
    print(
        f"  organizations: {len(orgs_out)}  (enterprises {len(ents)}, vendors {len(vendors)}: "
        f"{vlang['zh']} Chinese-first, {vlang['en']} English-first)"
    )
    print(f"  scenarios: {len(scen_out)}  " + ", ".join(f"{k}: {v}" for k, v in batches.items()))
    print(f"  language: zh {langs['zh']}, en {langs['en']}")
    print(f"  description length: zh {min(zh_len)}-{max(zh_len)} chars, en {min(en_len)}-{max(en_len)} words")
    print(
        f"  plain-language / procurement-style: {len(plain)} / {len(specs) - len(plain)}"
        f"  (technique words in plain listings: {len(leaks)})"
    )
    print(
        f"  enterprises owning >1 scenario: {sum(1 for v in owned.values() if v > 1)}, max owned {max(owned.values())}"
    )
    print(
        f"  budget null: {sum(s['budget_min'] is None for s in scen_out)}, "
        f"timeline null: {sum(s['timeline'] is None for s in scen_out)}, "
        f"data_available null: {sum(s['data_available'] is None for s in scen_out)}, "
        f"featured: {sum(s['featured'] for s in scen_out)} "
        f"across {len({s['industry'] for s in scen_out if s['featured']})} industries"
    )
    print(
        f"  max description 4-gram overlap: {worst:.3f} ({pair[0]} vs {pair[1]}); during generation {worst_during:.3f}"
    )
    print(f"  industries (min {min(inds.values())}): " + ", ".join(f"{k} {v}" for k, v in sorted(inds.items())))
    print(
        f"  capabilities in scenarios (min {min(caps_any.values())}): "
        + ", ".join(f"{k} {v}" for k, v in sorted(caps_any.items()))
    )
    print(
        f"  capabilities in vendor profiles (min {min(caps_vend[c] for c in CAPS)}), "
        f"generalist vendors: {sum(1 for v in vend_out if not v['industries'])}"
    )
    # Every capability the fragments are written for is well represented; finer ones appear where texts name them.
    assert set(CAPS) <= set(caps_any) and min(caps_any[c] for c in CAPS) >= 8
    assert len(inds) == len(LEAF_INDUSTRIES) and min(inds.values()) >= 10
    assert worst <= 0.60 and not leaks


if __name__ == "__main__":
    main()
