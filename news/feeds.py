"""RSS feed of one language's news, served by NewsIndexPage at ``feed/``."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

FEED_LENGTH = 20


class NewsFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, *args, index_page=None, **kwargs):
        self.request = request
        # Feed reads ``language`` as a plain attribute, not per object.
        self.language = index_page.locale.language_code
        return index_page

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        response["Cache-Control"] = "public, max-age=900"
        return response

    def title(self, obj):
        return f"{obj.title} · CLAC"

    def link(self, obj):
        return obj.get_full_url(self.request)

    def feed_url(self, obj):
        return obj.get_full_url(self.request) + obj.reverse_subpage("feed")

    def description(self, obj):
        return obj.intro or _("News and publications from CLAC.")

    def items(self, obj):
        return obj.feed_items(FEED_LENGTH)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return timezone.make_aware(
            datetime.datetime.combine(item.date, datetime.time(12, 0))
        )

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [item.get_news_type_display()]
