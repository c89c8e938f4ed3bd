"""One page creation at a time per editor and parent page (Wagtail 8 autosave).

Wagtail 8 autosaves the create form in the background: the first autosave POSTs
the form to the create view, which creates the draft page and answers JSON (the
editor's tab then moves to the edit view). An editor who clicks "Submit to
moderation" while that autosave is on its way sends a second POST to the same
create view. Both pass validation before either has saved, both add the page,
and the second fails in ``Page.full_clean`` ("slug in use"): a server error.

This middleware serialises POSTs to ``/admin/pages/add/…/<parent>/`` per
(editor, parent) with a cache lock (Redis in production, shared by the workers).
When the same editor's autosave has just created the page there, the same form's
POST that follows (same slug) is sent to that page's edit view with a message
instead of failing or creating a second page: the editor submits from there.
"""

import json
import re
import time

from django.contrib import messages
from django.core.cache import cache
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from wagtail.models import Page

CREATE_PATH = re.compile(r"^/admin/pages/add/[\w-]+/[\w-]+/(?P<parent>\d+)/$")
LOCK_SECONDS = 30  # the lock's own expiry, should a worker die holding it
WAIT_SECONDS = 15  # how long a second request waits for the first
CREATED_SECONDS = 60  # how long an autosaved creation redirects the same form's POST


def lock_key(user_id, parent_id):
    return f"clac:page-create-lock:{user_id}:{parent_id}"


def created_key(user_id, parent_id):
    return f"clac:page-created:{user_id}:{parent_id}"


class SerialPageCreateMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        match = CREATE_PATH.match(request.path_info)
        user = getattr(request, "user", None)
        if (
            request.method != "POST"
            or match is None
            or user is None
            or not user.is_authenticated
        ):
            return self.get_response(request)
        parent_id = int(match["parent"])
        key = lock_key(user.pk, parent_id)
        deadline = time.monotonic() + WAIT_SECONDS
        while not (locked := cache.add(key, 1, LOCK_SECONDS)):
            if time.monotonic() > deadline:
                break  # go on unlocked rather than refuse the editor's work
            time.sleep(0.05)
        try:
            return self.handle(request, user, parent_id)
        finally:
            if locked:  # never release the lock another request holds
                cache.delete(key)

    def handle(self, request, user, parent_id):
        autosave = not request.accepts("text/html")
        created = cache.get(created_key(user.pk, parent_id))
        # The same form: the POST carries the slug the autosave created the page
        # with (a new page's form under the same parent has its own slug).
        if created and not autosave and request.POST.get("slug") == created["slug"]:
            cache.delete(created_key(user.pk, parent_id))
            messages.warning(
                request,
                _(
                    "This page had just been saved automatically, so it was not "
                    "created twice. Check it and submit it from here."
                ),
            )
            return redirect("wagtailadmin_pages:edit", created["pk"])
        response = self.get_response(request)
        if autosave and response.status_code == 200:
            try:
                data = json.loads(response.content)
            except ValueError:
                data = {}
            if data.get("success") and data.get("pk"):
                slug = Page.objects.filter(pk=data["pk"]).values_list("slug", flat=True)
                cache.set(
                    created_key(user.pk, parent_id),
                    {"pk": data["pk"], "slug": slug.first()},
                    CREATED_SECONDS,
                )
        return response
