"""Structured logs for production: one JSON object a line, nothing personal.

Django's request logger passes the ``request`` along; we keep its method and path
but never its query string, cookies, headers or client address (they can hold
email addresses, search terms and session ids). Email addresses that slip into a
message are masked by :class:`PersonalDataFilter`.
"""

import json
import logging
import re
from datetime import UTC, datetime

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

# Extra attributes worth keeping when a caller passes them with ``extra=``.
SAFE_EXTRAS = ("status_code", "task_id", "task_name", "duration_ms", "page_id")

_RESERVED = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
}


def mask_personal_data(text: str) -> str:
    return EMAIL.sub("[email]", text)


class PersonalDataFilter(logging.Filter):
    """Mask email addresses in the rendered message (and drop its arguments)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = str(record.msg)
        record.msg = mask_personal_data(message)
        record.args = None
        return True


class JsonFormatter(logging.Formatter):
    """Render a record as a single JSON line with a fixed set of keys."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": mask_personal_data(record.getMessage()),
        }
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            entry["method"] = getattr(request, "method", "")
            entry["path"] = request.path  # never the query string
        for key in SAFE_EXTRAS:
            value = getattr(record, key, None)
            if value is not None and key not in _RESERVED:
                entry[key] = value if isinstance(value, int | float) else str(value)
        if record.exc_info:
            entry["exception"] = mask_personal_data(
                self.formatException(record.exc_info)
            )
        return json.dumps(entry, ensure_ascii=False, default=str)
