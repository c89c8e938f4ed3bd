"""CLAC's country networks (issue 18 item 5): one network per country, in every
language (a translatable snippet, like the campaigns' criteria).

A network's words (its description, and its name when a translator gives a local
form) are translated; its country, slug, order, public address, website and logo
are the same in every language (synchronised from the Spanish source). Its
producer organisations and participants are not stored on it: they are the
registry's, found by the network's country (``campaigns.networks``).

The public address is an organisation's (``red@…``), never a person's: the
network's people are shown by their names only.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from django_countries import countries
from django_countries.fields import CountryField

__all__ = ["CountryNetwork"]


class CountryNetworkQuerySet(models.QuerySet):
    def in_order(self):
        return self.order_by("sort_order", "country", "pk")


class CountryNetwork(index.Indexed, TranslatableMixin, models.Model):
    """A national network (coordinadora) of CLAC's producer organisations."""

    country = CountryField(
        _("country"),
        db_index=True,
        help_text=_("The country the network works in: one network per country."),
    )
    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_(
            "The name the network uses itself. It stays the same in every language "
            "unless a translator gives a local form."
        ),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        blank=True,
        help_text=_(
            "The last part of the network's web address, e.g. 'brasil'. Left empty, "
            "it is made from the country's name."
        ),
    )
    sort_order = models.PositiveSmallIntegerField(
        _("order"),
        default=0,
        help_text=_("Networks are listed by this number, then by country."),
    )
    description = models.TextField(
        _("what the network does"),
        max_length=2000,
        blank=True,
        help_text=_(
            "A few sentences for readers: who belongs to it and what it does. "
            "Separate paragraphs with an empty line."
        ),
    )
    public_email = models.EmailField(
        _("public email address"),
        blank=True,
        help_text=_(
            "An organisational address shown to readers (for example "
            "red@example.org), never a person's own address."
        ),
    )
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "core.CustomImage",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional: the network's own logo."),
    )

    objects = CountryNetworkQuerySet.as_manager()

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.FilterField("country"),
        index.FilterField("locale_id"),
    ]

    # The words are translated; everything else is the Spanish source's, in every
    # language (a CountryField, a SlugField and an EmailField are text fields to
    # wagtail-localize: told here not to offer them for translation).
    override_translatable_fields = [
        SynchronizedField("name"),
        SynchronizedField("country", overridable=False),
        SynchronizedField("slug", overridable=False),
        SynchronizedField("sort_order", overridable=False),
        SynchronizedField("public_email", overridable=False),
        SynchronizedField("website", overridable=False),
        SynchronizedField("logo", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("country network")
        verbose_name_plural = _("country networks")
        ordering = ["sort_order", "country", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "locale"], name="one_network_per_country"
            ),
            models.UniqueConstraint(
                fields=["slug", "locale"], name="unique_network_slug"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug and self.country:
            self.slug = default_slug(self.country.code)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if not self.slug and self.country:
            self.slug = default_slug(self.country.code)
        if self.slug and self.locale_id:
            clash = CountryNetwork.objects.filter(
                slug=self.slug, locale_id=self.locale_id
            ).exclude(translation_key=self.translation_key)
            if clash.exists():
                raise ValidationError(
                    {"slug": _("Another network already uses this address.")}
                )
        if self.country and self.locale_id:
            taken = CountryNetwork.objects.filter(
                country=self.country, locale_id=self.locale_id
            ).exclude(translation_key=self.translation_key)
            if taken.exists():
                raise ValidationError(
                    {"country": _("This country already has a network.")}
                )

    @property
    def country_name(self) -> str:
        """The country's name in the active language."""
        return str(countries.name(self.country.code)) if self.country else ""


def default_slug(code: str) -> str:
    """The country's name in the source language, as a slug ('brasil')."""
    with translation.override(settings.LANGUAGE_CODE):
        return slugify(str(countries.name(code))) or code.lower()
