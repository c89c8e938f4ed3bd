from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_views import (
    CampaignNetworksGroup,
    CoordinatorScopePolicy,
    ParticipantChooserViewSet,
    RenewalsPanel,
    contact_policy,
    network_policy,
    report_policy,
)
from .models import Partner
from .models.networks import CountryNetwork
from .models.registry import Activity, CoordinatorScope, Participant, Progress
from .permissions import ParticipantPolicy, participant_policy


class PartnerViewSet(SnippetViewSet):
    model = Partner
    icon = "group"
    menu_order = 310
    add_to_admin_menu = True


register_snippet(PartnerViewSet)

# One policy for the registry's private side (campaigns.permissions).
register_permission_policy(Participant, participant_policy)
register_permission_policy(contact_policy.model, contact_policy)
register_permission_policy(report_policy.model, report_policy)
register_permission_policy(Progress, ParticipantPolicy(Progress))
register_permission_policy(Activity, ParticipantPolicy(Activity))
register_permission_policy(CoordinatorScope, CoordinatorScopePolicy(CoordinatorScope))
# Country networks: a coordinator limited to Brazil edits the Brazilian one only.
register_permission_policy(CountryNetwork, network_policy)

# The "Campaign networks" menu; criteria are a snippet in it (so wagtail-localize
# offers "Translate"), the rest model viewsets.
register_snippet(CampaignNetworksGroup)


@hooks.register("register_admin_viewset")
def register_participant_chooser():
    return ParticipantChooserViewSet()


@hooks.register("construct_homepage_panels")
def add_renewals_panel(request, panels):
    if participant_policy.user_has_any_permission(request.user, ["change", "view"]):
        panels.append(RenewalsPanel(request.user))
