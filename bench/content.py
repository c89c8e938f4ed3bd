"""A small, complete site for the query-budget tests and the benchmark.

One page of every public type (home, strategy + objectives, campaign index +
campaigns with partners and topics, news index + news, contact form, standard
page), the menu and footer snippets, site settings and a few generated photos.
``add_news`` adds news items quickly (no revisions), so a listing can be measured
at 10, 100 and 1,000 items.
"""

from io import BytesIO

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone

from wagtail.models import Locale, Page, Site

from PIL import Image, ImageDraw

PARAGRAPH = (
    "<p>La CLAC representa a las organizaciones de pequeños productores y trabajadores "
    "de comercio justo de América Latina y el Caribe. Trabajamos por precios justos, "
    "mercados abiertos y políticas públicas que reconozcan a la agricultura familiar.</p>"
)


def _photo(seed: int, name: str, size=(1600, 900)):
    from core.models import CustomImage

    image = Image.new("RGB", size, (240, 236, 220))
    draw = ImageDraw.Draw(image)
    width, height = size
    for y in range(0, height, 4):
        shade = (120 + (y * 97 + seed * 31) % 100, 160 - y % 60, 90 + seed * 17 % 80)
        draw.rectangle([0, y, width, y + 4], fill=shade)
    draw.ellipse(
        [width // 3, height // 6, width // 3 + 180, height // 6 + 180],
        fill=(242, 183, 5),
    )
    draw.polygon(
        [(0, height), (width // 2, height // 2), (width, height)], fill=(29, 107, 58)
    )
    buffer = BytesIO()
    image.save(buffer, "JPEG", quality=82)
    return CustomImage.objects.create(
        title=name,
        file=ImageFile(BytesIO(buffer.getvalue()), name=f"{name}.jpg"),
        description=name,
        credit="Foto: CLAC",
    )


def _body(image=None):
    blocks = [{"type": "paragraph", "value": PARAGRAPH}]
    if image is not None:
        blocks.append(
            {
                "type": "image",
                "value": {
                    "image": {"image": image.pk, "alt_text": "", "decorative": True},
                    "caption": "Cosecha",
                },
            }
        )
    blocks.append({"type": "paragraph", "value": PARAGRAPH})
    return blocks


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _translate(page, locale):
    """Copy ``page`` into ``locale`` (its parent must be translated) and publish it."""
    copy = page.copy_for_translation(locale)
    copy.save_revision().publish()
    return copy.specific


def add_news(news_index, count, *, images=(), topics=(), start=0):
    """Add ``count`` live news items under ``news_index`` fast (no revisions)."""
    from news.models import NewsPage, NewsPageTopic

    today = timezone.localdate()
    created = []
    with transaction.atomic():
        for number in range(start, start + count):
            item = NewsPage(
                title=f"Noticia {number + 1}",
                slug=f"noticia-{number + 1}",
                summary="Pequeños productores de comercio justo se reúnen en la región.",
                date=today - timezone.timedelta(days=number),
                hero_image=images[number % len(images)] if images else None,
                body=[{"type": "paragraph", "value": PARAGRAPH}],
                locale=news_index.locale,
            )
            news_index.add_child(instance=item)
            for topic in topics[:2]:
                NewsPageTopic.objects.create(page=item, topic=topic)
            created.append(item)
    return created


def build_site(*, news_count=6, languages=("en",), photo_size=(1600, 900)):
    """Build the content on top of ``bootstrap_site``; returns the pages by name."""
    from campaigns.models import (
        CampaignIndexPage,
        CampaignPage,
        CampaignPagePartner,
        CampaignPageTopic,
        CampaignSignupFormField,
        CampaignSignupPage,
        ObjectivePage,
        ObjectivePageRelatedCampaign,
        ObjectivePageTopic,
        Partner,
        StrategyPage,
    )
    from core.models import CallToAction, Footer, MainMenu, SiteSettings, Topic
    from home.bootstrap import bootstrap_site
    from home.models import HomePage, StandardPage
    from inquiries.models import ContactFormField, ContactPage
    from news.models import NewsIndexPage, NewsPage, NewsPageAuthor, Person

    home = bootstrap_site()["home"]
    home = HomePage.objects.get(pk=home.pk)
    es = home.locale
    photos = [_photo(seed, f"foto-{seed}", size=photo_size) for seed in range(4)]
    logo = _photo(9, "logo-socio", size=(480, 240))

    pages = {"home": home}
    home.hero_image = photos[0]
    home.hero_image_alt = "Productores en una cooperativa"
    home.intro = (
        "Somos la red de pequeños productores y trabajadores de comercio justo."
    )
    home.save_revision().publish()

    about = _publish(
        home,
        StandardPage(
            title="Quiénes somos",
            slug="quienes-somos",
            intro="La red.",
            hero_image=photos[1],
            body=_body(photos[2]),
        ),
    )
    pages["standard"] = about
    strategy = _publish(
        home,
        StrategyPage(
            title="Estrategia de incidencia",
            slug="estrategia",
            intro="Por qué hacemos incidencia.",
            hero_image=photos[1],
            levels=[
                {"type": "level", "value": {"title": level, "description": "Acción."}}
                for level in ("Local", "Nacional", "Regional", "Global")
            ],
            body=_body(),
        ),
    )
    pages["strategy"] = strategy
    objectives = [
        _publish(
            strategy,
            ObjectivePage(
                title=f"Objetivo {number}",
                slug=f"objetivo-{number}",
                summary="Influir en las políticas públicas.",
                icon="voice",
                image=photos[number % 4],
                body=_body(photos[(number + 1) % 4]),
            ),
        )
        for number in range(1, 7)
    ]
    pages["objective"] = objectives[0]

    topics = []
    for number, objective in enumerate(objectives[:3], start=1):
        topic = Topic.objects.create(
            name=f"Tema {number}", slug=f"tema-{number}", locale=es
        )
        topic.save_revision().publish()
        topics.append(topic)
        objective.topics.add(ObjectivePageTopic(topic=topic))
        objective.save_revision().publish()
    author = Person.objects.create(name="Ana Pérez", role="Comunicación", locale=es)
    author.save_revision().publish()
    partners = []
    for number in range(1, 4):
        partner = Partner.objects.create(
            name=f"Socio {number}",
            description="Una organización aliada.",
            website="https://example.org/",
            logo=logo,
            locale=es,
        )
        partner.save_revision().publish()
        partners.append(partner)

    campaign_index = _publish(
        home,
        CampaignIndexPage(
            title="Campañas", slug="campanas", intro="Nuestras campañas."
        ),
    )
    pages["campaign_index"] = campaign_index
    campaigns = []
    for number in range(1, 5):
        campaign = CampaignPage(
            title=f"Campaña {number}",
            slug=f"campana-{number}",
            tagline="Por un comercio más justo.",
            goal="Que las universidades compren comercio justo.",
            hero_image=photos[number % 4],
            hero_image_alt="Una feria",
            body=_body(photos[(number + 2) % 4]),
        )
        _publish(campaign_index, campaign)
        for partner in partners:
            CampaignPagePartner.objects.create(page=campaign, partner=partner)
        for topic in topics[:2]:
            CampaignPageTopic.objects.create(page=campaign, topic=topic)
        campaigns.append(campaign)
    pages["campaign"] = campaigns[0]
    for objective in objectives:
        for campaign in campaigns[:2]:
            ObjectivePageRelatedCampaign.objects.create(
                page=objective, campaign=campaign
            )

    news_index = _publish(
        home, NewsIndexPage(title="Noticias", slug="noticias", intro="Lo último.")
    )
    pages["news_index"] = news_index
    news = add_news(news_index, news_count, images=photos, topics=topics)
    first = NewsPage.objects.get(pk=news[0].pk)
    NewsPageAuthor.objects.create(page=first, person=author)
    first.body = _body(photos[3])
    first.save_revision().publish()
    pages["news"] = first

    contact = ContactPage(
        title="Contacto",
        slug="contacto",
        intro="Escríbenos.",
        thank_you_text="Gracias.",
    )
    _publish(home, contact)
    for label, field_type in (
        ("Nombre", "singleline"),
        ("Correo", "email"),
        ("Mensaje", "multiline"),
    ):
        ContactFormField.objects.create(
            page=contact, label=label, field_type=field_type, required=True, locale=es
        )
    pages["contact"] = contact

    signup = CampaignSignupPage(
        title="Súmate",
        slug="sumate",
        intro="Inscribe a tu universidad.",
        thank_you_text="Gracias.",
    )
    _publish(campaigns[0], signup)
    for label, field_type in (("Universidad", "singleline"), ("Correo", "email")):
        CampaignSignupFormField.objects.create(
            page=signup, label=label, field_type=field_type, required=True, locale=es
        )
    pages["signup"] = signup

    cta = CallToAction.objects.create(
        title="Escríbenos",
        text="Queremos saber de ti.",
        button_text="Contacto",
        page=contact,
        locale=es,
    )
    cta.save_revision().publish()
    home.call_to_action = cta
    home.save_revision().publish()

    menu = MainMenu.objects.create(
        items=[
            {"type": "item", "value": {"page": page.pk, "label": ""}}
            for page in (about, strategy, campaign_index, news_index, contact)
        ],
        locale=es,
    )
    menu.save_revision().publish()
    footer = Footer.objects.create(
        about="<p>La Coordinadora Latinoamericana y del Caribe de Comercio Justo.</p>",
        address="San Salvador\nEl Salvador",
        links=[{"type": "item", "value": {"page": about.pk, "label": "Privacidad"}}],
        locale=es,
    )
    footer.save_revision().publish()
    site = Site.objects.get(is_default_site=True)
    settings_obj = SiteSettings.for_site(site)
    settings_obj.contact_email = "info@example.org"
    settings_obj.default_share_image = photos[0]
    settings_obj.save()

    # Translations: the home and the pages under it, so menus resolve per language.
    for code in languages:
        locale = Locale.objects.get(language_code=code)
        _translate(home, locale)
        for key in ("standard", "strategy", "campaign_index", "news_index"):
            _translate(pages[key], locale)
        _translate(objectives[0], locale)
        _translate(campaigns[0], locale)
        _translate(contact, locale)
    return pages


def page_paths(pages, language="es"):
    """The URL path of each page type in ``language`` (source pages' translations)."""
    locale = Locale.objects.get(language_code=language)
    paths = {}
    for name, page in pages.items():
        translated = Page.objects.filter(
            translation_key=page.translation_key, locale=locale
        ).first()
        if translated is not None:
            paths[name] = translated.url
    return paths
