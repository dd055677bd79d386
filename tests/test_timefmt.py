"""Every time on the site is written one way per language: Beijing time on a 24-hour clock."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from flask import render_template_string
from flask_babel import force_locale

from app.services.notifications import local_time
from app.timefmt import when

AFTERNOON = datetime(2026, 12, 3, 7, 5, tzinfo=UTC)  # 15:05 in Beijing


@pytest.mark.parametrize(
    "locale, kind, expected",
    [
        ("en", "datetime", "3 Dec 2026, 15:05"),
        ("en", "date", "3 Dec 2026"),
        ("en", "time", "15:05"),
        ("en", "meeting", "Thu 3 Dec 2026, 15:05"),
        ("zh_Hans", "datetime", "2026年12月3日 15:05"),
        ("zh_Hans", "date", "2026年12月3日"),
        ("zh_Hans", "meeting", "2026年12月3日 周四 15:05"),
    ],
)
def test_one_pattern_per_kind_and_language(app, locale, kind, expected):
    with app.test_request_context(), force_locale(locale):
        assert when(AFTERNOON, kind) == expected


def test_a_naive_time_from_the_database_is_read_as_utc(app):
    with app.test_request_context(), force_locale("en"):
        assert when(AFTERNOON.replace(tzinfo=None)) == "3 Dec 2026, 15:05"
        assert when(date(2026, 12, 3), "date") == "3 Dec 2026"


def test_templates_asking_for_babels_named_formats_get_the_same_24_hour_clock(app):
    source = (
        '{{ t|datetimeformat("short") }}|{{ t|timeformat("short") }}|{{ t|meeting_time }}|{{ t|dateformat("medium") }}'
    )
    with app.test_request_context(), force_locale("en"):
        out = render_template_string(source, t=AFTERNOON)
    assert out == "3 Dec 2026, 15:05|15:05|Thu 3 Dec 2026, 15:05|3 Dec 2026"
    assert "PM" not in out


def test_emails_and_notifications_write_times_the_same_way(app):
    with app.test_request_context(), force_locale("en"):
        assert local_time(AFTERNOON, "meeting") == "Thu 3 Dec 2026, 15:05 (Beijing time)"
