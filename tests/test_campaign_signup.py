"""Joining a campaign through its sign-up page (issue 17 item 5), through the test
client on the Portuguese page: one inquiry, one participant "interested" that is
not public, one private contact and one confirmation email in Portuguese; bad
input gets a translated error and stores nothing; spam and sign-ups to review
create no participant; deleting the inquiry keeps the participant."""

import time

from django.core import mail
from django.core.cache import cache
from django.utils import translation
from django.utils.translation import gettext

import pytest
from bs4 import BeautifulSoup

from campaigns.models import (
    CampaignPage,
    CampaignSignupPage,
    Participant,
    ParticipantContact,
    ParticipantStatus,
)
from demo.tree import build_tree, publish, signup_fields, translate
from inquiries.forms import CONSENT_FIELD, HONEYPOT_FIELD, TOKEN_FIELD
from inquiries.models import Inquiry, InquiryStatus
from inquiries.spam import issue_token

pytestmark = pytest.mark.django_db

STAFF = "campanas@example.org"
CONTACT = "coordenacao@ufpe.example.br"


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def tree(home_es):
    pages = build_tree(home_es)
    signup = pages["signup"]
    signup.send_confirmation = True
    signup.save_revision().publish()
    pages["signup_pt"] = translate(signup, "pt-br", title="Inscrição")
    return pages


def signup_post(page, *, age=60.0, **overrides):
    data = {
        "organization": "Universidade Federal de Pernambuco",
        "kind": "university",
        "country": "BR",
        "city": "Recife",
        "contact_name": "Joana Silva",
        "role": "Coordenadora de extensão",
        "email": CONTACT,
        "phone": "+55 81 2126-8000",
        "consent": "on",
        "language": "pt-br",
        CONSENT_FIELD: "on",
        HONEYPOT_FIELD: "",
        TOKEN_FIELD: issue_token(page.translation_key, issued_at=time.time() - age),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def nothing_stored():
    return (
        Inquiry.objects.count() == 0
        and Participant.objects.count() == 0
        and ParticipantContact.objects.count() == 0
    )


def errors_of(response):
    soup = BeautifulSoup(response.content, "html.parser")
    summary = soup.find(id="error-summary")
    assert summary is not None, "no error summary"
    return summary.get_text(" ", strip=True)


def test_a_valid_sign_up_makes_one_inquiry_participant_contact_and_email(
    client, tree, django_capture_on_commit_callbacks
):
    page = tree["signup_pt"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page.url, signup_post(page))
    assert response.status_code == 303
    inquiry = Inquiry.objects.get()
    assert inquiry.language == "pt-br"
    participant = Participant.objects.get()
    assert participant.inquiry == inquiry
    assert participant.status == ParticipantStatus.INTERESTED
    assert participant.campaign_id == tree["campaign"].pk  # the Spanish source
    assert participant.name == "Universidade Federal de Pernambuco"
    assert participant.country.code == "BR"
    assert participant.listing_consent is True
    assert not participant.is_listed
    assert not Participant.objects.public().exists()
    contact = ParticipantContact.objects.get()
    assert (contact.participant, contact.email, contact.language) == (
        participant,
        CONTACT,
        "pt-br",
    )
    # One email to the contact (the confirmation, in Portuguese); staff get theirs.
    to_contact = [message for message in mail.outbox if CONTACT in message.to]
    assert len(to_contact) == 1
    (confirmation,) = to_contact
    assert confirmation.extra_headers["Content-Language"] == "pt-br"
    with translation.override("pt-br"):
        subject = gettext("We received your message: %(title)s") % {
            "title": "Inscrição"
        }
    assert subject.startswith("Recebemos sua mensagem")
    assert confirmation.subject == subject
    assert [message.to for message in mail.outbox if CONTACT not in message.to] == [
        [STAFF]
    ]
    # Not on the directory: interested and not public yet.
    directory = client.get(tree["directory"].url).content.decode()
    assert "Pernambuco" not in directory


REQUIRED = ["organization", "kind", "country", "city", "contact_name", "email"]


@pytest.mark.parametrize("key", REQUIRED)
def test_each_fixed_field_missing_is_a_translated_error(client, tree, key):
    page = tree["signup_pt"]
    response = client.post(page.url, signup_post(page, **{key: None}))
    assert response.status_code == 200
    with translation.override("pt-br"):
        required = gettext("This field is required.")
    assert required == "Este campo é obrigatório."  # Django's Portuguese catalog
    assert required in errors_of(response)
    assert nothing_stored()
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"organization": "U" * 201}, "no máximo 200 caracteres"),
        ({"city": "R" * 121}, "no máximo 120 caracteres"),
        ({"contact_name": "J" * 201}, "no máximo 200 caracteres"),
        ({"email": "a" * 250 + "@x.br"}, "no máximo 254 caracteres"),
        ({"phone": "9" * 41}, "no máximo 40 caracteres"),
        ({"kind": "church"}, "Faça uma escolha válida"),
        ({"language": "de"}, "Faça uma escolha válida"),
        ({"organization": "Universidade\nBcc: x@y.z"}, None),
    ],
)
def test_oversized_or_wrong_values_are_refused(client, tree, overrides, expected):
    page = tree["signup_pt"]
    response = client.post(page.url, signup_post(page, **overrides))
    assert response.status_code == 200
    text = errors_of(response)
    if expected:
        assert expected in text
    assert nothing_stored()


def test_a_country_code_that_does_not_exist_is_refused(client, tree):
    page = tree["signup_pt"]
    response = client.post(page.url, signup_post(page, country="XX"))
    assert response.status_code == 200
    with translation.override("pt-br"):
        message = gettext("Choose a country from the list.")
    # The message goes through gettext in the reader's language (its Portuguese
    # text comes with the catalogs the lead compiles).
    assert message in errors_of(response)
    assert nothing_stored()


def test_a_post_to_the_sign_up_page_of_another_campaign_stores_no_participant(
    client, tree
):
    towns = publish(
        tree["campaign_index"],
        CampaignPage(title="Pueblos", slug="pueblos", tagline="t", goal="g"),
    )
    other = CampaignSignupPage(
        title="Inscripción de pueblos",
        slug="inscripcion",
        thank_you_text="Gracias.",
        to_address=STAFF,
    )
    for field in signup_fields():
        other.form_fields.add(field)
    publish(towns, other)
    # The form served for the universities' page, posted to the towns' page.
    data = signup_post(tree["signup_pt"])
    response = client.post(other.url, data)
    assert response.status_code in (200, 303)
    assert Participant.objects.count() == 0
    assert set(Inquiry.objects.values_list("status", flat=True)) <= {InquiryStatus.SPAM}


@pytest.mark.parametrize("key", ["contact", "directory", "campaign"])
def test_a_sign_up_posted_to_a_page_that_is_no_sign_up_stores_nothing(
    client, tree, key
):
    data = signup_post(tree["signup_pt"])
    response = client.post(tree[key].url, data)
    assert response.status_code < 500
    assert Participant.objects.count() == 0
    assert ParticipantContact.objects.count() == 0


def test_spam_creates_no_participant(client, tree):
    page = tree["signup_pt"]
    response = client.post(page.url, signup_post(page, **{HONEYPOT_FIELD: "x"}))
    assert response.status_code == 303
    assert Inquiry.objects.get().status == InquiryStatus.SPAM
    assert Participant.objects.count() == 0
    assert ParticipantContact.objects.count() == 0
    assert not [message for message in mail.outbox if CONTACT in message.to]


def test_a_sign_up_to_review_creates_no_participant_until_released(
    client, tree, django_capture_on_commit_callbacks
):
    page = tree["signup_pt"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page.url, signup_post(page, **{TOKEN_FIELD: None}))
    assert response.status_code == 303
    inquiry = Inquiry.objects.get()
    assert inquiry.status == InquiryStatus.TO_REVIEW
    assert Participant.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        CampaignSignupPage.release_submission(inquiry)
    participant = Participant.objects.get()
    assert participant.inquiry == inquiry
    assert participant.status == ParticipantStatus.INTERESTED


def test_deleting_the_inquiry_keeps_the_participant(
    client, tree, django_capture_on_commit_callbacks
):
    page = tree["signup_pt"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(page.url, signup_post(page))
    Inquiry.objects.get().delete()
    participant = Participant.objects.get()
    assert participant.inquiry is None
    assert ParticipantContact.objects.filter(participant=participant).count() == 1


def test_the_confirmation_is_in_the_language_chosen_for_our_emails(
    client, tree, django_capture_on_commit_callbacks
):
    """A contact who signs up on the Portuguese page but asks for our emails in
    Spanish gets the Spanish page's confirmation, in Spanish; one with no page in
    the chosen language gets the page's own."""
    page = tree["signup_pt"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page.url, signup_post(page, language="es"))
    assert response.status_code == 303
    assert Inquiry.objects.get().language == "pt-br"  # the page they used
    assert ParticipantContact.objects.get().language == "es"
    (confirmation,) = [message for message in mail.outbox if CONTACT in message.to]
    assert confirmation.extra_headers["Content-Language"] == "es"
    with translation.override("es"):
        subject = gettext("We received your message: %(title)s") % {
            "title": tree["signup"].title
        }
    assert confirmation.subject == subject
    assert tree["signup"].thank_you_text in confirmation.body

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            page.url,
            signup_post(page, language="fr", email="autre@example.org"),
        )
    (confirmation,) = [m for m in mail.outbox if "autre@example.org" in m.to]
    assert confirmation.extra_headers["Content-Language"] == "pt-br"
    assert "Inscrição" in confirmation.subject
