"""The demo accounts of ``make run``: one person per role, each with a name and its
own password.

Each account is created once, when missing: a password its owner changed is
never reset, and an account an administrator deleted is not made again (its
``demo.DemoObject`` row is a tombstone). The passwords are generated on creation
(or all set to ``DEMO_EDITOR_PASSWORD`` when that variable exists, as the tests
and CI do) and kept, next to the password hash they produced, in the git-ignored
file ``.demo-accounts.json``, so the table can tell a password that still works
from one its owner has changed. The demo app is never installed in production.
"""

import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from campaigns.models import CoordinatorScope
from home.bootstrap import role_group

from .models import DemoObject


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str  # home.bootstrap role key
    first_name: str
    last_name: str
    can_do: str
    countries: tuple[
        str, ...
    ] = ()  # a coordinator's scope (campaigns.CoordinatorScope)


ACCOUNTS = [
    DemoAccount(
        "editor",
        "editors",
        "Elena",
        "Ramírez",
        _("writes and translates pages and snippets, submits them for moderation"),
    ),
    DemoAccount(
        "moderator",
        "moderators",
        "Marco",
        "Quispe",
        _(
            "what editors do, plus publishing (translations too) and the moderation workflow"
        ),
    ),
    DemoAccount(
        "translator-en",
        "translators-en",
        "Emma",
        "Walker",
        _("translates pages and snippets into English"),
    ),
    DemoAccount(
        "translator-pt-br",
        "translators-pt-br",
        "João",
        "Silva",
        _("translates pages and snippets into Brazilian Portuguese"),
    ),
    DemoAccount(
        "translator-fr",
        "translators-fr",
        "Camille",
        "Martin",
        _("translates pages and snippets into French"),
    ),
    DemoAccount(
        "inquiry-manager",
        "inquiry-managers",
        "Inés",
        "Mora",
        _("works the inbox of form submissions"),
    ),
    DemoAccount(
        "coordinator",
        "campaign-coordinators",
        "Carla",
        "Benítez",
        _("manages the campaigns' participants, progress and activities everywhere"),
    ),
    DemoAccount(
        "coordinator-br",
        "campaign-coordinators",
        "Rafael",
        "Costa",
        _("manages the participants in Brazil only (the Brazilian country network)"),
        countries=("BR",),
    ),
]


@dataclass
class AccountRow:
    role: str
    username: str
    password: str  # "" when unknown (changed by its owner, or deleted)
    can_do: str
    exists: bool


def accounts_file() -> Path:
    return Path(
        getattr(
            settings, "DEMO_ACCOUNTS_FILE", settings.BASE_DIR / ".demo-accounts.json"
        )
    )


def _read_store() -> dict:
    path = accounts_file()
    if not path.exists():
        return {}
    try:
        return json.loads(path.read_text())
    except ValueError:
        return {}


def _write_store(store: dict) -> None:
    path = accounts_file()
    path.write_text(json.dumps(store, indent=2, sort_keys=True) + "\n")
    path.chmod(0o600)


def _new_password() -> str:
    return os.environ.get("DEMO_EDITOR_PASSWORD", "") or secrets.token_urlsafe(12)


def ensure_demo_accounts() -> list[AccountRow]:
    """Create the missing demo accounts; return the table's rows."""
    user_model = get_user_model()
    user_type = ContentType.objects.get_for_model(user_model)
    store = _read_store()
    changed = False
    for account in ACCOUNTS:
        key = f"account:{account.username}"
        record = DemoObject.objects.filter(key=key).first()
        user = user_model.objects.filter(username=account.username).first()
        if record is not None:
            continue  # made before: left as it is, or deleted (not made again)
        if user is None:
            password = _new_password()
            user = user_model.objects.create_user(
                account.username,
                email=f"{account.username}@example.org",
                password=password,
                first_name=account.first_name,
                last_name=account.last_name,
            )
            user.groups.add(role_group(account.role))
            if account.countries:
                CoordinatorScope.objects.create(
                    user=user, countries=list(account.countries)
                )
            store[account.username] = {"password": password, "hash": user.password}
            changed = True
        elif not (user.first_name and user.last_name):
            # An account of an older loader ("editor", "moderator") had no name,
            # and Wagtail's account settings form refuses an empty one.
            user.first_name = user.first_name or account.first_name
            user.last_name = user.last_name or account.last_name
            user.save(update_fields=["first_name", "last_name"])
        DemoObject.objects.create(key=key, content_type=user_type, object_id=user.pk)
    if changed:
        _write_store(store)
    return account_rows(store)


def account_rows(store=None) -> list[AccountRow]:
    store = _read_store() if store is None else store
    users = get_user_model().objects.in_bulk(
        [account.username for account in ACCOUNTS], field_name="username"
    )
    rows = []
    for account in ACCOUNTS:
        user = users.get(account.username)
        kept = store.get(account.username, {})
        password = ""
        if user is not None and kept.get("hash") == user.password:
            password = kept["password"]
        rows.append(
            AccountRow(
                account.role,
                account.username,
                password,
                str(account.can_do),
                user is not None,
            )
        )
    return rows


def format_table(rows: list[AccountRow]) -> str:
    """The accounts as a plain-text table (role, username, password, what they do)."""
    header = (
        str(_("role")),
        str(_("username")),
        str(_("password")),
        str(_("what they can do")),
    )
    lines = [
        (
            row.role,
            row.username,
            row.password
            or str(_("(changed by its owner)") if row.exists else _("(deleted)")),
            row.can_do,
        )
        for row in rows
    ]
    widths = [max(len(line[i]) for line in [header, *lines]) for i in range(3)]
    out = []
    for line in [header, *lines]:
        out.append(
            "  ".join(
                cell.ljust(width) for cell, width in zip(line, widths, strict=False)
            )
            + "  "
            + line[3]
        )
    out.insert(
        1, "  ".join("-" * width for width in widths) + "  " + "-" * len(header[3])
    )
    return "\n".join(out)
