"""Who may manage the campaign registry's participants: one policy for the
participant viewsets (participants, their contacts, progress and activities, and
the evidence files), in the admin and wherever else the registry's private side
shows.

- Superusers: everything.
- Members of the group whose role key is ``campaign-coordinators``
  (``core.models.GroupRole``; its name may change): the model permissions their
  group holds (``home.bootstrap`` gives all of them), on the participants of their
  countries only when they have a ``CoordinatorScope`` listing countries (CLAC's
  country networks coordinate locally); a scope without countries means every one.
- Everybody else (editors, moderators, translators): nothing. Editors never see a
  contact nor an evidence file.

Querysets are filtered (``instances_user_has_any_permission_for``) and single
objects checked (``user_has_permission_for_instance``), so a coordinator limited to
Brazil neither lists nor opens a Mexican participant.
"""

from django.db.models import Q

from wagtail.permission_policies.base import ModelPermissionPolicy

from .models.registry import CoordinatorScope, Participant

COORDINATORS = "campaign-coordinators"


def is_coordinator(user) -> bool:
    if not (user and user.is_active and user.is_authenticated):
        return False
    cached = getattr(user, "_clac_is_coordinator", None)
    if cached is None:
        cached = user.groups.filter(clac_role__key=COORDINATORS).exists()
        user._clac_is_coordinator = cached
    return cached


def coordinator_countries(user) -> list[str] | None:
    """The ISO codes a coordinator is limited to; None for no limit."""
    if user.is_superuser:
        return None
    cached = getattr(user, "_clac_countries", False)
    if cached is not False:
        return cached
    scope = CoordinatorScope.objects.filter(user=user).first()
    countries = [str(code) for code in scope.countries] if scope else []
    user._clac_countries = countries or None
    return user._clac_countries


class ParticipantPolicy(ModelPermissionPolicy):
    """The registry's private side. ``participant_path`` is how the model reaches
    its participant ("" for Participant itself, "participant" for the others)."""

    def __init__(self, model, participant_path: str = "participant"):
        super().__init__(model)
        self.participant_path = participant_path

    def _prefix(self) -> str:
        return f"{self.participant_path}__" if self.participant_path else ""

    def participant_of(self, instance):
        return instance if not self.participant_path else instance.participant

    def user_has_permission(self, user, action):
        if not (user and user.is_active and user.is_authenticated):
            return False
        if user.is_superuser:
            return True
        return is_coordinator(user) and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def in_scope(self, user, participant) -> bool:
        countries = coordinator_countries(user)
        return countries is None or str(participant.country) in countries

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        participant = self.participant_of(instance)
        return participant is None or self.in_scope(user, participant)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(
            self.user_has_permission_for_instance(user, action, instance)
            for action in actions
        )

    def scope_filter(self, user) -> Q:
        countries = coordinator_countries(user)
        if countries is None:
            return Q()
        return Q(**{f"{self._prefix()}country__in": countries})

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.model._default_manager.filter(self.scope_filter(user))

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])

    def participants_for(self, user, actions=("change",)):
        """The participants ``user`` may attach things to (a contact's choice)."""
        if not self.user_has_any_permission(user, actions):
            return Participant.objects.none()
        countries = coordinator_countries(user)
        queryset = Participant.objects.all()
        return queryset if countries is None else queryset.filter(country__in=countries)

    def may_use_country(self, user, country) -> bool:
        countries = coordinator_countries(user)
        return countries is None or str(country) in countries


participant_policy = ParticipantPolicy(Participant, participant_path="")


class CountryNetworkPolicy(ModelPermissionPolicy):
    """The country networks (snippets): whoever holds the model's permissions
    (editors, coordinators; superusers everything), but a coordinator limited to
    some countries acts on those countries' networks only (every translation of
    them): a coordinator limited to Brazil edits the Brazilian network, no other."""

    def limited_to(self, user) -> list[str] | None:
        if user.is_superuser or not is_coordinator(user):
            return None
        return coordinator_countries(user)

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        countries = self.limited_to(user)
        return countries is None or str(instance.country) in countries

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(
            self.user_has_permission_for_instance(user, action, instance)
            for action in actions
        )

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = super().instances_user_has_any_permission_for(user, actions)
        countries = self.limited_to(user)
        return queryset if countries is None else queryset.filter(country__in=countries)

    def may_use_country(self, user, country) -> bool:
        countries = self.limited_to(user)
        return countries is None or str(country) in countries
