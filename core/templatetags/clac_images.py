"""``{% picture %}`` with its markup kept with the fragment helper (``core/cache.py``),
which stays on when the page cache is off.

Wagtail's ``{% picture %}`` looks up every rendition of the tag (formats × sizes:
nine for ``format-{avif,webp,jpeg} fill-{a,b,c}``) in the rendition cache or the
database, works out each one's focal-point key and builds the ``<picture>``
markup: about 10 ms of CPU per image, most of an uncached page render. This tag
takes the same arguments (``{% load clac_images %}`` instead of
``wagtailimages_tags``) and keeps the markup (the "picture" fragment) per image,
its file and focal point, the filter specs, the resolved attributes (alt text,
class, loading…), the language and the global cache version, which any image
save or delete bumps (``core/invalidation.py``). ``{% picture … as var %}`` is
not cached (it hands the renditions to the template).
"""

from django import template

from wagtail.images.templatetags.wagtailimages_tags import PictureNode, image

from core.cache import fragment

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
        parts = (
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
        return fragment(
            "picture",
            parts,
            lambda: super(CachedPictureNode, self).render(context),
            request=context.get("request"),
            timeout=PICTURE_CACHE_SECONDS,
        )


@register.tag("picture")
def picture(parser, token):
    node = image(parser, token)
    return CachedPictureNode(
        node.image_expr,
        node.filter_specs,
        attrs=node.attrs,
        output_var_name=node.output_var_name,
    )
