"""Personal data held outside the inquiries themselves, for the retention purge
(``purge_inquiries``) and the data-subject export and erasure
(``inquiry_subject_data``).

The inquiries app imports no feature app: an app holding personal data registers
a provider here from its ``AppConfig.ready`` (campaigns: participants' contacts
and evidence files), and the two commands call every provider.
"""

from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["PersonalDataProvider", "providers", "register"]


@dataclass(frozen=True)
class PersonalDataProvider:
    #: The key of its section in the export ("campaign_contacts").
    name: str
    #: ``export(email) -> list[dict]``: everything held about the address.
    export: Callable[[str], list]
    #: ``erase(email) -> dict``: delete it; what was deleted, counted.
    erase: Callable[[str], dict]
    #: ``purge(days, dry_run) -> dict``: delete what is older than the retention.
    purge: Callable[[int, bool], dict]


_providers: dict[str, PersonalDataProvider] = {}


def register(provider: PersonalDataProvider) -> None:
    _providers[provider.name] = provider


def providers() -> list[PersonalDataProvider]:
    return list(_providers.values())
