from .images import CustomDocument, CustomImage, CustomRendition
from .machine import MachineGlossary
from .pages import BasePage, HeroMixin
from .roles import GroupRole
from .settings import SiteSettings
from .snippets import CallToAction, Footer, MainMenu, TranslatableSnippet
from .taxonomy import Topic

__all__ = [
    "BasePage",
    "CallToAction",
    "CustomDocument",
    "CustomImage",
    "CustomRendition",
    "Footer",
    "GroupRole",
    "HeroMixin",
    "MachineGlossary",
    "MainMenu",
    "SiteSettings",
    "Topic",
    "TranslatableSnippet",
]
