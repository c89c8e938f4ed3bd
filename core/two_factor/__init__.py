"""Two-factor sign-in for staff (issue 15 item 9), on django-otp.

A staff member adds an authenticator app (a TOTP device, ``otp_totp``) and gets
ten single-use recovery codes (a static device, ``otp_static``). Wagtail's own
sign-in form (``WAGTAILADMIN_USER_LOGIN_FORM`` = ``forms.TwoFactorLoginForm``)
asks for one of them when the account has a device; a wrong or missing code is
refused with the wrong-password message and counted by django-axes for that
(username, address) pair. ``middleware.TwoFactorRequiredMiddleware`` sends the
roles in ``OTP_REQUIRED_GROUPS`` (and superusers) to the enrolment page until
they have a device. See docs/architecture.md, "Staff sign-in".
"""
