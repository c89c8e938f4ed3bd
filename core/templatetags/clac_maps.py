"""``{% network_map points label %}``: the network map, server-rendered (issue 18).

The SVG (country outlines from ``core/maps.py`` and one circle per point) is
decoration for sighted readers and is hidden from assistive technology
(``aria-hidden``, nothing in it focusable); the accessible path is the list the tag
renders beside it, one item with a link per point. Styled by CSS classes only
(``css/src/map.css``): the CSP allows no inline style. No JavaScript is needed;
``js/site.js`` only links the hover or focus of a list item and its point.

A point is a dict or an object with ``lat``, ``lon``, ``name``, ``url``,
``country`` (alpha-2) and ``status``; optional ``country_name`` and
``status_label`` (otherwise the country's name comes from django-countries and the
status is shown as given).
"""

import re

from django import template

from django_countries import countries

from core.maps import VIEWBOX, country_paths, project, viewbox_size

register = template.Library()

_CLASS_SAFE = re.compile(r"[^a-z0-9_-]+")


def _get(point, name, default=""):
    if isinstance(point, dict):
        return point.get(name, default)
    return getattr(point, name, default)


def map_points(points):
    """The points as the template draws them: projected, rounded, with labels."""
    drawn = []
    for index, point in enumerate(points, start=1):
        x, y = project(float(_get(point, "lat")), float(_get(point, "lon")))
        code = str(_get(point, "country") or "").upper()
        status = str(_get(point, "status") or "")
        drawn.append(
            {
                "index": index,
                "x": f"{x:.1f}",
                "y": f"{y:.1f}",
                "name": _get(point, "name"),
                "url": _get(point, "url"),
                "country": code,
                "country_name": _get(point, "country_name")
                or (countries.name(code) if code else ""),
                "status": _CLASS_SAFE.sub("-", status.lower()),
                "status_label": _get(point, "status_label") or status,
            }
        )
    return drawn


@register.inclusion_tag("core/includes/network_map.html")
def network_map(points, label, id="network-map"):
    width, height = viewbox_size()
    return {
        "map_id": id,
        "label": label,
        "viewbox": VIEWBOX,
        "width": int(width),
        "height": int(height),
        "countries": sorted(country_paths().items()),
        "points": map_points(points),
    }
