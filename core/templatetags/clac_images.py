"""``{% picture %}`` with its markup cached: a fragment cache that stays on when the
page cache is off.

Wagtail's ``{% picture %}`` looks up every rendition of the tag (formats × sizes:
nine for ``format-{avif,webp,jpeg} fill-{a,b,c}``) in the rendition cache or the
database, works out each one's focal-point key and builds the ``<picture>``
markup: about 10 ms of CPU per image, most of an uncached page render. This tag
takes the same arguments (``{% load clac_images %}`` instead of
``wagtailimages_tags``) and keeps the markup in the default cache per image, its
file and focal point, the filter specs, the resolved attributes (alt text, class,
loading…) and the global cache version (``core/cache.py``), which any
image save or delete bumps (``core/invalidation.py``). ``{% picture … as var %}``
is not cached (it hands the renditions to the template).
"""

import hashlib

from django import template
from django.core.cache import cache

from wagtail.images.templatetags.wagtailimages_tags import PictureNode, image

from core.cache import get_cache_version

register = template.Library()

# Rendition files are never deleted while their image keeps its file and focal
# point; the cache version changes with any image change, so this only bounds
# memory use.
PICTURE_CACHE_SECONDS = 3600


class CachedPictureNode(PictureNode):
    def render(self, context):
        if self.output_var_name:
            return super().render(context)
        picture = self.validate_image(context)
        if not picture:
            return ""
        attrs = sorted(
            (name, str(value.resolve(context))) for name, value in self.attrs.items()
        )
        source = repr(
            (
                picture.pk,
                picture.file.name,
                picture.width,
                picture.height,
                picture.focal_point_x,
                picture.focal_point_y,
                picture.focal_point_width,
                picture.focal_point_height,
                self.filter_specs,
                attrs,
            )
        )
        digest = hashlib.sha256(source.encode()).hexdigest()
        version = get_cache_version(context.get("request"))
        key = f"clac:picture:{version}:{digest}"
        markup = cache.get(key)
        if markup is None:
            markup = super().render(context)
            cache.set(key, markup, PICTURE_CACHE_SECONDS)
        return markup


@register.tag("picture")
def picture(parser, token):
    node = image(parser, token)
    return CachedPictureNode(
        node.image_expr,
        node.filter_specs,
        attrs=node.attrs,
        output_var_name=node.output_var_name,
    )
