"""Plain factory functions: each makes one valid object with overridable fields, and flushes it."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

from app.extensions import db
from app.models import Capability, Industry, Organization, Scenario, User, VendorProfile

_seq = itertools.count(1)


def make_industry(
    code: str | None = None,
    name_zh: str = "轮胎橡胶",
    name_en: str = "Tyres and rubber",
    parent: Industry | None = None,
    **kw,
) -> Industry:
    node = Industry(
        code=code or f"ind-{next(_seq)}",
        name_zh=name_zh,
        name_en=name_en,
        parent=parent,
        synonyms_zh=kw.pop("synonyms_zh", []),
        synonyms_en=kw.pop("synonyms_en", []),
        **kw,
    )
    db.session.add(node)
    db.session.flush()
    return node


def make_capability(
    code: str | None = None,
    name_zh: str = "机器视觉缺陷检测",
    name_en: str = "Visual defect inspection",
    parent: Capability | None = None,
    **kw,
) -> Capability:
    node = Capability(
        code=code or f"cap-{next(_seq)}",
        name_zh=name_zh,
        name_en=name_en,
        parent=parent,
        synonyms_zh=kw.pop("synonyms_zh", []),
        synonyms_en=kw.pop("synonyms_en", []),
        **kw,
    )
    db.session.add(node)
    db.session.flush()
    return node


def make_org(kind: str = "enterprise", name: str | None = None, **kw) -> Organization:
    org = Organization(kind=kind, name=name or f"青岛测试企业{next(_seq)}有限公司", **kw)
    db.session.add(org)
    db.session.flush()
    return org


def make_scenario(
    owner: Organization | None = None,
    title: str = "胎面外观缺陷人工目检效率低",
    description: str = "每班三名质检员肉眼检查胎面，漏检率高。",
    status: str = "published",
    capabilities=(),
    **kw,
) -> Scenario:
    kw.setdefault("published_at", datetime(2020, 9, 1, tzinfo=UTC) if status == "published" else None)
    scenario = Scenario(owner=owner or make_org(), title=title, description=description, status=status, **kw)
    scenario.capabilities = list(capabilities)
    db.session.add(scenario)
    db.session.flush()
    return scenario


def make_vendor(
    name: str | None = None,
    description: str = "机器视觉缺陷检测厂商。",
    status: str = "published",
    capabilities=(),
    industries=(),
    org_kw: dict | None = None,
    **kw,
) -> VendorProfile:
    org = make_org(kind="vendor", name=name or f"测试视觉科技{next(_seq)}", description=description, **(org_kw or {}))
    profile = VendorProfile(organization=org, status=status, **kw)
    profile.capabilities = list(capabilities)
    profile.industries = list(industries)
    db.session.add(profile)
    db.session.flush()
    return profile


# Accounts ---------------------------------------------------------------------------------------------

PASSWORD = "correct-horse-42"
_password_hash: str | None = None


def _hash_of_default_password() -> str:
    # scrypt is slow on purpose; hash the shared test password once per run.
    global _password_hash
    if _password_hash is None:
        from app.services.accounts import hash_password

        _password_hash = hash_password(PASSWORD)
    return _password_hash


def make_user(
    role: str = "enterprise",
    email: str | None = None,
    organization: Organization | None = None,
    password: str | None = None,
    **kw,
) -> User:
    """A user with PASSWORD (or the given one); enterprise and vendor users get an organization of their kind."""
    from app.services.accounts import hash_password

    if organization is None and role in ("enterprise", "vendor"):
        organization = make_org(kind=role)
    user = User(
        email=email or f"user{next(_seq)}@example.com",
        role=role,
        organization=organization,
        password_hash=hash_password(password) if password else _hash_of_default_password(),
        **kw,
    )
    db.session.add(user)
    db.session.flush()
    return user


def make_vendor_user(email: str | None = None, status: str = "draft", **kw) -> User:
    """A vendor user whose organization has a profile (a draft unless told otherwise)."""
    profile = make_vendor(status=status, **kw)
    return make_user("vendor", email=email, organization=profile.organization)


# The living room --------------------------------------------------------------------------------------


def make_intro_request(
    scenario: Scenario | None = None,
    vendor: VendorProfile | None = None,
    kind: str = "interest",
    state: str = "open",
    requested_by: User | None = None,
    **kw,
):
    """An open request between a scenario and a vendor (a vendor's interest unless kind="invitation")."""
    from app.models import IntroRequest

    scenario = scenario or make_scenario()
    vendor = vendor or make_vendor()
    if kind == "interest":
        kw.setdefault("approach", "用多角度工业相机加缺陷检测模型替代人工目检，先在一条产线试点。")
    else:
        kw.setdefault("message", "我们看了贵司的案例，想约时间聊聊这个场景。")
    kw.setdefault("created_at", datetime.now(UTC))
    if state in ("accepted", "declined"):
        kw.setdefault("responded_at", kw["created_at"])
    if state == "declined":
        kw.setdefault("decline_reason", "no_capacity")
    request = IntroRequest(kind=kind, state=state, scenario=scenario, vendor=vendor, requested_by=requested_by, **kw)
    db.session.add(request)
    db.session.flush()
    return request


def make_connection(request=None, **kw):
    """A room opened by accepting the request (made here when not given)."""
    from app.models import Connection

    request = request or make_intro_request(state="accepted")
    request.state = "accepted"
    request.responded_at = request.responded_at or datetime.now(UTC)
    connection = Connection(request=request, scenario_id=request.scenario_id, vendor_id=request.vendor_id, **kw)
    db.session.add(connection)
    db.session.flush()
    return connection


# Matches ----------------------------------------------------------------------------------------------


def make_match_catalogue() -> dict:
    """A catalogue whose matches can be checked by hand: tyre inspection and speech scenarios, three vendors.

    s1, s2: tyre-inspection scenarios (visual inspection, tyres); s3: call-centre speech.
    vision: visual inspection for tyres; other: visual inspection, no industry; speech: speech recognition.
    """
    tyre = make_industry(
        "tyre-rubber", "轮胎橡胶", "Tyres and rubber", synonyms_zh=["轮胎", "胎面"], synonyms_en=["tyre"]
    )
    vision = make_capability(
        "visual-inspection",
        "机器视觉缺陷检测",
        "Visual defect inspection",
        synonyms_zh=["缺陷检测", "外观检测", "视觉检测"],
        synonyms_en=["defect detection"],
    )
    speech = make_capability(
        "speech", "语音识别", "Speech recognition", synonyms_zh=["语音", "语音识别"], synonyms_en=["speech"]
    )
    s1 = make_scenario(
        title="胎面外观缺陷检测",
        description="轮胎胎面外观缺陷靠人工目检，漏检率高，希望用视觉检测替代。",
        industry=tyre,
        capabilities=[vision],
        district="jimo",
    )
    s2 = make_scenario(
        title="轮胎胎侧缺陷视觉检测",
        description="胎侧气泡和杂质需要外观检测，每班三人目检。",
        industry=tyre,
        capabilities=[vision],
        district="laoshan",
    )
    s3 = make_scenario(
        title="客服电话语音质检", description="呼叫中心通话需要语音识别转写和质检。", capabilities=[speech]
    )
    v_vision = make_vendor(
        name="青视科技", description="机器视觉缺陷检测，轮胎外观检测案例多。", capabilities=[vision], industries=[tyre]
    )
    v_speech = make_vendor(name="青声智能", description="语音识别与客服质检。", capabilities=[speech])
    v_other = make_vendor(name="青检视觉", description="外观缺陷检测与视觉检测设备。", capabilities=[vision])
    db.session.commit()
    return {
        "s1": s1,
        "s2": s2,
        "s3": s3,
        "vision": v_vision,
        "speech": v_speech,
        "other": v_other,
        "tyre": tyre,
        "vision_cap": vision,
        "speech_cap": speech,
    }


# Saved searches and the shortlist ---------------------------------------------------------------------


def make_saved_search(
    user: User, name: str | None = None, kind: str = "scenario", frequency: str = "immediate", q: str = "", **kw
):
    """A saved search of `user` (immediate alerts unless told otherwise)."""
    from app.models import SavedSearch

    search = SavedSearch(
        user_id=user.id, kind=kind, name=name or f"search {next(_seq)}", q=q, frequency=frequency, **kw
    )
    db.session.add(search)
    db.session.flush()
    return search
