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

``{% art_picture %}`` is the art-directed variant (Wagtail's tag has no ``media``):
one crop for wide screens and another for narrow ones, in the same formats, cached
the same way.
"""

from django import template
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe

from wagtail.images.models import Picture
from wagtail.images.shortcuts import get_renditions_or_not_found
from wagtail.images.templatetags.wagtailimages_tags import PictureNode, image

from core.cache import fragment

register = template.Library()

# Rendition files are never deleted while their image keeps its file and focal
# point; the cache version changes with any image change, so this only bounds
# memory use.
PICTURE_CACHE_SECONDS = 3600


def _image_parts(picture):
    """What decides an image's renditions: its file and focal point."""
    return (
        picture.pk,
        picture.file.name,
        picture.width,
        picture.height,
        picture.focal_point_x,
        picture.focal_point_y,
        picture.focal_point_width,
        picture.focal_point_height,
    )


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
        parts = (*_image_parts(picture), self.filter_specs, attrs)
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


MIME_TYPES = {fmt.name: fmt.mime_type for fmt in Picture.source_format_order}


def _distinct_widths(renditions):
    """One rendition per width: a small original gives the same size for several
    specs, and a width twice in ``srcset`` is invalid HTML."""
    return list(
        {rendition.width: rendition for rendition in reversed(renditions)}.values()
    )[::-1]


def _source(renditions, **attrs):
    renditions = _distinct_widths(renditions)
    first = renditions[0]
    return "<source{}>".format(
        flatatt(
            {
                **attrs,
                "srcset": Picture.get_width_srcset(renditions),
                "width": first.width,
                "height": first.height,
            }
        )
    )


@register.simple_tag(takes_context=True)
def art_picture(
    context,
    image,
    *,
    wide,
    narrow,
    media,
    formats="avif webp jpeg",
    sizes="100vw",
    **attrs,
):
    """A ``<picture>`` with one crop where ``media`` matches and another elsewhere.

    ``{% art_picture img wide="fill-1200x360 fill-1600x480" narrow="fill-720x540"
    media="(min-width: 48rem)" alt=… class=… %}``: for each format (space
    separated, the last one is the ``<img>`` fallback) a ``<source media>`` with
    the wide crops, then sources with the narrow crops; every source and the
    ``<img>`` carry ``width``/``height`` (no layout shift). Renditions are named
    ``format-{fmt}|{spec}``, as ``{% picture %}`` names them.
    """
    if not image:
        return ""
    wide_specs, narrow_specs, fmts = wide.split(), narrow.split(), formats.split()
    attrs = {name: str(value) for name, value in attrs.items()}

    def build():
        specs = {
            (fmt, group): [f"format-{fmt}|{spec}" for spec in group_specs]
            for fmt in fmts
            for group, group_specs in (("wide", wide_specs), ("narrow", narrow_specs))
        }
        found = get_renditions_or_not_found(
            image, [spec for group in specs.values() for spec in group]
        )

        def renditions(fmt, group):
            return [found[spec] for spec in specs[fmt, group]]

        sources = [
            _source(
                renditions(fmt, "wide"), media=media, sizes=sizes, type=MIME_TYPES[fmt]
            )
            for fmt in fmts
        ] + [
            _source(renditions(fmt, "narrow"), sizes=sizes, type=MIME_TYPES[fmt])
            for fmt in fmts[:-1]
        ]
        fallback = _distinct_widths(renditions(fmts[-1], "narrow"))
        img = fallback[0].img_tag(
            {
                **attrs,
                **(
                    {"srcset": Picture.get_width_srcset(fallback), "sizes": sizes}
                    if len(fallback) > 1
                    else {}
                ),
            }
        )
        return mark_safe("<picture>" + "".join(sources) + img + "</picture>")  # noqa: S308 - flatatt escapes every attribute

    parts = (
        *_image_parts(image),
        wide_specs,
        narrow_specs,
        media,
        fmts,
        sizes,
        sorted(attrs.items()),
    )
    return fragment(
        "art-picture",
        parts,
        build,
        request=context.get("request"),
        timeout=PICTURE_CACHE_SECONDS,
    )
