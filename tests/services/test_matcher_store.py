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


def _row():
    """The state row's values now (the ORM object itself would show later values once expired)."""
    from types import SimpleNamespace

    state = _state()
    return SimpleNamespace(
        index_key=state.index_key, generation=state.generation, base_generation=state.base_generation
    )


def _committed_index():
    """The committed index as a process with no copy of its own reads it: the base file and the deltas after it."""
    from matching import Matcher

    state = _state()
    m = Matcher.load(matcher_store.index_path(state.index_key, state.base_generation))
    for gen in range(state.base_generation + 1, state.generation + 1):
        m.apply_delta(matcher_store.delta_path(state.index_key, gen))
    return m


def _withdraw(scenario) -> None:
    scenario.status = "draft"
    matches.listing_changed("scenario", scenario.id)
    _db.session.commit()


def test_each_committed_change_writes_a_small_delta_and_leaves_the_base_file_alone(cat):
    before = _row()
    base = matcher_store.index_path(before.index_key, before.base_generation)
    stamp = base.stat().st_mtime_ns
    _withdraw(cat["s3"])
    state = _state()
    assert state.generation == before.generation + 1 and state.base_generation == before.base_generation
    delta = matcher_store.delta_path(state.index_key, state.generation)
    assert delta.exists() and delta.stat().st_size < base.stat().st_size
    assert not matcher_store.index_path(state.index_key, state.generation).exists()
    assert base.stat().st_mtime_ns == stamp
    assert str(cat["s3"].id) not in _committed_index().scenario_ids_


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


def test_a_worker_a_step_behind_replays_only_the_new_delta_before_changing(cat, app):
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
    deltas = store.deltas
    matches.listing_changed("scenario", new.id)
    _db.session.commit()
    assert store.loads == loads and store.deltas == deltas + 1  # no file reread, one delta replayed
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


def test_a_fresh_process_loads_the_base_and_replays_the_deltas_after_it(cat, app):
    _withdraw(cat["s3"])
    _withdraw(cat["s2"])
    other = matcher_store.ResidentMatcher()
    store, app.extensions["keting_matcher"] = matcher_store.resident(app), other
    try:
        ids = matcher_store.current().matcher.scenario_ids_
        assert (other.loads, other.fits) == (1, 0)
        assert str(cat["s2"].id) not in ids and str(cat["s3"].id) not in ids and str(cat["s1"].id) in ids
    finally:
        app.extensions["keting_matcher"] = store


def test_a_missing_delta_refits_from_the_database_and_the_next_change_writes_a_new_base(cat, app):
    _withdraw(cat["s3"])
    state = _state()
    matcher_store.delta_path(state.index_key, state.generation).unlink()
    store = matcher_store.resident(app)
    store.forget()
    fits = store.fits
    cur = matcher_store.current()
    assert not cur.refitted and store.fits == fits + 1  # the same listings refit to the same scores
    assert str(cat["s3"].id) not in cur.matcher.scenario_ids_
    _withdraw(cat["s2"])
    state = _state()
    assert state.base_generation == state.generation
    assert matcher_store.index_path(state.index_key, state.generation).exists()
    assert str(cat["s2"].id) not in _committed_index().scenario_ids_


def test_a_copy_that_cannot_replay_a_delta_is_dropped_and_loaded_cleanly(cat, app):
    store = matcher_store.resident(app)
    matcher_store.current()
    held = store.snapshot
    _withdraw(cat["s3"])
    state = _state()
    held_copy = matcher_store.Snapshot(
        matcher_store._load_chain(state.index_key, state.base_generation, state.base_generation, held.matcher.lexicon_),
        state.index_key,
        state.base_generation,
        held.taxonomy,
    )
    held_copy.matcher.remove_scenario(str(cat["s1"].id))  # a copy that is not what its generation says
    held_copy.matcher.clear_journal()
    store.snapshot = held_copy
    loads = store.loads
    m = matcher_store.current().matcher
    assert store.loads == loads + 1 and m is not held_copy.matcher
    assert str(cat["s1"].id) in m.scenario_ids_ and str(cat["s3"].id) not in m.scenario_ids_


def test_an_unreadable_delta_refits_and_recomputes_everything(cat, app):
    _withdraw(cat["s3"])
    state = _state()
    matcher_store.delta_path(state.index_key, state.generation).write_text("{not json", encoding="utf-8")
    matcher_store.resident(app).forget()
    assert matcher_store.current().refitted


def test_a_rolled_back_change_writes_no_delta_and_the_next_use_reads_the_committed_state(cat, app):
    before = _row()
    cat["s1"].status = "draft"
    matches.listing_changed("scenario", cat["s1"].id)
    _db.session.rollback()
    assert not matcher_store.delta_path(before.index_key, before.generation + 1).exists()
    assert _state().generation == before.generation
    assert str(cat["s1"].id) in matcher_store.current().matcher.scenario_ids_
    _withdraw(cat["s3"])  # the generation the rollback gave back is used by the next change
    assert str(cat["s3"].id) not in _committed_index().scenario_ids_


def test_compaction_runs_once_the_deltas_pass_the_limit_and_keeps_the_previous_base(cat, app, monkeypatch):
    monkeypatch.setitem(app.config, "MATCHER_COMPACT_AFTER", 2)
    monkeypatch.setattr(matcher_store, "COMPACT_REQUEUE_SECONDS", 0.0)
    first = _row()
    _withdraw(cat["s3"])
    assert _state().base_generation == first.base_generation  # one delta: not due yet
    _withdraw(cat["s2"])  # the second is due: the compaction task runs (eagerly in tests) after the commit
    state = _row()
    assert state.base_generation == state.generation == first.generation + 2
    assert matcher_store.index_path(state.index_key, state.generation).exists()
    # A worker that read the row just before still finds the previous base and the deltas after it.
    assert matcher_store.index_path(first.index_key, first.base_generation).exists()
    assert matcher_store.delta_path(first.index_key, first.generation + 1).exists()
    s1 = cat["s1"]
    matches.listing_changed("scenario", s1.id)
    _db.session.commit()
    matches.listing_changed("scenario", s1.id)
    _db.session.commit()
    # The next compaction prunes what is behind its previous base.
    assert not matcher_store.index_path(first.index_key, first.base_generation).exists()
    assert not matcher_store.delta_path(first.index_key, first.generation + 1).exists()
    files = sorted(p.name for p in matcher_store.matcher_dir().glob(f"*-{state.index_key}-*"))
    newest = _state()
    assert files == sorted(
        [f"index-{state.index_key}-{state.generation}.npz", f"index-{state.index_key}-{newest.generation}.npz"]
        + [f"delta-{state.index_key}-{g}.json" for g in range(state.generation + 1, newest.generation + 1)]
    )
    assert sorted(_committed_index().scenario_ids_) == [str(s1.id)]


def test_compaction_does_nothing_when_not_due(cat):
    assert matcher_store.compact() is None
    _withdraw(cat["s3"])
    assert matcher_store.compact() is None
    assert matcher_store.compact(force=True) == _state().generation


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
    start = _row().generation
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
    final = _committed_index()
    assert str(new_id) in final.scenario_ids_ and str(s3_id) not in final.scenario_ids_
    with second.app_context():
        _db.session.remove()


def test_a_compaction_while_another_worker_commits_a_change_loses_nothing(cat, app):
    """The job worker compacts (its own resident copy) while a web worker holds the generation lock for a change."""
    import threading
    import time

    from app import create_app

    worker = create_app(dict(app.config))
    s3_id, s2_id = cat["s3"].id, cat["s2"].id
    _withdraw(cat["s2"])
    start = _row()
    errors: list[BaseException] = []
    locked = threading.Event()
    compacted: list[int | None] = []

    def change_in_web_worker():
        try:
            with app.app_context():
                from app.models import Scenario

                _db.session.get(Scenario, s3_id).status = "draft"
                matches.listing_changed("scenario", s3_id)
                locked.set()
                time.sleep(0.5)  # hold the lock while the compaction runs
                _db.session.commit()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
            locked.set()

    def compact_in_job_worker():
        try:
            locked.wait(5)
            with worker.app_context():
                compacted.append(matcher_store.compact(force=True))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=change_in_web_worker), threading.Thread(target=compact_in_job_worker)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not errors, errors
    state = _state()
    assert compacted == [start.generation]  # the committed generation it saw, not the one being made
    assert state.generation == start.generation + 1 and state.base_generation == start.generation
    final = _committed_index()
    assert str(s3_id) not in final.scenario_ids_ and str(s2_id) not in final.scenario_ids_
    with worker.app_context():
        _db.session.remove()


def test_a_read_in_another_thread_during_a_change_keeps_the_copy_being_changed(cat, app):
    import threading

    store = matcher_store.resident(app)
    s3_id = cat["s3"].id
    cat["s3"].status = "draft"
    matches.listing_changed("scenario", s3_id)  # this thread holds the lock and has changed the resident copy
    changing = store.snapshot.matcher
    seen: list = []

    def read_elsewhere():
        with app.app_context():
            seen.append(matcher_store.current().matcher)
            _db.session.remove()

    reader = threading.Thread(target=read_elsewhere)
    reader.start()
    reader.join(30)
    assert seen == [changing] and store.snapshot.matcher is changing
    _db.session.commit()
    assert str(s3_id) not in _committed_index().scenario_ids_
