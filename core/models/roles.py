"""Stable keys for the groups ``bootstrap_site`` manages.

Permission code never reads a group's *name*: an administrator may rename
"Editores" or "Traducción al francés" as they like. Each managed group carries a
role with a key that does not change ("editors", "translators-fr", …) and the
content languages its members translate into: one for an outside translator's
group, every one for the communications officers (editors and moderators).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["GroupRole"]


class GroupRole(models.Model):
    group = models.OneToOneField(
        "auth.Group",
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        related_name="clac_role",
    )
    key = models.SlugField(_("key"), max_length=40, unique=True)
    language = models.CharField(
        _("translates into"),
        max_length=8,
        blank=True,
        help_text=_("For translator groups: the language they translate into."),
    )
    translates_every_language = models.BooleanField(
        _("translates into every language"),
        default=False,
        help_text=_(
            "CLAC's communications officers (editors, moderators) translate too."
        ),
    )

    class Meta:
        verbose_name = _("group role")
        verbose_name_plural = _("group roles")

    def __str__(self):
        return self.key
