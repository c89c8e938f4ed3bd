"""What the WordPress import made: one row per (export site, WordPress item id)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportedItem(models.Model):
    """A WordPress item (post, page, attachment) and what it became here.

    Keyed by the export's site key and the item's WordPress id (ids repeat across
    the main site and the campaign subsites). ``content_hash`` is the hash of what
    the export said last time; ``revision_id`` the revision the import published,
    so a later revision by an editor is detectable.
    """

    class Kind(models.TextChoices):
        POST = "post", _("Post")
        PAGE = "page", _("Page")
        IMAGE = "image", _("Image")
        DOCUMENT = "document", _("Document")

    site_key = models.CharField(_("export site"), max_length=50)
    wp_id = models.PositiveBigIntegerField(_("WordPress id"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    language = models.CharField(_("language"), max_length=10, blank=True)
    object_id = models.PositiveBigIntegerField(_("object id"))
    content_hash = models.CharField(_("content hash"), max_length=64)
    revision_id = models.PositiveBigIntegerField(_("revision id"), null=True)
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)

    class Meta:
        verbose_name = _("imported WordPress item")
        verbose_name_plural = _("imported WordPress items")
        constraints = [
            models.UniqueConstraint(
                fields=["site_key", "wp_id"], name="wpimport_item_site_wp_id"
            )
        ]
        indexes = [models.Index(fields=["wp_id"], name="wpimport_item_wp_id")]

    def __str__(self):
        return f"{self.site_key}:{self.wp_id} ({self.kind})"
