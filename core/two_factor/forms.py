"""The sign-in form with its optional code, and the forms of the enrolment page."""

from django import forms
from django.contrib.auth.signals import user_login_failed
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms.auth import LoginForm

from . import devices


def code_field(**kwargs):
    return forms.CharField(
        max_length=32,
        strip=True,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "off",
                "spellcheck": "false",
            }
        ),
        **kwargs,
    )


class TwoFactorLoginForm(LoginForm):
    """Wagtail's sign-in form with a code field, needed only when the account has
    an authenticator app (django-otp's ``OTPAuthenticationForm`` would demand a
    code from everyone).

    A wrong or missing code gets the wrong-password message (nothing tells a
    guesser that the password was right) and is a failed sign-in for django-axes,
    counted for the (username, address) pair like a wrong password.
    """

    otp_token = code_field(
        required=False,
        label=_("Two-factor code"),
        help_text=_(
            "If you have set up two-factor sign-in: the 6-digit code from your "
            "authenticator app, or one of your recovery codes."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail's field has no label: Django would show its name, in English.
        self.fields["password"].label = _("Password")

    def clean(self):
        cleaned_data = super().clean()  # the password: counted by axes when wrong
        user = self.get_user()
        if user is not None and devices.has_device(user):
            device = devices.match(user, self.cleaned_data.get("otp_token", ""))
            if device is None:
                self.user_cache = None
                user_login_failed.send(
                    sender=__name__,
                    credentials={"username": self.cleaned_data.get("username")},
                    request=self.request,
                )
                raise self.get_invalid_login_error()
            # django_otp's user_logged_in receiver marks the session verified.
            user.otp_device = device
        return cleaned_data


class ConfirmAppForm(forms.Form):
    """The first code from a newly added app: proves it holds the key."""

    otp_token = code_field(
        label=_("Code from your app"),
        help_text=_("The 6-digit code your authenticator app shows now."),
    )

    def __init__(self, device, *args, **kwargs):
        self.device = device
        super().__init__(*args, **kwargs)

    def clean_otp_token(self):
        code = devices.normalise(self.cleaned_data["otp_token"])
        if not devices.TOTP_CODE.match(code) or not self.device.verify_token(code):
            raise forms.ValidationError(
                _(
                    "That code is not right. Check the time on your phone and try again."
                ),
                code="invalid_code",
            )
        return code


class PasswordAndCodeForm(forms.Form):
    """Changing the second factor asks for both factors again."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    otp_token = code_field(
        label=_("Two-factor code"),
        help_text=_("A code from your authenticator app, or a recovery code."),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned_data = super().clean()
        password = cleaned_data.get("password")
        code = cleaned_data.get("otp_token")
        if password is None or code is None:
            return cleaned_data
        # The code is tried (and a recovery code used up) only after the password.
        if not self.user.check_password(password) or not devices.match(self.user, code):
            raise forms.ValidationError(
                _("The password or the code is not right."), code="invalid"
            )
        return cleaned_data
