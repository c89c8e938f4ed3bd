"""The one curated StreamField body shared by every page type that has a body."""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

from core.embeds import embed_src

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]


class OptionBlock(blocks.ChoiceBlock):
    """A choice that shapes the markup (a heading level, a style) and is not reader
    text: Wagtail would index the choice's label ("Section heading"), which then
    showed in search excerpts in every language."""

    def get_searchable_content(self, value):
        return []


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text"), max_length=120)
    level = OptionBlock(
        label=_("Level"),
        choices=[("h2", _("Section heading")), ("h3", _("Sub-heading"))],
        default="h2",
        help_text=_(
            "Use 'Section heading' for main sections, 'Sub-heading' inside them."
        ),
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        label = _("Heading")
        description = _("A heading that starts a new section of the page.")
        preview_value = {"text": "Comercio justo en América Latina", "level": "h2"}


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(
        label=_("Image"),
        help_text=_(
            "Describe what the image shows for people who cannot see it, or mark it "
            "as decorative if it adds nothing to the text."
        ),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        label = _("Image")
        description = _(
            "A picture with optional caption; its credit is shown automatically."
        )


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"), max_length=600)
    attribution = blocks.CharBlock(
        label=_("Who said it"), required=False, max_length=150
    )

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        label = _("Quote")
        description = _("A highlighted quotation with the name of who said it.")
        preview_value = {
            "quote": "El comercio justo es una economía posible y necesaria.",
            "attribution": "CLAC",
        }


class LinkStructValue(blocks.StructValue):
    def url(self):
        page = self.get("page")
        if page:
            return page.localized.url if hasattr(page, "localized") else page.url
        return self.get("link_url") or ""


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Button text"), max_length=80)
    description = blocks.CharBlock(
        label=_("Short explanation"), required=False, max_length=200
    )
    page = blocks.PageChooserBlock(
        label=_("Page on this site"),
        required=False,
        help_text=_("Choose a page here, or give a web address below, not both."),
    )
    link_url = blocks.URLBlock(label=_("Web address"), required=False)

    def clean(self, value):
        result = super().clean(value)
        has_page = bool(result.get("page"))
        has_url = bool(result.get("link_url"))
        if has_page == has_url:
            message = _("Choose a page or enter a web address, not both or neither.")
            raise blocks.StructBlockValidationError(
                block_errors={
                    "page": ErrorList([ValidationError(message)]),
                    "link_url": ErrorList([ValidationError(message)]),
                }
            )
        return result

    class Meta:
        icon = "link"
        template = "blocks/call_to_action_block.html"
        value_class = LinkStructValue
        label = _("Call to action")
        description = _("A prominent button that invites readers to do something.")
        preview_value = {
            "text": "Súmate a la campaña",
            "description": "Universidades y ciudades por el comercio justo.",
            "link_url": "https://example.org/",
        }


class DocumentDownloadBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Title shown"),
        required=False,
        max_length=200,
        help_text=_("Leave empty to use the document's own title."),
    )

    class Meta:
        icon = "doc-full"
        template = "blocks/document_block.html"
        label = _("Document download")
        description = _("A download link that shows the file type and its size.")


class AccordionItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=200)
    answer = blocks.RichTextBlock(label=_("Answer"), features=RICH_TEXT_FEATURES)


class AccordionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    items = blocks.ListBlock(AccordionItemBlock(), label=_("Questions"))

    class Meta:
        icon = "list-ul"
        template = "blocks/accordion_block.html"
        label = _("Questions and answers")
        description = _("Questions that open to show their answers (FAQ).")
        preview_value = {
            "title": "Preguntas frecuentes",
            "items": [
                {
                    "question": "¿Qué es la CLAC?",
                    "answer": "<p>Una red de productores.</p>",
                }
            ],
        }


class KeyFigureBlock(blocks.StructBlock):
    figure = blocks.CharBlock(
        label=_("Figure"), max_length=20, help_text=_("e.g. 24 or 80%")
    )
    label = blocks.CharBlock(label=_("What it counts"), max_length=120)


class KeyFiguresBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    figures = blocks.ListBlock(
        KeyFigureBlock(), label=_("Figures"), min_num=1, max_num=6
    )

    class Meta:
        icon = "table"
        template = "blocks/key_figures_block.html"
        label = _("Key figures")
        description = _("Up to six large numbers with what they count.")
        preview_value = {
            "title": "La CLAC en cifras",
            "figures": [
                {"figure": "24", "label": "países"},
                {"figure": "1000+", "label": "organizaciones"},
            ],
        }


class EmbedFacadeBlock(blocks.StructBlock):
    """A video that loads nothing from a third party until the reader asks for it."""

    url = blocks.URLBlock(
        label=_("Video address"),
        help_text=_(
            "A YouTube or Vimeo address, e.g. https://www.youtube.com/watch?v=…"
        ),
    )
    title = blocks.CharBlock(
        label=_("Title"), max_length=150, help_text=_("Says what the video is about.")
    )

    def clean(self, value):
        result = super().clean(value)
        if not embed_src(result.get("url", "")):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "url": ErrorList(
                        [
                            ValidationError(
                                _("Only YouTube and Vimeo addresses are supported.")
                            )
                        ]
                    )
                }
            )
        return result

    class Meta:
        icon = "media"
        template = "blocks/embed_block.html"
        label = _("Video")
        description = _(
            "A YouTube or Vimeo video. Nothing loads from those sites until the "
            "reader clicks play, to protect their privacy and data."
        )
        preview_value = {
            "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "title": "Video",
        }


class BodyStreamBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("Text"),
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        template="blocks/paragraph_block.html",
        description=_("Paragraphs of text with links and lists."),
        preview_value="<p>La CLAC representa a pequeños productores de comercio justo.</p>",
    )
    heading = HeadingBlock()
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    document = DocumentDownloadBlock()
    accordion = AccordionBlock()
    key_figures = KeyFiguresBlock()
    video = EmbedFacadeBlock()

    class Meta:
        label = _("Body")
