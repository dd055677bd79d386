"""The resident matcher: saved under MATCHER_DIR, loaded lazily, reloaded when another worker moved on, refit by rule."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app import matcher_store
from app.extensions import db as _db
from app.models import Match, MatcherState
from app.services import matches
from tests.factories import make_match_catalogue, make_scenario


@pytest.fixture()
def cat(db, app):
    catalogue = make_match_catalogue()
    matches.rebuild_all()
    return catalogue


def _state() -> MatcherState:
    _db.session.expire_all()
    return _db.session.get(MatcherState, 1)


def test_there_is_no_index_before_the_first_rebuild(db):
    assert matcher_store.is_stale()


def test_a_rebuild_saves_a_version_stamped_file_named_by_the_state_row(cat):
    state = _state()
    path = matcher_store.index_path(state.index_key, state.generation)
    assert path.exists()
    assert not matcher_store.is_stale()
    from matching import Matcher

    loaded = Matcher.load(path)
    assert sorted(loaded.scenario_ids_) == sorted(str(cat[k].id) for k in ("s1", "s2", "s3"))


def test_each_committed_change_writes_the_next_generation(cat):
    before = _state().generation
    cat["s3"].status = "draft"
    matches.listing_changed("scenario", cat["s3"].id)
    _db.session.commit()
    state = _state()
    assert state.generation == before + 1
    assert matcher_store.index_path(state.index_key, state.generation).exists()


def test_another_worker_loads_the_new_generation_instead_of_refitting(cat, app):
    store = matcher_store.resident(app)
    cat["s3"].status = "draft"
    matches.listing_changed("scenario", cat["s3"].id)
    _db.session.commit()
    other = matcher_store.ResidentMatcher()  # a second process, as it starts
    app.extensions["keting_matcher"] = other
    try:
        m = matcher_store.current().matcher
        assert (other.loads, other.fits) == (1, 0)
        assert str(cat["s3"].id) not in m.scenario_ids_
        matcher_store.current()
        assert other.loads == 1  # still current: no second read
    finally:
        app.extensions["keting_matcher"] = store


def test_a_worker_a_step_behind_reloads_before_changing(cat, app):
    from matching import Matcher

    store = matcher_store.resident(app)
    state = _state()
    old = matcher_store.index_path(state.index_key, state.generation)
    stale_copy = matcher_store.Snapshot(
        Matcher.load(old), state.index_key, state.generation, state.taxonomy_fingerprint
    )
    cat["s3"].status = "draft"
    matches.listing_changed("scenario", cat["s3"].id)
    _db.session.commit()
    store.snapshot = stale_copy  # this worker never saw that change
    loads = store.loads
    new = make_scenario(
        title="胎圈外观缺陷检测",
        description="轮胎胎圈外观缺陷检测，目前人工目检。",
        industry=cat["tyre"],
        capabilities=[cat["vision_cap"]],
    )
    matches.listing_changed("scenario", new.id)
    _db.session.commit()
    assert store.loads == loads + 1
    m = matcher_store.current().matcher
    assert str(cat["s3"].id) not in m.scenario_ids_ and str(new.id) in m.scenario_ids_


def test_a_missing_file_is_refit_from_the_database_without_recomputing_everything(cat, app):
    state = _state()
    matcher_store.index_path(state.index_key, state.generation).unlink()
    matcher_store.resident(app).forget()
    cur = matcher_store.current()
    assert not cur.refitted and str(cat["s1"].id) in cur.matcher.scenario_ids_


def test_an_unreadable_or_stale_file_is_refit_and_everything_recomputed(cat, app):
    state = _state()
    matcher_store.index_path(state.index_key, state.generation).write_bytes(b"not an index")
    matcher_store.resident(app).forget()
    assert matcher_store.is_stale()
    cur = matcher_store.current()
    assert cur.refitted


def test_an_edited_taxonomy_refits_and_recomputes_on_the_next_change(cat, app, queued):
    cat["vision_cap"].name_en = "Machine-vision inspection"
    _db.session.commit()
    assert matcher_store.is_stale()
    matches.listing_changed("scenario", cat["s3"].id)
    _db.session.commit()
    count = matches.drain_pending()
    assert count.updated > 0  # every list was recomputed, with the new label in the reasons
    row = _db.session.scalar(sa.select(Match).where(Match.scenario_id == cat["s1"].id, Match.rank == 1))
    assert any(r.get("en") == "Machine-vision inspection" for r in row.reasons)
    assert not matcher_store.is_stale()


def test_a_rollback_forgets_the_uncommitted_change(cat, app):
    store = matcher_store.resident(app)
    matcher_store.begin_change().matcher.remove_scenario(str(cat["s1"].id))
    _db.session.rollback()
    assert store.snapshot is None
    assert str(cat["s1"].id) in matcher_store.current().matcher.scenario_ids_


def test_old_generations_are_pruned(cat):
    for _ in range(matcher_store.KEEP_GENERATIONS + 3):
        matches.listing_changed("scenario", cat["s3"].id)
        _db.session.commit()
    state = _state()
    files = sorted(p.name for p in matcher_store.matcher_dir().glob(f"index-{state.index_key}-*.npz"))
    assert len(files) == matcher_store.KEEP_GENERATIONS + 1


def test_flask_match_rebuild_prints_a_progress_bar_and_the_count(app, db):
    make_match_catalogue()
    result = app.test_cli_runner().invoke(args=["match", "rebuild"])
    assert result.exit_code == 0, result.output
    assert "Matching scenarios" in result.output and "Stored" in result.output
    assert _db.session.scalar(sa.select(sa.func.count(Match.id))) > 0


def test_flask_match_rebuild_if_stale_does_nothing_when_current(cat, app):
    result = app.test_cli_runner().invoke(args=["match", "rebuild", "--if-stale"])
    assert result.exit_code == 0 and "nothing to do" in result.output


def test_flask_match_status_names_the_index(cat, app):
    result = app.test_cli_runner().invoke(args=["match", "status"])
    assert result.exit_code == 0 and "generation" in result.output and "taxonomy current: yes" in result.output


def test_listings_loaded_behind_the_services_back_make_the_index_stale(cat):
    make_scenario(title="新导入的场景", description="轮胎外观缺陷检测，批量导入。")
    _db.session.commit()
    assert matcher_store.is_stale()


def test_two_workers_changing_at_once_queue_up_and_the_second_builds_on_the_first(cat, app):
    """Two apps (two gunicorn workers with their own resident matcher) change listings at the same moment."""
    import threading
    import time

    from app import create_app

    second = create_app(dict(app.config))
    s3_id = cat["s3"].id
    new = make_scenario(
        title="胎圈外观缺陷检测",
        description="轮胎胎圈外观缺陷检测，目前人工目检。",
        status="pending",
        industry=cat["tyre"],
        capabilities=[cat["vision_cap"]],
    )
    _db.session.commit()
    new_id = new.id
    start = _state().generation
    errors: list[BaseException] = []
    first_locked = threading.Event()

    def withdraw_in_first_worker():
        try:
            with app.app_context():
                from app.models import Scenario

                _db.session.get(Scenario, s3_id).status = "draft"
                matches.listing_changed("scenario", s3_id)
                first_locked.set()
                time.sleep(0.5)  # hold the lock while the other worker tries
                _db.session.commit()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
            first_locked.set()

    def publish_in_second_worker():
        try:
            first_locked.wait(5)
            with second.app_context():
                from app.models import Scenario

                _db.session.get(Scenario, new_id).status = "published"
                matches.listing_changed("scenario", new_id)
                _db.session.commit()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=withdraw_in_first_worker), threading.Thread(target=publish_in_second_worker)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not errors, errors
    state = _state()
    assert state.generation == start + 2
    from matching import Matcher

    final = Matcher.load(matcher_store.index_path(state.index_key, state.generation))
    assert str(new_id) in final.scenario_ids_ and str(s3_id) not in final.scenario_ids_
    with second.app_context():
        _db.session.remove()
