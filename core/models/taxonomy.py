"""Taxonomy shared by every page family: the topics CLAC works on."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, PublishingPanel
from wagtail.models import PreviewableMixin
from wagtail_localize.fields import SynchronizedField

from .snippets import TranslatableSnippet

__all__ = ["Topic"]


class Topic(PreviewableMixin, TranslatableSnippet):
    """A subject CLAC works on. News and campaigns are tagged with topics; an
    objective of the strategy lists its topics (``campaigns.ObjectivePageTopic``)."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        allow_unicode=True,
        help_text=_(
            "The short name used in web addresses; the same in every language."
        ),
    )
    description = models.TextField(_("description"), max_length=400, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        PublishingPanel(),
    ]
    override_translatable_fields = [
        SynchronizedField("slug", overridable=False),
    ]

    class Meta(TranslatableSnippet.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_preview_template(self, request, mode_name):
        return "core/previews/topic.html"
