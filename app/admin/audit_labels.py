"""The audit log as people read it: actions, records and fields named in the reader's language, and each
change written as "before → after" with lists, statuses, districts and yes/no decoded.

The log stores machine codes (`scenario.status`, `{"capabilities": ["visual-inspection"]}`) so that it can be
filtered and so that an entry never changes when a label is reworded; only this module turns them into words.
An action or field without a label here (a later feature's) still reads sensibly: its object is named and its
verb is shown as words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask.sansio.app import App
from flask_babel import gettext, lazy_pgettext

from app.templating import district_name, list_sep, node_name

# Values longer than this are shown in full behind a <details> summary rather than in the table cell.
LONG_VALUE_CHARS = 120


def _object(label: str):
    return lazy_pgettext("audit record", label)


def _verb(label: str):
    return lazy_pgettext("audit action", label)


def _field(label: str):
    return lazy_pgettext("audit field", label)


OBJECT_LABELS = {
    "scenario": _object("Scenario"),
    "vendor_profile": _object("Vendor profile"),
    "review": _object("Review queue"),
    "organization": _object("Organization"),
    "user": _object("Account"),
    "industry": _object("Industry"),
    "capability": _object("Capability"),
    "duplicate_flag": _object("Possible duplicate"),
    "import_batch": _object("Import"),
    "export": _object("Export"),
}

VERB_LABELS = {
    "status": _verb("status changed"),
    "approve": _verb("approved"),
    "reject": _verb("rejected"),
    "request_changes": _verb("changes requested"),
    "archive": _verb("archived"),
    "edit": _verb("edited"),
    "owner_edit": _verb("edited by its owner"),
    "edit_checked": _verb("edit checked"),
    "feature": _verb("featured"),
    "unfeature": _verb("no longer featured"),
    "merge": _verb("merged"),
    "verify": _verb("verified"),
    "unverify": _verb("verification removed"),
    "rename": _verb("renamed"),
    "suspend": _verb("suspended"),
    "restore": _verb("restored"),
    "create": _verb("created"),
    "delete": _verb("deleted"),
    "scan": _verb("scan for duplicates"),
    "dismiss": _verb("dismissed"),
    "upload": _verb("file uploaded"),
    "run": _verb("rows imported"),
    "download": _verb("downloaded"),
    "bulk_approve": _verb("approved in bulk"),
    "bulk_reject": _verb("rejected in bulk"),
    "bulk_request_changes": _verb("changes requested in bulk"),
    "bulk_archive": _verb("archived in bulk"),
}

FIELD_LABELS = {
    "status": _field("Status"),
    "review_note": _field("Reviewer's note"),
    "title": _field("Title"),
    "description": _field("Description"),
    "industry": _field("Industry"),
    "capabilities": _field("Capabilities"),
    "district": _field("District"),
    "budget_min": _field("Budget from"),
    "budget_max": _field("Budget up to"),
    "timeline": _field("Timeline"),
    "data_available": _field("Data available"),
    "confidentiality": _field("Visibility"),
    "contact": _field("Contact"),
    "name": _field("Name"),
    "name_en": _field("English name"),
    "name_zh": _field("Chinese name"),
    "website": _field("Website"),
    "products": _field("Products"),
    "case_studies": _field("Case studies"),
    "certifications": _field("Certifications"),
    "languages": _field("Languages"),
    "team_size": _field("Team size"),
    "industries": _field("Industries"),
    "verified": _field("Verified"),
    "is_active": _field("Account active"),
    "code": _field("Code"),
    "parent": _field("Parent"),
    "synonyms_zh": _field("Chinese synonyms"),
    "synonyms_en": _field("English synonyms"),
    "weak_zh": _field("Weak Chinese words"),
    "weak_en": _field("Weak English words"),
    "merged_into": _field("Merged into"),
    "merged_into_id": _field("Merged into scenario"),
    "moved": _field("Records moved"),
    "kept": _field("Records kept"),
    "stayed": _field("Records that stayed"),
    "target": _field("Merged into"),
    "different_owners": _field("Different organizations"),
    "flags": _field("Pairs flagged"),
    "listings": _field("Listings"),
    "skipped": _field("Skipped"),
    "sha256": _field("File fingerprint"),
    "kind": _field("Kind"),
    "encoding": _field("Encoding"),
    "sheet": _field("Sheet"),
    "rows": _field("Rows"),
    "imported": _field("Imported"),
    "unchanged": _field("Unchanged"),
    "errors": _field("Rows with errors"),
    "organizations_created": _field("Organizations created"),
    "flagged": _field("Flagged as duplicates"),
    "label": _field("Batch"),
    "featured": _field("Featured"),
    "description_en": _field("English description"),
}


def action_label(code: str | None) -> str:
    """`scenario.status` -> "Scenario · status changed" (场景 · 状态变更)."""
    if not code:
        return ""
    obj, _dot, verb = code.partition(".")
    obj_label = OBJECT_LABELS.get(obj)
    verb_label = VERB_LABELS.get(verb) or verb.replace("_", " ")
    if obj_label is None:
        return code
    return gettext("%(record)s · %(action)s", record=obj_label, action=verb_label)


def object_label(object_type: str | None) -> str:
    return str(OBJECT_LABELS.get(object_type or "", object_type or ""))


def field_label(key: str) -> str:
    return str(FIELD_LABELS.get(key, key.replace("_", " ")))


def _status(value: str) -> str:
    from app.admin.views import status_label

    return status_label(value)


def _scalar(key: str, value: Any, nodes: dict[str, Any]) -> str:
    if value is None or value == "":
        return gettext("(empty)")
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if key == "status" and isinstance(value, str):
        return _status(value)
    if key == "district" and isinstance(value, str):
        return district_name(value)
    if (
        key in ("industry", "capabilities", "industries", "parent", "merged_into")
        and isinstance(value, str)
        and value in nodes
    ):
        return node_name(nodes[value])
    if key in ("budget_min", "budget_max") and isinstance(value, int):
        return f"{value:,}"
    return str(value)


def value_text(key: str, value: Any, nodes: dict[str, Any] | None = None) -> str:
    """One stored value as words: lists joined with the language's separator, nested records as "name: value"."""
    nodes = nodes or {}
    if isinstance(value, (list, tuple)):
        if not value:
            return gettext("(none)")
        return list_sep().join(_scalar(key, v, nodes) for v in value)
    if isinstance(value, dict):
        if not value:
            return gettext("(none)")
        return "; ".join(f"{field_label(str(k))}: {value_text(str(k), v, nodes)}" for k, v in value.items())
    return _scalar(key, value, nodes)


@dataclass(frozen=True)
class Change:
    field: str
    before: str | None  # None: the record had no value before (it was created) or the entry keeps none
    after: str | None  # None: the record was deleted, or the entry keeps no "after"
    long: bool  # either side is long enough to be shown behind a summary


def changes(entry: Any, nodes: dict[str, Any] | None = None) -> list[Change]:
    """The fields an entry changed, in the order they were recorded, each with its full before and after."""
    before, after = entry.before or {}, entry.after or {}
    if not isinstance(before, dict):
        before = {"value": before}
    if not isinstance(after, dict):
        after = {"value": after}
    keys = list(after) + [k for k in before if k not in after]
    out = []
    for key in keys:
        old = value_text(key, before[key], nodes) if key in before and entry.before is not None else None
        new = value_text(key, after[key], nodes) if key in after and entry.after is not None else None
        long = any(v is not None and len(v) > LONG_VALUE_CHARS for v in (old, new))
        out.append(Change(field_label(key), old, new, long))
    return out


def init_app(app: App) -> None:
    app.jinja_env.globals.update(
        audit_action_label=action_label, audit_object_label=object_label, audit_changes=changes
    )
