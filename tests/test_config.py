"""Settings that depend on how the site is run: the public address every emailed link starts with."""

from __future__ import annotations

import pytest

from app import create_app
from app.config import TestConfig, site_url


def test_site_url_follows_the_host_and_port_the_site_is_served_on():
    assert site_url(None, "127.0.0.1", "5101", production=False) == "http://127.0.0.1:5101"
    assert site_url("", None, None, production=False) == "http://127.0.0.1:5000"
    # A wildcard bind cannot be opened in a browser: links go to the loopback address on the same port.
    assert site_url(None, "0.0.0.0", "8080", production=False) == "http://127.0.0.1:8080"
    assert site_url(None, "::1", "8080", production=False) == "http://[::1]:8080"


def test_an_explicit_site_url_wins_without_its_trailing_slash():
    assert site_url("https://keting.example/ ", "127.0.0.1", "5101", production=False) == "https://keting.example"
    assert site_url("https://keting.example/", None, None, production=True) == "https://keting.example"


def test_production_never_guesses_the_site_url():
    assert site_url(None, "127.0.0.1", "8000", production=True) is None


def test_the_app_refuses_to_start_without_a_site_url():
    class NoSiteUrl(TestConfig):
        SITE_URL = None

    with pytest.raises(RuntimeError, match="SITE_URL"):
        create_app(NoSiteUrl)


def test_make_run_passes_host_and_port_to_the_app():
    from pathlib import Path

    makefile = (Path(__file__).resolve().parent.parent / "Makefile").read_text()
    run_line = next(line for line in makefile.splitlines() if "flask run" in line)
    assert "HOST=$(HOST)" in run_line and "PORT=$(PORT)" in run_line


def test_the_settings_read_host_and_port_from_the_environment(tmp_path):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "KETING_ENV")}
    env.update(HOST="127.0.0.1", PORT="5101", KETING_INSTANCE_DIR=str(tmp_path))
    out = subprocess.run(
        [sys.executable, "-c", "from app.config import Config; print(Config.SITE_URL)"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "http://127.0.0.1:5101"
