"""Two-factor sign-in in a real browser: the demo moderator (a role that requires
it) is sent to set up an app, enrols with the app's code, signs in with a later
code, is refused a wrong one with the wrong-password message, and signs in once
with a recovery code, which does not work a second time."""

import time

import pytest

from tests.browser.conftest import record_figure, screenshot, sign_in_form
from tests.two_factor_helpers import key_from_page, totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

USERNAME = "moderator"


def _error(page):
    page.locator(".messages li.error").wait_for()
    return page.locator(".messages li.error").inner_text().strip()


def _wait_for_next_code(device):
    """An app shows a new code every 30 s, and a code is accepted once: wait for
    the step after the one used to enrol."""
    device.refresh_from_db()
    while int(time.time()) // device.step <= device.last_t:
        time.sleep(0.5)


def test_moderator_enrols_and_signs_in_with_totp_and_recovery_codes(
    new_page, screenshots_dir
):
    from django.core.management import call_command

    from django_otp.plugins.otp_totp.models import TOTPDevice

    # Another browser test may have signed the moderator in with a code.
    call_command("reset_two_factor", USERNAME, stdout=open("/dev/null", "w"))  # noqa: SIM115

    # 1. Password alone: the admin sends the moderator to set up an app.
    page = new_page(locale="es-ES")
    refused = []
    page.on("response", lambda r: refused.append(r.url) if r.status >= 400 else None)
    sign_in_form(page, USERNAME)
    page.wait_for_url("**/admin/two-factor/")
    page.locator("#two-factor-required").wait_for()
    assert page.locator(".clac-two-factor-qr-box svg").count() == 1
    page.goto("/admin/pages/")
    page.wait_for_url("**/admin/two-factor/")  # no way round it
    screenshot(page, screenshots_dir / "two-factor-enrol.png")
    assert page.locator("#two-factor-key").count() == 1
    assert not refused, refused  # the page's icons and scripts load

    # 2. The app's code (computed from the key the page shows) turns it on.
    key = key_from_page(page.locator("#two-factor-key").inner_text())
    page.fill("#id_otp_token", totp_code(key))
    page.locator("#confirm-form button[type=submit]").click()
    page.locator("#recovery-codes").wait_for()
    codes = page.locator("#recovery-codes code").all_inner_texts()
    assert len(codes) == 10, codes
    screenshot(page, screenshots_dir / "two-factor-recovery-codes.png")
    page.locator("#recovery-codes-done").click()
    page.wait_for_url("**/admin/")
    device = TOTPDevice.objects.get(user__username=USERNAME, confirmed=True)

    # The wrong-password message, to compare with.
    page = new_page(locale="es-ES")
    sign_in_form(page, USERNAME, password="not-the-password")
    wrong_password = _error(page)

    # 3. Signing in again takes the app's (next) code.
    _wait_for_next_code(device)
    page = new_page(locale="es-ES")
    sign_in_form(page, USERNAME, code=totp_code(key))
    page.wait_for_url("**/admin/")
    assert page.locator("html").get_attribute("lang") == "es"

    # 4. A wrong code: refused, with the wrong-password message.
    right = totp_code(key)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    page = new_page(locale="es-ES")
    sign_in_form(page, USERNAME, code=wrong)
    assert _error(page) == wrong_password
    assert "/admin/login/" in page.url
    screenshot(page, screenshots_dir / "two-factor-wrong-code.png")

    # 5. A recovery code signs in once…
    page = new_page(locale="es-ES")
    sign_in_form(page, USERNAME, code=codes[0])
    page.wait_for_url("**/admin/")

    # 6. …and not twice.
    page = new_page(locale="es-ES")
    sign_in_form(page, USERNAME, code=codes[0])
    assert _error(page) == wrong_password
    assert "/admin/login/" in page.url

    record_figure(
        "two-factor",
        f"{USERNAME}: enrolled with a TOTP code, signed in with a later one, "
        f"a wrong code refused ({wrong_password!r}), a recovery code worked once "
        "and was refused the second time",
    )
