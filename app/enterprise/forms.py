"""The scenario form, and the small forms that withdraw or close a scenario."""

from __future__ import annotations

from types import SimpleNamespace

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import StopValidation, ValidationError

from app.formtools import (
    BaseForm,
    ChoiceField,
    InRange,
    MultiChoiceField,
    NumberText,
    OneTimeTokenField,
    TextRules,
    multi_line,
    single_line,
    taxonomy_codes,
)
from app.models import DISTRICTS, MAX_BUDGET, MAX_DESCRIPTION_CHARS, OUTCOMES, Scenario
from app.services.inputs import CloseScenarioInput, ScenarioInput
from app.services.scenarios import (
    DATA_MAX_CHARS,
    DESCRIPTION_MIN_CHARS,
    MAX_CAPABILITIES,
    TIMELINE_MAX_CHARS,
    TITLE_MAX_CHARS,
    TITLE_MIN_CHARS,
)

NOT_SURE = "not_sure"
ACTIONS = ("draft", "submit", "check")


def _budget_field(label):
    return NumberText(
        label,
        invalid_message=_l("Enter a whole number of yuan, such as 500000 or 50万."),
        validators=[
            InRange(
                0,
                MAX_BUDGET,
                _l("A budget cannot be negative."),
                _l("Enter at most %(max)s yuan.", max=format(MAX_BUDGET, ",")),
            )
        ],
    )


class ScenarioForm(BaseForm):
    title = StringField(
        _l("Title"), filters=[single_line], validators=[TextRules(TITLE_MAX_CHARS, TITLE_MIN_CHARS, draft_ok=True)]
    )
    description = TextAreaField(
        _l("The problem"),
        filters=[multi_line],
        validators=[TextRules(MAX_DESCRIPTION_CHARS, DESCRIPTION_MIN_CHARS, multiline=True, draft_ok=True)],
    )
    industry = ChoiceField(_l("Industry"))
    capabilities = MultiChoiceField(_l("AI capabilities you think it needs"))
    district = ChoiceField(_l("District (site)"))
    budget_min = _budget_field(_l("Budget from (yuan)"))
    budget_max = _budget_field(_l("Budget up to (yuan)"))
    timeline = StringField(
        _l("Timeline"), filters=[single_line], validators=[TextRules(TIMELINE_MAX_CHARS, required=False)]
    )
    data_available = TextAreaField(
        _l("Data available"),
        filters=[multi_line],
        validators=[TextRules(DATA_MAX_CHARS, multiline=True, required=False)],
    )
    confidentiality = RadioField(
        _l("Who may read the details"),
        validate_choice=False,
        default="public",
        choices=[
            SelectChoice("public", _l("Everyone")),
            SelectChoice(
                "verified_only", _l("Verified vendors only (the public list shows title, industry and district)")
            ),
        ],
    )
    form_token = OneTimeTokenField()
    action = StringField()
    # Set by the view: False when a draft is saved, which keeps whatever is there (a title is enough);
    # sending for review, checking, or saving a published scenario asks for a complete one.
    require_complete = True

    def set_taxonomy(self, industries, capabilities) -> ScenarioForm:
        self.industry.choices = [SelectChoice(""), SelectChoice(NOT_SURE, "")] + [
            SelectChoice(c) for c in taxonomy_codes(industries)
        ]
        self.capabilities.choices = [SelectChoice(NOT_SURE, "")] + [
            SelectChoice(c) for c in taxonomy_codes(capabilities)
        ]
        self.district.choices = [SelectChoice("")] + [SelectChoice(code) for code in DISTRICTS]
        return self

    @classmethod
    def for_scenario(cls, scenario: Scenario, industries, capabilities) -> ScenarioForm:
        data = {
            "title": scenario.title,
            "description": scenario.description,
            "industry": scenario.industry.code if scenario.industry else NOT_SURE,
            "capabilities": [c.code for c in scenario.capabilities] or [NOT_SURE],
            "district": scenario.district or "",
            "budget_min": scenario.budget_min,
            "budget_max": scenario.budget_max,
            "timeline": scenario.timeline or "",
            "data_available": scenario.data_available or "",
            "confidentiality": scenario.confidentiality,
        }
        return cls(data=data).set_taxonomy(industries, capabilities)

    @property
    def chosen_action(self) -> str:
        return self.action.data if self.action.data in ACTIONS else "draft"

    def validate_industry(self, field) -> None:
        if not field.data and self.require_complete:
            raise StopValidation(_l("Choose an industry, or “Not sure”."))

    def validate_capabilities(self, field) -> None:
        chosen = field.data or []
        if not chosen and self.require_complete:
            raise StopValidation(_l("Choose at least one capability, or “Not sure”."))
        if NOT_SURE in chosen and len(chosen) > 1:
            raise StopValidation(_l("Choose capabilities or “Not sure”, not both."))
        if len(chosen) > MAX_CAPABILITIES:
            raise StopValidation(_l("Choose at most %(num)d capabilities.", num=MAX_CAPABILITIES))

    def validate_budget_max(self, field) -> None:
        low, high = self.budget_min.data, field.data
        if low is not None and high is not None and not self.budget_min.errors and low > high:
            raise ValidationError(_l("The maximum budget must not be less than the minimum."))

    def validate_confidentiality(self, field) -> None:
        if field.data not in ("public", "verified_only"):
            raise StopValidation(_l("Choose who may read the details."))

    def quality_view(self) -> SimpleNamespace:
        """What the listing-quality check reads, taken from whatever was typed (valid or not)."""

        def ok(field):
            return None if field.errors else field.data

        return SimpleNamespace(
            description=self.description.data or "",
            data_available=self.data_available.data or "",
            district=self.district.data or None,
            budget_min=ok(self.budget_min),
            budget_max=ok(self.budget_max),
        )

    def to_input(self) -> ScenarioInput:
        capabilities = tuple(c for c in self.capabilities.data or [] if c != NOT_SURE)
        return ScenarioInput(
            title=self.title.data,
            description=self.description.data,
            industry=None if self.industry.data == NOT_SURE else self.industry.data,
            capabilities=capabilities,
            district=self.district.data or None,
            budget_min=self.budget_min.data,
            budget_max=self.budget_max.data,
            timeline=self.timeline.data or "",
            data_available=self.data_available.data or "",
            confidentiality=self.confidentiality.data,
            submit=self.chosen_action == "submit",
            submission_token=self.form_token.data or None,
        )


class CloseScenarioForm(BaseForm):
    outcome = RadioField(
        _l("How did it end?"),
        validate_choice=False,
        choices=[
            SelectChoice("solved_platform", _l("Solved with a vendor we met on Keting")),
            SelectChoice("solved_elsewhere", _l("Solved another way")),
            SelectChoice("dropped", _l("We dropped it")),
        ],
    )

    def validate_outcome(self, field) -> None:
        if field.data not in OUTCOMES:
            raise StopValidation(_l("Choose how the scenario ended."))

    def to_input(self) -> CloseScenarioInput:
        return CloseScenarioInput(outcome=self.outcome.data)


class ActionForm(BaseForm):
    """A button that changes something (withdraw): only the CSRF token."""
