"""Admins teach the matcher: every shipped taxonomy entry saves unchanged, an edit reaches search, and the
dashboard lists barely understood scenarios with cue words accepted in one click."""

from __future__ import annotations

import sqlalchemy as sa

from app.models import AuditEntry, Capability, Industry
from app.services import teaching
from tests.factories import make_capability, make_industry, make_org, make_scenario, make_user, make_vendor


def _form_of(node) -> dict:
    return {
        "name_zh": node.name_zh,
        "name_en": node.name_en,
        "parent": node.parent.code if node.parent else "",
        **{f: "\n".join(getattr(node, f) or []) for f in ("synonyms_zh", "synonyms_en", "weak_zh", "weak_en")},
    }


def test_every_shipped_taxonomy_entry_saves_unchanged(client, db, login_as):
    from seeds.loader import load_all

    load_all(taxonomy_only=True)
    login_as(make_user(role="admin"))
    nodes = [("industry", n) for n in db.session.scalars(sa.select(Industry))] + [
        ("capability", n) for n in db.session.scalars(sa.select(Capability))
    ]
    assert len(nodes) >= 54
    assert max(len(n.synonyms_en or []) for _, n in nodes) > 150  # the lists that used to fail
    failed = []
    for kind, node in nodes:
        response = client.post(f"/admin/taxonomy/{kind}/{node.id}", data=_form_of(node))
        if response.status_code != 302:
            failed.append((node.code, response.status_code))
    assert not failed
    assert db.session.scalar(sa.select(sa.func.count(AuditEntry.id))) == 0  # nothing changed, nothing logged


def _catalogue(db):
    vision = make_capability(
        "visual-inspection",
        "机器视觉缺陷检测",
        "Visual defect inspection",
        synonyms_zh=["缺陷检测"],
        synonyms_en=["defect detection"],
    )
    tyre = make_industry("tyre-rubber", "轮胎橡胶", "Tyres and rubber", synonyms_zh=["轮胎"], synonyms_en=["tyre"])
    scenarios = [
        make_scenario(
            make_org(),
            title=f"胎面磨痕工位{i}号",
            description="胎面磨痕靠人眼，夜班看不过来。",
            industry=tyre,
            capabilities=[vision],
        )
        for i in range(4)
    ]
    other = make_scenario(make_org(), title="仓库账目对不上", description="月底盘点总是对不上账。")
    vendor = make_vendor(name="磨痕专家", description="专做胎面磨痕识别。", capabilities=[vision], industries=[tyre])
    db.session.commit()
    return {"vision": vision, "scenarios": scenarios, "other": other, "vendor": vendor}


def test_an_edit_reaches_search(client, db, login_as):
    world = _catalogue(db)
    assert "胎面磨痕工位0号" not in client.get("/scenarios?q=scuffing").get_data(as_text=True)
    login_as(make_user(role="admin"))
    data = _form_of(world["vision"])
    data["synonyms_en"] += "\nscuffing"
    assert client.post(f"/admin/taxonomy/capability/{world['vision'].id}", data=data).status_code == 302
    page = client.get("/scenarios?q=scuffing").get_data(as_text=True)
    assert "胎面磨痕工位0号" in page and "仓库账目对不上" not in page
    assert "磨痕专家" in client.get("/vendors?q=scuffing").get_data(as_text=True)


def test_cue_words_are_mined_from_the_listings_of_a_capability(db):
    _catalogue(db)
    cues = teaching.mine_cues()
    assert "visual-inspection" in {c.capability.code for c in cues.get("磨痕", [])}
    assert "对不上" not in cues  # used by one listing only: no support


def test_the_dashboard_lists_barely_understood_scenarios_and_one_click_teaches(client, db, login_as):
    _catalogue(db)
    admin = make_user(role="admin")
    login_as(admin)
    items, total = teaching.poorly_understood(admin)
    titles = {i.scenario.title for i in items}
    assert "胎面磨痕工位0号" in titles and total == len(items)
    assert any(c.word == "磨痕" for i in items for c in i.cues)
    page = client.get("/admin/").get_data(as_text=True)
    assert "胎面磨痕工位" in page and 'name="word" value="磨痕"' in page and "/admin/teach" in page
    assert client.get("/admin/teach").status_code == 200
    response = client.post(
        "/admin/teach/accept", data={"capability": "visual-inspection", "word": "磨痕", "next": "dashboard"}
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("/admin/")
    db.session.expire_all()
    assert "磨痕" in db.session.scalar(sa.select(Capability).where(Capability.code == "visual-inspection")).synonyms_zh
    entry = db.session.scalar(sa.select(AuditEntry).order_by(AuditEntry.id.desc()))
    assert entry.action == "capability.edit"
    # The matcher was rebuilt with the word: those scenarios are now understood.
    items, _ = teaching.poorly_understood(admin)
    assert "胎面磨痕工位0号" not in {i.scenario.title for i in items}


def test_teaching_is_for_admins_and_refuses_odd_words(client, db, login_as):
    _catalogue(db)
    login_as(make_user(role="enterprise", organization=make_org()))
    assert client.get("/admin/teach").status_code in (403, 404)
    assert client.post("/admin/teach/accept", data={"capability": "visual-inspection", "word": "磨痕"}).status_code in (
        403,
        404,
    )
    login_as(make_user(role="admin"))
    for word, code in (("<script>", "visual-inspection"), ("磨痕", "no-such-code"), ("", "visual-inspection")):
        response = client.post("/admin/teach/accept", data={"capability": code, "word": word})
        assert response.status_code in (302, 404)
    db.session.expire_all()
    assert "<script>" not in (db.session.scalar(sa.select(Capability)).synonyms_en or [])


def test_keyword_lists_shown_to_people_carry_no_stray_punctuation():
    from app.services.text import keywords

    assert keywords(["30%", "“质检”", "c++", "x-ray", "，", "0.1mm", "缺陷。", "Defect", "defect", "(AI)", "2020"]) == [
        "质检",
        "c++",
        "x-ray",
        "0.1mm",
        "缺陷",
        "Defect",
        "AI",
    ]


def test_words_in_common_on_a_match_are_shown_without_punctuation(app):
    from flask import render_template_string

    reasons = [
        {"kind": "term", "code": None, "zh": "“胎面”", "en": "tread,", "share": 0.1},
        {"kind": "term", "code": None, "zh": "30%", "en": "30%", "share": 0.1},
    ]
    with app.test_request_context("/?lang=zh"):
        html = render_template_string(
            '{% from "matches/_macros.html" import reasons_list with context %}{{ reasons_list(reasons) }}',
            reasons=reasons,
            is_english=False,
        )
    assert '<span class="term">胎面</span>' in html and "30%" not in html and "“" not in html
