"""Schemathesis drives every operation of the generated OpenAPI document with generated input and checks every
answer: no server error, and every response (status, content type, headers, body) as the document says."""

from __future__ import annotations

import itertools

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.stateful import run_state_machine_as_test
from schemathesis import GenerationMode
from schemathesis.core.parameters import ParameterLocation
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.api.conftest import bearer, token_for
from tests.factories import make_connection, make_intro_request, make_scenario, make_user, make_vendor

LONG = "每班三名质检员肉眼检查胎面，漏检率高，希望用视觉检测替代人工。"


EXAMPLES_PER_OPERATION = 25  # per operation and per mode (valid input, and input the schema forbids)
# Every check runs but one: "a schema-valid request must be accepted" cannot hold for business rules a schema
# cannot say (a rejection needs a reason, a request can be answered once, an id must belong to you).


@pytest.fixture()
def tokens(db, app):
    """Tokens of an admin, an enterprise and a vendor, over a small world their ids can hit."""
    app.config["API_RATE_LIMIT"] = app.config["API_ANONYMOUS_RATE_LIMIT"] = "100000 per minute"
    scenario = make_scenario(description=LONG)
    owner = make_user(organization=scenario.owner)
    vendor = make_vendor()
    seller = make_user("vendor", organization=vendor.organization)
    make_connection(make_intro_request(scenario=scenario, vendor=vendor, state="accepted"))
    make_intro_request(scenario=make_scenario(owner=scenario.owner, description=LONG), vendor=vendor)
    yield {"admin": token_for(make_user("admin"), "admin"), "enterprise": token_for(owner), "vendor": token_for(seller)}
    app.config["API_RATE_LIMIT"], app.config["API_ANONYMOUS_RATE_LIMIT"] = "600 per minute", "120 per minute"


def _side(case) -> str:
    path = case.operation.path
    if "/admin/" in path:
        return "admin"
    if path.startswith("/api/v1/my/profile") or path.endswith("/interest") or path.startswith("/api/v1/my/matches"):
        return "vendor"
    return "enterprise"


def _auth(case, tokens) -> dict:
    """The side's token, unless the case is about broken headers (a missing or wrong token must be refused)."""
    header = case.meta.components.get(ParameterLocation.HEADER) if case.meta else None
    if header is not None and header.mode == GenerationMode.NEGATIVE:
        return {}
    return bearer(tokens[_side(case)])


def test_no_operation_errors_or_breaks_its_schema(app, tokens):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    failures, cases = {}, 0
    for operation, mode in itertools.product(operations, list(GenerationMode)):

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def run(case):
            nonlocal cases
            cases += 1
            case.call_and_validate(headers=_auth(case, tokens), excluded_checks=[positive_data_acceptance])

        try:
            run()
        except Exception as error:  # collect every operation's failure, then report them together
            failures[f"{operation.label} ({mode.value})"] = str(error)[:2000]
    print(f"schemathesis: {len(operations)} operations, {cases} cases")
    assert len(operations) >= 29
    assert not failures, "\n\n".join(f"{label}:\n{text}" for label, text in failures.items())


def test_following_the_documents_links_finds_no_error_either(app, tokens):
    """Stateful: create, then read, update, submit; interest, then accept and write in the room, as linked."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)

    class Machine(schema.as_state_machine()):
        def get_call_kwargs(self, case):
            return {"headers": _auth(case, tokens)}

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            headers = _auth(case, tokens)
            case.validate_response(
                response,
                excluded_checks=[positive_data_acceptance],
                headers=headers,
                transport_kwargs={"headers": headers},
                recorder=self.recorder,
            )

    run_state_machine_as_test(
        Machine,
        settings=settings(
            max_examples=40,
            stateful_step_count=6,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        ),
    )
