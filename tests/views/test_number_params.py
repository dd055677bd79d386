"""Numbers in addresses and forms: "²".isdigit() is True but int("²") fails, so every page reads numbers the same
safe way (app.services.text.parse_int / parse_id) and an odd digit is an ordinary bad value, never a 500."""

from __future__ import annotations

import pytest

from app.extensions import db as _db
from app.models import DuplicateFlag
from app.services.text import MAX_ID, parse_id, parse_int
from tests.factories import make_connection, make_intro_request, make_scenario, make_user, make_vendor

SUPERSCRIPT_TWO = "²"  # str.isdigit() says yes, int() says no
ODD_DIGITS = [SUPERSCRIPT_TWO, "¹²", "٣", "1_000", "⑦", "2²"]


@pytest.mark.parametrize("value", ODD_DIGITS)
def test_odd_digits_are_not_numbers(value):
    assert parse_int(value, 1, 1, 100) == 1
    assert parse_id(value) is None


@pytest.mark.parametrize(
    "value, number",
    [("12", 12), (" 7 ", 7), ("１２", 12), ("+5", 5), ("0", 1), ("-3", 1), ("99999999999999999999", 100)],
)
def test_plain_and_full_width_digits_are_read_and_kept_in_range(value, number):
    assert parse_int(value, 1, 1, 100) == number


@pytest.mark.parametrize("value", ["0", "-1", str(MAX_ID + 1), "", None, 12])
def test_an_id_out_of_range_is_no_id_at_all(value):
    assert parse_id(value) is None


@pytest.fixture()
def world(db):
    boss = make_user("enterprise", email="boss@tyre.example")
    scenario = make_scenario(owner=boss.organization, created_by=boss)
    other = make_scenario(title="另一个胎面检测场景")
    vendor = make_vendor()
    make_user("vendor", organization=vendor.organization, email="seller@vision.example")
    room = make_connection(make_intro_request(scenario=scenario, vendor=vendor))
    flag = DuplicateFlag(
        scenario_id=scenario.id, duplicate_of_id=other.id, score=0.9, shared_terms=[], source="submit", status="open"
    )
    _db.session.add(flag)
    admin = make_user("admin", email="admin@keting.local")
    _db.session.commit()
    return {"boss": boss, "admin": admin, "room": room.id, "flag": flag.id, "scenario": scenario.id}


# (who, method, address, form data); every one of these answered 500 before.
ODD_REQUESTS = [
    ("boss", "GET", "/notifications?page=%C2%B2", None),
    ("boss", "GET", "/rooms/{room}?page=%C2%B2", None),
    ("boss", "POST", "/rooms/{room}/meetings/1/confirm", {"slot": SUPERSCRIPT_TWO}),
    ("admin", "GET", "/admin/audit?object_id=%C2%B2", None),
    ("admin", "GET", "/admin/duplicates?page=%C2%B2", None),
    ("admin", "POST", "/admin/review/bulk", {"selected": f"scenario:{SUPERSCRIPT_TWO}", "action": "approve"}),
    ("admin", "POST", "/admin/duplicates/{flag}/merge", {"keep": SUPERSCRIPT_TWO}),
    ("boss", "GET", "/scenarios?page=%C2%B2&per_page=%C2%B2", None),
]


@pytest.mark.parametrize("who, method, address, data", ODD_REQUESTS)
def test_a_superscript_digit_never_makes_a_500(client, login_as, world, who, method, address, data):
    login_as(world[who])
    url = address.format(**world)
    response = client.get(url) if method == "GET" else client.post(url, data=data)
    assert response.status_code < 500


def test_a_room_one_cannot_see_is_404_whatever_the_page_number(client, login_as, world):
    login_as(world["boss"])
    assert client.get("/rooms/99999?page=%C2%B2").status_code == 404


def test_a_superscript_keep_merges_nothing(client, login_as, world):
    login_as(world["admin"])
    client.post(f"/admin/duplicates/{world['flag']}/merge", data={"keep": SUPERSCRIPT_TWO})
    _db.session.expire_all()
    assert _db.session.get(DuplicateFlag, world["flag"]).status == "open"


def test_a_session_naming_a_superscript_user_id_is_no_user(db):
    from app.services.accounts import load_user

    assert load_user(f"{SUPERSCRIPT_TWO}:fingerprint") is None
