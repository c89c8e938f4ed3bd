"""Custom image, rendition and document models (installed from the first migration)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.documents.models import AbstractDocument
from wagtail.documents.models import Document as WagtailDocument
from wagtail.images.models import AbstractImage, AbstractRendition
from wagtail.images.models import Image as WagtailImage


class CustomImage(AbstractImage):
    """An image with its credit and licence; ``description`` is its default alt text."""

    credit = models.CharField(
        _("credit"),
        max_length=255,
        blank=True,
        help_text=_(
            "Only the name of who took or made the image, e.g. 'Ana Pérez / CLAC'. "
            "Pages add the word 'Image' in the reader's language."
        ),
    )
    licence = models.CharField(
        _("licence"),
        max_length=255,
        blank=True,
        help_text=_(
            "Under what terms we may use it, e.g. 'CC BY 4.0' or 'All rights reserved'."
        ),
    )

    admin_form_fields = (*WagtailImage.admin_form_fields, "credit", "licence")

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(
        CustomImage, on_delete=models.CASCADE, related_name="renditions"
    )

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class CustomDocument(AbstractDocument):
    """A document with the language it is written in (publications come in several)."""

    language = models.CharField(
        _("language"),
        max_length=8,
        blank=True,
        choices=settings.LANGUAGES,
        help_text=_("The language the document is written in, if any."),
    )

    admin_form_fields = (*WagtailDocument.admin_form_fields, "language")

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")
