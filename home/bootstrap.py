"""The site's fixed structure: locales, site, home pages, collections, groups, workflow.

Used by ``manage.py bootstrap_site``. Every step looks before it creates, so running
it again changes nothing.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from core.models import GroupRole
from home.models import HomePage

# The managed groups: a stable role key (core.models.GroupRole), the Spanish name a
# new group gets, and the names earlier versions (or Wagtail's migrations) gave it.
# Permission code reads only the key; an administrator may rename any group.
EDITORS = "Editores"
MODERATORS = "Moderadores"
INQUIRY_MANAGERS = "Gestión de consultas"
CAMPAIGN_COORDINATORS = "Coordinación de campañas"
TRANSLATOR_LANGUAGES = ["en", "pt-br", "fr"]
TRANSLATOR_NAMES = {
    "en": "Traducción al inglés",
    "pt-br": "Traducción al portugués",
    "fr": "Traducción al francés",
}
LEGACY_NAMES = {
    "editors": ["Editors"],
    "moderators": ["Moderators"],
    "inquiry-managers": ["Inquiry managers"],
    "campaign-coordinators": ["Campaign coordinators"],
    **{f"translators-{code}": [f"Translators {code}"] for code in TRANSLATOR_LANGUAGES},
}
COLLECTIONS = ["Institucional", "Campañas", "Noticias", "Publicaciones"]
WORKFLOW_NAME = "Moderación"
ROOT_PAGE_TITLE = "Raíz"
ROOT_COLLECTION_NAME = "General"

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
MODERATOR_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
]
EDITOR_COLLECTION_PERMISSIONS = [
    "add_image",
    "choose_image",
    "add_document",
    "choose_document",
]
MODERATOR_COLLECTION_PERMISSIONS = [
    *EDITOR_COLLECTION_PERMISSIONS,
    "change_image",
    "change_document",
]
# Snippets editors may edit (and moderators publish) in every language.
SNIPPET_MODELS = [
    ("core", "mainmenu"),
    ("core", "footer"),
    ("core", "calltoaction"),
    ("campaigns", "partner"),
    ("core", "topic"),
    ("news", "person"),
]

# The campaign registry's private side (campaigns.permissions): coordinators manage
# participants, their contacts, progress, activities and reports; nobody else sees
# contacts.
COORDINATOR_MODELS = [
    ("participant", ["add", "change", "delete", "view"]),
    ("participantcontact", ["add", "change", "delete", "view"]),
    ("progress", ["add", "change", "delete", "view"]),
    ("activity", ["add", "change", "delete", "view"]),
    # Reports sent by signed link: reviewed (accepted, refused), never made here.
    ("participantreport", ["change", "delete", "view"]),
    ("producerorganization", ["add", "change", "view"]),
    ("campaigncriterion", ["view"]),
    # Their country's network (campaigns.permissions.CountryNetworkPolicy).
    ("countrynetwork", ["add", "change", "view"]),
]
# Editorial side of the registry: editors define criteria (translated like the
# other snippets) and producer organisations; never contacts or evidence.
EDITOR_REGISTRY_MODELS = [
    ("campaigncriterion", ["add", "change"]),
    ("producerorganization", ["add", "change"]),
    ("countrynetwork", ["add", "change"]),
]


def translator_group_name(language_code: str) -> str:
    """The Spanish name a new translator group gets (``Traducción al francés``)."""
    return TRANSLATOR_NAMES[language_code]


def role_group(key: str) -> Group:
    """The group with role ``key`` ("editors", "translators-fr", …), whatever its name."""
    return Group.objects.get(clac_role__key=key)


def ensure_role_group(
    key: str, name: str, language: str = "", every_language: bool = False
) -> Group:
    """The group of role ``key``: found by its role, else adopted by its default or a
    legacy name (and given its Spanish name), else created."""
    role = GroupRole.objects.select_related("group").filter(key=key).first()
    if role is not None:
        group = role.group
        if (role.language, role.translates_every_language) != (
            language,
            every_language,
        ):
            role.language = language
            role.translates_every_language = every_language
            role.save(update_fields=["language", "translates_every_language"])
    else:
        group = (
            Group.objects.filter(name=name, clac_role__isnull=True).first()
            or Group.objects.filter(
                name__in=LEGACY_NAMES.get(key, []), clac_role__isnull=True
            ).first()
            or Group.objects.create(name=name)
        )
        GroupRole.objects.create(
            group=group,
            key=key,
            language=language,
            translates_every_language=every_language,
        )
    if (
        group.name in LEGACY_NAMES.get(key, [])
        and not Group.objects.filter(name=name).exclude(pk=group.pk).exists()
    ):
        group.name = name
        group.save(update_fields=["name"])
    return group


def _perm(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _model_perms(app_label: str, model: str, actions) -> list[Permission]:
    content_type = ContentType.objects.get(app_label=app_label, model=model)
    return [
        Permission.objects.get(content_type=content_type, codename=f"{action}_{model}")
        for action in actions
    ]


def ensure_roots() -> None:
    """The page and collection tree roots Wagtail's migrations create.

    Only missing after a flush (transactional tests): recreated so the rest of the
    bootstrap has somewhere to stand.
    """
    if Page.get_first_root_node() is None:
        Page.add_root(title=ROOT_PAGE_TITLE, slug="root", locale=Locale.get_default())
    if Collection.get_first_root_node() is None:
        Collection.add_root(name=ROOT_COLLECTION_NAME)
    # Editors see these names (the page explorer's top, the upload dialog's
    # collection choice): Spanish, not Wagtail's "Root". Renamed only while they
    # still carry Wagtail's name, so an administrator's own name stays.
    Page.objects.filter(depth=1, title="Root").update(
        title=ROOT_PAGE_TITLE, draft_title=ROOT_PAGE_TITLE
    )
    Collection.objects.filter(depth=1, name="Root").update(name=ROOT_COLLECTION_NAME)


def ensure_submit_translation_permission() -> None:
    """wagtail-localize creates this permission in a data migration, so a flush
    (transactional tests) loses it; recreated exactly as that migration does."""
    content_type, _created = ContentType.objects.get_or_create(
        app_label="wagtail_localize", model="translation"
    )
    Permission.objects.get_or_create(
        content_type=content_type,
        codename="submit_translation",
        defaults={"name": "Can submit translations"},
    )


def ensure_locales() -> dict[str, Locale]:
    locales = {}
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        locales[code], _created = Locale.objects.get_or_create(language_code=code)
    return locales


def site_origin() -> tuple[str, int]:
    """The default Site's host and port, from ``SITE_URL`` (443 for https, 80 for
    http unless a port is given): Wagtail builds every full URL from them."""
    parts = urlsplit(settings.SITE_URL)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ImproperlyConfigured(
            f"SITE_URL must be http(s)://host[:port], not {settings.SITE_URL!r}"
        )
    return parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)


def ensure_home_and_site(default_locale: Locale) -> HomePage:
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale=default_locale, depth=2).first()
    if home is None:
        home = root.add_child(
            instance=HomePage(
                title="Inicio",
                slug="inicio",
                headline="Comercio justo hecho por pequeños productores y trabajadores",
                locale=default_locale,
            )
        )
        home.save_revision().publish()
    hostname, port = site_origin()
    wanted = {
        "hostname": hostname,
        "port": port,
        "root_page_id": home.pk,
        "site_name": "CLAC",
    }
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(is_default_site=True, **wanted)
    elif any(getattr(site, name) != value for name, value in wanted.items()):
        for name, value in wanted.items():
            setattr(site, name, value)
        site.save()
    # Wagtail's initial "Welcome" page is replaced by our home page.
    plain_page = ContentType.objects.get_for_model(Page)
    for stale in Page.objects.filter(depth=2, content_type=plain_page):
        stale.delete()
    return home


def ensure_collections() -> list[Collection]:
    root = Collection.get_first_root_node()
    result = []
    for name in COLLECTIONS:
        collection = root.get_children().filter(name=name).first()
        if collection is None:
            collection = root.add_child(name=name)
        result.append(collection)
    return result


def _set_page_perms(group, page, codenames):
    """Give ``group`` exactly ``codenames`` on ``page`` (Wagtail's defaults differ)."""
    GroupPagePermission.objects.filter(group=group, page=page).exclude(
        permission__codename__in=codenames
    ).delete()
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=_perm("wagtailcore", codename)
        )


def _set_collection_perms(group, collection, codenames):
    """Give ``group`` exactly ``codenames`` on ``collection``."""
    GroupCollectionPermission.objects.filter(
        group=group, collection=collection
    ).exclude(permission__codename__in=codenames).delete()
    for codename in codenames:
        app_label = "wagtailimages" if codename.endswith("_image") else "wagtaildocs"
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=_perm(app_label, codename)
        )


def ensure_groups(root_collection: Collection) -> dict[str, Group]:
    admin_access = _perm("wagtailadmin", "access_admin")
    root_page = Page.get_first_root_node()
    groups = {}

    # CLAC's communications officers translate too (into every language); outside
    # translators get one group per language below.
    submit_translation = _perm("wagtail_localize", "submit_translation")
    editors = ensure_role_group("editors", EDITORS, every_language=True)
    editors.permissions.add(admin_access, submit_translation)
    for app_label, model in SNIPPET_MODELS:
        editors.permissions.add(*_model_perms(app_label, model, ["add", "change"]))
    _set_page_perms(editors, root_page, EDITOR_PAGE_PERMISSIONS)
    _set_collection_perms(editors, root_collection, EDITOR_COLLECTION_PERMISSIONS)
    groups["editors"] = editors

    moderators = ensure_role_group("moderators", MODERATORS, every_language=True)
    moderators.permissions.add(admin_access, submit_translation)
    for app_label, model in SNIPPET_MODELS:
        moderators.permissions.add(
            *_model_perms(app_label, model, ["add", "change", "publish", "delete"])
        )
    _set_page_perms(moderators, root_page, MODERATOR_PAGE_PERMISSIONS)
    _set_collection_perms(moderators, root_collection, MODERATOR_COLLECTION_PERMISSIONS)
    groups["moderators"] = moderators

    for code in TRANSLATOR_LANGUAGES:
        group = ensure_role_group(
            f"translators-{code}", translator_group_name(code), language=code
        )
        group.permissions.add(admin_access, submit_translation)
        for app_label, model in SNIPPET_MODELS:
            group.permissions.add(*_model_perms(app_label, model, ["change"]))
        _set_collection_perms(
            group, root_collection, ["choose_image", "choose_document"]
        )
        locale_home = HomePage.objects.filter(
            locale__language_code=code, depth=2
        ).first()
        if locale_home is not None:
            _set_page_perms(group, locale_home, ["change_page"])
        groups[f"translators-{code}"] = group

    managers = ensure_role_group("inquiry-managers", INQUIRY_MANAGERS)
    managers.permissions.add(
        admin_access,
        *_model_perms("inquiries", "inquiry", ["view", "change", "delete"]),
    )
    groups["inquiry-managers"] = managers

    for group in (editors, moderators):
        for model, actions in EDITOR_REGISTRY_MODELS:
            group.permissions.add(*_model_perms("campaigns", model, actions))
    moderators.permissions.add(
        *_model_perms("campaigns", "campaigncriterion", ["delete"]),
        *_model_perms("campaigns", "countrynetwork", ["delete"]),
    )
    for code in TRANSLATOR_LANGUAGES:
        groups[f"translators-{code}"].permissions.add(
            *_model_perms("campaigns", "campaigncriterion", ["change"]),
            *_model_perms("campaigns", "countrynetwork", ["change"]),
        )

    coordinators = ensure_role_group("campaign-coordinators", CAMPAIGN_COORDINATORS)
    coordinators.permissions.add(admin_access)
    for model, actions in COORDINATOR_MODELS:
        coordinators.permissions.add(*_model_perms("campaigns", model, actions))
    _set_collection_perms(coordinators, root_collection, EDITOR_COLLECTION_PERMISSIONS)
    groups["campaign-coordinators"] = coordinators
    return groups


def ensure_workflow(homes, moderators: Group) -> Workflow:
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    task = GroupApprovalTask.objects.filter(name="Aprobación de moderadores").first()
    if task is None:
        task = GroupApprovalTask.objects.create(name="Aprobación de moderadores")
    task.groups.set([moderators])
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task=task, defaults={"sort_order": 0}
    )
    for home in homes:
        WorkflowPage.objects.update_or_create(
            page=home, defaults={"workflow": workflow}
        )
    return workflow


@transaction.atomic
def bootstrap_site() -> dict:
    locales = ensure_locales()
    ensure_roots()
    ensure_submit_translation_permission()
    home = ensure_home_and_site(locales[settings.LANGUAGE_CODE])
    collections = ensure_collections()
    groups = ensure_groups(Collection.get_first_root_node())
    homes = list(HomePage.objects.filter(depth=2))
    ensure_workflow(homes, groups["moderators"])
    return {"home": home, "collections": collections, "groups": groups}
