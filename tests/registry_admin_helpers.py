"""Presets for the registry's admin tests: a campaign with a criterion, participants
in Brazil and Mexico with a contact, progress (with an evidence file) and an
activity, and coordinators (limited or not to some countries)."""

import datetime

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile

from campaigns.models.registry import (
    Activity,
    CampaignCriterion,
    CoordinatorScope,
    Participant,
    ParticipantContact,
    ParticipantStatus,
    Progress,
    ProgressState,
)
from demo.tree import build_tree

EVIDENCE_BYTES = b"%PDF-1.4 signed agreement of the Mexican university\n"


def registry(home):
    pages = build_tree(home)
    campaign = pages["campaign"]
    criterion = CampaignCriterion.objects.create(
        campaign=campaign,
        locale=campaign.locale,
        code="activities",
        title="Actividades académicas",
        target=4,
    )
    made = {"pages": pages, "campaign": campaign, "criterion": criterion}
    for key, name, country, email, language in [
        ("mx", "Universidad Iberoamericana de Puebla", "MX", "ana@ibero.mx", "es"),
        ("br", "Universidade Federal de Lavras", "BR", "joao@ufla.br", "pt-br"),
    ]:
        participant = Participant.objects.create(
            campaign=campaign,
            name=name,
            country=country,
            city="Puebla" if country == "MX" else "Lavras",
            status=ParticipantStatus.REGISTERED,
            listing_consent=True,
        )
        contact = ParticipantContact.objects.create(
            participant=participant,
            name=f"Contacto {key}",
            email=email,
            phone="+52 222 000 0000",
            language=language,
        )
        progress = Progress(
            participant=participant, criterion=criterion, state=ProgressState.MET
        )
        progress.evidence_file.save(
            f"acuerdo-{key}.pdf", ContentFile(EVIDENCE_BYTES), save=False
        )
        progress.save()
        Activity.objects.create(
            participant=participant,
            date=datetime.date(2026, 5, 4),
            kind="event",
            description="Feria de comercio justo",
        )
        made[key] = participant
        made[f"{key}_contact"] = contact
        made[f"{key}_progress"] = progress
    return made


def coordinator(django_user_model, username, countries=()):
    user = django_user_model.objects.create_user(
        username, f"{username}@clac.example", "pw", first_name=username.title()
    )
    user.groups.add(Group.objects.get(clac_role__key="campaign-coordinators"))
    if countries:
        CoordinatorScope.objects.create(user=user, countries=list(countries))
    return user
