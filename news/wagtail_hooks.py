from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Person, Topic


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"


class NewsSnippetsGroup(SnippetViewSetGroup):
    menu_label = _("Topics and people")
    menu_icon = "tag"
    menu_order = 320
    items = (TopicViewSet, PersonViewSet)


register_snippet(NewsSnippetsGroup)
