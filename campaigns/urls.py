"""Public URLs of the campaigns app, included under each language prefix
(``clac_cms.urls``, ``i18n_patterns``)."""

from django.urls import path

from .reports import report_view

urlpatterns = [
    # A participant's report by signed link (campaigns.reports): the participant's
    # slug and the link's token, so a token used under another participant's
    # address is refused.
    path(
        "report/<slug:participant_slug>/<str:token>/",
        report_view,
        name="participant_report",
    ),
]
