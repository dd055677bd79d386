"""Every owner-only operation refuses another organization's token, changes nothing, and reveals nothing."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Connection, IntroRequest, Message, Scenario
from tests.api.conftest import token_for
from tests.factories import make_connection, make_intro_request, make_scenario, make_user, make_vendor

LONG = "一段足够长的文字，用来通过二十个字符以上的长度要求，说明情况。"


@pytest.fixture()
def world(db):
    """Enterprise A's scenario with an open request from vendor X and a room with vendor X; outsiders B and Y."""
    draft = make_scenario(title="A 的草稿", status="draft", description=LONG)
    published = make_scenario(owner=draft.owner, title="A 的场景", description=LONG)
    owner = make_user(organization=draft.owner)
    vendor_x = make_vendor()
    seller_x = make_user("vendor", organization=vendor_x.organization)
    open_request = make_intro_request(scenario=published, vendor=vendor_x, kind="invitation", requested_by=owner)
    room = make_connection(
        make_intro_request(
            scenario=make_scenario(owner=draft.owner, description=LONG), vendor=vendor_x, state="accepted"
        )
    )
    outsiders = {
        "enterprise": token_for(make_user(), "write"),
        "vendor": token_for(make_user("vendor", organization=make_vendor().organization), "write"),
    }
    db.session.commit()
    return {
        "draft": draft.id,
        "published": published.id,
        "request": open_request.id,
        "room": room.id,
        "vendor_x": vendor_x.id,
        "owner": owner,
        "seller_x": seller_x,
        "outsiders": outsiders,
    }


BODY = {"title": "改掉别人的标题", "description": LONG}
OPERATIONS = [
    ("get", "/api/v1/my/scenarios/{draft}", None),
    ("put", "/api/v1/my/scenarios/{draft}", BODY),
    ("post", "/api/v1/my/scenarios/{draft}/submit", None),
    ("post", "/api/v1/my/scenarios/{published}/withdraw", None),
    ("post", "/api/v1/my/scenarios/{published}/close", {"outcome": "dropped"}),
    ("get", "/api/v1/scenarios/{published}/suggested-vendors", None),
    ("post", "/api/v1/scenarios/{published}/invitations", {"vendor_id": "{vendor_x}", "message": LONG}),
    ("post", "/api/v1/requests/{request}/accept", None),
    ("post", "/api/v1/requests/{request}/decline", {"reason": "budget"}),
    ("get", "/api/v1/rooms/{room}/messages", None),
    ("post", "/api/v1/rooms/{room}/messages", {"body": "我不是这个房间的人"}),
]


def _state() -> tuple:
    return (
        tuple(db.session.execute(sa.select(Scenario.id, Scenario.status, Scenario.title)).all()),
        tuple(db.session.execute(sa.select(IntroRequest.id, IntroRequest.state)).all()),
        db.session.scalar(sa.select(sa.func.count(Connection.id))),
        db.session.scalar(sa.select(sa.func.count(Message.id))),
    )


@pytest.mark.parametrize("side", ["enterprise", "vendor"])
@pytest.mark.parametrize("method, path, body", OPERATIONS, ids=[f"{m} {p}" for m, p, _b in OPERATIONS])
def test_another_organizations_token_is_refused_and_changes_nothing(api, world, side, method, path, body):
    url = path.format(**world)
    if body:
        body = {k: (int(v.format(**world)) if isinstance(v, str) and v.startswith("{") else v) for k, v in body.items()}
    before = _state()
    answer = getattr(api, method)(url, token=world["outsiders"][side], **({"json": body} if body else {}))
    assert answer.status_code in (403, 404), answer.get_data(as_text=True)
    assert answer.content_type == "application/problem+json"
    assert "A 的草稿" not in answer.get_data(as_text=True)
    db.session.expire_all()
    assert _state() == before


def test_the_owner_can_do_what_outsiders_cannot(api, world):
    secret = token_for(world["owner"], "read")
    assert api.get(f"/api/v1/my/scenarios/{world['draft']}", token=secret).json["title"] == "A 的草稿"
    assert (
        api.get(f"/api/v1/rooms/{world['room']}/messages", token=token_for(world["seller_x"], "read")).status_code
        == 200
    )
