"""Rules that live in the database itself, so no code path can break them."""

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from app.models import Match, User
from tests.factories import make_org, make_scenario, make_vendor


def test_budget_minimum_above_maximum_is_rejected_by_the_database(db):
    with pytest.raises(IntegrityError):
        make_scenario(budget_min=500_000, budget_max=100_000)


def test_negative_budget_is_rejected_by_the_database(db):
    with pytest.raises(IntegrityError):
        make_scenario(budget_min=-1)


def test_unknown_scenario_status_is_rejected_by_the_database(db):
    with pytest.raises(IntegrityError):
        make_scenario(status="approved")


def test_unknown_district_is_rejected_by_the_database(db):
    with pytest.raises(IntegrityError):
        make_org(district="beijing")


def test_email_must_be_stored_lower_case(db):
    org = make_org()
    db.session.add(User(email="Someone@Example.com", password_hash="x", role="enterprise", organization=org))
    with pytest.raises(IntegrityError):
        db.session.flush()


def test_a_vendor_is_matched_to_a_scenario_at_most_once(db):
    scenario, vendor = make_scenario(), make_vendor()
    db.session.add(Match(scenario=scenario, vendor=vendor, score=0.5, rank=1, reasons=[]))
    db.session.flush()
    db.session.add(Match(scenario=scenario, vendor=vendor, score=0.4, rank=2, reasons=[]))
    with pytest.raises(IntegrityError):
        db.session.flush()


def test_deleting_a_scenario_deletes_its_matches(db):
    scenario, vendor = make_scenario(), make_vendor()
    db.session.add(Match(scenario=scenario, vendor=vendor, score=0.5, rank=1, reasons=[]))
    db.session.flush()
    db.session.execute(sa.delete(type(scenario)).where(type(scenario).id == scenario.id))
    assert db.session.scalar(sa.select(sa.func.count(Match.id))) == 0
