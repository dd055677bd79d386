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


OBJECT_LABELS = {
    "scenario": lazy_pgettext("audit record", "Scenario"),
    "vendor_profile": lazy_pgettext("audit record", "Vendor profile"),
    "review": lazy_pgettext("audit record", "Review queue"),
    "organization": lazy_pgettext("audit record", "Organization"),
    "user": lazy_pgettext("audit record", "Account"),
    "industry": lazy_pgettext("audit record", "Industry"),
    "capability": lazy_pgettext("audit record", "Capability"),
    "duplicate_flag": lazy_pgettext("audit record", "Possible duplicate"),
    "import_batch": lazy_pgettext("audit record", "Import"),
    "export": lazy_pgettext("audit record", "Export"),
}

VERB_LABELS = {
    "status": lazy_pgettext("audit action", "status changed"),
    "approve": lazy_pgettext("audit action", "approved"),
    "reject": lazy_pgettext("audit action", "rejected"),
    "request_changes": lazy_pgettext("audit action", "changes requested"),
    "archive": lazy_pgettext("audit action", "archived"),
    "edit": lazy_pgettext("audit action", "edited"),
    "owner_edit": lazy_pgettext("audit action", "edited by its owner"),
    "edit_checked": lazy_pgettext("audit action", "edit checked"),
    "feature": lazy_pgettext("audit action", "featured"),
    "unfeature": lazy_pgettext("audit action", "no longer featured"),
    "merge": lazy_pgettext("audit action", "merged"),
    "verify": lazy_pgettext("audit action", "verified"),
    "unverify": lazy_pgettext("audit action", "verification removed"),
    "rename": lazy_pgettext("audit action", "renamed"),
    "suspend": lazy_pgettext("audit action", "suspended"),
    "restore": lazy_pgettext("audit action", "restored"),
    "create": lazy_pgettext("audit action", "created"),
    "delete": lazy_pgettext("audit action", "deleted"),
    "scan": lazy_pgettext("audit action", "scan for duplicates"),
    "dismiss": lazy_pgettext("audit action", "dismissed"),
    "upload": lazy_pgettext("audit action", "file uploaded"),
    "run": lazy_pgettext("audit action", "rows imported"),
    "download": lazy_pgettext("audit action", "downloaded"),
    "bulk_approve": lazy_pgettext("audit action", "approved in bulk"),
    "bulk_reject": lazy_pgettext("audit action", "rejected in bulk"),
    "bulk_request_changes": lazy_pgettext("audit action", "changes requested in bulk"),
    "bulk_archive": lazy_pgettext("audit action", "archived in bulk"),
}

FIELD_LABELS = {
    "status": lazy_pgettext("audit field", "Status"),
    "review_note": lazy_pgettext("audit field", "Reviewer's note"),
    "title": lazy_pgettext("audit field", "Title"),
    "description": lazy_pgettext("audit field", "Description"),
    "industry": lazy_pgettext("audit field", "Industry"),
    "capabilities": lazy_pgettext("audit field", "Capabilities"),
    "district": lazy_pgettext("audit field", "District"),
    "budget_min": lazy_pgettext("audit field", "Budget from"),
    "budget_max": lazy_pgettext("audit field", "Budget up to"),
    "timeline": lazy_pgettext("audit field", "Timeline"),
    "data_available": lazy_pgettext("audit field", "Data available"),
    "confidentiality": lazy_pgettext("audit field", "Visibility"),
    "contact": lazy_pgettext("audit field", "Contact"),
    "name": lazy_pgettext("audit field", "Name"),
    "name_en": lazy_pgettext("audit field", "English name"),
    "name_zh": lazy_pgettext("audit field", "Chinese name"),
    "website": lazy_pgettext("audit field", "Website"),
    "products": lazy_pgettext("audit field", "Products"),
    "case_studies": lazy_pgettext("audit field", "Case studies"),
    "certifications": lazy_pgettext("audit field", "Certifications"),
    "languages": lazy_pgettext("audit field", "Languages"),
    "team_size": lazy_pgettext("audit field", "Team size"),
    "industries": lazy_pgettext("audit field", "Industries"),
    "verified": lazy_pgettext("audit field", "Verified"),
    "is_active": lazy_pgettext("audit field", "Account active"),
    "code": lazy_pgettext("audit field", "Code"),
    "parent": lazy_pgettext("audit field", "Parent"),
    "synonyms_zh": lazy_pgettext("audit field", "Chinese synonyms"),
    "synonyms_en": lazy_pgettext("audit field", "English synonyms"),
    "weak_zh": lazy_pgettext("audit field", "Weak Chinese words"),
    "weak_en": lazy_pgettext("audit field", "Weak English words"),
    "merged_into": lazy_pgettext("audit field", "Merged into"),
    "merged_into_id": lazy_pgettext("audit field", "Merged into scenario"),
    "moved": lazy_pgettext("audit field", "Records moved"),
    "kept": lazy_pgettext("audit field", "Records kept"),
    "stayed": lazy_pgettext("audit field", "Records that stayed"),
    "target": lazy_pgettext("audit field", "Merged into"),
    "different_owners": lazy_pgettext("audit field", "Different organizations"),
    "flags": lazy_pgettext("audit field", "Pairs flagged"),
    "listings": lazy_pgettext("audit field", "Listings"),
    "skipped": lazy_pgettext("audit field", "Skipped"),
    "sha256": lazy_pgettext("audit field", "File fingerprint"),
    "kind": lazy_pgettext("audit field", "Kind"),
    "encoding": lazy_pgettext("audit field", "Encoding"),
    "sheet": lazy_pgettext("audit field", "Sheet"),
    "rows": lazy_pgettext("audit field", "Rows"),
    "imported": lazy_pgettext("audit field", "Imported"),
    "unchanged": lazy_pgettext("audit field", "Unchanged"),
    "errors": lazy_pgettext("audit field", "Rows with errors"),
    "organizations_created": lazy_pgettext("audit field", "Organizations created"),
    "flagged": lazy_pgettext("audit field", "Flagged as duplicates"),
    "label": lazy_pgettext("audit field", "Batch"),
    "featured": lazy_pgettext("audit field", "Featured"),
    "description_en": lazy_pgettext("audit field", "English description"),
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
