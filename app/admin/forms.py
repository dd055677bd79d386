"""Forms of the admin area: each validates what it can alone and hands a frozen input to a service."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import HiddenField, RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import StopValidation

from app.enterprise.forms import ScenarioForm
from app.formtools import BaseForm, ChoiceField, MultiChoiceField, TextRules, multi_line, single_line
from app.models import IMPORT_FIELDS, Scenario
from app.services.curation import NOTE_MAX_CHARS, REVIEW_ACTIONS, ReviewDecision
from app.services.imports import LABEL_MAX_CHARS, MappingInput, UploadInput
from app.services.taxonomy_admin import NAME_MAX_CHARS, TaxonomyNodeInput, split_words
from app.services.text import parse_id, parse_int, validated_id

NO_COLUMN = ""


class ActionForm(BaseForm):
    """A button that changes something: only the CSRF token."""


class AcceptCueForm(BaseForm):
    """Accept a mined cue word as a synonym of a capability (one click on the teaching lists)."""

    capability = HiddenField()
    word = HiddenField()
    next = HiddenField()

    def to_args(self) -> tuple[str, str]:
        return (self.capability.data or "").strip(), (self.word.data or "").strip()


class DecisionForm(BaseForm):
    action = StringField()
    note = TextAreaField(
        _l("Note to the owner"),
        filters=[multi_line],
        validators=[TextRules(NOTE_MAX_CHARS, multiline=True, required=False)],
    )

    def validate_action(self, field) -> None:
        if field.data not in REVIEW_ACTIONS:
            raise StopValidation(_l("Choose a decision."))

    def to_input(self) -> ReviewDecision:
        return ReviewDecision(action=self.action.data, note=self.note.data or "")


class BulkReviewForm(BaseForm):
    selected = MultiChoiceField(_l("Selected listings"))
    action = StringField()
    note = TextAreaField(
        _l("Reason (sent to every owner when rejecting)"),
        filters=[multi_line],
        validators=[TextRules(NOTE_MAX_CHARS, multiline=True, required=False)],
    )

    def validate_action(self, field) -> None:
        if field.data not in ("approve", "reject"):
            raise StopValidation(_l("Choose approve or reject."))

    def to_input(self) -> ReviewDecision:
        return ReviewDecision(action=self.action.data, note=self.note.data or "")


class FeatureForm(BaseForm):
    featured = HiddenField()

    @property
    def wanted(self) -> bool:
        return self.featured.data == "1"


class VerifyForm(BaseForm):
    verified = HiddenField()
    note = StringField(
        _l("Note (optional, kept in the audit log)"), filters=[single_line], validators=[TextRules(500, required=False)]
    )

    @property
    def wanted(self) -> bool:
        return self.verified.data == "1"


class SuspendForm(BaseForm):
    reason = TextAreaField(
        _l("Why (kept in the audit log)"),
        filters=[multi_line],
        validators=[TextRules(NOTE_MAX_CHARS, 5, multiline=True)],
    )


class NoteForm(BaseForm):
    note = StringField(
        _l("Note (optional, kept in the audit log)"), filters=[single_line], validators=[TextRules(500, required=False)]
    )


class MergeForm(BaseForm):
    keep = RadioField(_l("Which scenario stays"), validate_choice=False)
    note = StringField(
        _l("Note (optional, kept in the audit log)"), filters=[single_line], validators=[TextRules(500, required=False)]
    )
    # Merging cannot be undone from the site: the first POST shows what will happen, the second (with this
    # set by the confirmation page's button) merges.
    confirmed = HiddenField()

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed.data == "1"

    def validate_keep(self, field) -> None:
        if parse_id(field.data) is None:
            raise StopValidation(_l("Choose which of the two scenarios to keep."))

    @property
    def keep_id(self) -> int:
        return validated_id(self.keep.data)


class AdminScenarioForm(ScenarioForm):
    """The enterprise's scenario form, plus the contact a government list gives and a note for the log."""

    contact = StringField(
        _l("Contact (admins and the owner only)"), filters=[single_line], validators=[TextRules(200, required=False)]
    )
    change_note = StringField(
        _l("What you changed and why (kept in the audit log)"),
        filters=[single_line],
        validators=[TextRules(500, required=False)],
    )

    @classmethod
    def for_scenario(cls, scenario: Scenario, industries, capabilities) -> AdminScenarioForm:
        form = super().for_scenario(scenario, industries, capabilities)
        form.contact.data = scenario.contact or ""
        return form


class TaxonomyNodeForm(BaseForm):
    code = StringField(_l("Code"), filters=[single_line], validators=[TextRules(64, required=False)])
    name_zh = StringField(_l("Name in Chinese"), filters=[single_line], validators=[TextRules(NAME_MAX_CHARS)])
    name_en = StringField(_l("Name in English"), filters=[single_line], validators=[TextRules(NAME_MAX_CHARS)])
    parent = ChoiceField(_l("Parent group"))
    synonyms_zh = TextAreaField(_l("Chinese synonyms"))
    synonyms_en = TextAreaField(_l("English synonyms"))
    weak_zh = TextAreaField(_l("Chinese hint words"))
    weak_en = TextAreaField(_l("English hint words"))

    def set_parents(self, groups, exclude_id: int | None = None) -> TaxonomyNodeForm:
        self.parent.choices = [SelectChoice("")] + [SelectChoice(g.code) for g in groups if g.id != exclude_id]
        return self

    @classmethod
    def for_node(cls, node) -> TaxonomyNodeForm:
        return cls(
            data={
                "code": node.code,
                "name_zh": node.name_zh,
                "name_en": node.name_en,
                "parent": node.parent.code if node.parent is not None else "",
                **{f: "\n".join(getattr(node, f) or []) for f in ("synonyms_zh", "synonyms_en", "weak_zh", "weak_en")},
            }
        )

    def to_input(self) -> TaxonomyNodeInput:
        return TaxonomyNodeInput(
            code=self.code.data or "",
            name_zh=self.name_zh.data,
            name_en=self.name_en.data,
            parent=self.parent.data or None,
            synonyms_zh=split_words(self.synonyms_zh.data),
            synonyms_en=split_words(self.synonyms_en.data),
            weak_zh=split_words(self.weak_zh.data),
            weak_en=split_words(self.weak_en.data),
        )


class TaxonomyMergeForm(BaseForm):
    target = ChoiceField(_l("Merge into"))

    def validate_target(self, field) -> None:
        if not field.data:
            raise StopValidation(_l("Choose the entry to merge into."))


class UploadForm(BaseForm):
    file = FileField(_l("Spreadsheet (.xlsx or .csv)"))
    label = StringField(
        _l("Batch name"), filters=[single_line], validators=[TextRules(LABEL_MAX_CHARS, required=False)]
    )
    publish = RadioField(
        _l("Imported scenarios"),
        default="publish",
        validate_choice=False,
        choices=[
            SelectChoice("publish", _l("Publish them at once (the list was already vetted)")),
            SelectChoice("review", _l("Put them in the review queue")),
        ],
    )

    def validate_file(self, field) -> None:
        if not field.data or not getattr(field.data, "filename", ""):
            raise StopValidation(_l("Choose a file to upload."))

    def to_input(self) -> UploadInput:
        storage = self.file.data
        return UploadInput(
            filename=storage.filename or "",
            content=storage.read(),
            label=self.label.data or "",
            publish=self.publish.data != "review",
        )


class MappingForm(BaseForm):
    label = StringField(
        _l("Batch name"), filters=[single_line], validators=[TextRules(LABEL_MAX_CHARS, required=False)]
    )
    publish = RadioField(
        _l("Imported scenarios"),
        validate_choice=False,
        choices=[
            SelectChoice("publish", _l("Publish them at once (the list was already vetted)")),
            SelectChoice("review", _l("Put them in the review queue")),
        ],
    )
    serial = ChoiceField(_l("Serial number"))
    title = ChoiceField(_l("Title"))
    owner = ChoiceField(_l("Owner organization"))
    industry = ChoiceField(_l("Industry"))
    description = ChoiceField(_l("Description"))
    contact = ChoiceField(_l("Contact"))
    district = ChoiceField(_l("District"))
    budget = ChoiceField(_l("Budget"))
    capabilities = ChoiceField(_l("Capabilities"))
    data_available = ChoiceField(_l("Data available"))

    def set_columns(self, headers: list[str]) -> MappingForm:
        choices = [SelectChoice(NO_COLUMN, "")] + [SelectChoice(str(i)) for i in range(len(headers))]
        for name in IMPORT_FIELDS:
            getattr(self, name).choices = choices
        return self

    @classmethod
    def for_batch(cls, batch) -> MappingForm:
        data = {
            name: ("" if batch.mapping.get(name) is None else str(batch.mapping.get(name))) for name in IMPORT_FIELDS
        }
        data.update(label=batch.label or "", publish="publish" if batch.publish else "review")
        return cls(data=data).set_columns(batch.headers)

    def to_input(self) -> MappingInput:
        mapping = {name: parse_int(getattr(self, name).data, None, 0, 100_000) for name in IMPORT_FIELDS}
        return MappingInput(mapping=mapping, label=self.label.data or "", publish=self.publish.data != "review")


class ImportRunForm(BaseForm):
    """The button that imports: only the CSRF token."""
