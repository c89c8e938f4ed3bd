"""Strings wagtail-localize shows editors but its own catalogs leave untranslated.

Listed here so `makemessages` puts them in our catalogs (LOCALE_PATHS wins over an
app's catalog), where they are translated for es, pt_BR and fr. Checked against
wagtail-localize 1.14.5.
"""

from django.utils.translation import gettext_noop

WAGTAIL_LOCALIZE_GAPS = [
    gettext_noop("Add a locale"),
    gettext_noop("Add locale"),
    gettext_noop("Are you sure you want to delete this locale?"),
    gettext_noop("Delete locale"),
    gettext_noop("Language"),
    gettext_noop("Locale '{0}' created."),
    gettext_noop("Locale '{0}' deleted."),
    gettext_noop("Locale '{0}' updated."),
    gettext_noop("Select a new language"),
    gettext_noop("The locale could not be saved due to errors."),
    gettext_noop("Use machine translation"),
    gettext_noop("Wagtail locales (Wagtail Localize version)"),
]
