"""The catalogue generation grows with every committed change to what public pages show, and only then."""

from __future__ import annotations

import sqlalchemy as sa

from app.models import Scenario
from app.services import generation
from tests.factories import make_capability, make_org, make_scenario, make_user, make_vendor


def _now() -> int:
    generation.forget()
    return generation.catalogue_generation()


def test_a_new_scenario_bumps_the_generation_when_it_is_committed(db):
    before = _now()
    make_scenario()
    db.session.commit()
    assert _now() > before


def test_a_rolled_back_change_leaves_the_generation_as_it_was(db):
    make_scenario()
    db.session.commit()
    before = _now()
    scenario = db.session.scalar(sa.select(Scenario))
    scenario.title = "轮胎胎侧缺陷检测"
    db.session.flush()
    db.session.rollback()
    assert _now() == before


def test_editing_a_vendor_profile_an_organization_or_the_taxonomy_bumps_it(db):
    vendor = make_vendor()
    capability = make_capability("speech", "语音识别", "Speech recognition")
    db.session.commit()
    for change in (
        lambda: setattr(vendor, "products", "AI 质检云服务"),
        lambda: setattr(vendor.organization, "description", "机器视觉缺陷检测与外观检测。"),
        lambda: setattr(capability, "name_en", "Speech to text"),
        lambda: vendor.capabilities.append(capability),
    ):
        before = _now()
        change()
        db.session.commit()
        assert _now() == before + 1


def test_a_bulk_update_of_scenarios_bumps_it(db):
    make_scenario()
    db.session.commit()
    before = _now()
    db.session.execute(sa.update(Scenario).values(featured=True))
    db.session.commit()
    assert _now() > before


def test_a_member_joining_bumps_it_but_a_login_does_not(db):
    org = make_org()
    db.session.commit()
    before = _now()
    user = make_user("enterprise", organization=org)
    db.session.commit()
    joined = _now()
    assert joined > before  # the organization is no longer "not on Keting yet"
    user.display_name = "王工"
    user.last_login_at = sa.func.now()
    db.session.commit()
    assert _now() == joined


def test_a_cached_value_is_computed_again_after_a_change(app, db):
    from app.extensions import cache

    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    cache.init_app(app, config={"CACHE_TYPE": "SimpleCache"})
    try:
        assert generation.cached("test_value", compute, "k") == 1
        assert generation.cached("test_value", compute, "k") == 1  # from the cache
        make_scenario()
        db.session.commit()
        generation.forget()
        assert generation.cached("test_value", compute, "k") == 2
    finally:
        cache.init_app(app, config={"CACHE_TYPE": "NullCache", "CACHE_NO_NULL_WARNING": True})


def test_a_process_reads_the_generation_at_most_once_per_ttl_and_forgets_it_at_its_own_commit(app, db):
    from tests.querycount import count_queries

    app.config["CATALOGUE_GENERATION_TTL"] = 60.0
    generation.forget(everywhere=True)  # a reading left by an earlier test, of tables emptied since
    try:
        first = _now()
        with count_queries() as seen:
            generation.forget()  # a new request: nothing on `g`
            assert generation.catalogue_generation() == first
        assert seen.count == 0
        make_scenario()
        db.session.commit()
        generation.forget()
        assert generation.catalogue_generation() > first
    finally:
        app.config["CATALOGUE_GENERATION_TTL"] = 0.0


def test_a_catalogue_started_again_at_the_same_number_gets_another_token(db):
    make_scenario()
    db.session.commit()
    first = (generation.forget(), generation.current())[1]
    # A wiped database starts the generation again (a reset, each test's tables): the number can come back,
    # the time of the change does not, so cached pages and counts of the old catalogue are never served.
    db.session.execute(
        sa.text("UPDATE catalogue_generation SET value = :v, changed_at = :at"),
        {"v": first.value, "at": first.changed_at.replace(year=first.changed_at.year + 1)},
    )
    db.session.commit()
    generation.forget(everywhere=True)
    again = generation.current()
    assert again.value == first.value and again.token != first.token
