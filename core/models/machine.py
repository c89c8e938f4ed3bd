"""What ``manage.py sync_glossary`` recorded: one DeepL glossary per language pair."""

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["MachineGlossary"]


class MachineGlossary(models.Model):
    """The DeepL glossary in use for a language pair, and the entries it was made of.

    ``source_lang`` and ``target_lang`` are the codes the DeepL translator sends
    (``ES`` → ``EN-GB``, ``PT-BR``, ``FR``): the keys of wagtail-localize's
    ``GLOSSARY_IDS``. ``digest`` is the SHA-256 of the entries, so an unchanged
    glossary file costs no API call.
    """

    source_lang = models.CharField(_("source language"), max_length=8)
    target_lang = models.CharField(_("target language"), max_length=8)
    glossary_id = models.CharField(_("glossary id"), max_length=64)
    digest = models.CharField(_("digest of the entries"), max_length=64)
    entry_count = models.PositiveIntegerField(_("entries"), default=0)
    synced_at = models.DateTimeField(_("synced at"))

    class Meta:
        verbose_name = _("machine translation glossary")
        verbose_name_plural = _("machine translation glossaries")
        constraints = [
            models.UniqueConstraint(
                fields=["source_lang", "target_lang"], name="one_glossary_per_pair"
            )
        ]
        ordering = ["source_lang", "target_lang"]

    def __str__(self):
        return f"{self.source_lang} → {self.target_lang}: {self.glossary_id}"
