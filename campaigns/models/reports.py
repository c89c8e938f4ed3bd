"""Reports by signed link (issue 18): a participant's contact reports an activity or
an evidence (with a file) through a link emailed to them, without an account.

A ``ReportLink`` keeps only the sha256 of its token (the URL carries the token
itself, and only the email holds it); it expires after
``CAMPAIGN_REPORT_LINK_DAYS`` and works once (``claim``: a conditional UPDATE).
What is sent is a ``ParticipantReport``, waiting for a coordinator: accepting it
makes an ``Activity`` or a ``Progress`` evidence that readers see on the
participant's page; refusing it publishes nothing. Files go to the private
storage, like evidence files, and only the checked admin view streams them.
"""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .registry import (
    Activity,
    ActivityKind,
    CampaignCriterion,
    Participant,
    ParticipantContact,
    ParticipantStatus,
    Progress,
    ProgressState,
    private_storage,
)

__all__ = [
    "REPORTABLE_STATUSES",
    "ParticipantReport",
    "ReportKind",
    "ReportLink",
    "ReportState",
    "detect_file_type",
    "hash_token",
    "validate_report_file",
]

#: Statuses whose participants may be sent a report link.
REPORTABLE_STATUSES = (
    ParticipantStatus.REGISTERED,
    ParticipantStatus.IN_PROGRESS,
    ParticipantStatus.DECLARED,
    ParticipantStatus.RENEWAL_DUE,
)

#: What a report's file may be, told by its first bytes: (type, its extensions).
FILE_SIGNATURES = (
    (b"%PDF-", "pdf", (".pdf",)),
    (b"\xff\xd8\xff", "jpeg", (".jpg", ".jpeg")),
    (b"\x89PNG\r\n\x1a\n", "png", (".png",)),
)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def detect_file_type(uploaded) -> str | None:
    """ "pdf", "jpeg" or "png" from the file's first bytes, else None."""
    position = uploaded.tell() if hasattr(uploaded, "tell") else 0
    uploaded.seek(0)
    head = uploaded.read(8)
    uploaded.seek(position)
    for magic, kind, _extensions in FILE_SIGNATURES:
        if head.startswith(magic):
            return kind
    return None


def validate_report_file(uploaded):
    """A PDF, JPEG or PNG by its content (its name's extension must agree), no
    larger than ``CAMPAIGN_REPORT_MAX_FILE_BYTES``."""
    limit = settings.CAMPAIGN_REPORT_MAX_FILE_BYTES
    if uploaded.size > limit:
        raise ValidationError(
            _("The file is larger than %(size)s. Please send a smaller one."),
            code="file_too_large",
            params={"size": filesizeformat(limit)},
        )
    kind = detect_file_type(uploaded)
    name = (uploaded.name or "").lower()
    for _magic, known, extensions in FILE_SIGNATURES:
        if known == kind and name.endswith(extensions):
            return
    raise ValidationError(
        _("Send a PDF, JPEG or PNG file: this file is not one of them."),
        code="file_type",
    )


class ReportLinkQuerySet(models.QuerySet):
    def usable(self, now=None):
        return self.filter(used_at__isnull=True, expires_at__gt=now or timezone.now())


class ReportLink(models.Model):
    """A single-use link for one contact of a participant to send one report."""

    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="report_links",
    )
    contact = models.ForeignKey(
        ParticipantContact,
        verbose_name=_("contact"),
        on_delete=models.CASCADE,
        related_name="report_links",
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ReportLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("report link")
        verbose_name_plural = _("report links")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.participant} – {self.created_at:%Y-%m-%d}"

    @classmethod
    def issue(cls, contact, *, by=None, now=None):
        """A new link for ``contact``: (the link, its raw token). The token is not
        kept; only its hash is."""
        now = now or timezone.now()
        token = secrets.token_urlsafe(32)
        link = cls.objects.create(
            participant=contact.participant,
            contact=contact,
            token_hash=hash_token(token),
            created_at=now,
            expires_at=now
            + datetime.timedelta(days=settings.CAMPAIGN_REPORT_LINK_DAYS),
            created_by=by if getattr(by, "pk", None) else None,
        )
        return link, token

    @classmethod
    def find(cls, token: str):
        if not token or len(token) > 100:
            return None
        return (
            cls.objects.select_related("participant", "contact")
            .filter(token_hash=hash_token(token))
            .first()
        )

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_used(self) -> bool:
        return self.used_at is not None

    def claim(self) -> bool:
        """Mark the link used, once: True for the one caller that did (a
        conditional UPDATE, safe against two posts at the same time)."""
        now = timezone.now()
        claimed = (
            ReportLink.objects.usable(now).filter(pk=self.pk).update(used_at=now)
        ) == 1
        if claimed:
            self.used_at = now
        return claimed


class ReportKind(models.TextChoices):
    ACTIVITY = "activity", _("An activity")
    EVIDENCE = "evidence", _("Evidence for a criterion")


class ReportState(models.TextChoices):
    WAITING = "waiting", _("Waiting for review")
    ACCEPTED = "accepted", _("Accepted")
    REFUSED = "refused", _("Refused")


class ParticipantReport(models.Model):
    """What a contact sent through a report link; public only once accepted."""

    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="reports",
    )
    link = models.OneToOneField(
        ReportLink,
        verbose_name=_("report link"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="report",
        editable=False,
    )
    kind = models.CharField(
        _("what it reports"),
        max_length=16,
        choices=ReportKind.choices,
        default=ReportKind.ACTIVITY,
    )
    activity_kind = models.CharField(
        _("type of activity"),
        max_length=16,
        choices=ActivityKind.choices,
        blank=True,
    )
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), max_length=600, blank=True)
    date = models.DateField(_("date"))
    criterion = models.ForeignKey(
        CampaignCriterion,
        verbose_name=_("criterion"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports",
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE},
    )
    file = models.FileField(
        _("file"),
        upload_to="reports/%Y/%m/",
        storage=private_storage,
        blank=True,
        validators=[validate_report_file],
        help_text=_("Only coordinators can open it; it is never published."),
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, blank=True
    )
    state = models.CharField(
        _("state"),
        max_length=16,
        choices=ReportState.choices,
        default=ReportState.WAITING,
        db_index=True,
    )
    created_at = models.DateTimeField(_("received"), default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)

    class Meta:
        verbose_name = _("participant's report")
        verbose_name_plural = _("participants' reports")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    @property
    def is_waiting(self) -> bool:
        return self.state == ReportState.WAITING

    def _review(self, state, by):
        updated = ParticipantReport.objects.filter(
            pk=self.pk, state=ReportState.WAITING
        ).update(state=state, reviewed_by=by, reviewed_at=timezone.now())
        if updated:
            self.refresh_from_db()
        return bool(updated)

    def accept(self, by):
        """Publish it: an ``Activity``, or the evidence on the criterion's
        ``Progress`` (met, with the file). False when it was reviewed already."""
        with transaction.atomic():
            if not self._review(ReportState.ACCEPTED, by):
                return False
            if self.kind == ReportKind.EVIDENCE and self.criterion_id:
                progress, _created = Progress.objects.get_or_create(
                    participant=self.participant, criterion=self.criterion
                )
                if progress.state not in (ProgressState.MET, ProgressState.VERIFIED):
                    progress.state = ProgressState.MET
                progress.date = self.date
                progress.public_note = progress.public_note or self.title
                if self.file:
                    progress.evidence_file.name = self.file.name
                progress.save()
            else:
                text = self.title
                if self.description:
                    text = f"{self.title}. {self.description}"
                Activity.objects.create(
                    participant=self.participant,
                    date=self.date,
                    kind=self.activity_kind or ActivityKind.EVENT,
                    description=text[:600],
                    criterion=self.criterion
                    if self.criterion and self.criterion.target
                    else None,
                )
        return True

    def refuse(self, by):
        """Nothing public; False when it was reviewed already."""
        return self._review(ReportState.REFUSED, by)
