"""flask check-deploy: one line per problem and exit status 1; silence and 0 on a production setup."""

from __future__ import annotations

import pytest

from app import deploy_checks

GOOD_ENV = {
    "KETING_ENV": "production",
    "SECRET_KEY": "8f3c2a9e51d04b7f9a6e2c1d8b5f4a3e7c6d9e0f1a2b3c4d5e6f7081",
    "TRUSTED_HOSTS": "keting.example.cn",
}
GOOD_CONFIG = {
    "DEBUG": False,
    "TESTING": False,
    "SITE_URL": "https://keting.example.cn",
    "TRUSTED_HOSTS": ["keting.example.cn"],
    "SESSION_COOKIE_SECURE": True,
    "REMEMBER_COOKIE_SECURE": True,
    "HSTS_MAX_AGE": 31536000,
    "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/0",
    "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://keting@127.0.0.1/keting",
    "MAIL_SERVER": "smtp.example.cn",
    "MAIL_DEFAULT_SENDER": "Keting <no-reply@keting.example.cn>",
    "HUEY_IMMEDIATE": False,
    "HUEY_URL": "redis://127.0.0.1:6379/1",
    "CACHE_TYPE": "RedisCache",
    "CACHE_REDIS_URL": "redis://127.0.0.1:6379/1",
}


@pytest.fixture()
def production(app, monkeypatch):
    for name, value in GOOD_ENV.items():
        monkeypatch.setenv(name, value)
    for name, value in GOOD_CONFIG.items():
        monkeypatch.setitem(app.config, name, value)
    monkeypatch.setattr(deploy_checks, "redis_reachable", lambda uri: None)
    monkeypatch.setattr(deploy_checks, "database_revision", lambda app: "head-rev")
    monkeypatch.setattr(deploy_checks, "migration_heads", lambda app: {"head-rev"})
    monkeypatch.setattr("app.jobs.queue_reachable", lambda: True)
    monkeypatch.setattr("app.services.jobs.oldest_waiting", lambda now=None: 12.0)
    return app


def _run(app):
    return app.test_cli_runner().invoke(args=["check-deploy"])


def test_a_production_setup_passes(production):
    result = _run(production)
    assert result.exit_code == 0, result.output
    assert "checks passed" in result.output


@pytest.mark.parametrize(
    "env, config, expected",
    [
        ({"SECRET_KEY": ""}, {}, "secret key: SECRET_KEY is not set"),
        ({"SECRET_KEY": "changeme"}, {}, "secret key: SECRET_KEY is weak"),
        ({"SECRET_KEY": "a" * 40}, {}, "secret key: SECRET_KEY is weak"),
        ({"KETING_ENV": "development"}, {}, "production mode"),
        ({}, {"SITE_URL": "http://keting.example.cn"}, "site URL: SITE_URL must start with https://"),
        ({}, {"SITE_URL": "https://127.0.0.1:5000"}, "site URL: SITE_URL names this machine"),
        ({"TRUSTED_HOSTS": ""}, {}, "trusted hosts: TRUSTED_HOSTS is not set"),
        ({}, {"TRUSTED_HOSTS": ["other.example"]}, "trusted hosts: TRUSTED_HOSTS does not include"),
        ({}, {"SESSION_COOKIE_SECURE": False}, "secure cookies: SESSION_COOKIE_SECURE is off"),
        ({}, {"HSTS_MAX_AGE": 0}, "secure cookies: HSTS_MAX_AGE is 0"),
        ({}, {"RATELIMIT_STORAGE_URI": "memory://"}, "rate limits: RATELIMIT_STORAGE_URI is 'memory://'"),
        ({}, {"SQLALCHEMY_DATABASE_URI": "sqlite:///instance/keting.db"}, "database: DATABASE_URL is SQLite"),
        ({}, {"MAIL_SERVER": None}, "mail: MAIL_SERVER is not set"),
        ({}, {"HUEY_IMMEDIATE": True}, "job worker: HUEY_IMMEDIATE is on"),
        ({}, {"HUEY_URL": None}, "job worker: HUEY_URL is not set"),
        ({}, {"CACHE_TYPE": "SimpleCache", "CACHE_REDIS_URL": None}, "page cache: CACHE_TYPE is 'SimpleCache'"),
    ],
)
def test_each_problem_is_one_line_and_fails_the_command(production, monkeypatch, env, config, expected):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    for name, value in config.items():
        monkeypatch.setitem(production.config, name, value)
    result = _run(production)
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.startswith("✗ ")]
    assert len(lines) >= 1 and any(expected in line for line in lines), result.output


def test_unreachable_redis_and_old_migrations_are_problems(production, monkeypatch):
    monkeypatch.setattr(deploy_checks, "redis_reachable", lambda uri: "Connection refused")
    monkeypatch.setattr(deploy_checks, "database_revision", lambda app: "07c4ce5e763c")
    result = _run(production)
    assert result.exit_code == 1
    assert "rate limits: The rate-limit storage 'redis://127.0.0.1:6379/0' cannot be reached" in result.output
    assert "migrations: The database is at migration 07c4ce5e763c, not head-rev" in result.output
    assert "page cache: The page cache 'redis://127.0.0.1:6379/1' cannot be reached" in result.output


def test_the_real_migration_check_reads_the_database(app, db):
    # The test database is built with create_all, so it carries no Alembic revision.
    problems = deploy_checks.migrations(app)
    heads = deploy_checks.migration_heads(app)
    assert len(heads) == 1 and problems == [
        f"The database is at migration none, not {next(iter(heads))}: run `flask db upgrade`."
    ]


def test_checks_are_a_list_so_one_more_is_one_more_entry(production):
    extra = deploy_checks.Check("worker", lambda app: ["No job worker has answered in the last minute."])
    problems = deploy_checks.run(production, [*deploy_checks.CHECKS, extra])
    assert problems == ["worker: No job worker has answered in the last minute."]


def test_a_job_waiting_longer_than_the_stall_limit_means_no_worker(production, monkeypatch):
    monkeypatch.setattr("app.services.jobs.oldest_waiting", lambda now=None: 3600.0)
    problems = deploy_checks.run(production)
    assert problems == [
        "job worker: A job has waited 3600 s for a worker: is `flask worker` running (systemctl status keting-worker)?"
    ]


def test_an_unreachable_queue_is_a_problem(production, monkeypatch):
    monkeypatch.setattr("app.jobs.queue_reachable", lambda: False)
    assert any("job queue cannot be reached" in p for p in deploy_checks.run(production))


def test_an_unreachable_redis_is_reported_by_the_real_probe():
    assert deploy_checks.redis_reachable("redis://127.0.0.1:1/0")
