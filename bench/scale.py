"""Grow the demo catalogue to N times its size and time the pages, writes and rebuild that issue 12 is about.

Run: python -m bench.scale --factor N [--json PATH] [--requests 50] [--url http://127.0.0.1:5000] [--keep DIR]

On whatever DATABASE_URL points at (a SQLite file in a temporary folder when it is unset):
 1. a fresh schema through the app's migrations (`flask db upgrade`), then the seeded demo catalogue
    (`flask seed`: 600 scenarios, 84 vendors);
 2. the catalogue grown to N× through the app's own tables with bulk inserts: new enterprises, vendors and
    members in the seed's proportions, and scenarios whose descriptions recombine the sentences of seeded
    scenarios that ask for the same capability (mostly in the same industry, now and then a neighbouring one),
    with districts swapped, numbers varied and everyday noise added, so that no two are the same text;
 3. every match computed by the app's own full rebuild (`flask match rebuild`), run in a child process so its
    time and peak memory are its own;
 4. the pages of the issue's first table timed (p50 / p99 over --requests requests each, in-process through
    Flask's test client, or over HTTP against a server already running on the same database with --url),
    then one publish (an admin approves a pending scenario through the review service) and one profile save by
    the vendor with the most stored matches (through the vendor service, as its profile page does).

Prints a table; --json PATH writes the figures in the shape issue 12 gives. A write's request only queues its
listing; the job a worker would run next is run in this process and timed apart (vendor_edit_job_s,
publish_visible_s).
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import json
import math
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SEED_SCENARIOS = 600
SEED_VENDORS = 84
BATCH = 2000
REF_PREFIX = "bench:"
BENCH_PASSWORD = "bench-scale-pass-2026"
ADMIN_EMAIL = "scale-admin@mail.example.cn"

# How the seed catalogue's shape carries over to the grown part.
ENTERPRISE_MEMBER_SHARE = 0.35  # grown enterprises with someone who can sign in
VENDOR_MEMBER_SHARE = 0.6
SCENARIO_STATUS_WEIGHTS = (
    ("published", 0.93),
    ("pending", 0.03),
    ("closed", 0.02),
    ("changes_requested", 0.01),
    ("draft", 0.01),
)
VENDOR_STATUS_WEIGHTS = (("published", 0.94), ("pending", 0.03), ("draft", 0.03))
BATCHES = (None, None, "2021 工业赋能 300", "2022 数字青岛 800", "2023 人工智能+ 1000", "2024 场景开放 1200")

DISTRICT_NAMES = {  # code -> (as Chinese texts write it, as English texts write it)
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
_DISTRICT_RE = {
    "zh": re.compile("|".join(sorted([v[0] for v in DISTRICT_NAMES.values()] + ["黄岛区"], key=len, reverse=True))),
    "en": re.compile("|".join(sorted([v[1] for v in DISTRICT_NAMES.values()] + ["Huangdao"], key=len, reverse=True))),
}
# Brand syllables for new company names, with the pinyin their English names use.
BRAND = dict(
    zip(
        "海瑞德鑫泰联创达信源丰远华宏盛恒嘉康力隆明宁启荣顺天通万鸿祥新兴阳益永裕泽正中卓博辰驰鼎东帆港冠汇佳金景凯蓝朗鲁茂鹏浦琪青仁森舜拓威翔旭亚岩耀宇元越云璋智洲铸",
        [
            "Hai",
            "Rui",
            "De",
            "Xin",
            "Tai",
            "Lian",
            "Chuang",
            "Da",
            "Xin",
            "Yuan",
            "Feng",
            "Yuan",
            "Hua",
            "Hong",
            "Sheng",
            "Heng",
            "Jia",
            "Kang",
            "Li",
            "Long",
            "Ming",
            "Ning",
            "Qi",
            "Rong",
            "Shun",
            "Tian",
            "Tong",
            "Wan",
            "Hong",
            "Xiang",
            "Xin",
            "Xing",
            "Yang",
            "Yi",
            "Yong",
            "Yu",
            "Ze",
            "Zheng",
            "Zhong",
            "Zhuo",
            "Bo",
            "Chen",
            "Chi",
            "Ding",
            "Dong",
            "Fan",
            "Gang",
            "Guan",
            "Hui",
            "Jia",
            "Jin",
            "Jing",
            "Kai",
            "Lan",
            "Lang",
            "Lu",
            "Mao",
            "Peng",
            "Pu",
            "Qi",
            "Qing",
            "Ren",
            "Sen",
            "Shun",
            "Tuo",
            "Wei",
            "Xiang",
            "Xu",
            "Ya",
            "Yan",
            "Yao",
            "Yu",
            "Yuan",
            "Yue",
            "Yun",
            "Zhang",
            "Zhi",
            "Zhou",
            "Zhu",
        ],
        strict=False,
    )
)
LATIN_HEADS = (
    "Drift",
    "Bay",
    "Gull",
    "Salt",
    "Reef",
    "Kite",
    "Cape",
    "Tide",
    "Sea",
    "Loam",
    "Kelp",
    "Quay",
    "Coral",
    "Fathom",
    "Stern",
    "Harbor",
    "Bright",
    "Lumen",
    "Wave",
    "Gale",
    "Pier",
    "Shoal",
    "Dune",
    "Brine",
    "Cove",
    "Spray",
    "Tern",
    "North",
    "Amber",
    "Iron",
)
LATIN_TAILS = (
    "quill",
    "forge",
    "mark",
    "glass",
    "mind",
    "fin",
    "wright",
    "stack",
    "wise",
    "grid",
    "light",
    "lume",
    "keel",
    "loop",
    "craft",
    "line",
    "path",
    "works",
    "scope",
    "field",
    "vane",
    "beam",
)
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐"
GIVEN = [
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "涛",
    "明",
    "超",
    "秀兰",
    "霞",
    "平",
    "刚",
    "桂英",
    "建国",
    "海燕",
    "志强",
    "晓东",
]
TITLES_ZH = ["经理", "主任", "工", "总监", "部长"]
NOISE = {
    "zh": [
        "欢迎具备同类项目经验的单位联系我们。",
        "可安排现场踏勘，请提前一周预约。",
        "希望供应商先提供试点方案和报价。",
        "本需求已列入区级重点项目库。",
        "项目需在本地设立服务团队。",
        "可提供现场办公场地和网络条件。",
        "（补充说明：现场为三班倒生产，改造须利用检修窗口。）",
        "优先考虑有本地案例的团队。",
        "数据不出厂区，须本地化部署。",
        "具体技术指标可在交流后再细化。",
    ],
    "en": [
        "Teams with similar projects are welcome to get in touch.",
        "A site visit can be arranged with a week's notice.",
        "We would like a pilot plan and a quote first.",
        "The project is on the district's priority list.",
        "The supplier needs a service team in Qingdao.",
        "We can provide desk space and network access on site.",
        "(Note: the site runs three shifts, so changes must fit the maintenance windows.)",
        "Teams with local references are preferred.",
        "Data must stay on our premises; on-site deployment only.",
        "Detailed technical targets can be agreed after a first meeting.",
    ],
}
TITLE_FORMS = {
    "zh": ["{t}", "{t}", "{d}{t}", "{t}（二期）", "{t}项目", "{t}试点", "{d}{t}（扩建）"],
    "en": ["{t}", "{t}", "{t} ({d})", "{t} – phase 2", "Pilot: {t}", "{t} at our {d} site"],
}
_NUMBER_RE = re.compile(r"\d+(?:,\d{3})+|\d+(?:\.\d+)?")
_SENTENCE_RE = {"zh": re.compile(r"(?<=[。！？；])"), "en": re.compile(r"(?<=[.!?])\s+(?=[A-Z(])")}


# Text ---------------------------------------------------------------------------------------------------


def sentences(text: str, language: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_RE[language].split(text) if s.strip()]


def _opening(sentence: str, language: str) -> str:
    """How a sentence starts, numbers aside: two with the same opening say the same kind of thing (the budget,
    the data on hand), so a recombined text keeps one of them."""
    bare = re.sub(r"[\d,.%]+", "#", sentence)
    return bare[:5] if language == "zh" else " ".join(bare.split()[:3])


def vary_numbers(text: str, rng: random.Random) -> str:
    """Each number moved by up to ±40 %, in the same notation; years and small counts mostly kept."""

    def repl(m: re.Match) -> str:
        raw = m.group(0)
        value = float(raw.replace(",", ""))
        if 1950 <= value <= 2035 and len(raw) == 4:  # a year
            return raw
        if value < 10 and "." not in raw:
            return raw if rng.random() < 0.7 else str(max(1, int(value) + rng.choice((-1, 1))))
        new = value * rng.uniform(0.6, 1.4)
        after = text[m.end() : m.end() + 1]
        if after in ("%", "％") and value <= 100:
            new = min(new, 99.0)
        if "." in raw:
            return f"{new:.{len(raw.split('.')[1])}f}"
        new = max(1, round(new))
        return f"{new:,}" if "," in raw else str(new)

    return _NUMBER_RE.sub(repl, text)


def swap_district(text: str, language: str, district: str) -> str:
    name = DISTRICT_NAMES[district][0 if language == "zh" else 1]
    return _DISTRICT_RE[language].sub(name, text)


@dataclass
class _Pools:
    """The seeded catalogue as material: scenarios by language and capability, vendors by capability."""

    scenarios: list[dict]
    by_kind: dict[tuple[str, str], list[dict]]
    vendors: list[dict]
    vendors_by_cap: dict[str, list[dict]]
    orgs: dict[str, dict]
    enterprise_keys: list[str]
    industry_of_org: dict[str, str]
    district_weights: list[tuple[str, int]]


def _read_pools() -> _Pools:
    from seeds.loader import CATALOGUE_DIR, read_jsonl

    scenarios = read_jsonl(CATALOGUE_DIR / "scenarios.jsonl")
    vendors = read_jsonl(CATALOGUE_DIR / "vendors.jsonl")
    orgs = {o["key"]: o for o in read_jsonl(CATALOGUE_DIR / "organizations.jsonl")}
    by_kind: dict[tuple[str, str], list[dict]] = {}
    for s in scenarios:
        by_kind.setdefault((s["language"], (s.get("capabilities") or ["-"])[0]), []).append(s)
    vendors_by_cap: dict[str, list[dict]] = {}
    for v in vendors:
        for cap in v.get("capabilities") or []:
            vendors_by_cap.setdefault(cap, []).append(v)
    industry_of_org = {s["owner"]: s["industry"] for s in scenarios if s.get("industry")}
    counts: dict[str, int] = {}
    for s in scenarios:
        if s.get("district"):
            counts[s["district"]] = counts.get(s["district"], 0) + 1
    return _Pools(
        scenarios,
        by_kind,
        vendors,
        vendors_by_cap,
        orgs,
        [k for k, o in orgs.items() if o["kind"] == "enterprise"],
        industry_of_org,
        sorted(counts.items()),
    )


class _Names:
    """Company brands nobody has used yet: two syllables, three once two run short."""

    def __init__(self, rng: random.Random, taken: set[str]):
        self.rng, self.taken, self.chars = rng, set(taken), list(BRAND)

    def brand(self) -> tuple[str, str]:
        for attempt in itertools.count():
            chars = self.rng.sample(self.chars, 2 if attempt < 8 else 3)
            zh = "".join(chars)
            if zh not in self.taken:
                self.taken.add(zh)
                return zh, "".join(BRAND[c] for c in chars).capitalize()
        raise AssertionError("unreachable")

    def latin(self) -> str:
        for _attempt in range(1000):
            word = self.rng.choice(LATIN_HEADS) + self.rng.choice(LATIN_TAILS)
            if word not in self.taken:
                self.taken.add(word)
                return word
        return word + str(len(self.taken))


def _org_name(base: dict, names: _Names) -> tuple[str, str | None, tuple[str, str], tuple[str, str]]:
    """(name, English name, old brand, new brand) for a company shaped like base under a brand nobody has; a
    brand is (Chinese, English), either part empty when the name has none."""
    name, words = base["name"], (base.get("name_en") or "").split()
    if re.match(r"[A-Za-z]", name):  # "Saltglass Robotics (Qingdao) Co., Ltd."
        old_en, new_en = name.split()[0], names.latin()
        return new_en + name[len(old_en) :], None, ("", old_en), ("", new_en)
    zh, en = names.brand()
    if name.startswith("青岛"):  # 青岛 + brand + trade: "青岛岱屹车身系统有限公司"
        old_zh, new_name = name[2:4], "青岛" + zh + name[4:]
    else:  # brand first: "桦湾银行股份有限公司青岛分行"
        old_zh, new_name = name[:2], zh + name[2:]
    at = 1 if words[:1] == ["Qingdao"] else 0
    old_en = words[at] if len(words) > at + 1 else ""
    name_en = " ".join([*words[:at], en, *words[at + 1 :]]) if old_en else None
    return new_name, name_en, (old_zh, old_en), (zh, en if old_en else "")


def _rebrand(text: str, old: tuple[str, str], new: tuple[str, str]) -> str:
    for before, after in zip(old, new, strict=False):
        if before:
            text = text.replace(before, after)
    return text


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


# Growing ------------------------------------------------------------------------------------------------


@dataclass
class GrowReport:
    organizations: int = 0
    scenarios: int = 0
    vendors: int = 0
    users: int = 0
    seconds: float = 0.0


def targets(factor: float) -> tuple[int, int]:
    """(scenarios, vendor profiles) in all at this factor: 600 and 84 at 1×, 60,000 and 8,400 at 100×."""
    return max(SEED_SCENARIOS, round(SEED_SCENARIOS * factor)), max(SEED_VENDORS, round(SEED_VENDORS * factor))


def grow(
    factor: float,
    seed: int = 12,
    scenarios: int | None = None,
    vendors: int | None = None,
    password_hash: str | None = None,
    scenario_statuses=SCENARIO_STATUS_WEIGHTS,
) -> GrowReport:
    """Add organizations, members, vendor profiles and scenarios until the catalogue is `factor` times the seed's
    (or holds `scenarios` / `vendors` in all); bulk inserts through the app's tables; commit.

    Expects the seeded catalogue loaded. Every row is new (external_ref "bench:..."), so running it on a database
    that already holds grown rows adds more.
    """
    import sqlalchemy as sa

    from app.extensions import db
    from app.models import Capability, Industry, Organization, Scenario, User, VendorProfile
    from app.models.scenario import scenario_capability
    from app.models.vendor import vendor_capability, vendor_industry
    from app.services.accounts import hash_password

    started = time.perf_counter()
    rng = random.Random(seed)
    pools = _read_pools()
    want_scenarios, want_vendors = targets(factor)
    want_scenarios = scenarios if scenarios is not None else want_scenarios
    want_vendors = vendors if vendors is not None else want_vendors
    have_scenarios = db.session.scalar(sa.select(sa.func.count(Scenario.id))) or 0
    have_vendors = db.session.scalar(sa.select(sa.func.count(VendorProfile.id))) or 0
    new_scenarios = max(0, want_scenarios - have_scenarios)
    new_vendors = max(0, want_vendors - have_vendors)
    # Enterprises in the seed's proportion to scenarios (235 for 600).
    new_enterprises = round(new_scenarios * len(pools.enterprise_keys) / len(pools.scenarios))

    industries = dict(db.session.execute(sa.select(Industry.code, Industry.id)).all())
    capabilities = dict(db.session.execute(sa.select(Capability.code, Capability.id)).all())
    seeded_orgs = dict(
        db.session.execute(
            sa.select(Organization.external_ref, Organization.id).where(Organization.external_ref.like("seed:%"))
        ).all()
    )
    taken = {name[2:4] for name in db.session.scalars(sa.select(Organization.name))}
    names = _Names(rng, taken)
    next_id = {
        model: (db.session.scalar(sa.select(sa.func.max(model.id))) or 0) + 1
        for model in (Organization, Scenario, VendorProfile, User)
    }

    def new_id(model) -> int:
        value = next_id[model]
        next_id[model] += 1
        return value

    now = datetime.now(UTC)
    # scrypt is slow on purpose: one hash for every grown member (they all sign in with BENCH_PASSWORD).
    password_hash = password_hash or (hash_password(BENCH_PASSWORD) if new_enterprises or new_vendors else "")
    report = GrowReport()
    org_rows: list[dict] = []
    user_rows: list[dict] = []
    members: dict[int, int] = {}  # organization id -> a member's user id

    def add_members(org_id: int, domain: str, role: str, share: float) -> None:
        if rng.random() >= share:
            return
        for _n in range(1 if rng.random() < 0.8 else 2):
            uid = new_id(User)
            members.setdefault(org_id, uid)
            user_rows.append(
                {
                    "id": uid,
                    "email": f"{domain}{uid}@mail.example.cn",
                    "password_hash": password_hash,
                    "display_name": _person(rng),
                    "role": role,
                    "organization_id": org_id,
                    "is_active": True,
                    "locale": "en" if rng.random() < 0.15 else "zh_Hans",
                    "created_at": now,
                    "updated_at": now,
                }
            )

    def org_row(base: dict, kind: str) -> tuple[dict, tuple[str, str], tuple[str, str]]:
        name, name_en, old, brand = _org_name(base, names)
        district = rng.choice(list(DISTRICT_NAMES))
        lang = "zh" if re.search(r"[\u4e00-\u9fff]", base.get("description") or "") else "en"
        description = swap_district(
            vary_numbers(_rebrand(base.get("description") or "", old, brand), rng), lang, district
        )
        slug = (brand[1] or "".join(BRAND.get(c, "") for c in brand[0]) or "co").lower()
        oid = new_id(Organization)
        row = {
            "id": oid,
            "kind": kind,
            "name": name,
            "name_en": name_en,
            "description": description,
            "website": f"https://www.{slug}.example.com" if rng.random() < 0.6 else None,
            "district": district,
            "size": rng.choice(("small", "medium", "large")),
            "verified": rng.random() < 0.3,
            "external_ref": f"{REF_PREFIX}org-{oid}",
            "contact_name": rng.choice(SURNAMES) + rng.choice(TITLES_ZH) if rng.random() < 0.7 else None,
            "contact_email": f"contact@{slug}{oid}.example.cn" if rng.random() < 0.6 else None,
            "contact_phone": f"138{rng.randrange(10**8):08d}" if rng.random() < 0.3 else None,
            "created_at": now,
            "updated_at": now,
        }
        return row, old, brand

    # Enterprises, each shaped like a seeded one (and so in its industry).
    owners_by_industry: dict[str, list[int]] = {}
    for key in pools.enterprise_keys:
        if key in pools.industry_of_org and "seed:" + key in seeded_orgs:
            owners_by_industry.setdefault(pools.industry_of_org[key], []).append(seeded_orgs["seed:" + key])
    all_owners = [oid for ids in owners_by_industry.values() for oid in ids]
    for _n in range(new_enterprises):
        base_key = rng.choice(pools.enterprise_keys)
        row, _old, brand = org_row(pools.orgs[base_key], "enterprise")
        org_rows.append(row)
        owners_by_industry.setdefault(pools.industry_of_org.get(base_key, "-"), []).append(row["id"])
        all_owners.append(row["id"])
        add_members(row["id"], "staff", "enterprise", ENTERPRISE_MEMBER_SHARE)

    # Vendors: organization, profile, capabilities and industries.
    profile_rows, vcap_rows, vind_rows = [], [], []
    statuses, weights = zip(*VENDOR_STATUS_WEIGHTS, strict=False)
    for _n in range(new_vendors):
        base = rng.choice(pools.vendors)
        row, old, brand = org_row(pools.orgs[base["org"]], "vendor")
        caps = list(base.get("capabilities") or [])
        if rng.random() < 0.35:  # a neighbour's speciality instead of (or beside) one of its own
            extra = rng.choice(rng.choice(pools.vendors)["capabilities"])
            if extra not in caps and len(caps) > 2:
                caps[rng.randrange(1, len(caps))] = extra
            elif extra not in caps:
                caps.append(extra)
        inds = list(base.get("industries") or [])
        if rng.random() < 0.4:
            inds.append(rng.choice(list(industries)))
        inds = list(dict.fromkeys(inds))
        donors = pools.vendors_by_cap.get(caps[0], [base])
        cases = list(base.get("case_studies") or []) + list(rng.choice(donors).get("case_studies") or [])
        rng.shuffle(cases)
        cases = cases[: rng.randint(1, max(1, min(4, len(cases))))]
        products = [_rebrand(p, old, brand) for p in base.get("products") or []]
        if rng.random() < 0.3:
            products.append(
                f"{brand[0]}{rng.choice(['智能运维平台', '数据中台', '边缘推理一体机', 'AI开放平台'])}"
                if brand[0]
                else f"{brand[1]} {rng.choice(['Ops platform', 'Data hub', 'Edge box'])}"
            )
        pid = new_id(VendorProfile)
        status = rng.choices(statuses, weights)[0]
        published = now - timedelta(days=rng.randint(1, 5 * 365))
        profile_rows.append(
            {
                "id": pid,
                "organization_id": row["id"],
                "status": status,
                "products": "\n".join(products),
                "case_studies": "\n".join(vary_numbers(_rebrand(c, old, brand), rng) for c in cases),
                "certifications": "、".join(
                    rng.sample(
                        base.get("certifications") or ["ISO 9001"],
                        k=min(len(base.get("certifications") or [1]), rng.randint(1, 4)),
                    )
                ),
                "languages": list(base.get("languages") or ["zh"]),
                "team_size": max(3, int((base.get("team_size") or 40) * rng.uniform(0.4, 1.8))),
                "submitted_at": published,
                "published_at": published if status == "published" else None,
                "created_at": published,
                "updated_at": published,
            }
        )
        vcap_rows += [{"vendor_id": pid, "capability_id": capabilities[c]} for c in dict.fromkeys(caps)]
        vind_rows += [{"vendor_id": pid, "industry_id": industries[c]} for c in inds]
        org_rows.append(row)
        add_members(row["id"], "bd", "vendor", VENDOR_MEMBER_SHARE)

    # Scenarios: sentences of same-language scenarios that ask for the same capability, position by position.
    seen = {s["description"] for s in pools.scenarios}
    scenario_rows, scap_rows = [], []
    statuses, weights = zip(*scenario_statuses, strict=False)
    districts, dweights = zip(*pools.district_weights, strict=False)
    start = datetime(2021, 1, 1, tzinfo=UTC)
    span = int((now - start).total_seconds())
    owner_weights: dict[str, list[float]] = {}

    def owner_for(industry: str) -> int:
        ids = owners_by_industry.get(industry) or all_owners
        cum = owner_weights.get(industry)
        if cum is None or len(cum) != len(ids):  # a few enterprises post many scenarios, most post one or two
            cum = list(itertools.accumulate(1.0 / (i + 1) ** 0.8 for i in range(len(ids))))
            owner_weights[industry] = cum
        return ids[bisect.bisect_left(cum, rng.random() * cum[-1])]

    for _n in range(new_scenarios):
        for _attempt in range(20):
            base = rng.choice(pools.scenarios)
            lang = base["language"]
            donors = pools.by_kind[(lang, (base.get("capabilities") or ["-"])[0])]
            same_industry = [d for d in donors if d.get("industry") == base.get("industry")]
            if len(same_industry) >= 3 and rng.random() < 0.85:  # mostly the same trade; now and then a neighbour's
                donors = same_industry
            parts = sentences(base["description"], lang)
            mixed, openings = [], set()
            for i, own in enumerate(parts):
                if i > 0 and rng.random() < 0.55:
                    donor_parts = sentences(rng.choice(donors)["description"], lang)
                    own = donor_parts[min(i, len(donor_parts) - 1)]
                opening = _opening(own, lang)
                if (i > 0 and rng.random() < 0.08) or opening in openings:  # dropped, or says what one already did
                    continue
                openings.add(opening)
                mixed.append(own)
            if rng.random() < 0.5:
                mixed.insert(rng.randint(1, len(mixed)), rng.choice(NOISE[lang]))
            district = rng.choices(districts, dweights)[0]
            text = (" " if lang == "en" else "").join(mixed)
            text = swap_district(vary_numbers(text, rng), lang, district)
            if text not in seen:
                break
        seen.add(text)
        industry = base.get("industry")
        if industry and rng.random() < 0.15:  # the same need in a neighbouring industry
            industry = rng.choice(list(industries))
        owner = owner_for(industry or "-")
        status = rng.choices(statuses, weights)[0]
        published = start + timedelta(seconds=rng.randrange(span))
        scale = rng.uniform(0.6, 1.5)
        bmin = int(base["budget_min"] * scale) if base.get("budget_min") else None
        bmax = int(base["budget_max"] * scale) if base.get("budget_max") else None
        if bmin is not None and bmax is not None and bmin > bmax:
            bmin = bmax
        dname = DISTRICT_NAMES[district][0 if lang == "zh" else 1]
        title = rng.choice(TITLE_FORMS[lang]).format(t=base["title"], d=dname)[:200]
        sid = new_id(Scenario)
        scenario_rows.append(
            {
                "id": sid,
                "owner_id": owner,
                "title": title,
                "description": text,
                "industry_id": industries.get(industry) if industry else None,
                "district": district,
                "budget_min": bmin,
                "budget_max": bmax,
                "timeline": base.get("timeline"),
                "data_available": vary_numbers(base["data_available"], rng) if base.get("data_available") else None,
                "status": status,
                "featured": status == "published" and rng.random() < 0.002,
                "source_batch": rng.choice(BATCHES),
                "language": lang,
                "confidentiality": "verified_only" if rng.random() < 0.05 else "public",
                "external_ref": f"{REF_PREFIX}s-{sid}",
                "submitted_at": None if status == "draft" else published,
                "published_at": published if status in ("published", "closed") else None,
                "closed_at": published + timedelta(days=rng.randint(30, 400)) if status == "closed" else None,
                "outcome": rng.choice(("solved_platform", "solved_elsewhere", "dropped"))
                if status == "closed"
                else None,
                "review_note": "请补充现场数据情况和预算范围，便于供应商评估。"
                if status == "changes_requested"
                else None,
                "created_by_id": members.get(owner),
                "contact": f"{_person(rng)} 138{rng.randrange(10**8):08d}",
                "created_at": published - timedelta(days=rng.randint(0, 20)),
                "updated_at": published,
            }
        )
        caps = list(base.get("capabilities") or [])
        scap_rows += [{"scenario_id": sid, "capability_id": capabilities[c]} for c in dict.fromkeys(caps)]

    def insert(table, rows: list[dict]) -> None:
        for i in range(0, len(rows), BATCH):
            db.session.execute(sa.insert(table), rows[i : i + BATCH])

    insert(Organization.__table__, org_rows)
    insert(User.__table__, user_rows)
    insert(VendorProfile.__table__, profile_rows)
    insert(vendor_capability, vcap_rows)
    insert(vendor_industry, vind_rows)
    insert(Scenario.__table__, scenario_rows)
    insert(scenario_capability, scap_rows)
    if db.engine.dialect.name == "postgresql":  # ids were given explicitly: move the sequences past them
        for model in (Organization, Scenario, VendorProfile, User):
            table = model.__tablename__
            db.session.execute(
                sa.text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"COALESCE((SELECT MAX(id) FROM {table}), 1))"
                )
            )
    db.session.commit()
    report.organizations, report.users = len(org_rows), len(user_rows)
    report.scenarios, report.vendors = len(scenario_rows), len(profile_rows)
    report.seconds = time.perf_counter() - started
    return report


# Measuring ----------------------------------------------------------------------------------------------


def percentiles(samples_ms: list[float]) -> dict[str, float]:
    ordered = sorted(samples_ms)

    def at(q: float) -> float:  # linear interpolation between closest ranks, as numpy's default
        pos = (len(ordered) - 1) * q
        lo, hi = math.floor(pos), math.ceil(pos)
        return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)

    return {"p50_ms": round(at(0.5), 1), "p99_ms": round(at(0.99), 1)}


def rss_mb(pid: int | None = None) -> float:
    """A process's resident memory now (Linux /proc; this one's by default), else this one's peak."""
    try:
        for line in Path(f"/proc/{pid or 'self'}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _rebuild_child() -> None:
    """In a child process: the full match rebuild as `flask match rebuild` runs it, then its time and peak memory
    (this process's, and its analysis workers' apart) as JSON on stdout."""
    from app import create_app
    from app.services import jobs

    app = create_app(_app_config())
    with app.app_context():
        started = time.perf_counter()
        job = jobs.start_rebuild(None, run_now=True)
        seconds = time.perf_counter() - started
        if job.state != "done":
            raise SystemExit(f"the match rebuild failed: {job.error}")
        stored = job.result["matches"]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "seconds": round(seconds, 2),
                "peak_mb": round(peak, 1),
                "workers_peak_mb": round(workers, 1),
                "matches": stored,
            }
        )
    )


def _duplicates_child() -> None:
    """In a child process: the admin's duplicate "scan all" job, then its time, peak memory and new flags as JSON."""
    import sqlalchemy as sa

    from app import create_app
    from app.extensions import db
    from app.models import Job, User
    from app.services import duplicates, jobs
    from app.services.accounts import create_admin
    from app.services.inputs import AdminInput

    app = create_app(_app_config())
    with app.app_context(), app.test_request_context():
        admin = db.session.scalar(sa.select(User).where(User.email == ADMIN_EMAIL))
        if admin is None:
            admin = create_admin(AdminInput(email=ADMIN_EMAIL, password=BENCH_PASSWORD, display_name="Bench"))
            db.session.commit()
        started = time.perf_counter()
        job = duplicates.start_duplicate_scan(admin)
        if job.state == "queued":  # a worker-less run: this process is the worker
            jobs.run_job(job.id)
        seconds = time.perf_counter() - started
        job = db.session.get_one(Job, job.id)
        db.session.refresh(job)
        if job.state != "done":
            raise SystemExit(f"the duplicate scan failed: {job.error}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": round(seconds, 2), "peak_mb": round(peak, 1), "flagged": job.result["flagged"]}))


def _run_child(flag: str, what: str) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-m", "bench.scale", flag],
        cwd=REPO,
        env=os.environ.copy(),
        capture_output=True,
        text=True,
    )
    if out.returncode != 0:
        raise SystemExit(f"the {what} failed:\n{out.stderr[-4000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def run_rebuild() -> dict[str, Any]:
    return _run_child("--rebuild-child", "match rebuild")


def run_duplicate_scan() -> dict[str, Any]:
    return _run_child("--duplicates-child", "duplicate scan")


def _app_config() -> dict[str, Any]:
    # No rate limit may throttle a bench hammering the same pages from one address.
    return {"RATELIMIT_ENABLED": False, "SECRET_KEY": os.environ.get("SECRET_KEY") or "bench-scale-secret"}


@dataclass(frozen=True)
class _Who:
    """Who a page is requested as, kept apart from any database session."""

    id: int
    email: str
    session_id: str


class _Client:
    """GET a path as nobody, as a signed-in user: in-process (Flask test client) or over HTTP (urllib)."""

    def __init__(self, app, url: str | None):
        self.app, self.url = app, (url or "").rstrip("/")
        self._clients: dict[str, Any] = {}

    def get(self, path: str, as_user=None) -> int:
        key = as_user.email if as_user is not None else ""
        if self.url:
            opener = self._clients.get(key) or self._http_login(as_user)
            self._clients[key] = opener
            from urllib.parse import quote

            with opener.open(self.url + quote(path, safe="/?=&")) as resp:
                resp.read()
                return resp.status
        client = self._clients.get(key)
        if client is None:
            client = self._clients[key] = self.app.test_client()
            if as_user is not None:
                with client.session_transaction() as sess:
                    sess["_user_id"], sess["_fresh"] = as_user.session_id, True
        return client.get(path).status_code

    def _http_login(self, user):
        import http.cookiejar
        import urllib.parse
        import urllib.request

        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        if user is None:
            return opener
        with opener.open(self.url + "/auth/login") as resp:
            page = resp.read().decode("utf-8")
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
        form = {"email": user.email, "password": BENCH_PASSWORD}
        if token:
            form["csrf_token"] = token.group(1)
        with opener.open(self.url + "/auth/login", urllib.parse.urlencode(form).encode()) as resp:
            resp.read()
        return opener


def bench_users():
    """(the bench admin, a member of the vendor with the most stored matches, that vendor's id), made if missing;
    in an app context. Raises SystemExit when nothing is matched."""
    import sqlalchemy as sa

    from app.extensions import db
    from app.models import Match, User, VendorProfile
    from app.services.accounts import create_admin, hash_password
    from app.services.inputs import AdminInput

    admin = db.session.scalar(sa.select(User).where(User.email == ADMIN_EMAIL))
    if admin is None:
        admin = create_admin(AdminInput(email=ADMIN_EMAIL, password=BENCH_PASSWORD, display_name="Bench"))
        db.session.commit()
    busiest_id = db.session.scalar(
        sa.select(Match.vendor_id).group_by(Match.vendor_id).order_by(sa.func.count().desc(), Match.vendor_id).limit(1)
    )
    if busiest_id is None:
        raise SystemExit("no stored matches: the rebuild found nothing to match")
    profile = db.session.get(VendorProfile, busiest_id)
    vendor_user = db.session.scalar(
        sa.select(User).where(User.organization_id == profile.organization_id).order_by(User.id).limit(1)
    )
    if vendor_user is None:  # a seeded vendor: give it the member a vendor needs to see its feed
        vendor_user = User(
            email=f"busiest-vendor-{profile.id}@mail.example.cn",
            password_hash=hash_password(BENCH_PASSWORD),
            role="vendor",
            organization_id=profile.organization_id,
            display_name="Bench vendor",
        )
        db.session.add(vendor_user)
        db.session.commit()
    return admin, vendor_user, busiest_id


def measure(
    app, requests: int, url: str | None = None, log: Callable[[str], None] = print, server_pid: int | None = None
) -> dict[str, Any]:
    """Time the pages and the writes; the database must hold a rebuilt catalogue."""
    import sqlalchemy as sa

    from app.extensions import db
    from app.models import Match, Scenario, User, VendorProfile
    from app.services import accounts
    from app.services.curation import ReviewDecision, review_listing
    from app.services.inputs import ListingQuery, VendorProfileInput
    from app.services.scenarios import browse_scenarios
    from app.services.vendors import update_vendor_profile

    with app.app_context(), app.test_request_context():
        admin, vendor_user, busiest_id = bench_users()
        vendor_matches = db.session.scalar(sa.select(sa.func.count()).where(Match.vendor_id == busiest_id))
        last_page = browse_scenarios(ListingQuery()).pages
        # A signed-in browser is a server-side session row (logout deletes it); the cookie names its key.
        accounts.open_session(admin)
        accounts.open_session(vendor_user)
        admin = _Who(admin.id, admin.email, admin.get_id())
        vendor_user = _Who(vendor_user.id, vendor_user.email, vendor_user.get_id())
        db.session.remove()

    pages = [
        ("/", None),
        ("/scenarios", None),
        ("/scenarios?q=轮胎", None),
        ("/scenarios?q=defect detection", None),
        (f"/scenarios?page={last_page}", None),
        ("/vendors?q=视觉", None),
        ("/my/matches", vendor_user),
        ("/admin/", admin),
    ]
    client = _Client(app, url)
    results: dict[str, dict[str, float]] = {}
    for path, user in pages:
        with app.app_context():
            status = client.get(path, user)  # warm: templates, the matcher, the connection pool
            if status != 200:
                raise SystemExit(f"GET {path} answered {status}")
            samples = []
            for _n in range(requests):
                t = time.perf_counter()
                client.get(path, user)
                samples.append((time.perf_counter() - t) * 1000)
        results[path] = percentiles(samples)
        log(f"  {path:<32} p50 {results[path]['p50_ms']:>8.1f} ms   p99 {results[path]['p99_ms']:>8.1f} ms")

    # The writes as the web process runs them: the request only records the listing as pending (the queue is not
    # immediate); the job that a worker would take next is then run here, timed on its own.
    from app import jobs, matcher_store
    from app.services.matches import drain_pending

    with app.app_context():
        matcher_store.current()  # a worker keeps the index resident: load it before timing its jobs
    immediate, enqueue = jobs.huey.immediate, jobs.enqueue_match_drain
    jobs.huey.immediate = False
    jobs.enqueue_match_drain = lambda: None  # the drain runs below, in this process
    try:
        with app.app_context(), app.test_request_context():
            pending = db.session.scalar(
                sa.select(Scenario.id).where(Scenario.status == "pending").order_by(Scenario.id).limit(1)
            )
            if pending is None:  # the seed alone has none waiting: one enterprise sends one more for review
                total = db.session.scalar(sa.select(sa.func.count(Scenario.id)))
                grow(1, seed=total, scenarios=total + 1, vendors=0, scenario_statuses=(("pending", 1.0),))
                pending = db.session.scalar(sa.select(sa.func.max(Scenario.id)).where(Scenario.status == "pending"))
            admin = db.session.get(User, admin.id)
            started = t = time.perf_counter()
            review_listing(admin, "scenario", pending, ReviewDecision("approve"))
            publish_ms = round((time.perf_counter() - t) * 1000, 1)
            db.session.remove()
        with app.app_context():
            drain_pending()
            publish_visible_s = time.perf_counter() - started
            publish_matches = db.session.scalar(sa.select(sa.func.count()).where(Match.scenario_id == pending))
            db.session.remove()

        with app.app_context(), app.test_request_context():
            user = db.session.get(User, vendor_user.id)
            profile = db.session.get(VendorProfile, busiest_id)
            org = profile.organization
            # What the profile form posts when the vendor adds one product line and saves.
            data = VendorProfileInput(
                name=org.name,
                description=org.description,
                name_en=org.name_en or "",
                website=org.website or "",
                district=org.district,
                capabilities=tuple(c.code for c in profile.capabilities),
                industries=tuple(i.code for i in profile.industries),
                products=(profile.products + "\n" + "AI质检云服务（新版）").strip(),
                case_studies=profile.case_studies,
                certifications=profile.certifications,
                languages=tuple(profile.languages or ()),
                team_size=profile.team_size,
            )
            t = time.perf_counter()
            update_vendor_profile(user, data)
            edit_s = time.perf_counter() - t
            db.session.remove()
        with app.app_context():
            t = time.perf_counter()
            edit_count = drain_pending()
            edit_job_s = time.perf_counter() - t
            db.session.remove()
    finally:
        jobs.huey.immediate, jobs.enqueue_match_drain = immediate, enqueue
    log(
        f"  publish: {publish_matches} matches stored; vendor edit job: {edit_count.inserted} inserted, "
        f"{edit_count.updated} updated, {edit_count.deleted} deleted"
    )

    return {
        "pages": results,
        "writes": {
            "publish_ms": publish_ms,
            # From the publish request's start until its matches are stored (the worker's poll not included:
            # at most POLL_MAX_DELAY on SQLite, none on Redis).
            "publish_visible_s": round(publish_visible_s, 2),
            "vendor_edit_request_ms": round(edit_s * 1000, 1),
            "vendor_edit_job_s": round(edit_job_s, 2),
        },
        # The jobs ran in this process: its memory after them is the worker's.
        "worker_rss_mb": rss_mb(),
        "server_rss_mb": rss_mb(server_pid) if server_pid else None,
        "busiest_vendor": {"id": busiest_id, "matches": vendor_matches},
    }


def summary(
    factor: float,
    database: str,
    figures: dict[str, Any],
    rebuild: dict[str, Any],
    duplicates: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The figures in the shape issue 12 asks for."""
    return {
        "factor": int(factor) if factor == int(factor) else factor,
        "database": database,
        "pages": figures["pages"],
        "writes": figures["writes"],
        "rebuild": {"seconds": rebuild["seconds"], "peak_mb": rebuild["peak_mb"]},
        "worker_rss_mb": figures["worker_rss_mb"],
        **({"duplicates": {"seconds": duplicates["seconds"]}} if duplicates else {}),
    }


# Set-up -------------------------------------------------------------------------------------------------


def _fresh_schema(app, reset: bool) -> None:
    import sqlalchemy as sa
    from flask_migrate import upgrade

    from app.extensions import db

    with app.app_context():
        names = sa.inspect(db.engine).get_table_names()
        if names:
            if not reset:
                raise SystemExit(
                    f"{db.engine.url.render_as_string(hide_password=True)} already holds tables "
                    f"({len(names)}); pass --reset to drop everything in it first"
                )
            if db.engine.dialect.name == "postgresql":
                with db.engine.begin() as conn:
                    conn.execute(sa.text("DROP SCHEMA public CASCADE"))
                    conn.execute(sa.text("CREATE SCHEMA public"))
            else:  # SQLite: drop the tables in place, so a server already open on the file (--url) sees the new ones
                with db.engine.connect() as conn:
                    conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
                    for name in names:
                        conn.exec_driver_sql(f'DROP TABLE IF EXISTS "{name}"')
                    conn.commit()
        db.engine.dispose()
        upgrade()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factor", type=float, default=1.0, help="times the seeded catalogue (600 scenarios)")
    parser.add_argument("--scenarios", type=int, help="scenarios in all, instead of 600 × factor")
    parser.add_argument("--vendors", type=int, help="vendor profiles in all, instead of 84 × factor")
    parser.add_argument("--requests", type=int, default=50, help="requests per page")
    parser.add_argument("--json", metavar="PATH", help="write the figures here as JSON")
    parser.add_argument(
        "--url", help="time the pages against this running server (same database) instead of in-process"
    )
    parser.add_argument(
        "--server-pid", type=int, help="with --url: report this server process's memory as the worker's"
    )
    parser.add_argument("--keep", metavar="DIR", help="keep the SQLite database and instance folder in this directory")
    parser.add_argument("--reset", action="store_true", help="drop everything in a DATABASE_URL that is not empty")
    parser.add_argument("--seed", type=int, default=12, help="random seed of the grown texts")
    parser.add_argument("--rebuild-child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--duplicates-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.rebuild_child or args.duplicates_child:
        _rebuild_child() if args.rebuild_child else _duplicates_child()
        return 0
    if args.factor <= 0 or args.requests < 1:
        parser.error("--factor must be above 0 and --requests at least 1")

    workdir = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="keting-scale-"))
    workdir.mkdir(parents=True, exist_ok=True)
    database = os.environ.get("DATABASE_URL") or f"sqlite:///{workdir / 'scale.db'}"
    os.environ["DATABASE_URL"] = database
    # The matcher index, mail outbox and attachments of this run stay in its own folder.
    os.environ["KETING_INSTANCE_DIR"] = str(workdir / "instance")
    os.environ.pop("MATCHER_DIR", None)
    os.environ["MAIL_OUTBOX_DIR"] = str(workdir / "outbox")
    os.environ.setdefault("SECRET_KEY", "bench-scale-secret")

    from app import create_app
    from app.extensions import db
    from seeds.loader import load_all

    app = create_app(_app_config())
    with app.app_context():
        dialect = db.engine.dialect.name
    print(
        f"database: {dialect} ({'kept in ' + str(workdir) if args.keep or dialect == 'sqlite' else database.split('@')[-1]})"
    )

    t = time.perf_counter()
    _fresh_schema(app, args.reset)
    with app.app_context():
        load_all()
        print(f"schema and seed: {time.perf_counter() - t:.1f} s")
        report = grow(args.factor, seed=args.seed, scenarios=args.scenarios, vendors=args.vendors)
        import sqlalchemy as sa

        from app.models import Organization, Scenario, User, VendorProfile

        totals = {
            name: db.session.scalar(sa.select(sa.func.count(model.id)))
            for name, model in (
                ("scenarios", Scenario),
                ("vendors", VendorProfile),
                ("organizations", Organization),
                ("users", User),
            )
        }
        db.session.remove()
    print(
        f"grown in {report.seconds:.1f} s: +{report.scenarios:,} scenarios, +{report.vendors:,} vendors, "
        f"+{report.organizations:,} organizations, +{report.users:,} members; now "
        + ", ".join(f"{n:,} {k}" for k, n in totals.items())
    )

    rebuild = run_rebuild()
    print(
        f"match rebuild: {rebuild['seconds']:.1f} s, peak {rebuild['peak_mb']:.0f} MB"
        + (f" (analysis workers {rebuild['workers_peak_mb']:.0f} MB each)" if rebuild["workers_peak_mb"] else "")
        + f", {rebuild['matches']:,} matches"
    )
    duplicates = run_duplicate_scan()
    print(f"duplicate scan (all scenarios): {duplicates['seconds']:.1f} s, {duplicates['flagged']:,} new pairs flagged")

    print(f"pages ({args.requests} requests each{', ' + args.url if args.url else ', in-process'}):")
    figures = measure(app, args.requests, args.url, server_pid=args.server_pid)
    writes = figures["writes"]
    print(
        f"publish one scenario: request {writes['publish_ms']} ms, matches stored "
        f"{writes['publish_visible_s']:.2f} s after the request began"
    )
    print(
        f"vendor profile edit (busiest vendor, {figures['busiest_vendor']['matches']:,} matches): "
        f"request {writes['vendor_edit_request_ms']:.0f} ms, job {writes['vendor_edit_job_s']:.2f} s"
    )
    print(
        f"worker RSS after the jobs: {figures['worker_rss_mb']:.0f} MB"
        + (f"; server process {args.server_pid}: {figures['server_rss_mb']:.0f} MB" if args.server_pid else "")
    )

    factor = round(totals["scenarios"] / SEED_SCENARIOS, 2) if args.scenarios else args.factor
    result = summary(factor, dialect, figures, rebuild, duplicates)
    if args.json:
        Path(args.json).write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
