"""The models of inquiries, as Django loads them (``inquiries.models``).

- ``inquiry``: the submission (``Inquiry``) and its status; imports nothing else of
  the app, so the notification task and the submission path stand on it.
- ``form_pages``: the form pages and their fields (``AbstractClacFormPage``,
  ``ClacFormField``, ``ContactPage``); they delegate a post to
  ``inquiries.submission``.

Code outside the app imports from here; modules inside it import the submodule they
need (``inquiries.models.inquiry``), so the app's import graph has no cycle.
"""

from inquiries.models.form_pages import (
    AbstractClacFormPage,
    ClacFormField,
    ContactFormField,
    ContactPage,
)
from inquiries.models.inquiry import Inquiry, InquiryStatus

__all__ = [
    "AbstractClacFormPage",
    "ClacFormField",
    "ContactFormField",
    "ContactPage",
    "Inquiry",
    "InquiryStatus",
]
