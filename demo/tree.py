"""The one tree builder: pages, photos and translations for the tests, the benchmark
and the demo loader.

Plain functions with a ``parent`` chain (``publish(parent, page)``), no factory
library: every caller builds Wagtail pages the same way an editor's publish does
(``add_child`` + a published revision), and the two fast paths are explicit
(``add_news`` saves without revisions, for listings of 1,000 items).

- ``build_tree(home)``: one page of every public type, minimal fields.
- ``build_site()``: a small complete site (images, snippets, menu, footer, settings,
  translations), for the query budgets, render and preview tests and ``make bench``.
- ``add_news(index, count)``: many live news items fast.
- ``add_participants(campaign, count)``: many public participants fast (bulk).
- ``translate(page, code)``, ``translate_tree(pages, code, suffix)``: published copies
  in another locale (parents first).
"""

import datetime
from io import BytesIO

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone

from wagtail.models import Locale, Page, Site

from PIL import Image, ImageDraw

from campaigns.models import (
    CampaignIndexPage,
    CampaignPage,
    CampaignPagePartner,
    CampaignPageTopic,
    CampaignSignupFormField,
    CampaignSignupPage,
    CountryNetwork,
    CountryNetworkIndexPage,
    ObjectivePage,
    ObjectivePageRelatedCampaign,
    ObjectivePageTopic,
    Participant,
    ParticipantDirectoryPage,
    ParticipantStatus,
    Partner,
    StrategyPage,
)
from core.models import (
    CallToAction,
    CustomImage,
    Footer,
    MainMenu,
    SiteSettings,
    Topic,
)
from home.bootstrap import bootstrap_site
from home.models import HomePage, StandardPage
from inquiries.models import ContactFormField, ContactPage
from news.models import NewsIndexPage, NewsPage, NewsPageAuthor, NewsPageTopic, Person

PARAGRAPH = (
    "<p>La CLAC representa a las organizaciones de pequeños productores y trabajadores "
    "de comercio justo de América Latina y el Caribe. Trabajamos por precios justos, "
    "mercados abiertos y políticas públicas que reconozcan a la agricultura familiar.</p>"
)

# The keys of the pages build_tree() returns, one per page type.
PAGE_KEYS = [
    "home",
    "standard",
    "strategy",
    "objective",
    "campaign_index",
    "campaign",
    "signup",
    "directory",
    "contact",
    "news_index",
    "news",
]


# --- primitives ------------------------------------------------------------------------


#: The registry's fixed fields of a sign-up form (campaigns.signup), Spanish labels.
SIGNUP_FIELDS = [
    ("organization", "Universidad", "singleline", True),
    ("kind", "Tipo de organización", "dropdown", True),
    ("country", "País", "dropdown", True),
    ("city", "Ciudad", "singleline", True),
    ("contact_name", "Persona de contacto", "singleline", True),
    ("role", "Cargo", "singleline", False),
    ("email", "Correo", "email", True),
    ("phone", "Teléfono", "singleline", False),
    ("consent", "Aceptamos aparecer en el directorio", "checkbox", False),
    ("language", "Idioma de nuestros correos", "dropdown", True),
]


def signup_fields(locale=None) -> list:
    """A sign-up page's fixed fields (unsaved), in the registry's order."""
    extra = {"locale": locale} if locale is not None else {}
    return [
        CampaignSignupFormField(
            sort_order=index,
            registry_key=key,
            clean_name=key,
            label=label,
            field_type=field_type,
            required=required,
            **extra,
        )
        for index, (key, label, field_type, required) in enumerate(SIGNUP_FIELDS)
    ]


def publish(parent, page):
    """Add ``page`` under ``parent`` and publish its first revision."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def translate(page, language_code, **fields):
    """A published translation of ``page`` (its parents get one first if needed),
    with ``fields`` set on it."""
    locale = Locale.objects.get(language_code=language_code)
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        translated = existing.specific
    else:
        parent = page.get_parent().specific
        if parent.depth > 1 and parent.get_translation_or_none(locale) is None:
            translate(parent, language_code)
        translated = page.copy_for_translation(locale).specific
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    translated.refresh_from_db()
    return translated


def photo_bytes(seed: int, size=(1600, 900)) -> bytes:
    """A generated landscape JPEG (stripes, a sun, a hill), different per ``seed``."""
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
    return buffer.getvalue()


def photo(seed: int, name: str, size=(1600, 900)) -> CustomImage:
    return CustomImage.objects.create(
        title=name,
        file=ImageFile(BytesIO(photo_bytes(seed, size)), name=f"{name}.jpg"),
        description=name,
        credit="Foto: CLAC",
    )


def body(image=None):
    """A body stream: two paragraphs, with ``image`` between them when given."""
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


def add_news(
    news_index,
    count,
    *,
    start=0,
    images=(),
    topics=(),
    news_type="news",
    newest=None,
):
    """Add ``count`` live news items under ``news_index`` fast (no revisions),
    numbered from ``start`` (``noticia-<number>``), one a day back from ``newest``
    (today by default). ``images`` is a sequence used in turn, or a callable
    ``number -> image`` (one image per item); each item gets the first two
    ``topics``."""
    newest = newest or timezone.localdate()
    created = []
    with transaction.atomic():
        for number in range(start, start + count):
            if callable(images):
                image = images(number)
            else:
                image = images[number % len(images)] if images else None
            item = NewsPage(
                title=f"Noticia {number}",
                slug=f"noticia-{number}",
                summary=f"Resumen de la noticia {number}.",
                date=newest - datetime.timedelta(days=number),
                news_type=news_type,
                hero_image=image,
                body=[{"type": "paragraph", "value": PARAGRAPH}],
                locale=news_index.locale,
            )
            news_index.add_child(instance=item)
            for topic in topics[:2]:
                NewsPageTopic.objects.create(page=item, topic=topic)
            created.append(item)
    return created


#: Countries add_participants uses in turn (with a city and its coordinates).
PARTICIPANT_PLACES = [
    ("MX", "Ciudad de México", "19.43260", "-99.13320"),
    ("BR", "São Paulo", "-23.55050", "-46.63330"),
    ("CO", "Bogotá", "4.71100", "-74.07210"),
    ("PE", "Lima", "-12.04640", "-77.04280"),
    ("EC", "Quito", "-0.18070", "-78.46780"),
    ("SV", "San Salvador", "13.69290", "-89.21820"),
    ("DO", "Santo Domingo", "18.48610", "-69.93120"),
    ("JM", "Kingston", "17.97120", "-76.79360"),
]


def add_participants(
    campaign,
    count,
    *,
    start=0,
    countries=None,
    status=ParticipantStatus.REGISTERED,
    kind="university",
    listed=True,
):
    """Add ``count`` participants to the registry of ``campaign`` (its Spanish
    source) in one bulk insert: public (consented, shown) unless ``listed`` is
    false, at ``status``, in ``countries`` (alpha-2 codes) in turn, else the
    ``PARTICIPANT_PLACES``. No status history, no search indexing."""
    source = (
        campaign.get_translation(Locale.get_default())
        if campaign.locale_id != Locale.get_default().pk
        else campaign
    )
    places = [
        place
        for place in PARTICIPANT_PLACES
        if countries is None or place[0] in countries
    ]
    known = {place[0] for place in places}
    places += [(code, "", None, None) for code in countries or () if code not in known]
    rows = []
    for number in range(start, start + count):
        code, city, lat, lon = places[number % len(places)]
        rows.append(
            Participant(
                campaign=source,
                name=f"Universidad {number:04d}",
                slug=f"universidad-{number:04d}",
                kind=kind,
                country=code,
                city=city,
                latitude=lat,
                longitude=lon,
                status=status,
                declared_on=timezone.localdate()
                if status == ParticipantStatus.DECLARED
                else None,
                listing_consent=listed,
                is_public=True,
            )
        )
    return Participant.objects.bulk_create(rows)


# --- one page of every type ------------------------------------------------------------


def build_tree(home):
    """One page of every type under ``home`` (Spanish), published."""
    pages = {"home": home}
    pages["standard"] = publish(home, StandardPage(title="Sobre la CLAC", slug="sobre"))
    pages["strategy"] = publish(
        home,
        StrategyPage(
            title="Estrategia", slug="estrategia", intro="Incidencia política."
        ),
    )
    pages["objective"] = publish(
        pages["strategy"],
        ObjectivePage(
            title="Incidir", slug="incidir", summary="Incidir en decisiones."
        ),
    )
    pages["campaign_index"] = publish(
        home, CampaignIndexPage(title="Campañas", slug="campanas")
    )
    pages["campaign"] = publish(
        pages["campaign_index"],
        CampaignPage(
            title="Universidades por el Comercio Justo",
            slug="universidades",
            tagline="Universidades comprometidas",
            goal="Una red de universidades.",
        ),
    )
    signup = CampaignSignupPage(
        title="Inscripción",
        slug="inscripcion",
        thank_you_text="¡Gracias!",
        to_address="campanas@example.org",
    )
    for field in signup_fields():
        signup.form_fields.add(field)
    pages["signup"] = publish(pages["campaign"], signup)
    pages["directory"] = publish(
        pages["campaign"],
        ParticipantDirectoryPage(
            title="Universidades participantes", slug="participantes"
        ),
    )
    contact = ContactPage(
        title="Contacto",
        slug="contacto",
        thank_you_text="¡Gracias!",
        to_address="info@example.org",
    )
    contact.form_fields.add(ContactFormField(label="Nombre", field_type="singleline"))
    contact.form_fields.add(ContactFormField(label="Correo", field_type="email"))
    pages["contact"] = publish(home, contact)
    pages["news_index"] = publish(
        home, NewsIndexPage(title="Noticias", slug="noticias")
    )
    pages["news"] = publish(
        pages["news_index"],
        NewsPage(
            title="Una noticia",
            slug="una-noticia",
            summary="Resumen.",
            date=timezone.localdate(),
        ),
    )
    return pages


def translate_tree(pages, language_code, suffix):
    """Copy every page into ``language_code`` (parents first), retitled and published."""
    locale = Locale.objects.get(language_code=language_code)
    translated = {}
    for key, page in pages.items():
        copy = page.copy_for_translation(locale, copy_parents=True)
        copy.title = f"{page.title} {suffix}"
        copy.save_revision().publish()
        translated[key] = copy
    return translated


# --- a small complete site -------------------------------------------------------------


def build_site(*, news_count=6, languages=("en",), photo_size=(1600, 900)):
    """A small complete site on top of ``bootstrap_site``: one page of every public
    type with images, partners and topics, ``news_count`` news items, the menu,
    footer and call to action, site settings, and translations of the home and the
    pages the menus link to into ``languages``. Returns the pages by name."""
    home = bootstrap_site()["home"]
    home = HomePage.objects.get(pk=home.pk)
    es = home.locale
    photos = [photo(seed, f"foto-{seed}", size=photo_size) for seed in range(4)]
    logo = photo(9, "logo-socio", size=(480, 240))

    pages = {"home": home}
    home.hero_image = photos[0]
    home.hero_image_alt = "Productores en una cooperativa"
    home.intro = (
        "Somos la red de pequeños productores y trabajadores de comercio justo."
    )
    home.save_revision().publish()

    about = publish(
        home,
        StandardPage(
            title="Quiénes somos",
            slug="quienes-somos",
            intro="La red.",
            hero_image=photos[1],
            body=body(photos[2]),
        ),
    )
    pages["standard"] = about
    strategy = publish(
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
            body=body(),
        ),
    )
    pages["strategy"] = strategy
    objectives = [
        publish(
            strategy,
            ObjectivePage(
                title=f"Objetivo {number}",
                slug=f"objetivo-{number}",
                summary="Influir en las políticas públicas.",
                icon="voice",
                image=photos[number % 4],
                body=body(photos[(number + 1) % 4]),
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

    campaign_index = publish(
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
            body=body(photos[(number + 2) % 4]),
        )
        publish(campaign_index, campaign)
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

    news_index = publish(
        home, NewsIndexPage(title="Noticias", slug="noticias", intro="Lo último.")
    )
    pages["news_index"] = news_index
    news = add_news(news_index, news_count, images=photos, topics=topics)
    first = NewsPage.objects.get(pk=news[0].pk)
    NewsPageAuthor.objects.create(page=first, person=author)
    first.body = body(photos[3])
    first.save_revision().publish()
    pages["news"] = first

    contact = ContactPage(
        title="Contacto",
        slug="contacto",
        intro="Escríbenos.",
        thank_you_text="Gracias.",
    )
    publish(home, contact)
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
    publish(campaigns[0], signup)
    for field in signup_fields(locale=es):
        field.page = signup
        field.save()
    pages["signup"] = signup
    pages["directory"] = publish(
        campaigns[0],
        ParticipantDirectoryPage(
            title="Universidades participantes",
            slug="participantes",
            intro="Las universidades de la red.",
        ),
    )
    add_participants(campaigns[0], 10)
    pages["networks"] = publish(
        campaign_index,
        CountryNetworkIndexPage(
            title="Redes de país", slug="redes", intro="Las redes nacionales."
        ),
    )
    networks = [
        CountryNetwork.objects.create(
            locale=es,
            country=code,
            name=f"Red de Comercio Justo {code}",
            sort_order=order,
            description="Reúne a las organizaciones de pequeños productores.",
            public_email=f"red.{code.lower()}@example.org",
        )
        for order, code in enumerate(("BR", "MX", "PE"))
    ]

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
        for key in ("home", "standard", "strategy", "campaign_index", "news_index"):
            translate(pages[key], code)
        translate(objectives[0], code)
        translate(campaigns[0], code)
        translate(pages["directory"], code)
        translate(pages["networks"], code)
        for network in networks:
            network.copy_for_translation(Locale.objects.get(language_code=code)).save()
        translate(contact, code)
    return pages


def page_paths(pages, language="es"):
    """The URL path of each page in ``language`` (the source pages' translations)."""
    locale = Locale.objects.get(language_code=language)
    paths = {}
    for name, page in pages.items():
        translated = Page.objects.filter(
            translation_key=page.translation_key, locale=locale
        ).first()
        if translated is not None:
            paths[name] = translated.url
    return paths
