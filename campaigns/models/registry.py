"""The campaign networks' registry: criteria, producer organisations, participants,
their progress, activities and private contacts (issue 17).

One record per participant in every language: statuses, dates and progress never
differ by language. What is translated is the campaign's criteria (a translatable
snippet per language, each translation a row with the source's translation key)
and a participant's short description (one row per language, falling back to the
original). Progress always points at the **source** (Spanish) criterion, protected:
a translation's copy may be re-created by a sync, the source row is what counts.

Personal data lives in ``ParticipantContact`` and in evidence files, and nowhere
else: public pages, exports, search and caches read participants, never contacts.
Evidence files go to the ``private`` storage (``settings.STORAGES``), outside
``MEDIA_ROOT``, and are streamed only by a permission-checked view.
"""

import calendar
import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from django_countries.fields import CountryField

__all__ = [
    "CoordinatorScope",
    "DEFAULT_VALIDITY_MONTHS",
    "REGISTRY_FIELDS",
    "Activity",
    "ActivityKind",
    "CampaignCriterion",
    "Participant",
    "ParticipantContact",
    "ParticipantDescription",
    "ParticipantKind",
    "ParticipantStatus",
    "ParticipantStatusChange",
    "ProducerOrganization",
    "Progress",
    "ProgressState",
    "private_storage",
    "validity_end",
]


#: The fixed keys, in the order they must come, with the label editors see.
REGISTRY_FIELDS = {
    "organization": _("Organisation"),
    "kind": _("Kind of organisation"),
    "country": _("Country"),
    "city": _("City"),
    "contact_name": _("Contact name"),
    "role": _("Contact's role"),
    "email": _("Email"),
    "phone": _("Phone"),
    "consent": _("Consent to be listed"),
    "language": _("Language for our emails"),
}


#: Sent after the commit that changed a participant's status (not at creation):
#: campaigns.tasks emails the contact in their language.
status_changed = Signal()


def private_storage():
    """Evidence files: never under MEDIA_ROOT (the proxy serves /media/)."""
    return storages["private"]


class ProducerOrganization(index.Indexed, models.Model):
    """A small producer organisation, as it calls itself, in every language."""

    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_("The name the organisation uses itself; it is not translated."),
    )
    country = CountryField(_("country"))
    products = models.CharField(
        _("products"),
        max_length=200,
        blank=True,
        help_text=_("What it grows or makes, e.g. coffee, cocoa, honey."),
    )
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "core.CustomImage",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_public = models.BooleanField(
        _("shown on the site"),
        default=True,
        help_text=_("Untick to keep the organisation in the registry only."),
    )

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("producer organisation")
        verbose_name_plural = _("producer organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name


class CampaignCriterion(TranslatableMixin, models.Model):
    """A criterion a participant meets to be declared. Defined on the Spanish
    campaign; translated like a snippet (title, description, evidence hint)."""

    campaign = models.ForeignKey(
        "campaigns.CampaignPage",
        verbose_name=_("campaign"),
        on_delete=models.CASCADE,
        related_name="criteria",
        help_text=_("The campaign in Spanish (its translations share its criteria)."),
    )
    code = models.SlugField(
        _("code"),
        max_length=30,
        help_text=_("A short code, the same in every language, e.g. 'activities'."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), max_length=800, blank=True)
    evidence_hint = models.TextField(
        _("evidence hint"),
        max_length=400,
        blank=True,
        help_text=_("What a participant shows to prove it, e.g. a signed agreement."),
    )
    required = models.BooleanField(
        _("required"),
        default=True,
        help_text=_("A participant must meet every required criterion to be declared."),
    )
    target = models.PositiveSmallIntegerField(
        _("numeric target"),
        null=True,
        blank=True,
        help_text=_("Optional, e.g. 4 for '4 activities a year'."),
    )
    validity_months = models.PositiveSmallIntegerField(
        _("validity of the declared status (months)"),
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )

    # wagtail-localize would translate a SlugField like any text: the code is the
    # same in every language, copied from the Spanish source, not overridable.
    override_translatable_fields = [SynchronizedField("code", overridable=False)]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("campaign criterion")
        verbose_name_plural = _("campaign criteria")
        ordering = ["campaign", "sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "code", "locale"], name="unique_criterion_code"
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        campaign = getattr(self, "campaign", None)
        if campaign is not None and self.locale_id and not self.is_source_campaign():
            raise ValidationError(
                {"campaign": _("Choose the campaign in Spanish, the source language.")}
            )

    def is_source_campaign(self) -> bool:
        return self.campaign.locale.language_code == settings.LANGUAGE_CODE

    def get_source(self):
        """The Spanish row: the one progress points at."""
        if self.locale.language_code == settings.LANGUAGE_CODE:
            return self
        return CampaignCriterion.objects.get(
            translation_key=self.translation_key,
            locale__language_code=settings.LANGUAGE_CODE,
        )


class ParticipantKind(models.TextChoices):
    UNIVERSITY = "university", _("University")
    TOWN = "town", pgettext_lazy("participant kind", "Town or city")
    ORGANIZATION = "organization", _("Other organisation")


class ParticipantStatus(models.TextChoices):
    INTERESTED = "interested", _("Interested")
    REGISTERED = "registered", _("Registered")
    IN_PROGRESS = "in_progress", pgettext_lazy("participant status", "In progress")
    DECLARED = "declared", _("Declared")
    RENEWAL_DUE = "renewal_due", _("Renewal due")
    LAPSED = "lapsed", _("Lapsed")


#: A declared status without a required criterion to say otherwise lasts this long.
DEFAULT_VALIDITY_MONTHS = 24


def add_months(date: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later, or the month's last day (31 Jan + 1 = 28 Feb)."""
    month = date.month - 1 + months
    year, month = date.year + month // 12, month % 12 + 1
    return date.replace(
        year=year, month=month, day=min(date.day, calendar.monthrange(year, month)[1])
    )


def validity_end(campaign_id, declared_on: datetime.date) -> datetime.date:
    """The last day of a declaration made on ``declared_on``: it lasts the
    shortest validity among the campaign's required criteria, else
    ``DEFAULT_VALIDITY_MONTHS``."""
    shortest = CampaignCriterion.objects.filter(
        campaign_id=campaign_id, required=True
    ).aggregate(months=models.Min("validity_months"))["months"]
    return add_months(declared_on, shortest or DEFAULT_VALIDITY_MONTHS)


#: Statuses readers see on the directory (an interested sign-up is not public yet).
PUBLIC_STATUSES = (
    ParticipantStatus.REGISTERED,
    ParticipantStatus.IN_PROGRESS,
    ParticipantStatus.DECLARED,
    ParticipantStatus.RENEWAL_DUE,
)


class ParticipantQuerySet(models.QuerySet):
    def public(self):
        """What readers may see: consented, shown, past 'interested', not lapsed."""
        return self.filter(
            is_public=True, listing_consent=True, status__in=PUBLIC_STATUSES
        )


class Participant(index.Indexed, ClusterableModel):
    """A university, town or organisation taking part in one campaign."""

    campaign = models.ForeignKey(
        "campaigns.CampaignPage",
        verbose_name=_("campaign"),
        on_delete=models.PROTECT,
        related_name="participants",
        help_text=_("The campaign in Spanish (the registry is one in every language)."),
    )
    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_("The name it uses itself; it is not translated."),
    )
    slug = models.SlugField(_("slug"), max_length=80, allow_unicode=False)
    kind = models.CharField(
        _("kind"),
        max_length=16,
        choices=ParticipantKind.choices,
        default=ParticipantKind.UNIVERSITY,
    )
    country = CountryField(_("country"), db_index=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "core.CustomImage",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    producer_organizations = ParentalManyToManyField(
        ProducerOrganization,
        verbose_name=_("producer organisations it works with"),
        blank=True,
        related_name="participants",
    )
    original_language = models.CharField(
        _("language of the description"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ParticipantStatus.choices,
        default=ParticipantStatus.INTERESTED,
        db_index=True,
    )
    status_changed_at = models.DateTimeField(
        _("status changed"), default=timezone.now, editable=False
    )
    declared_on = models.DateField(_("declared on"), null=True, blank=True)
    declaration = models.ForeignKey(
        "core.CustomDocument",
        verbose_name=_("signed declaration"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    valid_until = models.DateField(
        _("declared status valid until"), null=True, blank=True
    )
    listing_consent = models.BooleanField(
        _("the contact agreed to be listed"),
        default=False,
        help_text=_("Without this consent the participant is never shown on the site."),
    )
    is_public = models.BooleanField(
        _("shown on the site"),
        default=True,
        help_text=_("Coordinators may hide a participant even with consent."),
    )
    inquiry = models.ForeignKey(
        "inquiries.Inquiry",
        verbose_name=_("sign-up"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="participants",
        editable=False,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ParticipantQuerySet.as_manager()

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("city"),
        # The admin's scoped listing filters its search by pk (campaigns.admin_views).
        index.FilterField("id"),
        index.FilterField("campaign_id"),
        index.FilterField("country"),
        index.FilterField("status"),
    ]

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "slug"], name="unique_participant_slug"
            )
        ]
        indexes = [models.Index(fields=["campaign", "status", "country"])]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        campaign = getattr(self, "campaign", None)
        if (
            campaign is not None
            and campaign.locale.language_code != settings.LANGUAGE_CODE
        ):
            raise ValidationError(
                {"campaign": _("Choose the campaign in Spanish, the source language.")}
            )
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(
                _("Give both the latitude and the longitude, or neither.")
            )
        if self.status == ParticipantStatus.DECLARED and not self.declared_on:
            raise ValidationError(
                {"declared_on": _("A declared participant needs its declaration date.")}
            )

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._saved_status = instance.__dict__.get("status")
        return instance

    def set_status(self, status, *, by=None, reason: str = ""):
        """Change the status on the next save, recording who and why."""
        self.status = status
        self._status_by = by
        self._status_reason = reason

    def fill_validity(self):
        """On declaration: ``declared_on`` today when empty, and ``valid_until``
        computed when empty or not after ``declared_on`` (left from an earlier
        declaration: a renewal). A date a coordinator typed is kept."""
        if self.status != ParticipantStatus.DECLARED:
            return
        if not self.declared_on:
            self.declared_on = timezone.localdate()
        if self.valid_until is None or self.valid_until <= self.declared_on:
            self.valid_until = validity_end(self.campaign_id, self.declared_on)

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self)
        self.fill_validity()
        old = getattr(self, "_saved_status", None)
        changed = self.pk is not None and old is not None and old != self.status
        if changed:
            self.status_changed_at = timezone.now()
        super().save(*args, **kwargs)
        if changed:
            ParticipantStatusChange.record(
                self,
                old,
                by=getattr(self, "_status_by", None),
                reason=getattr(self, "_status_reason", ""),
            )
        self._saved_status = self.status
        self._status_by, self._status_reason = None, ""

    @property
    def is_listed(self) -> bool:
        return (
            self.is_public
            and self.listing_consent
            and self.status in {str(status) for status in PUBLIC_STATUSES}
        )

    def description_for(self, language: str):
        """The description in ``language``, else the original one (the template
        labels it and gives it its own ``lang``). None when there is none."""
        descriptions = {row.language: row for row in self.descriptions.all()}
        return descriptions.get(language) or descriptions.get(self.original_language)


def unique_slug(participant) -> str:
    base = slugify(participant.name)[:70] or "participant"
    slug, n = base, 2
    siblings = Participant.objects.filter(campaign_id=participant.campaign_id)
    if participant.pk:
        siblings = siblings.exclude(pk=participant.pk)
    while siblings.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


class ParticipantDescription(Orderable):
    """A short public description in one language."""

    participant = ParentalKey(
        Participant, on_delete=models.CASCADE, related_name="descriptions"
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    text = models.TextField(_("description"), max_length=800)

    class Meta(Orderable.Meta):
        verbose_name = _("description")
        verbose_name_plural = _("descriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "language"], name="one_description_per_language"
            )
        ]


class ParticipantStatusChange(models.Model):
    """Every change of a participant's status: who, when, why."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="status_changes"
    )
    old_status = models.CharField(
        _("from"), max_length=16, choices=ParticipantStatus.choices, blank=True
    )
    new_status = models.CharField(
        _("to"), max_length=16, choices=ParticipantStatus.choices
    )
    changed_at = models.DateTimeField(_("when"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.CharField(_("why"), max_length=300, blank=True)
    contact_notified_at = models.DateTimeField(
        _("contact notified"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"{self.get_old_status_display()} → {self.get_new_status_display()}"

    @classmethod
    def record(cls, participant, old_status, *, by=None, reason=""):
        """Keep the change and, after the commit, email the contact about it."""
        change = cls.objects.create(
            participant=participant,
            old_status=old_status or "",
            new_status=participant.status,
            changed_at=participant.status_changed_at,
            changed_by=by if getattr(by, "pk", None) else None,
            reason=(reason or "")[:300],
        )
        if old_status:
            transaction.on_commit(lambda: status_changed.send(cls, change_id=change.pk))
        return change


class ParticipantContact(models.Model):
    """The person who signed the participant up: personal data, never public."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    email = models.EmailField(_("email"), max_length=254)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language of the emails this person receives."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("participant contact")
        verbose_name_plural = _("participant contacts")
        ordering = ["participant", "pk"]

    def __str__(self):
        return self.name


class ProgressState(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", pgettext_lazy("criterion progress", "In progress")
    MET = "met", _("Met")
    VERIFIED = "verified", _("Verified")


MET_STATES = (ProgressState.MET, ProgressState.VERIFIED)


class Progress(Orderable):
    """A participant's progress on one criterion (the Spanish source criterion)."""

    participant = ParentalKey(
        Participant, on_delete=models.CASCADE, related_name="progress"
    )
    criterion = models.ForeignKey(
        CampaignCriterion,
        verbose_name=_("criterion"),
        on_delete=models.PROTECT,
        related_name="progress",
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE},
    )
    state = models.CharField(
        _("state"),
        max_length=16,
        choices=ProgressState.choices,
        default=ProgressState.NOT_STARTED,
    )
    date = models.DateField(_("date"), null=True, blank=True)
    public_note = models.TextField(
        _("public evidence note"),
        max_length=600,
        blank=True,
        help_text=_("Shown on the participant's page. No personal data."),
    )
    evidence_file = models.FileField(
        _("private evidence file"),
        upload_to="evidence/%Y/%m/",
        storage=private_storage,
        blank=True,
        help_text=_("Only coordinators can open it; it is never published."),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("progress on a criterion")
        verbose_name_plural = _("progress on the criteria")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "criterion"], name="one_progress_per_criterion"
            )
        ]

    def __str__(self):
        return f"{self.participant} – {self.criterion}"

    def clean(self):
        super().clean()
        criterion = getattr(self, "criterion", None)
        participant = getattr(self, "participant", None)
        if criterion is None:
            return
        if criterion.locale.language_code != settings.LANGUAGE_CODE:
            raise ValidationError({"criterion": _("Choose the criterion in Spanish.")})
        if (
            participant is not None
            and participant.campaign_id
            and (criterion.campaign_id != participant.campaign_id)
        ):
            raise ValidationError(
                {"criterion": _("This criterion belongs to another campaign.")}
            )

    @property
    def is_met(self) -> bool:
        return self.state in {str(state) for state in MET_STATES}


class ActivityKind(models.TextChoices):
    EVENT = "event", _("Event")
    COURSE = "course", _("Course")
    RESEARCH = "research", _("Research")
    PURCHASE = "purchase", _("Institutional purchase")
    MEDIA = "media", _("Media")
    ORDINANCE = "ordinance", _("Ordinance")


class Activity(Orderable):
    """Something a participant did; it may count towards a criterion's target."""

    participant = ParentalKey(
        Participant, on_delete=models.CASCADE, related_name="activities"
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("type"), max_length=16, choices=ActivityKind.choices)
    description = models.TextField(
        _("public description"),
        max_length=600,
        help_text=_("Shown on the participant's page. No personal data."),
    )
    link = models.URLField(_("link"), blank=True)
    photo = models.ForeignKey(
        "core.CustomImage",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    photo_consent = models.BooleanField(
        _("the people in the photo agreed to its publication"), default=False
    )
    criterion = models.ForeignKey(
        CampaignCriterion,
        verbose_name=_("counts towards"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
        limit_choices_to={
            "locale__language_code": settings.LANGUAGE_CODE,
            "target__isnull": False,
        },
    )

    class Meta(Orderable.Meta):
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-date", "pk"]

    def __str__(self):
        return f"{self.date} – {self.get_kind_display()}"

    @property
    def public_photo(self):
        return self.photo if self.photo_consent else None


class CoordinatorScope(models.Model):
    """The countries a campaign coordinator works in (CLAC's country networks
    coordinate locally). A coordinator without a scope sees every country."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinator"),
        on_delete=models.CASCADE,
        related_name="coordinator_scope",
    )
    countries = CountryField(_("countries"), multiple=True, blank=True)

    class Meta:
        verbose_name = _("coordinator's countries")
        verbose_name_plural = _("coordinators' countries")

    def __str__(self):
        return str(self.user)
