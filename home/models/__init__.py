from .images import CustomDocument, CustomImage, CustomRendition
from .pages import BasePage, HeroMixin, HomePage, StandardPage
from .settings import SiteSettings
from .snippets import CallToAction, Footer, MainMenu, TranslatableSnippet

__all__ = [
    "BasePage",
    "CallToAction",
    "CustomDocument",
    "CustomImage",
    "CustomRendition",
    "Footer",
    "HeroMixin",
    "HomePage",
    "MainMenu",
    "SiteSettings",
    "StandardPage",
    "TranslatableSnippet",
]
