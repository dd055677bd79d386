"""Listing changes are queued in their own transaction and matched by the worker: what the request leaves behind,
what the drain stores (the same as a full recompute), and the vendor path that touches only the lists it changes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db as _db
from app.models import Match, MatcherState, MatchPending
from app.services import matches
from app.services.curation import ReviewDecision, review_listing
from tests.factories import (
    make_capability,
    make_match_catalogue,
    make_saved_search,
    make_scenario,
    make_user,
    make_vendor,
)


@pytest.fixture()
def catalogue(db):
    return make_match_catalogue()


def _stored() -> dict:
    """Every stored list as plain values: (scenario, vendor) -> (rank, score, reasons)."""
    return {
        (m.scenario_id, m.vendor_id): (m.rank, m.score, m.reasons)
        for m in _db.session.scalars(sa.select(Match).execution_options(populate_existing=True))
    }


def _pending() -> list[tuple]:
    return [
        (r.kind, r.listing_id, r.reindex, r.rematch, r.alert)
        for r in _db.session.scalars(sa.select(MatchPending).order_by(MatchPending.id))
    ]


def _generation() -> int:
    return _db.session.scalar(sa.select(MatcherState.generation))


def _rebuilt() -> dict:
    matches.rebuild_all()
    return _stored()


def _admin():
    return make_user("admin", email="admin@example.com")


def test_a_vendor_edit_leaves_a_pending_row_and_no_matcher_work(catalogue, queued):
    matches.rebuild_all()
    before, generation = _stored(), _generation()
    speech = catalogue["speech"]
    speech.capabilities = [catalogue["vision_cap"]]
    matches.listing_changed("vendor", speech.id)
    _db.session.commit()
    assert _pending() == [("vendor", speech.id, True, False, False)]
    assert queued == [1]  # one drain asked for, after the commit
    assert _stored() == before and _generation() == generation  # nothing matched, the index untouched
    assert matches.pending_since("vendor", speech.id) is not None
    count = matches.drain_pending()
    assert count.touched > 0 and _pending() == []
    assert matches.pending_since("vendor", speech.id) is None
    assert _generation() == generation + 1
    assert (catalogue["s1"].id, speech.id) in _stored()
    assert _stored() == _rebuilt()


def test_nothing_is_queued_when_the_transaction_rolls_back(catalogue, queued):
    matches.listing_changed("vendor", catalogue["speech"].id)
    _db.session.rollback()
    _db.session.commit()
    assert _pending() == [] and queued == []


def test_a_publish_is_matched_and_alerted_by_the_drain_not_the_request(catalogue, queued, outbox):
    watcher = make_user(email="watcher@example.com")
    make_saved_search(watcher, "轮胎", q="轮胎")
    admin = _admin()
    matches.rebuild_all()
    new = make_scenario(
        title="胎圈外观缺陷检测",
        description="轮胎胎圈外观缺陷检测，目前人工目检。",
        status="pending",
        published_at=None,
        industry=catalogue["tyre"],
        capabilities=[catalogue["vision_cap"]],
    )
    _db.session.commit()
    review_listing(admin, "scenario", new.id, ReviewDecision("approve"))
    assert _pending() == [("scenario", new.id, True, False, True)]
    assert outbox == [] and not [k for k in _stored() if k[0] == new.id]
    matches.drain_pending()
    assert (new.id, catalogue["vision"].id) in _stored()
    assert len(outbox) == 1 and outbox[0].recipients == ["watcher@example.com"]
    assert _pending() == []


def test_a_withdrawn_listing_loses_its_matches_in_the_request(catalogue, queued):
    matches.rebuild_all()
    s1, vision = catalogue["s1"], catalogue["vision"]
    s1.status = "draft"
    matches.listing_changed("scenario", s1.id)
    vision.status = "draft"
    matches.listing_changed("vendor", vision.id)
    _db.session.commit()
    stored = _stored()
    assert not [k for k in stored if k[0] == s1.id or k[1] == vision.id]
    left = _db.session.scalar(sa.select(MatchPending.left).where(MatchPending.kind == "vendor"))
    assert catalogue["s2"].id in left  # the lists it left, for the worker to refill
    matches.drain_pending()
    # Two listings fewer move every word's idf a little: the same lists in the same order, scores a hair apart.
    drained = {k: rank for k, (rank, _s, _r) in _stored().items()}
    assert drained == {k: rank for k, (rank, _s, _r) in _rebuilt().items()}


def test_not_relevant_takes_the_pair_out_at_once_and_the_drain_refills(catalogue, queued):
    matches.rebuild_all()
    s1, other = catalogue["s1"], catalogue["other"]
    matches.record_signal("not_relevant", s1.id, other.id, reason="只做金属件")
    _db.session.commit()
    assert (s1.id, other.id) not in _stored()
    assert _pending() == [("vendor", other.id, False, True, False)]
    generation = _generation()
    matches.drain_pending()
    assert _generation() == generation  # feedback changes lists, not the index
    assert _stored() == _rebuilt()


def test_an_unreachable_queue_loses_nothing(catalogue, queued, monkeypatch):
    from app import jobs

    def down():
        raise ConnectionError("redis is down")

    monkeypatch.setattr(jobs, "enqueue_match_drain", down)
    matches.rebuild_all()
    speech = catalogue["speech"]
    speech.capabilities = [catalogue["vision_cap"]]
    matches.listing_changed("vendor", speech.id)
    _db.session.commit()  # the change is saved although no job could be queued
    assert _pending() == [("vendor", speech.id, True, False, False)]
    jobs.drain_matches_leftovers.call_local()  # what the periodic job runs
    _db.session.rollback()
    assert _pending() == [] and (catalogue["s1"].id, speech.id) in _stored()


def test_the_summary_counts_waiting_listings_and_the_oldest_age(catalogue, queued, clock):
    start = datetime(2026, 12, 4, 1, 0, tzinfo=UTC)
    clock(start)
    assert matches.pending_summary() == matches.PendingSummary(0, None)
    matches.listing_changed("vendor", catalogue["speech"].id)
    _db.session.commit()
    clock.shift(timedelta(seconds=90))
    matches.listing_changed("scenario", catalogue["s1"].id)
    _db.session.commit()
    summary = matches.pending_summary()
    assert summary.waiting == 2 and summary.oldest_seconds == pytest.approx(90, abs=1)


# The vendor path: only the lists the vendor enters, leaves or moves in --------------------------------


@pytest.fixture()
def crowded(catalogue, monkeypatch):
    """The catalogue with lists of at most three vendors and seven vendors after them, so lists fill up."""
    monkeypatch.setattr(matches, "MAX_VENDORS_PER_SCENARIO", 3)
    vision, speech = catalogue["vision_cap"], catalogue["speech_cap"]
    ocr = make_capability("ocr", "文字识别", "Text recognition", synonyms_zh=["文字识别", "OCR"], synonyms_en=["ocr"])
    texts = [
        ("外观检测设备与视觉检测软件。", [vision]),
        ("轮胎缺陷检测和胎面外观检测。", [vision]),
        ("视觉检测，也做文字识别。", [vision, ocr]),
        ("语音识别和呼叫中心质检。", [speech]),
        ("客服质检，语音转写。", [speech]),
        ("文字识别与票据录入。", [ocr]),
        ("缺陷检测与语音识别都做。", [vision, speech]),
    ]
    for n, (text, caps) in enumerate(texts):
        make_vendor(name=f"青岛第{n}科技", description=text, capabilities=caps)
    make_scenario(title="票据文字识别", description="每月上万张票据需要文字识别录入。", capabilities=[ocr])
    make_scenario(title="胎侧字符识别", description="胎侧字符需要文字识别和外观检测。", capabilities=[ocr, vision])
    _db.session.commit()
    catalogue["ocr_cap"] = ocr
    return catalogue


@pytest.mark.parametrize(
    "capabilities",
    [["speech_cap"], ["ocr_cap"], ["vision_cap", "ocr_cap"], []],
    ids=["to-speech", "to-ocr", "adds-ocr", "drops-all"],
)
def test_a_vendor_edit_stores_what_a_full_recompute_stores(crowded, queued, capabilities):
    """Capabilities change the vendor's scores but no word counts, so every other score stays exactly as it was."""
    matches.rebuild_all()
    vendor = crowded["vision"]
    vendor.capabilities = [crowded[c] for c in capabilities]
    matches.listing_changed("vendor", vendor.id)
    _db.session.commit()
    matches.drain_pending()
    after = _stored()
    assert after == _rebuilt()
    assert max(rank for rank, _s, _r in after.values()) <= 3


def test_a_vendor_edit_reads_stored_matches_as_tuples_only(crowded, queued):
    """Aggregates, lists to renumber or rank again: all plain tuples, never Match objects with their JSON reasons."""
    matches.rebuild_all()
    vendor = crowded["vision"]
    vendor.capabilities = [crowded["vision_cap"], crowded["ocr_cap"]]
    matches.listing_changed("vendor", vendor.id)
    _db.session.commit()
    loaded: list[int] = []

    @sa.event.listens_for(_db.session, "loaded_as_persistent")
    def note(session, instance):
        if isinstance(instance, Match):
            loaded.append(instance.scenario_id)

    try:
        matches.drain_pending()
    finally:
        sa.event.remove(_db.session, "loaded_as_persistent", note)
    assert loaded == []
    assert _stored() == _rebuilt()


def test_feedback_that_pushes_a_vendor_out_of_full_lists_lets_the_next_one_in(crowded, queued):
    """A dismissed pair leaves a full list, and the penalty lowers the vendor in the other lists of that kind:
    those lists are ranked again and take in the vendor that was next."""
    matches.rebuild_all()
    s1 = crowded["s1"]
    top = min(_stored().items(), key=lambda kv: (kv[0][0] != s1.id, kv[1][0]))[0][1]  # first of s1's list
    matches.record_signal("not_relevant", s1.id, top, reason="not_our_capability")
    _db.session.commit()
    assert (s1.id, top) not in _stored()
    matches.drain_pending()
    after = _stored()
    assert len([k for k in after if k[0] == s1.id]) == 3  # the list is full again
    assert after == _rebuilt()


def test_a_withdrawn_vendor_leaves_full_lists_that_take_in_the_next_one(crowded, queued):
    matches.rebuild_all()
    vision = crowded["vision"]
    vision.status = "draft"
    matches.listing_changed("vendor", vision.id)
    _db.session.commit()
    matches.drain_pending()
    drained = {k: rank for k, (rank, _s, _r) in _stored().items()}
    assert not [k for k in drained if k[1] == vision.id]
    assert len([k for k in drained if k[0] == crowded["s1"].id]) == 3
    assert drained == {k: rank for k, (rank, _s, _r) in _rebuilt().items()}


def test_the_worker_polls_an_idle_sqlite_queue_at_least_twice_a_second(app, monkeypatch):
    """Huey's default backs off to 10 s between polls of SQLite storage: a listing's matches would wait that long."""
    from app import jobs

    seen: dict = {}

    class Consumer:
        def run(self):
            seen["ran"] = True

    def create_consumer(**options):
        seen.update(options)
        return Consumer()

    monkeypatch.setattr(jobs.huey, "immediate", False)
    monkeypatch.setattr(jobs.huey, "create_consumer", create_consumer)
    monkeypatch.setattr(jobs, "_bound", jobs._bound)
    result = app.test_cli_runner().invoke(jobs.worker_command)
    assert result.exit_code == 0, result.output
    assert seen["ran"] and seen["max_delay"] == jobs.POLL_MAX_DELAY <= 0.5
