"""API fixtures: a token for a user, sent as a bearer header."""

from __future__ import annotations

import pytest

from app.extensions import db
from app.services import api_tokens
from app.services.api_tokens import ApiTokenInput


def token_for(user, scope: str = "write") -> str:
    db.session.commit()
    return api_tokens.create_token(user, ApiTokenInput(name=f"test {scope}", scope=scope)).secret


def bearer(secret: str) -> dict:
    return {"Authorization": f"Bearer {secret}"}


@pytest.fixture()
def api(client):
    """api.get/post/put(url, token=..., json=...): the test client speaking to /api/v1."""

    class Api:
        def _headers(self, token, headers):
            out = dict(headers or {})
            if token:
                out.update(bearer(token))
            return out

        def get(self, url, token=None, headers=None, **kw):
            return client.get(url, headers=self._headers(token, headers), **kw)

        def post(self, url, token=None, headers=None, **kw):
            return client.post(url, headers=self._headers(token, headers), **kw)

        def put(self, url, token=None, headers=None, **kw):
            return client.put(url, headers=self._headers(token, headers), **kw)

    return Api()
