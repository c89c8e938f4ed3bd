"""Reader-visible snippets. Each one is translatable and has drafts and revisions,
so a new translation is not seen by readers until an editor publishes it."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.panels import FieldPanel, PublishingPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import (
    DraftStateMixin,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
)
from wagtail_localize.fields import SynchronizedField

__all__ = ["CallToAction", "Footer", "MainMenu", "TranslatableSnippet"]


class TranslatableSnippet(
    DraftStateMixin, RevisionMixin, TranslatableMixin, models.Model
):
    """Base for reader-visible snippets: drafts, revisions and a locale."""

    _revisions = GenericRelation(
        "wagtailcore.Revision", related_query_name="%(app_label)s_%(class)s"
    )

    class Meta(TranslatableMixin.Meta):
        abstract = True

    @property
    def revisions(self):
        return self._revisions


class MenuItemBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("Page"))
    label = blocks.CharBlock(
        label=_("Label"),
        required=False,
        max_length=40,
        help_text=_("Leave empty to use the page's title."),
    )

    class Meta:
        icon = "link"
        label = _("Menu entry")


class MainMenu(PreviewableMixin, TranslatableSnippet):
    """The main navigation. One per language; readers see the published one."""

    name = models.CharField(
        _("name"),
        max_length=100,
        default="Menú principal",
        help_text=_("Only for editors: a name to find this menu by."),
    )
    items = StreamField(
        [("item", MenuItemBlock())],
        verbose_name=_("menu entries"),
        blank=True,
        help_text=_("The pages in the main menu, in the order readers see them."),
    )

    panels = [FieldPanel("name"), FieldPanel("items"), PublishingPanel()]
    override_translatable_fields = [SynchronizedField("name", overridable=False)]

    class Meta(TranslatableSnippet.Meta):
        verbose_name = _("main menu")
        verbose_name_plural = _("main menus")

    def __str__(self):
        return self.name

    def get_preview_template(self, request, mode_name):
        return "core/previews/main_menu.html"


class Footer(PreviewableMixin, TranslatableSnippet):
    """The footer shown on every page. One per language."""

    name = models.CharField(
        _("name"),
        max_length=100,
        default="Pie de página",
        help_text=_("Only for editors: a name to find this footer by."),
    )
    about = RichTextField(
        _("about CLAC"),
        features=["bold", "italic", "link"],
        blank=True,
        help_text=_("A sentence or two about CLAC, shown at the bottom of every page."),
    )
    address = models.TextField(
        _("postal address"), blank=True, help_text=_("CLAC's address, one line each.")
    )
    links = StreamField(
        [("item", MenuItemBlock())],
        verbose_name=_("footer links"),
        blank=True,
        help_text=_("Pages such as the privacy policy and accessibility statement."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("about"),
        FieldPanel("address"),
        FieldPanel("links"),
        PublishingPanel(),
    ]
    # The postal address is the same everywhere; a translator may adapt it (a
    # country's name, say) as an override.
    override_translatable_fields = [
        SynchronizedField("name", overridable=False),
        SynchronizedField("address"),
    ]

    class Meta(TranslatableSnippet.Meta):
        verbose_name = _("footer")
        verbose_name_plural = _("footers")

    def __str__(self):
        return self.name

    def get_preview_template(self, request, mode_name):
        return "core/previews/footer.html"


class CallToAction(PreviewableMixin, TranslatableSnippet):
    """A reusable invitation (e.g. 'Contact us') that several pages can show."""

    title = models.CharField(_("title"), max_length=120)
    text = models.TextField(_("text"), blank=True, max_length=400)
    button_text = models.CharField(_("button text"), max_length=60)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Where the button leads (readers see it in their language)."),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("text"),
        FieldPanel("button_text"),
        FieldPanel("page"),
        PublishingPanel(),
    ]

    class Meta(TranslatableSnippet.Meta):
        verbose_name = _("call to action")
        verbose_name_plural = _("calls to action")

    def __str__(self):
        return self.title

    def get_preview_template(self, request, mode_name):
        return "core/previews/call_to_action.html"
