"""The vendor's profile form."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import StopValidation

from app.formtools import (
    BaseForm,
    ChoiceField,
    InRange,
    MultiChoiceField,
    NumberText,
    TextRules,
    multi_line,
    single_line,
    taxonomy_codes,
)
from app.models import DISTRICTS, MAX_TEAM_SIZE, VendorProfile
from app.services.inputs import VendorProfileInput
from app.services.vendors import (
    CERTIFICATIONS_MAX_CHARS,
    DESCRIPTION_MAX_CHARS,
    DESCRIPTION_MIN_CHARS,
    LONG_TEXT_MAX_CHARS,
    MAX_CAPABILITIES,
    NAME_MAX_CHARS,
    PROFILE_LANGUAGES,
    WEBSITE_MAX_CHARS,
)

# save / submit store the profile; preview shows it as typed without storing; edit goes back to the form
# with what was typed (from the preview page), storing nothing.
ACTIONS = ("save", "submit", "preview", "edit")


class VendorProfileForm(BaseForm):
    name = StringField(_l("Company name"), filters=[single_line], validators=[TextRules(NAME_MAX_CHARS, 2)])
    name_en = StringField(
        _l("English name"), filters=[single_line], validators=[TextRules(NAME_MAX_CHARS, required=False)]
    )
    description = TextAreaField(
        _l("What you do"),
        filters=[multi_line],
        validators=[
            TextRules(
                DESCRIPTION_MAX_CHARS, DESCRIPTION_MIN_CHARS, multiline=True, draft_ok=True, draft_may_be_blank=True
            )
        ],
    )
    website = StringField(
        _l("Website"), filters=[single_line], validators=[TextRules(WEBSITE_MAX_CHARS, required=False)]
    )
    district = ChoiceField(_l("District"))
    capabilities = MultiChoiceField(_l("AI capabilities"))
    industries = MultiChoiceField(_l("Industries served"))
    products = TextAreaField(
        _l("Products"),
        filters=[multi_line],
        validators=[TextRules(LONG_TEXT_MAX_CHARS, multiline=True, required=False)],
    )
    case_studies = TextAreaField(
        _l("Case studies"),
        filters=[multi_line],
        validators=[TextRules(LONG_TEXT_MAX_CHARS, multiline=True, required=False)],
    )
    certifications = TextAreaField(
        _l("Certifications"),
        filters=[multi_line],
        validators=[TextRules(CERTIFICATIONS_MAX_CHARS, multiline=True, required=False)],
    )
    languages = MultiChoiceField(_l("Languages you work in"), choices=[SelectChoice(c) for c in PROFILE_LANGUAGES])
    team_size = NumberText(
        _l("Team size"),
        invalid_message=_l("Enter the number of people, such as 25."),
        validators=[
            InRange(
                0,
                MAX_TEAM_SIZE,
                _l("A team size cannot be negative."),
                _l("Enter at most %(max)s.", max=format(MAX_TEAM_SIZE, ",")),
            )
        ],
    )
    action = StringField()
    # Set by the view: False when the profile is saved as a draft or previewed, where what is there is kept
    # and only sending it for review (or editing a public profile) asks for a complete one.
    require_complete = True

    def set_taxonomy(self, industries, capabilities) -> VendorProfileForm:
        self.capabilities.choices = [SelectChoice(c) for c in taxonomy_codes(capabilities)]
        self.industries.choices = [SelectChoice(c) for c in taxonomy_codes(industries)]
        self.district.choices = [SelectChoice("")] + [SelectChoice(code) for code in DISTRICTS]
        return self

    @classmethod
    def for_profile(cls, profile: VendorProfile, industries, capabilities) -> VendorProfileForm:
        org = profile.organization
        data = {
            "name": org.name,
            "name_en": org.name_en or "",
            "description": org.description or "",
            "website": org.website or "",
            "district": org.district or "",
            "capabilities": [c.code for c in profile.capabilities],
            "industries": [i.code for i in profile.industries],
            "products": profile.products,
            "case_studies": profile.case_studies,
            "certifications": profile.certifications,
            "languages": list(profile.languages or []),
            "team_size": profile.team_size,
        }
        return cls(data=data).set_taxonomy(industries, capabilities)

    @property
    def chosen_action(self) -> str:
        return self.action.data if self.action.data in ACTIONS else "save"

    def validate_capabilities(self, field) -> None:
        if not field.data and self.require_complete:
            raise StopValidation(_l("Choose at least one capability, so the matcher knows what you do."))
        if len(field.data or ()) > MAX_CAPABILITIES:
            raise StopValidation(_l("Choose at most %(num)d capabilities.", num=MAX_CAPABILITIES))

    def to_input(self) -> VendorProfileInput:
        return VendorProfileInput(
            name=self.name.data,
            name_en=self.name_en.data or "",
            description=self.description.data,
            website=self.website.data or "",
            district=self.district.data or None,
            capabilities=tuple(self.capabilities.data or ()),
            industries=tuple(self.industries.data or ()),
            products=self.products.data or "",
            case_studies=self.case_studies.data or "",
            certifications=self.certifications.data or "",
            languages=tuple(self.languages.data or ()),
            team_size=self.team_size.data,
            submit=self.chosen_action == "submit",
        )
