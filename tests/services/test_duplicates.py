"""Near-duplicates: flagged on submit, shown side by side, merged (with interests moving over) or dismissed."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.extensions import db as _db
from app.models import AuditEntry, Connection, DuplicateFlag, IntroRequest, Match, MatchSignal, Scenario
from app.services import duplicates, matches
from app.services.errors import InvalidInput, PermissionDenied
from app.services.inputs import ScenarioInput
from app.services.scenarios import create_scenario
from tests.factories import make_connection, make_intro_request, make_match_catalogue, make_scenario, make_user

NEAR_COPY = ScenarioInput(
    title="胎面外观缺陷检测",
    description="轮胎胎面外观缺陷靠人工目检，漏检率高，希望用视觉检测替代人工。",
    industry="tyre-rubber",
    capabilities=("visual-inspection",),
    submit=True,
)


@pytest.fixture()
def catalogue(db):
    data = make_match_catalogue()
    matches.rebuild_all()
    return data


@pytest.fixture()
def admin(db):
    return make_user("admin", email="dup-admin@keting.local")


def _flags() -> list[DuplicateFlag]:
    return list(_db.session.scalars(sa.select(DuplicateFlag).order_by(DuplicateFlag.id)))


def test_sending_a_near_copy_for_review_flags_it_against_the_published_one(catalogue):
    poster = make_user("enterprise")
    scenario = create_scenario(poster, NEAR_COPY)
    [flag] = _flags()
    assert (flag.scenario_id, flag.duplicate_of_id, flag.source, flag.status) == (
        scenario.id,
        catalogue["s1"].id,
        "submit",
        "open",
    )
    assert flag.score >= 0.8
    assert flag.shared_terms


def test_a_different_scenario_is_not_flagged(catalogue):
    create_scenario(
        make_user("enterprise"),
        ScenarioInput(
            title="港口集装箱堆场调度优化",
            description="码头堆场翻箱率高，希望用运筹优化算法安排集装箱堆放位置，减少翻箱。",
            submit=True,
        ),
    )
    assert _flags() == []


def test_a_saved_draft_is_not_checked(catalogue):
    from dataclasses import replace

    create_scenario(make_user("enterprise"), replace(NEAR_COPY, submit=False))
    assert _flags() == []


def test_a_dismissed_pair_is_not_flagged_again(catalogue, admin):
    poster = make_user("enterprise")
    scenario = create_scenario(poster, NEAR_COPY)
    duplicates.dismiss_flag(admin, _flags()[0].id, "different plants")
    from app.services.scenarios import update_scenario

    update_scenario(poster, scenario.id, NEAR_COPY)
    assert [f.status for f in _flags()] == ["dismissed"]


def test_the_pair_view_marks_the_passages_that_read_alike(catalogue, admin):
    create_scenario(
        make_user("enterprise"),
        ScenarioInput(
            title="胎面外观缺陷检测",
            industry="tyre-rubber",
            capabilities=("visual-inspection",),
            submit=True,
            description="轮胎胎面外观缺陷靠人工目检，漏检率高，希望用视觉检测替代。另外，我们在青岛即墨有两个工厂需要覆盖。",
        ),
    )
    pair = duplicates.get_pair(admin, _flags()[0].id)
    marked = [(p.text, p.similar) for p in pair.left.description]
    assert marked[0][1] is True
    assert any(not similar and "即墨" in text for text, similar in marked)
    assert all(p.similar for p in pair.left.title)


def _merge_setup(catalogue, same_owner: bool = True):
    """A near copy of s1 sent for review, flagged against s1; posted by s1's own organization unless told."""
    kept = catalogue["s1"]
    poster = make_user("enterprise", organization=kept.owner if same_owner else None)
    duplicate = create_scenario(poster, NEAR_COPY)
    flag = _flags()[0]
    return poster, duplicate, kept, flag


def test_merging_moves_interests_matches_and_signals_to_the_scenario_kept(catalogue, admin, client):
    _poster, duplicate, kept, flag = _merge_setup(catalogue)
    duplicate.status = "published"
    _db.session.commit()
    matches.listing_changed("scenario", duplicate.id)
    _db.session.commit()
    speech = catalogue["speech"]
    moving = make_intro_request(scenario=duplicate, vendor=speech)  # the kept scenario has none from this vendor
    signal = MatchSignal(kind="opened", scenario_id=duplicate.id, vendor_id=speech.id)
    _db.session.add(signal)
    _db.session.commit()

    result = duplicates.merge_scenarios(admin, flag.id, kept.id, "same tread line")

    _db.session.expire_all()
    assert _db.session.get(IntroRequest, moving.id).scenario_id == kept.id
    assert _db.session.get(MatchSignal, signal.id).scenario_id == kept.id
    merged = _db.session.get(Scenario, duplicate.id)
    assert (merged.status, merged.merged_into_id) == ("merged", kept.id)
    assert result.moved.get("intro_request") == 1 and result.moved.get("match_signal") == 1
    assert _db.session.scalar(sa.select(sa.func.count(Match.id)).where(Match.scenario_id == duplicate.id)) == 0
    assert _db.session.get(DuplicateFlag, flag.id).status == "merged"
    [entry] = _db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "scenario.merge")).all()
    assert entry.after["merged_into_id"] == kept.id and entry.note == "same tread line"


def test_a_request_whose_twin_already_exists_on_the_kept_scenario_does_not_move(catalogue, admin):
    _poster, duplicate, kept, flag = _merge_setup(catalogue)
    vision = catalogue["vision"]
    on_kept = make_intro_request(scenario=kept, vendor=vision)
    on_duplicate = make_intro_request(scenario=duplicate, vendor=vision)
    room = make_connection(make_intro_request(scenario=duplicate, vendor=catalogue["other"]))
    _db.session.commit()

    result = duplicates.merge_scenarios(admin, flag.id, kept.id)

    _db.session.expire_all()
    assert _db.session.get(IntroRequest, on_kept.id).scenario_id == kept.id
    twin = _db.session.get(IntroRequest, on_duplicate.id)
    assert (twin.scenario_id, twin.state) == (duplicate.id, "withdrawn")  # the live pair stays unique
    assert _db.session.get(Connection, room.id).scenario_id == kept.id  # its request moved, so the room did too
    assert result.kept.get("intro_request") == 1


def _conversations_on(duplicate, catalogue):
    """On the duplicate: a room (accepted request) with one vendor, an open request from another, a notification."""
    from app.models import Notification
    from app.services import rooms as room_service
    from app.services.inputs import MessageInput

    room = make_connection(make_intro_request(scenario=duplicate, vendor=catalogue["speech"]))
    waiting = make_intro_request(scenario=duplicate, vendor=catalogue["other"])
    seller = make_user("vendor", organization=catalogue["speech"].organization)
    _db.session.commit()
    room_service.post_message(seller, room.id, MessageInput(body="我们的报价和试点方案见附件说明，价格可谈。"))
    note = Notification(
        user_id=duplicate.created_by_id,
        kind="interest_received",
        request_id=waiting.id,
        scenario_id=duplicate.id,
        data={},
    )
    _db.session.add(note)
    _db.session.commit()
    return room, waiting, note


def test_merging_across_organizations_leaves_requests_and_rooms_with_their_own_organization(catalogue, admin):
    from app.models import Notification
    from app.services import requests as request_service
    from app.services import rooms as room_service
    from app.services.errors import NotFound

    poster, duplicate, kept, flag = _merge_setup(catalogue, same_owner=False)
    duplicate.status = "published"
    _db.session.commit()
    matches.listing_changed("scenario", duplicate.id)
    _db.session.commit()
    room, waiting, note = _conversations_on(duplicate, catalogue)
    survivor_member = make_user("enterprise", organization=kept.owner)
    _db.session.commit()
    assert poster.organization_id != kept.owner_id
    notes = _db.session.scalar(
        sa.select(sa.func.count(Notification.id)).where(Notification.scenario_id == duplicate.id)
    )

    result = duplicates.merge_scenarios(admin, flag.id, kept.id)

    _db.session.expire_all()
    assert result.different_owners
    assert result.stayed == {"intro_request": 2, "connection": 1, "notification": notes} and notes >= 2
    assert "intro_request" not in result.moved and "connection" not in result.moved
    assert _db.session.get(Connection, room.id).scenario_id == duplicate.id
    assert _db.session.get(IntroRequest, waiting.id).scenario_id == duplicate.id
    assert _db.session.get(Notification, note.id).scenario_id == duplicate.id
    assert _db.session.scalar(sa.select(sa.func.count(Match.id)).where(Match.scenario_id == duplicate.id)) == 0
    assert _db.session.get(Scenario, duplicate.id).merged_into_id == kept.id  # the public page still redirects
    # The merged scenario's organization still reads its room and requests; the survivor's does not.
    assert room_service.room_view(poster, room.id).connection.id == room.id
    assert {r.request.id for r in request_service.my_requests(poster).received} == {room.request_id, waiting.id}
    with pytest.raises(NotFound):
        room_service.room_view(survivor_member, room.id)
    assert request_service.my_requests(survivor_member).received == []
    [entry] = _db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "scenario.merge")).all()
    assert entry.after["different_owners"] is True and entry.after["stayed"]["connection"] == 1


def test_merging_within_one_organization_still_moves_rooms_and_requests(catalogue, admin):
    _poster, duplicate, kept, flag = _merge_setup(catalogue)
    room, waiting, _note = _conversations_on(duplicate, catalogue)
    result = duplicates.merge_scenarios(admin, flag.id, kept.id)
    _db.session.expire_all()
    assert not result.different_owners and result.stayed == {}
    assert _db.session.get(Connection, room.id).scenario_id == kept.id
    assert _db.session.get(IntroRequest, waiting.id).scenario_id == kept.id


def test_the_pair_view_says_when_the_two_belong_to_different_organizations(catalogue, admin):
    _merge_setup(catalogue, same_owner=False)
    assert duplicates.get_pair(admin, _flags()[0].id).different_owners


def test_the_merged_scenario_address_redirects_to_the_one_kept(catalogue, admin, client):
    _poster, duplicate, kept, flag = _merge_setup(catalogue)
    duplicates.merge_scenarios(admin, flag.id, kept.id)
    response = client.get(f"/scenarios/{duplicate.id}")
    assert response.status_code == 301
    assert response.headers["Location"].endswith(f"/scenarios/{kept.id}")


def test_keeping_the_newer_one_merges_the_older_one_into_it(catalogue, admin):
    _poster, duplicate, kept, flag = _merge_setup(catalogue)
    duplicates.merge_scenarios(admin, flag.id, duplicate.id)
    _db.session.expire_all()
    assert _db.session.get(Scenario, kept.id).merged_into_id == duplicate.id


def test_earlier_merges_follow_to_the_new_survivor_so_redirects_never_chain(catalogue, admin):
    _poster, duplicate, kept, flag = _merge_setup(catalogue)
    older = make_scenario(title="更早的一个重复场景", status="merged")
    older.merged_into_id = duplicate.id
    _db.session.commit()
    duplicates.merge_scenarios(admin, flag.id, kept.id)
    _db.session.expire_all()
    assert _db.session.get(Scenario, older.id).merged_into_id == kept.id


def test_a_resolved_flag_cannot_be_merged_or_dismissed_again(catalogue, admin):
    _poster, _duplicate, kept, flag = _merge_setup(catalogue)
    duplicates.dismiss_flag(admin, flag.id)
    with pytest.raises(InvalidInput):
        duplicates.merge_scenarios(admin, flag.id, kept.id)
    with pytest.raises(InvalidInput):
        duplicates.dismiss_flag(admin, flag.id)


def test_keep_must_be_one_of_the_pair(catalogue, admin):
    _poster, _duplicate, _kept, flag = _merge_setup(catalogue)
    with pytest.raises(InvalidInput):
        duplicates.merge_scenarios(admin, flag.id, catalogue["s3"].id)


def test_only_admins_resolve_duplicates(catalogue):
    poster, _duplicate, kept, flag = _merge_setup(catalogue)
    with pytest.raises(PermissionDenied):
        duplicates.merge_scenarios(poster, flag.id, kept.id)


def test_a_scan_flags_published_pairs_once_with_the_later_one_as_the_duplicate(catalogue, admin):
    copy = make_scenario(
        title=catalogue["s1"].title,
        description=catalogue["s1"].description,
        industry=catalogue["tyre"],
        capabilities=[catalogue["vision_cap"]],
    )
    _db.session.commit()
    matches.rebuild_all()
    assert duplicates.scan_for_duplicates(admin) == 1
    [flag] = _flags()
    assert (flag.scenario_id, flag.duplicate_of_id, flag.source) == (copy.id, catalogue["s1"].id, "scan")
    assert duplicates.scan_for_duplicates(admin) == 0
