"""The API is one more door to the same rooms: every operation that mirrors a page calls the same service
function as that page (so the permission rule and the business rule live in one place), and the API itself
never queries the database."""

from __future__ import annotations

import ast
import inspect
import textwrap
from pathlib import Path

import pytest

# API endpoint -> (the page's endpoint, the service function both must call)
MIRRORS = {
    "api.list_scenarios": ("public.scenarios", "app.services.scenarios.browse_scenarios"),
    "api.get_scenario": ("public.scenario_detail", "app.services.scenarios.get_public_scenario"),
    "api.list_vendors": ("public.vendors", "app.services.vendors.browse_vendors"),
    "api.get_vendor": ("public.vendor_detail", "app.services.vendors.get_public_vendor"),
    "api.list_my_scenarios": ("enterprise.my_scenarios", "app.services.scenarios.own_scenarios"),
    "api.create_scenario": ("enterprise.new_scenario", "app.services.scenarios.create_scenario"),
    "api.update_scenario": ("enterprise.edit_scenario", "app.services.scenarios.update_scenario"),
    "api.submit_scenario": ("enterprise.edit_scenario", "app.services.scenarios.update_scenario"),
    "api.withdraw_scenario": ("enterprise.withdraw", "app.services.scenarios.withdraw_scenario"),
    "api.close_scenario": ("enterprise.close", "app.services.scenarios.close_scenario"),
    "api.get_my_profile": ("vendor.profile", "app.services.vendors.get_own_profile"),
    "api.update_my_profile": ("vendor.profile", "app.services.vendors.update_vendor_profile"),
    "api.list_my_matches": ("matches.feed", "app.services.matches.match_feed"),
    "api.list_suggested_vendors": ("matches.suggested", "app.services.matches.suggested_vendors"),
    "api.list_my_requests": ("requests.my_requests", "app.services.requests.my_requests"),
    "api.express_interest": ("requests.interest", "app.services.requests.express_interest"),
    "api.invite_vendor": ("requests.invite", "app.services.requests.invite_vendor"),
    "api.accept_request": ("requests.accept", "app.services.requests.accept_request"),
    "api.decline_request": ("requests.decline", "app.services.requests.decline_request"),
    "api.list_room_messages": ("rooms.room", "app.services.rooms.room_view"),
    "api.post_room_message": ("rooms.post_message", "app.services.rooms.post_message"),
    "api.list_review_queue": ("admin.review", "app.services.curation.review_queue"),
    "api.review_listing": ("admin.review_decide", "app.services.curation.review_listing"),
    "api.get_dashboard": ("admin.dashboard", "app.services.dashboard.dashboard"),
    "api.export_csv": ("admin.export_download", "app.services.exports.export_csv"),
    "api.upload_import": ("admin.import_start", "app.services.imports.upload_import"),
    "api.map_import": ("admin.import_map", "app.services.imports.preview_import"),
    "api.run_import": ("admin.import_run", "app.services.imports.start_import"),
    "api.get_import": ("admin.import_batch", "app.services.imports.get_batch"),
    "api.get_job": ("admin.job", "app.services.jobs.get_job"),
}


def _called_services(view) -> set[str]:
    """Dotted names of the functions a view calls through the modules it imported (scenario_service.x -> ...)."""
    func = inspect.unwrap(view)
    tree = ast.parse(textwrap.dedent(inspect.getsource(func)))
    names = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
        ):
            module = func.__globals__.get(node.func.value.id)
            if inspect.ismodule(module):
                names.add(f"{module.__name__}.{node.func.attr}")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            target = func.__globals__.get(node.func.id)
            if callable(target) and getattr(target, "__module__", "").startswith("app.services"):
                names.add(f"{target.__module__}.{target.__name__}")
            elif inspect.isfunction(target) and target.__module__ == func.__module__:
                names |= _called_services(target)  # a helper of the same views module
    return names


@pytest.mark.parametrize("api_endpoint", sorted(MIRRORS))
def test_the_api_and_the_page_call_the_same_service_function(app, api_endpoint):
    page_endpoint, service = MIRRORS[api_endpoint]
    assert service in _called_services(app.view_functions[api_endpoint]), f"{api_endpoint} does not call {service}"
    assert service in _called_services(app.view_functions[page_endpoint]), f"{page_endpoint} does not call {service}"


def test_every_write_operation_of_the_api_mirrors_a_page(app):
    writes = {
        r.endpoint
        for r in app.url_map.iter_rules()
        if r.endpoint.startswith("api.") and r.methods & {"POST", "PUT", "PATCH", "DELETE"}
    }
    assert writes <= set(MIRRORS)


def test_the_api_package_never_queries_the_database_itself():
    for path in Path("app/api").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "db.session.scalar" not in source and "sa.select" not in source, path
