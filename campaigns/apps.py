from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Campaigns")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core.invalidation import invalidates_pages

        from . import tasks  # noqa: F401 - connects the status emails
        from .models import networks, registry
        from .privacy import register_provider

        # What readers see of the registry (directory, participant pages,
        # counters): saving or deleting any of these bumps the cache version.
        invalidates_pages(
            registry.CampaignCriterion,
            registry.ProducerOrganization,
            registry.Participant,
            registry.ParticipantDescription,
            registry.Progress,
            registry.Activity,
            registry.CoordinatorScope,  # a network's people
            networks.CountryNetwork,
        )
        # Contacts and evidence files: covered by the inquiries' retention purge
        # and data-subject commands (inquiries.privacy).
        register_provider()
