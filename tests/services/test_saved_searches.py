"""Saved searches: keeping them, whose they are, and alerts that go out at once or in the digest, never twice."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from app.models import SavedSearch, SavedSearchHit
from app.services import notifications, saved_searches
from app.services.errors import InvalidInput, NotFound, PermissionDenied
from app.services.inputs import NotificationSettingsInput, SavedSearchChange, SavedSearchInput
from tests.factories import make_industry, make_saved_search, make_scenario, make_user, make_vendor

NOW = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai

# The factories' default description is about tyre treads (胎面), which search now reads as the tyre industry.
PORT_TEXT = "码头集装箱堆场靠人工调度，船舶到港后等待时间长。"


@pytest.fixture(autouse=True)
def _fixed_time(clock):
    clock(NOW - timedelta(hours=2))


def _publish(scenario):
    scenario.status = "published"
    scenario.published_at = datetime.now(UTC)


def test_a_saved_search_keeps_the_words_and_filters(db):
    user = make_user()
    make_industry("tyre-rubber")
    search = saved_searches.save_search(
        user,
        SavedSearchInput(
            kind="scenario",
            name="  轮胎   检测 ",
            q="轮胎 缺陷",
            industry="tyre-rubber",
            district=None,
            frequency="daily",
        ),
    )
    assert (search.name, search.q, search.industry, search.frequency) == (
        "轮胎 检测",
        "轮胎 缺陷",
        "tyre-rubber",
        "daily",
    )
    assert saved_searches.list_url_args(search) == {"q": "轮胎 缺陷", "industry": "tyre-rubber"}


@pytest.mark.parametrize(
    "change, field",
    [
        ({"name": ""}, "name"),
        ({"frequency": "hourly"}, "frequency"),
        ({"industry": "no-such-code"}, "industry"),
        ({"district": "atlantis"}, "district"),
        ({"name": "<script>x</script>"}, "name"),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(db, change, field):
    user = make_user()
    data = {"kind": "scenario", "name": "tyres", "frequency": "daily", **change}
    with pytest.raises(InvalidInput) as caught:
        saved_searches.save_search(user, SavedSearchInput(**data))
    assert caught.value.field == field
    assert db.session.scalar(sa.select(sa.func.count(SavedSearch.id))) == 0


def test_a_name_is_used_once_per_person(db):
    user, other = make_user(), make_user()
    saved_searches.save_search(user, SavedSearchInput(kind="scenario", name="tyres"))
    with pytest.raises(InvalidInput) as caught:
        saved_searches.save_search(user, SavedSearchInput(kind="vendor", name="tyres"))
    assert caught.value.field == "name"
    saved_searches.save_search(other, SavedSearchInput(kind="scenario", name="tyres"))  # another person may


def test_visitors_cannot_save_searches(db):
    with pytest.raises(PermissionDenied):
        saved_searches.save_search(None, SavedSearchInput(kind="scenario", name="x"))


def test_another_persons_saved_search_is_not_found_for_reading_changing_or_deleting(db):
    owner, colleague = make_user(), None
    colleague = make_user(organization=owner.organization)
    admin = make_user("admin")
    search = make_saved_search(owner, "mine")
    db.session.commit()
    for stranger in (colleague, admin):
        with pytest.raises(NotFound):
            saved_searches.get_own_search(stranger, search.id)
        with pytest.raises(NotFound):
            saved_searches.update_search(stranger, search.id, SavedSearchChange("theirs", "daily"))
        with pytest.raises(NotFound):
            saved_searches.delete_search(stranger, search.id)
    assert db.session.get(SavedSearch, search.id).name == "mine"


def test_renaming_changing_frequency_and_deleting(db):
    user = make_user()
    search = make_saved_search(user, "a", frequency="immediate")
    make_saved_search(user, "b")
    with pytest.raises(InvalidInput):
        saved_searches.update_search(user, search.id, SavedSearchChange("b", "daily"))
    saved_searches.update_search(user, search.id, SavedSearchChange("tyres", "daily"))
    assert (search.name, search.frequency) == ("tyres", "daily")
    assert saved_searches.delete_search(user, search.id) == "tyres"
    assert [v.search.name for v in saved_searches.list_searches(user)] == ["b"]


# Immediate alerts -------------------------------------------------------------------------------------


def test_publishing_a_matching_scenario_emails_an_immediate_search_once(db, outbox):
    user = make_user(email="watcher@example.com")
    search = make_saved_search(user, "轮胎", q="轮胎")
    db.session.commit()
    scenario = make_scenario(title="轮胎胎面缺陷检测", status="pending", published_at=None)
    db.session.commit()
    assert outbox == []
    _publish(scenario)
    db.session.commit()
    assert len(outbox) == 1 and outbox[0].recipients == ["watcher@example.com"]
    assert "轮胎胎面缺陷检测" in outbox[0].body and f"/scenarios/{scenario.id}" in outbox[0].body
    assert db.session.get(SavedSearch, search.id).last_alerted_at is not None
    # Withdrawn and published again: the same scenario is never alerted twice.
    scenario.status = "draft"
    db.session.commit()
    _publish(scenario)
    db.session.commit()
    assert len(outbox) == 1


def test_a_batch_of_matches_makes_one_email_per_search(db, outbox):
    user = make_user()
    make_saved_search(user, "轮胎", q="轮胎")
    db.session.commit()
    for n in range(3):
        make_scenario(title=f"轮胎检测 {n}", status="published", published_at=datetime.now(UTC))
    make_scenario(title="港口集装箱调度", description=PORT_TEXT, status="published", published_at=datetime.now(UTC))
    db.session.commit()
    assert len(outbox) == 1
    assert outbox[0].body.count("轮胎检测") == 3 and "港口" not in outbox[0].body
    assert db.session.scalar(sa.select(sa.func.count(SavedSearchHit.id))) == 3


def test_no_alert_for_a_scenario_that_does_not_match_or_is_rolled_back(db, outbox):
    user = make_user()
    make_saved_search(user, "港口", q="港口")
    db.session.commit()
    make_scenario(title="轮胎检测", status="published")
    db.session.commit()
    make_scenario(title="港口调度", status="published")
    db.session.rollback()
    assert outbox == []


def test_daily_searches_and_email_off_get_no_immediate_alert(db, outbox):
    daily, quiet = make_user(), make_user()
    make_saved_search(daily, "d", q="轮胎", frequency="daily")
    make_saved_search(quiet, "q", q="轮胎")
    notifications.update_settings(quiet, NotificationSettingsInput("off"))
    make_scenario(title="轮胎检测", status="published")
    db.session.commit()
    assert outbox == []


def test_no_alert_about_ones_own_organizations_scenario(db, outbox):
    user = make_user()
    make_saved_search(user, "轮胎", q="轮胎")
    db.session.commit()
    make_scenario(owner=user.organization, title="轮胎检测", status="published")
    db.session.commit()
    assert outbox == []


def test_a_confidential_scenario_is_found_by_its_title_only_as_on_the_list(db, outbox):
    user = make_user()
    make_saved_search(user, "肉眼", q="肉眼")  # a word only in the description
    db.session.commit()
    make_scenario(title="胎面检测", description="工人肉眼看胎面，漏检多。", confidentiality="verified_only")
    db.session.commit()
    assert outbox == []


def test_vendor_searches_alert_on_published_vendors(db, outbox):
    user = make_user(email="buyer@example.com", locale="en")
    make_saved_search(user, "vision", kind="vendor", q="视觉")
    db.session.commit()
    vendor = make_vendor(name="青岛视觉科技", status="pending")
    db.session.commit()
    vendor.status, vendor.published_at = "published", datetime.now(UTC)
    db.session.commit()
    assert len(outbox) == 1 and "1 new AI vendor for" in outbox[0].subject and "青岛视觉科技" in outbox[0].body


# Daily alerts in the digest ---------------------------------------------------------------------------


def test_the_digest_includes_daily_searches_and_never_repeats_them(db, outbox, clock):
    user = make_user(email="daily@example.com")
    make_saved_search(user, "轮胎日报", q="轮胎", frequency="daily")
    db.session.commit()
    clock(NOW - timedelta(hours=1))
    make_scenario(title="轮胎硫化监测", status="published", published_at=datetime.now(UTC))
    make_scenario(title="港口调度", description=PORT_TEXT, status="published", published_at=datetime.now(UTC))
    db.session.commit()
    assert outbox == []  # daily: nothing at once
    report = notifications.send_digests(NOW)
    assert report.sent == 1
    assert "轮胎日报" in outbox[0].body and "轮胎硫化监测" in outbox[0].body and "港口" not in outbox[0].body
    assert notifications.send_digests(NOW + timedelta(days=1)).sent == 0  # nothing new the next day
    assert len(outbox) == 1


def test_an_alert_sent_at_once_is_not_repeated_by_the_digest(db, outbox, clock):
    user = make_user()
    search = make_saved_search(user, "轮胎", q="轮胎")
    db.session.commit()
    make_scenario(title="轮胎检测", status="published", published_at=datetime.now(UTC))
    db.session.commit()
    assert len(outbox) == 1
    search.frequency = "daily"
    db.session.commit()
    assert notifications.send_digests(NOW).sent == 0
    assert len(outbox) == 1


def test_listings_published_before_the_search_was_saved_are_not_new(db, outbox, clock):
    make_scenario(title="轮胎检测", status="published", published_at=datetime.now(UTC))
    db.session.commit()
    clock(NOW - timedelta(minutes=30))
    user = make_user()
    make_saved_search(user, "轮胎", q="轮胎", frequency="daily")
    db.session.commit()
    assert notifications.send_digests(NOW).sent == 0


def test_people_with_the_same_search_share_one_run_of_it(db, outbox, monkeypatch):
    from app.services import scenarios

    calls = []
    real = scenarios.matching_scenario_ids
    monkeypatch.setattr(scenarios, "matching_scenario_ids", lambda q, ids: calls.append(q.q) or real(q, ids))
    for _ in range(3):
        make_saved_search(make_user(), "轮胎", q="轮胎")
    make_saved_search(make_user(), "港口", q="港口")
    db.session.commit()
    make_scenario(title="轮胎检测", status="published")
    db.session.commit()
    assert sorted(calls) == ["港口", "轮胎"] and len(outbox) == 3
