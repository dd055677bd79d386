"""Property: no form post, whatever its fields hold and whoever sends it, makes the server fail (5xx).

The routes are read from the app's url_map (every rule that accepts POST), so a new form is covered the day it
is added; field names come from every form class in the app, plus arbitrary ones.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wtforms.fields.core import UnboundField

from app.extensions import db
from app.formtools import BaseForm
from app.services.accounts import open_session
from tests.factories import make_connection, make_intro_request, make_scenario, make_user, make_vendor, make_vendor_user


def _all_subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _all_subclasses(sub)


def _field_names() -> list[str]:
    import app.account.forms
    import app.admin.forms
    import app.auth.forms
    import app.enterprise.forms
    import app.matches.forms
    import app.notifications.forms
    import app.requests.forms
    import app.rooms.forms
    import app.vendor.forms  # noqa: F401

    names = {"csrf_token", "next", "file"}
    for form in _all_subclasses(BaseForm):
        names.update(name for name in dir(form) if isinstance(getattr(form, name, None), UnboundField))
    return sorted(names)


# Text that has broken parsers before: huge and tiny numbers, far dates, NUL, RTL marks, wide digits, markup.
NASTY = st.sampled_from(
    [
        "",
        " ",
        "0",
        "-1",
        "1e309",
        "NaN",
        str(2**63),
        str(2**31),
        "9" * 40,
        "0001-01-01T00:00",
        "9999-12-31T23:59",
        "2026-02-30",
        "\x00",
        "\u202e",
        "１２３",
        "<script>x</script>",
        "[x](//evil.example)",
        "' OR 1=1 --",
        "on",
        "publish",
        "scenario",
        "vendor",
        "a" * 5000,
    ]
)
VALUES = st.one_of(NASTY, st.text(max_size=200), st.integers().map(str))


@pytest.fixture()
def world(app, db):
    boss = make_user("enterprise", email="boss@example.com")
    scenario = make_scenario(owner=boss.organization, created_by=boss, status="published")
    seller = make_vendor_user(email="seller@example.com", status="published")
    make_vendor(name="青视科技")
    make_connection(make_intro_request(scenario=scenario, vendor=seller.organization.vendor_profile, state="accepted"))
    admin = make_user("admin", email="admin@example.com")
    db.session.commit()
    sessions = {}
    for role, user in (("enterprise", boss), ("vendor", seller), ("admin", admin)):
        open_session(user)
        sessions[role] = user.get_id()
    return sessions


@settings(
    max_examples=250,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_no_form_post_gives_a_server_error(app, world, data):
    # The JSON API takes no forms; Schemathesis drives it from its OpenAPI document (tests/api/test_api_schema.py).
    rules = sorted(
        (r for r in app.url_map.iter_rules() if "POST" in r.methods and not r.rule.startswith("/api/")),
        key=lambda r: r.rule,
    )
    fields = _field_names()
    rule = data.draw(st.sampled_from(rules), label="route")
    role = data.draw(st.sampled_from([None, "enterprise", "vendor", "admin"]), label="role")
    args = {}
    for name in rule.arguments:
        if type(rule._converters[name]).__name__ == "IdConverter":
            args[name] = data.draw(st.integers(min_value=1, max_value=4), label=name)
        else:
            args[name] = data.draw(
                st.sampled_from(["scenario", "vendor", "industry", "capability", "x"])
                | st.text(min_size=1, max_size=20).filter(lambda t: "/" not in t),
                label=name,
            )
    url = rule.build(args, append_unknown=False)[1]
    form = data.draw(
        st.dictionaries(
            st.sampled_from(fields) | st.text(max_size=12), st.one_of(VALUES, st.lists(VALUES, max_size=3)), max_size=8
        ),
        label="form",
    )
    client = app.test_client()
    if role:
        with client.session_transaction() as sess:
            sess["_user_id"] = world[role]
            sess["_fresh"] = True
    response = client.post(url, data=form)
    assert response.status_code < 500, (url, role, form, response.status_code)
    db.session.rollback()
