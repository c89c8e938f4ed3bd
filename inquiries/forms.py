"""The reader-facing form built from a page's fields, plus the fields every CLAC form
has and editors cannot remove: privacy consent, a honeypot and a signed token."""

from django import forms
from django.core.validators import RegexValidator
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.forms.forms import BaseForm, FormBuilder

from inquiries.spam import issue_token

CONSENT_FIELD = "clac_consent"
HONEYPOT_FIELD = "clac_website"
TOKEN_FIELD = "clac_token"  # noqa: S105 - a field name
# Not stored with the submission (the consent is: it records what the reader agreed).
SERVICE_FIELDS = frozenset({HONEYPOT_FIELD, TOKEN_FIELD})

single_line = RegexValidator(
    r"[\r\n\x00-\x08\x0b\x0c\x0e-\x1f\x7f]",
    inverse_match=True,
    message=_("Write this on a single line, without special characters."),
)


#: What a consent box may send to mean "yes" (a checkbox sends "on"); anything else,
#: "0", "false", "off", "no" or empty included, is no consent.
AFFIRMATIVE = frozenset({"on", "1", "true", "yes"})


class ConsentCheckbox(forms.CheckboxInput):
    """Django's checkbox takes any value but "false" for checked ("0", "off", "no"
    too): consent needs an affirmative one."""

    def value_from_datadict(self, data, files, name):
        value = data.get(name)
        if isinstance(value, bool):
            return value
        return isinstance(value, str) and value.strip().lower() in AFFIRMATIVE


class ClacForm(BaseForm):
    """A Wagtail form with CLAC's fixed fields appended after the editor's."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        page = self.page
        privacy = getattr(page, "privacy_page_for_reader", None)
        privacy = privacy() if callable(privacy) else None
        help_text = ""
        if privacy is not None:
            help_text = format_html(
                '<a href="{}">{}</a>', privacy.url, _("Read our privacy policy")
            )
        self.fields[CONSENT_FIELD] = forms.BooleanField(
            label=_(
                "I agree that CLAC keeps the information I send in order to answer me."
            ),
            help_text=help_text,
            required=True,
            widget=ConsentCheckbox,
            error_messages={
                "required": _("Please accept the privacy policy to send the form.")
            },
        )
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            label=_("Leave this field empty"),
            required=False,
            strip=False,
            widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
        )
        self.fields[TOKEN_FIELD] = forms.CharField(
            required=False, widget=forms.HiddenInput
        )
        if not self.is_bound and page is not None:
            self.initial[TOKEN_FIELD] = issue_token(page.translation_key)

    @property
    def honeypot(self):
        return self[HONEYPOT_FIELD]

    def reader_fields(self):
        """Visible fields the template renders one by one (not the honeypot)."""
        return [
            field for field in self.visible_fields() if field.name != HONEYPOT_FIELD
        ]

    def submission_data(self) -> dict:
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in SERVICE_FIELDS
        }


class ClacFormBuilder(FormBuilder):
    def get_formatted_field_choices(self, field):
        return field.choice_pairs

    def create_singleline_field(self, field, options):
        field_obj = super().create_singleline_field(field, options)
        field_obj.max_length = 255
        field_obj.validators.append(single_line)
        return field_obj

    def create_multiline_field(self, field, options):
        options["max_length"] = 5000
        return super().create_multiline_field(field, options)

    def create_email_field(self, field, options):
        options["max_length"] = 254
        return super().create_email_field(field, options)

    def create_url_field(self, field, options):
        options["max_length"] = 500
        return super().create_url_field(field, options)

    def get_form_class(self):
        return type("ClacWagtailForm", (ClacForm,), self.formfields)
