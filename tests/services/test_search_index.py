"""Search follows each change to the index (a new, an edited and a withdrawn listing) without a rebuild."""

from __future__ import annotations

from app.extensions import db as _db
from app.services import matches, search
from tests.factories import make_match_catalogue, make_scenario


def _found(q: str) -> list[int]:
    return [i for i, _ in search.rank(search.prepare(q), "scenario")]


def test_search_finds_a_new_listing_and_forgets_a_withdrawn_one_right_after_the_change(db, app):
    cat = make_match_catalogue()
    matches.rebuild_all()
    assert _found("胎圈") == []
    new = make_scenario(
        title="胎圈外观缺陷检测", description="轮胎胎圈外观缺陷检测，目前人工目检。", industry=cat["tyre"]
    )
    matches.listing_changed("scenario", new.id)
    _db.session.commit()
    assert _found("胎圈") == [new.id]
    new.status = "draft"
    matches.listing_changed("scenario", new.id)
    _db.session.commit()
    assert _found("胎圈") == []


def test_search_after_changes_ranks_exactly_like_after_a_rebuild(db, app):
    cat = make_match_catalogue()
    matches.rebuild_all()
    extra = make_scenario(title="轮胎胎侧气泡检测", description="胎侧气泡需要视觉检测。", industry=cat["tyre"])
    matches.listing_changed("scenario", extra.id)
    cat["s2"].title = "轮胎胎侧缺陷视觉检测与分拣"
    matches.listing_changed("scenario", cat["s2"].id)
    cat["s3"].status = "draft"
    matches.listing_changed("scenario", cat["s3"].id)
    _db.session.commit()
    queries = ("轮胎", "缺陷检测", "defect detection", "胎侧 气泡", "语音")
    after_changes = {q: search.rank(search.prepare(q), "scenario") for q in queries}
    assert after_changes["胎侧 气泡"] and not after_changes["语音"]
    matches.rebuild_all()
    rebuilt = {q: search.rank(search.prepare(q), "scenario") for q in queries}
    assert {q: [i for i, _ in r] for q, r in after_changes.items()} == {
        q: [i for i, _ in r] for q, r in rebuilt.items()
    }
    for q in queries:
        assert [round(s, 9) for _, s in after_changes[q]] == [round(s, 9) for _, s in rebuilt[q]]
