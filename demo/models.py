"""What the demo loader created, so a later run touches only that.

One row per object the loader made (a page, a translation of it, an image, a
document, a snippet, a demo account), under a stable key from ``demo/content.py``
(``page:strategy``, ``page:strategy@fr``, ``image:home``). A row whose object is
gone is a tombstone: an editor deleted it, and the loader does not bring it back.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["DemoObject"]


class DemoObject(models.Model):
    key = models.CharField(_("demo key"), max_length=200, unique=True)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("content type"), on_delete=models.CASCADE
    )
    object_id = models.PositiveBigIntegerField(_("object id"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("demo object")
        verbose_name_plural = _("demo objects")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return self.key

    def get_object(self):
        """The object, or None when it was deleted (a tombstone)."""
        model = self.content_type.model_class()
        return model._default_manager.filter(pk=self.object_id).first()
