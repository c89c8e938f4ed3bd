"""Two-factor sign-in for staff (issue 15 item 9), through Wagtail's real sign-in
view: who must enrol, enrolling with an app's real code, codes at sign-in (a wrong
one is a wrong password for django-axes), recovery codes used once, throttling, and
how a lost phone is dealt with."""

import re
from datetime import UTC, datetime, timedelta
from io import StringIO

from django.core.management import call_command
from django.test import Client, override_settings

import pytest
import time_machine
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.models import GroupRole
from home.bootstrap import role_group
from tests.two_factor_helpers import (
    enrol,
    fresh_recovery_code,
    key_from_page,
    totp_code,
)

pytestmark = [pytest.mark.django_db, pytest.mark.real_two_factor]

LOGIN = "/admin/login/"
ENROL = "/admin/two-factor/"
PASSWORD = "pw"
OFFICE = "203.0.113.7"
ELSEWHERE = "198.51.100.20"
START = datetime(2026, 3, 2, 15, 0, 5, tzinfo=UTC)


def sign_in(username, password=PASSWORD, code=None, address=OFFICE):
    client = Client(REMOTE_ADDR=address)
    data = {"username": username, "password": password}
    if code is not None:
        data["otp_token"] = code
    return client, client.post(LOGIN, data)


def login_errors(response):
    assert response.status_code == 200, response.status_code
    return [str(error) for error in response.context["form"].non_field_errors()]


@pytest.fixture
def make_user(site_setup, django_user_model):
    def make(username, role=None):
        user = django_user_model.objects.create_user(
            username, f"{username}@example.org", "pw"
        )
        if role:
            user.groups.add(role_group(role))
        return user

    return make


@pytest.fixture
def moderator(make_user):
    return make_user("mod1", "moderators")


@pytest.fixture
def wrong_password_message(make_user):
    make_user("someone", "editors")
    _client, response = sign_in("someone", "not-the-password")
    (message,) = login_errors(response)
    return message


def test_an_editor_signs_in_without_a_code(make_user):
    make_user("ed", "editors")
    client, response = sign_in("ed")
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/pages/").status_code == 200


@pytest.mark.parametrize("role", ["moderators", "inquiry-managers", None])
def test_required_roles_are_sent_to_enrol_from_every_admin_url(make_user, role):
    user = make_user("someone-required", role)
    if role is None:
        user.is_superuser = True
        user.save()
    client, response = sign_in("someone-required")
    assert response.status_code == 302
    for path in ["/admin/", "/admin/pages/", "/admin/account/", "/admin/inquiries/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == ENROL
    # A script's request (the admin fetches fragments and JSON) is refused, not
    # redirected: the enrolment page would be painted into the page.
    for headers in [
        {"HTTP_SEC_FETCH_DEST": "empty"},
        {"HTTP_ACCEPT": "application/json"},
        {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"},
    ]:
        assert client.get("/admin/pages/", **headers).status_code == 403, headers
    assert client.post("/admin/pages/").status_code == 403
    page = client.get(ENROL)
    assert page.status_code == 200
    assert 'id="two-factor-required"' in page.content.decode()
    assert "<svg" in page.content.decode()  # the QR code, made here
    assert client.get("/admin/jsi18n/").status_code == 200
    assert client.get("/admin/sprite/", HTTP_SEC_FETCH_DEST="empty").status_code == 200
    # Signing out still works.
    assert client.post("/admin/logout/").status_code == 302
    assert client.get("/admin/").status_code == 302
    assert "/admin/login/" in client.get("/admin/")["Location"]


def test_campaign_coordinators_must_use_two_factors_whatever_the_groups_name(
    make_user,
):
    """bootstrap_site makes the coordinators' group; the rule follows its key."""
    coordinator = make_user("coord")
    group = GroupRole.objects.get(key="campaign-coordinators").group
    group.name = "Coordinadoras de país"
    group.save()
    coordinator.groups.add(group)
    client, _response = sign_in("coord")
    assert client.get("/admin/")["Location"] == ENROL


@override_settings(OTP_REQUIRED=False)
def test_without_otp_required_a_moderator_may_skip_it(moderator):
    client, _response = sign_in("mod1")
    assert client.get("/admin/").status_code == 200


def test_enrolling_with_the_apps_real_code(moderator):
    client, _response = sign_in("mod1")
    page = client.get(ENROL).content.decode()
    key = key_from_page(re.search(r'id="two-factor-key">([^<]+)<', page).group(1))
    device = TOTPDevice.objects.get(user=moderator, confirmed=False)
    assert key == device.bin_key

    wrong = f"{(int(totp_code(key)) + 1) % 1_000_000:06d}"
    response = client.post(ENROL, {"action": "confirm", "otp_token": wrong})
    assert response.status_code == 200
    assert (
        "Ese código no es correcto" in response.content.decode()
    )  # the admin in Spanish
    assert client.get("/admin/").status_code == 302  # still not enrolled

    device.throttle_reset()
    response = client.post(ENROL, {"action": "confirm", "otp_token": totp_code(key)})
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    codes = re.findall(
        r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode()
    )
    assert len(codes) == 10 and len(set(codes)) == 10
    # The session that enrolled is verified: the admin opens.
    assert client.get("/admin/").status_code == 200
    # The codes are shown once: the page now says how many are left, not which.
    page = client.get(ENROL).content.decode()
    assert "10" in page and not any(code in page for code in codes)


def test_a_device_means_a_code_at_sign_in(moderator, wrong_password_message):
    device = enrol(moderator)
    with time_machine.travel(START, tick=False):
        # No code, or a wrong one: the wrong-password message, word for word.
        _client, response = sign_in("mod1")
        assert login_errors(response) == [wrong_password_message]
        wrong = f"{(int(totp_code(device.bin_key)) + 1) % 1_000_000:06d}"
        _client, response = sign_in("mod1", code=wrong)
        assert login_errors(response) == [wrong_password_message]
        assert wrong_password_message in response.content.decode()
    with time_machine.travel(START + timedelta(minutes=1), tick=False):
        client, response = sign_in("mod1", code=totp_code(device.bin_key))
        assert response.status_code == 302
        assert client.get("/admin/").status_code == 200
        # The same code cannot be used twice.
        _client, response = sign_in("mod1", code=totp_code(device.bin_key))
        assert login_errors(response) == [wrong_password_message]


@override_settings(AXES_FAILURE_LIMIT=5, OTP_TOTP_THROTTLE_FACTOR=0)
def test_five_wrong_codes_lock_that_username_from_that_address(moderator, make_user):
    device = enrol(moderator)
    colleague = make_user("mod2", "moderators")
    colleague_device = enrol(colleague)
    with time_machine.travel(START, tick=False):
        wrong = f"{(int(totp_code(device.bin_key)) + 1) % 1_000_000:06d}"
        for _ in range(4):
            assert sign_in("mod1", code=wrong)[1].status_code == 200
        assert sign_in("mod1", code=wrong)[1].status_code == 429
        # Even the right password and code are refused now.
        response = sign_in("mod1", code=totp_code(device.bin_key))[1]
        assert response.status_code == 429
        assert "Demasiados intentos" in response.content.decode()
        # A colleague at the office, and the same person elsewhere, sign in.
        good = totp_code(colleague_device.bin_key)
        assert sign_in("mod2", code=good)[1].status_code == 302
    with time_machine.travel(START + timedelta(minutes=1), tick=False):
        good = totp_code(device.bin_key)
        assert sign_in("mod1", code=good, address=ELSEWHERE)[1].status_code == 302


def test_a_recovery_code_works_once_not_twice(moderator, wrong_password_message):
    code = fresh_recovery_code(moderator)
    other = fresh_recovery_code(moderator)
    client, response = sign_in("mod1", code=code.upper())  # as typed, any case
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    _client, response = sign_in("mod1", code=code)
    assert login_errors(response) == [wrong_password_message]
    with time_machine.travel(datetime.now(tz=UTC) + timedelta(seconds=5)):
        assert sign_in("mod1", code=other)[1].status_code == 302  # the others still do


def test_wrong_codes_are_throttled(moderator, wrong_password_message):
    device = enrol(moderator)
    with time_machine.travel(START, tick=False) as traveller:
        right = totp_code(device.bin_key)
        wrong = f"{(int(right) + 1) % 1_000_000:06d}"
        for _ in range(3):
            sign_in("mod1", code=wrong)
        # Three failures: the app's codes wait 1 * 2**2 = 4 seconds, even a right one.
        _client, response = sign_in("mod1", code=right)
        assert login_errors(response) == [wrong_password_message]
        traveller.shift(timedelta(seconds=5))
        assert sign_in("mod1", code=totp_code(device.bin_key))[1].status_code == 302


def test_an_unverified_session_of_an_enrolled_account_is_signed_out(moderator):
    client, _response = sign_in("mod1")  # no device yet: signed in, to enrol
    enrol(moderator)  # …an app is added from another session
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=")
    assert client.get("/admin/").status_code == 302
    assert "_auth_user_id" not in client.session


def _verified_client(user):
    code = fresh_recovery_code(user)
    client, response = sign_in(user.username, code=code)
    assert response.status_code == 302
    return client


def test_new_recovery_codes_replace_the_old_ones(moderator):
    old = fresh_recovery_code(moderator)
    client = _verified_client(moderator)
    mine = fresh_recovery_code(moderator)
    with time_machine.travel(datetime.now(tz=UTC), tick=False) as traveller:
        response = client.post(
            ENROL,
            {"action": "codes", "codes-password": "pw", "codes-otp_token": "nope"},
        )
        assert (
            "La contraseña o el código no son correctos." in response.content.decode()
        )
        traveller.shift(timedelta(seconds=2))  # the recovery codes' throttle
        response = client.post(
            ENROL, {"action": "codes", "codes-password": "pw", "codes-otp_token": mine}
        )
    codes = re.findall(
        r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode()
    )
    assert len(codes) == 10 and old not in codes
    assert login_errors(sign_in("mod1", code=old)[1])
    with time_machine.travel(datetime.now(tz=UTC) + timedelta(seconds=5)):
        assert sign_in("mod1", code=codes[0])[1].status_code == 302


def test_removing_the_app_asks_for_password_and_code(make_user):
    editor = make_user("ed", "editors")
    client = _verified_client(editor)
    code = fresh_recovery_code(editor)
    response = client.post(
        ENROL,
        {"action": "remove", "remove-password": "wrong", "remove-otp_token": code},
    )
    assert "La contraseña o el código no son correctos." in response.content.decode()
    assert TOTPDevice.objects.filter(user=editor).exists()
    response = client.post(
        ENROL, {"action": "remove", "remove-password": "pw", "remove-otp_token": code}
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert not StaticDevice.objects.filter(user=editor).exists()
    # An editor may go on without: the admin opens, and sign-in needs no code.
    assert client.get("/admin/").status_code == 200
    assert sign_in("ed")[1].status_code == 302


def test_a_superuser_resets_a_lost_phone(moderator, make_user):
    enrol(moderator)
    admin = make_user("boss")
    admin.is_superuser = True
    admin.save()
    boss = _verified_client(admin)
    listing = boss.get("/admin/users/").content.decode()
    assert f"/admin/two-factor/reset/{moderator.pk}/" in listing
    assert boss.get(f"/admin/two-factor/reset/{moderator.pk}/").status_code == 200
    response = boss.post(f"/admin/two-factor/reset/{moderator.pk}/")
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=moderator).exists()
    # The moderator signs in with the password and is asked to set up a new app.
    client, response = sign_in("mod1")
    assert response.status_code == 302
    assert client.get("/admin/")["Location"] == ENROL


def test_only_superusers_reset_someone_elses(moderator, make_user):
    enrol(moderator)
    other = make_user("mod2", "moderators")
    client = _verified_client(other)
    assert (
        f"/two-factor/reset/{moderator.pk}/"
        not in client.get("/admin/").content.decode()
    )
    # Wagtail answers a refused admin view with a redirect to the dashboard.
    response = client.post(f"/admin/two-factor/reset/{moderator.pk}/")
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert TOTPDevice.objects.filter(user=moderator).exists()


def test_the_last_superuser_resets_with_the_command(make_user):
    admin = make_user("last-admin")
    admin.is_superuser = True
    admin.save()
    enrol(admin)
    fresh_recovery_code(admin)
    out = StringIO()
    call_command("reset_two_factor", "last-admin", stdout=out)
    assert "Removed 2 two-factor device(s)" in out.getvalue()
    assert not TOTPDevice.objects.filter(user=admin).exists()
    client, response = sign_in("last-admin")
    assert response.status_code == 302
    assert client.get("/admin/")["Location"] == ENROL


def test_the_sign_in_form_offers_the_code_field(site_setup):
    page = Client().get(LOGIN).content.decode()
    assert 'name="otp_token"' in page
    assert 'autocomplete="one-time-code"' in page
