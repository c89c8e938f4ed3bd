"""Machine translation that keeps CLAC's terms.

wagtail-localize's DeepL and LibreTranslate translators, with what CLAC needs:

- the API's base URL comes from the options (production: the real endpoints;
  tests: a fake server on loopback);
- an HTTP error, a timeout or an answer of the wrong shape raises
  ``MachineTranslationError`` with a translated message, which the admin's
  machine-translate views show instead of a server error (nothing is saved);
- DeepL sends the glossary that ``manage.py sync_glossary`` recorded for the
  language pair (``MachineGlossary``), else the ``GLOSSARY_IDS`` option, and the
  register CLAC writes in (``FORMALITY``: one value or one per target language);
- for translators without a glossary, ``glossary_breaches`` lists the
  machine-translated strings that break the glossary, for the translation status
  report.
"""

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from django.utils.translation import to_locale

from wagtail_localize.machine_translators.deepl import DeepLTranslator
from wagtail_localize.machine_translators.libretranslate import LibreTranslator
from wagtail_localize.models import StringSegment, StringTranslation
from wagtail_localize.strings import StringValue

import requests

from core import glossary
from core.models import MachineGlossary

DEEPL_API_URL = "https://api.deepl.com"
DEEPL_FREE_API_URL = "https://api-free.deepl.com"
# DeepL takes at most 50 texts in one request.
DEEPL_BATCH = 50
# What DeepL answers when the account's quota is used up.
HTTP_QUOTA_EXCEEDED = 456

# Wagtail locale → DeepL target code. CLAC's English is British (the interface and
# the glossary spell "organisation"), so English is EN-GB; DeepL refuses a bare "EN" or "PT".
DEEPL_TARGETS = {"en": "EN-GB", "pt-br": "PT-BR", "pt": "PT-PT"}


class MachineTranslationError(Exception):
    """A machine translation that could not be done; ``message`` is for the editor."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def glossary_path() -> Path:
    return Path(getattr(settings, "CLAC_GLOSSARY_PATH", glossary.GLOSSARY_PATH))


def catalog_code(language_code: str) -> str:
    """Wagtail locale (``pt-br``) → the glossary's column (``pt_BR``)."""
    return to_locale(language_code)


def deepl_source(language_code: str) -> str:
    return language_code.split("-")[0].upper()


def deepl_target(language_code: str) -> str:
    code = language_code.lower()
    return DEEPL_TARGETS.get(code, code.split("-")[0].upper())


def deepl_server_url(options) -> str:
    if url := options.get("API_URL"):
        return url.rstrip("/")
    if options.get("AUTH_KEY", "").endswith(":fx"):
        return DEEPL_FREE_API_URL
    return DEEPL_API_URL


def glossary_entries(source_code: str, target_code: str) -> dict[str, str]:
    """The glossary file's entries for a pair of Wagtail locales."""
    return glossary.entries(
        catalog_code(source_code), catalog_code(target_code), glossary_path()
    )


def entries_digest(entries: dict[str, str]) -> str:
    payload = json.dumps(sorted(entries.items()), ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


def _failure(service, reason):
    return MachineTranslationError(
        _(
            "%(service)s could not translate this page: %(reason)s Nothing was "
            "saved; try again later, or translate by hand."
        )
        % {"service": service, "reason": reason}
    )


def _post(service, url, timeout, **kwargs):
    """POST to a translation API; anything but a good answer raises."""
    try:
        response = requests.post(url, timeout=timeout, **kwargs)
    except requests.Timeout as error:
        raise _failure(
            service,
            _("it did not answer in time (%(seconds)s s).") % {"seconds": timeout},
        ) from error
    except requests.RequestException as error:
        raise _failure(service, _("it could not be reached.")) from error
    if response.status_code == HTTP_QUOTA_EXCEEDED:
        reason = _("the account's translation quota is used up.")
    elif response.status_code in (401, 403):
        reason = _("it refused the API key.")
    elif response.status_code == 429:
        reason = _("it received too many requests.")
    elif response.status_code >= 400:
        reason = _("it answered with an error (HTTP %(status)s).") % {
            "status": response.status_code
        }
    else:
        try:
            return response.json()
        except ValueError:
            reason = _("its answer could not be read.")
    raise _failure(service, reason)


class ClacDeepLTranslator(DeepLTranslator):
    """DeepL with CLAC's glossaries and register.

    Options: ``AUTH_KEY``; ``API_URL`` (default: DeepL's, or its free API for a
    ``:fx`` key); ``TIMEOUT`` (seconds, default 30); ``FORMALITY``: ``default``,
    ``prefer_less``, ``prefer_more``, or a dict of those per DeepL target code;
    ``GLOSSARY_IDS``: used for a pair ``sync_glossary`` has not recorded.
    """

    def get_api_endpoint(self):
        return deepl_server_url(self.options) + "/v2/translate"

    def glossary_id(self, source_lang, target_lang):
        recorded = (
            MachineGlossary.objects.filter(
                source_lang=source_lang, target_lang=target_lang
            )
            .values_list("glossary_id", flat=True)
            .first()
        )
        configured = self.options.get("GLOSSARY_IDS") or {}
        return recorded or configured.get((source_lang, target_lang))

    def formality(self, target_lang):
        formality = self.options.get("FORMALITY")
        if isinstance(formality, dict):
            formality = formality.get(target_lang)
        return formality if formality in {"prefer_less", "prefer_more"} else None

    def get_parameters(self, source_locale, target_locale, strings):
        source_lang = deepl_source(source_locale.language_code)
        target_lang = deepl_target(target_locale.language_code)
        parameters = {
            "text": [string.data for string in strings],
            "tag_handling": "xml",
            "source_lang": source_lang,
            "target_lang": target_lang,
        }
        if formality := self.formality(target_lang):
            parameters["formality"] = formality
        if glossary_id := self.glossary_id(source_lang, target_lang):
            parameters["glossary_id"] = glossary_id
        return parameters

    def translate(self, source_locale, target_locale, strings):
        strings = list(strings)
        timeout = int(self.options.get("TIMEOUT", 30))
        results = {}
        # Every batch is asked for before anything is saved: a failure in the
        # last one leaves the translation as it was.
        for start in range(0, len(strings), DEEPL_BATCH):
            batch = strings[start : start + DEEPL_BATCH]
            answer = _post(
                self.display_name,
                self.get_api_endpoint(),
                timeout,
                data=self.get_parameters(source_locale, target_locale, batch),
                headers=self.get_headers(),
            )
            translations = (
                answer.get("translations") if isinstance(answer, dict) else None
            )
            if not isinstance(translations, list) or len(translations) != len(batch):
                raise _failure(self.display_name, _("its answer could not be read."))
            for string, translation in zip(batch, translations, strict=True):
                results[string] = StringValue(translation["text"])
        return results

    def can_translate(self, source_locale, target_locale):
        return deepl_source(source_locale.language_code) != deepl_source(
            target_locale.language_code
        )


class ClacLibreTranslator(LibreTranslator):
    """LibreTranslate (no glossary: breaches go to the status report).

    Options: ``LIBRETRANSLATE_URL`` (the server's base URL), ``API_KEY``
    (optional for a server without keys), ``TIMEOUT`` (seconds, default 10).
    """

    def get_api_endpoint(self):
        return self.options["LIBRETRANSLATE_URL"].rstrip("/")

    def translate(self, source_locale, target_locale, strings):
        strings = list(strings)
        payload = {
            "q": [string.data for string in strings],
            "source": self.language_code(source_locale.language_code),
            "target": self.language_code(target_locale.language_code),
            "format": "html",
        }
        if api_key := self.options.get("API_KEY"):
            payload["api_key"] = api_key
        answer = _post(
            self.display_name,
            self.get_api_endpoint() + "/translate",
            self.get_timeout(),
            json=payload,
        )
        translated = answer.get("translatedText") if isinstance(answer, dict) else None
        if not isinstance(translated, list) or len(translated) != len(strings):
            raise _failure(self.display_name, _("its answer could not be read."))
        return {
            string: StringValue(text)
            for string, text in zip(strings, translated, strict=True)
        }


# --- Glossary breaches of machine translations (the translation status report) ----


@dataclass(frozen=True)
class Breach:
    source: str
    text: str
    problems: list  # [(Term, glossary.EXPECTED | glossary.FORBIDDEN, word)]
    tool_name: str


def glossary_breaches(translation_keys, locales) -> dict[tuple, list[Breach]]:
    """Machine-translated strings of these objects that break CLAC's glossary.

    ``{(translation_key, locale_pk): [Breach, …]}``, from wagtail-localize's
    machine-made ``StringTranslation`` rows still used by the current source
    (one query, however many pages). A string someone has edited by hand is no
    longer "machine" and drops out: the list cannot go stale.
    """
    if not translation_keys or not locales:
        return {}
    languages = {locale.pk: catalog_code(locale.language_code) for locale in locales}
    in_source = StringSegment.objects.filter(
        string_id=OuterRef("translation_of_id"), context_id=OuterRef("context_id")
    )
    rows = (
        StringTranslation.objects.filter(
            translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
            locale_id__in=list(languages),
            context__object_id__in=list(translation_keys),
        )
        .filter(Exists(in_source))
        .select_related("translation_of__locale", "context")
        .order_by("context__object_id", "locale_id", "context__path", "pk")
    )
    path = glossary_path()
    found = defaultdict(list)
    for row in rows:
        source = row.translation_of
        source_language = catalog_code(source.locale.language_code)
        language = languages[row.locale_id]
        if source_language not in glossary.LANGUAGES:
            continue
        problems = glossary.problems(
            source.data, source_language, row.data, language, path
        )
        if problems:
            found[(row.context.object_id, row.locale_id)].append(
                Breach(source.data, row.data, problems, row.tool_name)
            )
    return dict(found)
