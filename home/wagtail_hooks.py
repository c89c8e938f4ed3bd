from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import CallToAction, Footer, MainMenu


class MainMenuViewSet(SnippetViewSet):
    model = MainMenu
    icon = "list-ul"


class FooterViewSet(SnippetViewSet):
    model = Footer
    icon = "placeholder"


class CallToActionViewSet(SnippetViewSet):
    model = CallToAction
    icon = "pick"


class SiteChromeGroup(SnippetViewSetGroup):
    menu_label = _("Menus and footer")
    menu_icon = "list-ul"
    menu_order = 300
    items = (MainMenuViewSet, FooterViewSet, CallToActionViewSet)


register_snippet(SiteChromeGroup)
