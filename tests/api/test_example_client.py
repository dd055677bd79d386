"""examples/keting_client.py works against the real API (its HTTP calls go to the test client)."""

from __future__ import annotations

import importlib.util
import io
import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from app.services import matches as match_service
from tests.api.conftest import token_for
from tests.factories import make_match_catalogue, make_user


def _client_module():
    spec = importlib.util.spec_from_file_location("keting_client", Path("examples/keting_client.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture()
def via_test_client(client, monkeypatch):
    import urllib.error
    import urllib.request

    class Answer(io.BytesIO):
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    def urlopen(request, timeout=None):
        url = urlsplit(request.full_url)
        answer = client.open(
            url.path + ("?" + url.query if url.query else ""),
            method=request.get_method(),
            headers=dict(request.header_items()),
            data=request.data,
        )
        if answer.status_code >= 400:
            raise urllib.error.HTTPError(
                request.full_url, answer.status_code, "", answer.headers, io.BytesIO(answer.get_data())
            )
        return Answer(answer.get_data())

    monkeypatch.setattr(urllib.request, "urlopen", urlopen)


def test_the_example_client_prints_a_vendors_matches(via_test_client, capsys, monkeypatch):
    cat = make_match_catalogue()
    match_service.rebuild_all()
    monkeypatch.setenv("KETING_TOKEN", token_for(make_user("vendor", organization=cat["vision"].organization), "read"))
    assert _client_module().main(["--site", "http://testserver", "--lang", "en", "matches"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {line["scenario"] for line in lines} == {"胎面外观缺陷检测", "轮胎胎侧缺陷视觉检测"}
    assert all("Visual defect inspection" in line["why"] for line in lines)


def test_the_example_client_reports_a_problem_and_exits_1(via_test_client, capsys, monkeypatch):
    monkeypatch.setenv("KETING_TOKEN", "kt_revoked")
    assert _client_module().main(["--site", "http://testserver", "matches"]) == 1
    assert "error:" in capsys.readouterr().err
