"""Build the demo site: Spanish content first, then wagtail-localize translations.

The loader records every object it creates as a ``demo.DemoObject`` under a stable
key (``page:strategy``, ``page:strategy@fr``, ``image:home``) and, on a later run,
touches only what is recorded:

- a recorded object that still exists is left exactly as it is (an editor may
  have edited, republished, renamed or moved it);
- a recorded object that is gone is a tombstone: an editor deleted it, and it is
  not created again (nor is anything the demo would have put under it);
- an object nobody recorded is the editors' own: never read, translated or changed.

A site loaded before the loader kept records (no ``DemoObject`` row at all) is
adopted: each demo object is found as before (pages by slug under their parent,
snippets, images and documents by name or title) and recorded unchanged.
"""

import datetime
import uuid
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.text import slugify

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.rect import Rect
from wagtail.models import Collection, Locale, Site

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
    ParticipantDirectoryPage,
    Partner,
    StrategyPage,
)
from campaigns.models.registry import (
    REGISTRY_FIELDS,
    Activity,
    CampaignCriterion,
    Participant,
    ParticipantContact,
    ParticipantDescription,
    ParticipantStatusChange,
    ProducerOrganization,
    Progress,
    status_changed,
)
from campaigns.tasks import enqueue_status_email
from core.models import CallToAction, Footer, MainMenu, SiteSettings, Topic
from core.places import cities
from home.bootstrap import bootstrap_site
from home.models import HomePage, StandardPage
from inquiries.models import ContactFormField, ContactPage
from news.models import (
    NewsIndexPage,
    NewsPage,
    NewsPageAuthor,
    NewsPagePublicationFile,
    NewsPageRelatedPage,
    NewsPageTopic,
    Person,
)

from . import content as c
from . import registry_content as r
from .accounts import ensure_demo_accounts
from .drawings import draw
from .images import (
    jpeg_file,
    logo,
    pdf_file,
    png_file,
    pregenerate_renditions,
)
from .indexing import (
    deferred_indexing,
    index_objects,
    no_redirects_for_new_translations,
)
from .models import DemoObject
from .texts import TARGET_LANGUAGES, TRANSLATIONS
from .translate import DemoTranslator
from .tree import publish

# Page types whose template shows the main image with includes/hero.html.
HERO_PAGE_TYPES = (
    HomePage,
    StandardPage,
    StrategyPage,
    CampaignIndexPage,
    CampaignPage,
)


@dataclass
class DemoResult:
    pages: dict = field(default_factory=dict)
    images: dict = field(default_factory=dict)
    logos: dict = field(default_factory=dict)
    documents: dict = field(default_factory=dict)
    snippets: list = field(default_factory=list)
    translations_published: int = 0
    indexed: int = 0
    renditions: int = 0
    created: int = 0  # objects created (and recorded) in this run
    skipped_translations: list = field(default_factory=list)
    accounts: list = field(default_factory=list)


class DemoLoader:
    def __init__(self):
        self.result = DemoResult()
        self.touched = []  # objects created or changed in this run, to index once
        self.es = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
        self.records = {
            record.key: record
            for record in DemoObject.objects.select_related("content_type")
        }
        self.objects = self._recorded_objects()
        # No record at all: a fresh site, or one loaded before the loader kept
        # records, whose demo objects are found by their old lookups.
        self.adopting = not self.records
        self.created_now = set()  # keys created in this run

    # --- what the demo created -----------------------------------------------------------
    def _recorded_objects(self):
        """The recorded objects that still exist, by key (one query per model)."""
        ids = defaultdict(dict)
        for record in self.records.values():
            ids[record.content_type_id][record.object_id] = record.key
        found = {}
        for content_type_id, keys in ids.items():
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            if model is None:
                continue
            for pk, obj in model._default_manager.in_bulk(list(keys)).items():
                found[keys[pk]] = obj
        return found

    def _record(self, key, obj):
        self.records[key] = DemoObject.objects.create(
            key=key,
            content_type=ContentType.objects.get_for_model(obj),
            object_id=obj.pk,
        )
        self.objects[key] = obj

    def _ensure(self, key, find, create):
        """The demo object recorded under ``key`` and whether this run created it.

        Recorded: the object as it is now, or None when it was deleted (a
        tombstone). Not recorded: adopted from ``find()`` when adopting a site
        loaded before records were kept, else made by ``create()`` (which may
        return None when what it needs was deleted), then recorded.
        """
        if key in self.records:
            return self.objects.get(key), False
        obj = find() if self.adopting and find is not None else None
        created = obj is None
        if created:
            obj = create()
            if obj is None:
                return None, False
            self.created_now.add(key)
            self.result.created += 1
        self._record(key, obj)
        return obj, created

    # --- media -------------------------------------------------------------------------
    def _collection(self, name):
        return Collection.get_first_root_node().get_children().get(name=name)

    def _media(self, key, model, title, build):
        def create():
            obj = build()
            obj.save()
            self.touched.append(obj)
            return obj

        obj, _created = self._ensure(
            key, lambda: model.objects.filter(title=title).first(), create
        )
        return obj

    def ensure_images(self):
        image_model = get_image_model()
        for key, spec in c.IMAGES.items():

            def build(key=key, spec=spec):
                drawing = draw(spec["subject"], spec["seed"])
                image = image_model(
                    title=spec["title"],
                    description=spec["alt"],
                    credit=c.CREDIT,
                    licence=c.LICENCE,
                    collection=self._collection(spec["collection"]),
                    file=jpeg_file(drawing.image, f"demo-{key}.jpg"),
                )
                # The subject's box is the focal point: fill- crops keep it whole.
                image.set_focal_point(Rect(*drawing.subject))
                return image

            image = self._media(f"image:{key}", image_model, spec["title"], build)
            if image is not None:
                self.result.images[key] = image
        for key, spec in c.LOGOS.items():

            def build(key=key, spec=spec):
                return image_model(
                    title=spec["title"],
                    description=spec["description"],
                    credit=c.CREDIT,
                    licence=c.LICENCE,
                    collection=self._collection(c.INSTITUTIONAL),
                    file=png_file(
                        logo(spec["seed"], spec["name"], spec["colour"]),
                        f"demo-logo-{key}.png",
                    ),
                )

            image = self._media(f"logo:{key}", image_model, spec["title"], build)
            if image is not None:
                self.result.logos[key] = image

    def ensure_documents(self):
        document_model = get_document_model()
        for key, spec in c.DOCUMENTS.items():

            def build(spec=spec):
                return document_model(
                    title=spec["title"],
                    language="es",
                    collection=self._collection(spec["collection"]),
                    file=pdf_file(spec["title"], spec["sections"], spec["file"]),
                )

            document = self._media(
                f"document:{key}", document_model, spec["title"], build
            )
            if document is not None:
                self.result.documents[key] = document

    # --- pages -------------------------------------------------------------------------
    def _child(self, key, parent, model, slug, build):
        """The demo page ``key``: created (Spanish, published) under ``parent`` with
        ``slug`` once, wherever an editor has moved it since. None when it, or the
        parent it would go under, was deleted."""

        def create():
            if parent is None:
                return None
            page = build()
            page.slug = slug
            page.locale = self.es
            publish(parent, page)
            page.refresh_from_db()
            self.touched.append(page)
            return page

        def find():
            if parent is None:
                return None
            return model.objects.child_of(parent).filter(slug=slug).first()

        page, created = self._ensure(f"page:{key}", find, create)
        if page is not None:
            self.result.pages[key] = page
        return page, created

    def _image(self, key):
        return self.result.images.get(key)

    def _pk(self, page_key):
        page = self.result.pages.get(page_key)
        return page.pk if page is not None else None

    def _block(self, kind, value):
        """One BodyStreamBlock entry, in Wagtail's stored (raw) form."""
        block_id = str(uuid.uuid4())
        if kind == "paragraph":
            return {"type": "paragraph", "value": value, "id": block_id}
        if kind == "heading":
            return {
                "type": "heading",
                "value": {"text": value, "level": "h2"},
                "id": block_id,
            }
        if kind == "quote":
            return {"type": "quote", "value": value, "id": block_id}
        if kind == "accordion":
            items = [
                {
                    "type": "item",
                    "value": {"question": question, "answer": answer},
                    "id": str(uuid.uuid4()),
                }
                for question, answer in value["items"]
            ]
            return {
                "type": "accordion",
                "value": {"title": value["title"], "items": items},
                "id": block_id,
            }
        if kind == "image":
            if self._image(value["image"]) is None:
                return None
            return {
                "type": "image",
                "value": {
                    "image": {
                        "image": self._image(value["image"]).pk,
                        "alt_text": value["alt"],
                        "decorative": False,
                    },
                    "caption": value["caption"],
                },
                "id": block_id,
            }
        if kind == "cta":
            page_key, text = value
            if self._pk(page_key) is None:
                return None
            return {
                "type": "call_to_action",
                "value": {
                    "text": text,
                    "description": "",
                    "page": self._pk(page_key),
                    "link_url": "",
                },
                "id": block_id,
            }
        if kind == "document":
            document_key, title = value
            if document_key not in self.result.documents:
                return None
            return {
                "type": "document",
                "value": {
                    "document": self.result.documents[document_key].pk,
                    "title": title,
                },
                "id": block_id,
            }
        raise ValueError(kind)

    def _body(self, blocks):
        """The blocks, less those whose image, page or document was deleted."""
        built = (self._block(kind, value) for kind, value in blocks)
        return [block for block in built if block is not None]

    def _document(self, key):
        return self.result.documents.get(key)

    def _form_fields(self, field_model, specs):
        fields = []
        # A sign-up form's fixed fields carry their registry key (campaigns.signup).
        registry = {"registry_key"} & {f.name for f in field_model._meta.fields}
        for index, spec in enumerate(specs):
            extra = (
                {"registry_key": spec["key"]}
                if registry and spec["key"] in REGISTRY_FIELDS
                else {}
            )
            fields.append(
                field_model(
                    **extra,
                    sort_order=index,
                    clean_name=spec["key"],
                    label=spec["label"],
                    field_type=spec["type"],
                    required=spec["required"],
                    help_text=spec.get("help_text", ""),
                    choices="\n".join(spec.get("choices", [])),
                    choice_labels=spec.get("choice_labels", ""),
                    locale=self.es,
                )
            )
        return fields

    def ensure_home(self):
        """The home page is bootstrap_site's; the demo fills it in once."""
        home = HomePage.objects.get(locale=self.es, depth=2)
        spec = c.HOME

        def fill():
            home.title = spec["title"]
            home.headline = spec["headline"]
            home.intro = spec["intro"]
            home.search_description = spec["intro"]
            home.hero_image = self._image(spec["hero_image"])
            home.hero_image_alt = spec["hero_image_alt"]
            home.objectives_heading = spec["objectives_heading"]
            home.campaigns_heading = spec["campaigns_heading"]
            home.news_heading = spec["news_heading"]
            home.save_revision().publish()
            home.refresh_from_db()
            self.touched.append(home)
            return home

        recorded, _created = self._ensure(
            "page:home", lambda: home if home.hero_image_id else None, fill
        )
        if recorded is not None and recorded.pk == home.pk:
            # The same instance the children are added to: treebeard keeps its
            # numchild current, so a later save of the home does not reset it.
            self.result.pages["home"] = home
        # New demo pages go under the site's home in any case.
        return home

    def ensure_strategy(self, home):
        spec = c.STRATEGY

        def build():
            return StrategyPage(
                title=spec["title"],
                intro=spec["intro"],
                hero_image=self._image(spec["hero_image"]),
                hero_image_alt=spec["hero_image_alt"],
                levels_heading=spec["levels_heading"],
                levels=[
                    {
                        "type": "level",
                        "value": {"title": title, "description": description},
                        "id": str(uuid.uuid4()),
                    }
                    for title, description in spec["levels"]
                ],
                strategy_document=self._document(spec["document"]),
                objectives_heading=spec["objectives_heading"],
                body=self._body(
                    [("heading", spec["body_heading"]), ("paragraph", spec["body"])]
                ),
            )

        strategy, _created = self._child(
            "strategy", home, StrategyPage, spec["slug"], build
        )
        created_objectives = []
        for key, objective in c.OBJECTIVES.items():

            def build_objective(objective=objective):
                return ObjectivePage(
                    title=objective["title"],
                    summary=objective["summary"],
                    icon=objective["icon"],
                    image=self._image(objective["image"]),
                    image_alt=objective["image_alt"],
                    body=self._body([("paragraph", objective["body"])]),
                )

            page, created = self._child(
                f"objective:{key}",
                strategy,
                ObjectivePage,
                objective["slug"],
                build_objective,
            )
            if created:
                created_objectives.append((key, page))
        return created_objectives

    def link_objectives_to_campaigns(self, created_objectives):
        """Objectives are created before the campaigns and topics they point to:
        link them now."""
        for key, page in created_objectives:
            campaigns = [
                self.result.pages[f"campaign:{campaign}"]
                for campaign in c.OBJECTIVES[key]["campaigns"]
                if f"campaign:{campaign}" in self.result.pages
            ]
            topics = [
                self.topics[topic]
                for topic, spec in c.TOPICS.items()
                if spec["objective"] == key and topic in self.topics
            ]
            if not campaigns and not topics:
                continue
            page.related_campaigns = [
                ObjectivePageRelatedCampaign(sort_order=index, campaign=campaign)
                for index, campaign in enumerate(campaigns)
            ]
            page.topics = [
                ObjectivePageTopic(sort_order=index, topic=topic)
                for index, topic in enumerate(topics)
            ]
            page.save_revision().publish()
            self.touched.append(page)

    def ensure_campaigns(self, home):
        spec = c.CAMPAIGN_INDEX

        def build_index():
            return CampaignIndexPage(
                title=spec["title"],
                intro=spec["intro"],
                hero_image=self._image(spec["hero_image"]),
                hero_image_alt=spec["hero_image_alt"],
            )

        index, _created = self._child(
            "campaigns", home, CampaignIndexPage, spec["slug"], build_index
        )
        for key, campaign in c.CAMPAIGN_PAGES.items():

            def build(campaign=campaign):
                page = CampaignPage(
                    title=campaign["title"],
                    tagline=campaign["tagline"],
                    hero_image=self._image(campaign["hero_image"]),
                    hero_image_alt=campaign["hero_image_alt"],
                    goal=campaign["goal"],
                    body=self._body(campaign["body"]),
                    take_part_heading=c.TAKE_PART_HEADING,
                    take_part_text=campaign["take_part_text"],
                    resources=self._body(
                        [("document", resource) for resource in campaign["resources"]]
                    ),
                )
                partners = [
                    self.partners[partner_key]
                    for partner_key in campaign["partners"]
                    if partner_key in self.partners
                ]
                page.partners = [
                    CampaignPagePartner(sort_order=i, partner=partner)
                    for i, partner in enumerate(partners)
                ]
                topics = [
                    self.topics[topic_key]
                    for topic_key in campaign["topics"]
                    if topic_key in self.topics
                ]
                page.topics = [
                    CampaignPageTopic(sort_order=i, topic=topic)
                    for i, topic in enumerate(topics)
                ]
                return page

            page, _created = self._child(
                f"campaign:{key}", index, CampaignPage, campaign["slug"], build
            )
            signup = campaign["signup"]

            def build_signup(signup=signup):
                form_page = CampaignSignupPage(
                    title=signup["title"],
                    intro=signup["intro"],
                    thank_you_text=signup["thank_you_text"],
                    to_address=c.CAMPAIGNS_EMAIL,
                    privacy_page=self.result.pages.get("privacy"),
                    subject=signup["subject"],
                )
                form_page.form_fields = self._form_fields(
                    CampaignSignupFormField, signup["fields"]
                )
                return form_page

            self._child(
                f"signup:{key}", page, CampaignSignupPage, signup["slug"], build_signup
            )

    def ensure_news(self, home):
        spec = c.NEWS_INDEX

        def build_index():
            return NewsIndexPage(
                title=spec["title"],
                intro=spec["intro"],
                hero_image=self._image(spec["hero_image"]),
                hero_image_alt=spec["hero_image_alt"],
            )

        index, _created = self._child(
            "news", home, NewsIndexPage, spec["slug"], build_index
        )
        for item in c.NEWS_ITEMS:

            def build(item=item):
                blocks = [("paragraph", item["body"])]
                if item.get("document"):
                    blocks.append(("document", item["document"]))
                if item.get("cta"):
                    campaign_key, text = item["cta"]
                    blocks.append(("cta", (f"campaign:{campaign_key}", text)))
                page = NewsPage(
                    title=item["title"],
                    date=item["date"],
                    news_type=item["type"],
                    summary=item["summary"],
                    search_description=item["summary"],
                    hero_image=self._image(item["image"]),
                    hero_image_alt=item["image_alt"],
                    body=self._body(blocks),
                )
                people = [self.people[p] for p in item["authors"] if p in self.people]
                page.authors = [
                    NewsPageAuthor(sort_order=i, person=person)
                    for i, person in enumerate(people)
                ]
                topics = [self.topics[t] for t in item["topics"] if t in self.topics]
                page.topics = [
                    NewsPageTopic(sort_order=i, topic=topic)
                    for i, topic in enumerate(topics)
                ]
                related = [
                    self.result.pages[key]
                    for key in item["related"]
                    if key in self.result.pages
                ]
                page.related_pages = [
                    NewsPageRelatedPage(sort_order=i, related_page=related_page)
                    for i, related_page in enumerate(related)
                ]
                publication = self._document(item.get("publication"))
                if publication is not None:
                    page.publication_files = [
                        NewsPagePublicationFile(sort_order=0, document=publication)
                    ]
                return page

            self._child(f"news:{item['key']}", index, NewsPage, item["slug"], build)

    def ensure_standard_pages(self, home):
        for key, spec in (
            ("about", c.ABOUT),
            ("privacy", c.PRIVACY),
            ("accessibility", c.ACCESSIBILITY),
        ):

            def build(spec=spec):
                return StandardPage(
                    title=spec["title"],
                    intro=spec["intro"],
                    hero_image=self._image(spec["hero_image"])
                    if spec.get("hero_image")
                    else None,
                    hero_image_alt=spec.get("hero_image_alt", ""),
                    body=self._body(spec["body"]),
                )

            self._child(key, home, StandardPage, spec["slug"], build)

    def ensure_contact(self, home):
        spec = c.CONTACT

        def build():
            page = ContactPage(
                title=spec["title"],
                intro=spec["intro"],
                thank_you_text=spec["thank_you_text"],
                to_address=c.SITE_CONTACT_EMAIL,
                privacy_page=self.result.pages.get("privacy"),
                subject=spec["subject"],
            )
            page.form_fields = self._form_fields(ContactFormField, spec["fields"])
            return page

        self._child("contact", home, ContactPage, spec["slug"], build)

    # --- the campaign networks' registry (issue 17) -------------------------------------
    def ensure_directories(self):
        """A participant directory page under each demo campaign (translated with
        the other pages by translate_everything)."""
        for key, spec in r.DIRECTORY_PAGES.items():

            def build(spec=spec):
                return ParticipantDirectoryPage(
                    title=spec["title"],
                    intro=spec["intro"],
                    search_description=spec["intro"],
                )

            self._child(
                f"directory:{key}",
                self.result.pages.get(f"campaign:{key}"),
                ParticipantDirectoryPage,
                spec["slug"],
                build,
            )

    def _record_existing_or_create(self, key, existing, create):
        """Like _ensure for a translation: one that exists (the demo's of an earlier
        run, or an editor's) is recorded as it is; else ``create()`` makes it."""
        if key in self.records:
            return self.objects.get(key)
        obj = existing()
        if obj is None:
            obj = create()
            self.created_now.add(key)
            self.result.created += 1
        self._record(key, obj)
        return obj

    def ensure_criteria(self):
        """Each campaign's criteria, on the Spanish campaign, and their
        translations: rows sharing the source's translation key."""
        self.criteria = {}
        locales = {
            code: Locale.objects.get(language_code=code) for code in TARGET_LANGUAGES
        }
        for campaign_key, specs in r.CRITERIA.items():
            campaign = self.result.pages.get(f"campaign:{campaign_key}")
            for order, spec in enumerate(specs):

                def create(spec=spec, order=order, campaign=campaign):
                    if campaign is None:
                        return None
                    return CampaignCriterion.objects.create(
                        locale=self.es,
                        campaign=campaign,
                        code=spec["code"],
                        sort_order=order,
                        title=spec["title"],
                        description=spec["description"],
                        evidence_hint=spec["evidence_hint"],
                        required=True,
                        target=spec["target"],
                        validity_months=r.VALIDITY_MONTHS,
                    )

                def find(spec=spec, campaign=campaign):
                    if campaign is None:
                        return None
                    return CampaignCriterion.objects.filter(
                        campaign=campaign, code=spec["code"], locale=self.es
                    ).first()

                key = f"criterion:{campaign_key}:{spec['code']}"
                criterion, _created = self._ensure(key, find, create)
                if criterion is None:
                    continue
                self.criteria[(campaign_key, spec["code"])] = criterion
                for language, locale in locales.items():

                    def translate(
                        spec=spec, criterion=criterion, locale=locale, language=language
                    ):
                        copy = criterion.copy_for_translation(locale)
                        for name in ("title", "description", "evidence_hint"):
                            setattr(copy, name, TRANSLATIONS[spec[name]][language])
                        copy.save()
                        return copy

                    self._record_existing_or_create(
                        f"{key}@{language}",
                        lambda criterion=criterion, locale=locale: (
                            criterion.get_translation_or_none(locale)
                        ),
                        translate,
                    )

    def ensure_producers(self):
        self.producers = {}
        for key, spec in r.PRODUCERS.items():

            def create(spec=spec):
                producer = ProducerOrganization.objects.create(
                    name=spec["name"],
                    country=spec["country"],
                    products=spec["products"],
                    is_public=spec.get("is_public", True),
                )
                self.touched.append(producer)
                return producer

            producer, _created = self._ensure(
                f"producer:{key}",
                lambda spec=spec: ProducerOrganization.objects.filter(
                    name=spec["name"]
                ).first(),
                create,
            )
            if producer is not None:
                self.producers[key] = producer

    def ensure_participants(self):
        for number, spec in enumerate(r.PARTICIPANTS, start=1):
            campaign = self.result.pages.get(f"campaign:{spec['campaign']}")
            slug = slugify(spec["name"])

            def find(campaign=campaign, slug=slug):
                if campaign is None:
                    return None
                return Participant.objects.filter(campaign=campaign, slug=slug).first()

            def create(spec=spec, campaign=campaign, slug=slug, number=number):
                if campaign is None:
                    return None
                return self._participant(spec, campaign, slug, number)

            self._ensure(f"participant:{spec['key']}", find, create)

    def _participant(self, spec, campaign, slug, number):
        """One participant as its spec says, with its descriptions, progress,
        activities and contact, brought to its status one ``set_status`` at a time
        (the status history), with past dates."""
        city = next(
            (found for found in cities(spec["country"]) if found.name == spec["city"]),
            None,
        )
        if city is None:
            raise ValueError(f"{spec['city']!r} is not a city of {spec['country']}")
        criteria = [
            criterion
            for (campaign_key, _code), criterion in self.criteria.items()
            if campaign_key == spec["campaign"]
        ]
        target = next((c for c in criteria if c.target), None)
        participant = Participant(
            campaign=campaign,
            name=spec["name"],
            slug=slug,
            kind=spec["kind"],
            country=spec["country"],
            city=city.name,
            latitude=Decimal(f"{city.lat:.5f}"),
            longitude=Decimal(f"{city.lon:.5f}"),
            original_language=spec.get("original_language", settings.LANGUAGE_CODE),
            status="interested",
            listing_consent=spec.get("consent", True),
            is_public=spec.get("is_public", True),
        )
        participant.descriptions = [
            ParticipantDescription(sort_order=index, language=language, text=text)
            for index, (language, text) in enumerate(spec["descriptions"].items())
        ]
        participant.progress = self._progress(spec, criteria, number)
        participant.activities = [
            Activity(
                sort_order=index,
                date=datetime.date.fromisoformat(date),
                kind=kind,
                description=description,
                criterion=target if counts else None,
            )
            for index, (date, kind, description, counts) in enumerate(
                spec["activities"]
            )
        ]
        participant.producer_organizations = [
            self.producers[key] for key in spec["producers"] if key in self.producers
        ]
        participant.save()
        name, role, language = spec["contact"]
        ParticipantContact.objects.create(
            participant=participant,
            name=name,
            role=role,
            email=r.participant_email(spec),
            phone=r.participant_phone(number),
            language=language,
        )
        steps = self._status_steps(spec)
        if spec.get("declared_on"):
            participant.declared_on = spec["declared_on"]
            participant.valid_until = _months_later(
                spec["declared_on"], r.VALIDITY_MONTHS
            )
        for status, _when, reason in steps:
            participant.set_status(status, reason=reason)
            participant.save()
        # The history as it happened: each change on its own (past) date.
        for change in ParticipantStatusChange.objects.filter(participant=participant):
            when = next(
                when for status, when, _ in steps if status == change.new_status
            )
            change.changed_at = _aware(when)
            change.save(update_fields=["changed_at"])
        last = steps[-1][1] if steps else spec["since"]
        Participant.objects.filter(pk=participant.pk).update(
            status_changed_at=_aware(last)
        )
        participant.status_changed_at = _aware(last)
        self.touched.append(participant)
        return participant

    def _status_steps(self, spec):
        """(status, date, reason) for each change from 'interested' to the final
        status, along r.STATUS_PATH."""
        since = spec["since"]
        declared_on = spec.get("declared_on")
        valid_until = (
            _months_later(declared_on, r.VALIDITY_MONTHS) if declared_on else None
        )
        dates = {
            "registered": since + datetime.timedelta(days=14),
            "in_progress": since + datetime.timedelta(days=60),
            "declared": declared_on,
            "renewal_due": valid_until - datetime.timedelta(days=90)
            if valid_until
            else None,
            "lapsed": valid_until + datetime.timedelta(days=1) if valid_until else None,
        }
        final = r.STATUS_PATH.index(spec["status"])
        return [
            (status, dates[status], r.STATUS_REASONS[status])
            for status in r.STATUS_PATH[1 : final + 1]
        ]

    def _progress(self, spec, criteria, number):
        """Progress on the campaign's criteria as the status implies: all met or
        verified for a declared (or once declared) participant, some for one in
        progress, the first begun for a registered one, none before."""
        status = spec["status"]
        since = spec["since"]
        rows = []
        for index, criterion in enumerate(criteria):
            if status in ("declared", "renewal_due", "lapsed"):
                state = "verified" if (number + index) % 2 == 0 else "met"
                date = spec["declared_on"] - datetime.timedelta(days=20 * (4 - index))
            elif status == "in_progress":
                met = 1 + number % 2
                if index < met:
                    state, date = (
                        "met",
                        since + datetime.timedelta(days=90 * (index + 1)),
                    )
                elif index == met:
                    state, date = "in_progress", None
                else:
                    continue
            elif status == "registered" and index == 0:
                state, date = "in_progress", None
            else:
                continue
            note = (
                r.EVIDENCE_NOTES[criterion.code] if state in ("met", "verified") else ""
            )
            rows.append(
                Progress(
                    sort_order=index,
                    criterion=criterion,
                    state=state,
                    date=date,
                    public_note=note,
                )
            )
        return rows

    def ensure_registry(self):
        self.ensure_directories()
        self.ensure_criteria()
        self.ensure_producers()
        self.ensure_participants()
        self.ensure_networks()

    # --- CLAC's country networks (issue 18 item 5) --------------------------------------
    def ensure_networks(self):
        """The country networks' index under the campaign index (translated with
        the other pages) and a network per country of ``r.NETWORKS``, with its
        translations (rows sharing its translation key, like the criteria's)."""
        spec = r.NETWORK_INDEX_PAGE

        def build_index():
            return CountryNetworkIndexPage(
                title=spec["title"],
                intro=spec["intro"],
                search_description=spec["intro"],
            )

        self._child(
            "networks",
            self.result.pages.get("campaigns"),
            CountryNetworkIndexPage,
            spec["slug"],
            build_index,
        )
        locales = {
            code: Locale.objects.get(language_code=code) for code in TARGET_LANGUAGES
        }
        for order, network_spec in enumerate(r.NETWORKS):
            code = network_spec["country"]

            def create(network_spec=network_spec, order=order):
                network = CountryNetwork(
                    locale=self.es,
                    country=network_spec["country"],
                    name=network_spec["name"],
                    sort_order=order,
                    description=network_spec["description"],
                    public_email=network_spec["email"],
                )
                network.save()
                self.touched.append(network)
                return network

            key = f"network:{code}"
            network, _created = self._ensure(
                key,
                lambda code=code: CountryNetwork.objects.filter(
                    country=code, locale=self.es
                ).first(),
                create,
            )
            if network is None:
                continue
            for language, locale in locales.items():

                def translate(network=network, locale=locale, language=language):
                    copy = network.copy_for_translation(locale)
                    # An editor may have changed the Spanish text: kept as it is.
                    copy.description = TRANSLATIONS.get(network.description, {}).get(
                        language, network.description
                    )
                    copy.save()
                    self.touched.append(copy)
                    return copy

                self._record_existing_or_create(
                    f"{key}@{language}",
                    lambda network=network, locale=locale: (
                        network.get_translation_or_none(locale)
                    ),
                    translate,
                )

    # --- snippets ------------------------------------------------------------------------
    def _snippet(self, key, model, lookup, values):
        """The demo snippet ``key`` (Spanish, published), created once from
        ``lookup`` and ``values()``; None when an editor deleted it."""

        def create():
            instance = model(locale=self.es, **lookup, **values())
            instance.save()
            instance.save_revision().publish()
            instance.refresh_from_db()
            self.touched.append(instance)
            return instance

        instance, created = self._ensure(
            f"snippet:{key}",
            lambda: model.objects.filter(locale=self.es, **lookup).first(),
            create,
        )
        if instance is not None:
            self.result.snippets.append(instance)
        return instance, created

    def _snippets(self, prefix, model, specs, lookup, values):
        found = {}
        for key, spec in specs.items():
            instance, _created = self._snippet(
                f"{prefix}:{key}",
                model,
                lookup(spec),
                lambda spec=spec: values(spec),
            )
            if instance is not None:
                found[key] = instance
        return found

    def ensure_people_and_topics(self):
        self.people = self._snippets(
            "person",
            Person,
            c.PEOPLE,
            lambda spec: {"name": spec["name"]},
            lambda spec: {"role": spec["role"]},
        )
        self.topics = self._snippets(
            "topic",
            Topic,
            c.TOPICS,
            lambda spec: {"slug": spec["slug"]},
            lambda spec: {"name": spec["name"], "description": spec["description"]},
        )

    def ensure_partners(self):
        self.partners = self._snippets(
            "partner",
            Partner,
            c.PARTNERS,
            lambda spec: {"name": spec["name"]},
            lambda spec: {
                "description": spec["description"],
                "website": spec["website"],
                "logo": self.result.logos.get(spec["logo"]),
            },
        )

    def _menu_items(self, keys):
        return [
            {
                "type": "item",
                "value": {"page": self._pk(key), "label": ""},
                "id": str(uuid.uuid4()),
            }
            for key in keys
            if self._pk(key) is not None
        ]

    def ensure_site_chrome(self):
        cta, created = self._snippet(
            "call-to-action",
            CallToAction,
            {"title": c.CALL_TO_ACTION["title"]},
            lambda: {
                "text": c.CALL_TO_ACTION["text"],
                "button_text": c.CALL_TO_ACTION["button_text"],
                "page": self.result.pages.get("contact"),
            },
        )
        home = self.result.pages.get("home")
        if created and home is not None and "page:home" in self.created_now:
            home.refresh_from_db()  # its tree fields (numchild) as they are now
            home.call_to_action = cta
            home.save_revision().publish()
            home.refresh_from_db()
            self.touched.append(home)
        self._snippet(
            "main-menu", MainMenu, {}, lambda: {"items": self._menu_items(c.MAIN_MENU)}
        )
        self._snippet(
            "footer",
            Footer,
            {},
            lambda: {
                "about": c.FOOTER_ABOUT,
                "links": self._menu_items(c.FOOTER_LINKS),
            },
        )
        site = Site.objects.get(is_default_site=True)
        site_settings = SiteSettings.for_site(site)

        def fill_settings():
            site_settings.contact_email = c.SITE_CONTACT_EMAIL
            site_settings.default_share_image = self._image("home")
            site_settings.save()
            return site_settings

        self._ensure(
            "settings:site",
            lambda: site_settings if site_settings.contact_email else None,
            fill_settings,
        )

    # --- translations, people, speed -----------------------------------------------------------
    def translate_everything(self):
        """Translate each demo snippet and page (parents first) into each language
        where the demo has not yet put a translation. An existing translation (the
        demo's of an earlier run, or one an editor made) is recorded and left alone;
        a deleted one is not made again."""
        translator = DemoTranslator(TARGET_LANGUAGES)
        snippets = [
            (key, obj)
            for key, obj in self.objects.items()
            if key.startswith("snippet:") and "@" not in key
        ]
        pages = sorted(
            (
                (key, obj)
                for key, obj in self.objects.items()
                if key.startswith("page:") and "@" not in key
            ),
            key=lambda item: item[1].path,
        )
        for key, instance in snippets + pages:
            if instance.locale_id != self.es.pk:
                continue
            for locale in translator.locales:
                target_key = f"{key}@{locale.language_code}"
                if target_key in self.records:
                    continue
                target = translator.existing_target(instance, locale)
                if target is None:
                    if not translator.can_translate(instance, locale):
                        continue  # under a parent whose translation was deleted
                    # Strings the registry lacks: a bug in demo/content.py when the
                    # object is new; an editor's edit when it is older (skipped).
                    strict = key in self.created_now
                    target = translator.translate(instance, locale, strict=strict)
                    if target is None:
                        self.result.skipped_translations.append(target_key)
                        continue
                    self.created_now.add(target_key)
                    self.result.created += 1
                self._record(target_key, target)
        self.result.translations_published = len(translator.published)
        self.touched.extend(translator.published)

    def image_usage(self):
        """Which roles (see images.RENDITIONS) each demo image plays on the site.

        Images are synchronised, so the Spanish pages tell for every language. Only
        the demo's pages are read.
        """
        usage = defaultdict(set)
        pages = [
            page for page in self.result.pages.values() if page.locale_id == self.es.pk
        ]
        for page in pages:
            hero = getattr(page, "hero_image", None)
            if hero is not None:
                if isinstance(page, NewsPage):
                    usage[hero] |= {"news", "card"}
                elif isinstance(page, CampaignPage):
                    usage[hero] |= {"hero", "card"}
                elif isinstance(page, HERO_PAGE_TYPES):
                    usage[hero].add("hero")
            share = page.get_share_image() if hasattr(page, "get_share_image") else None
            if share is not None:
                usage[share].add("share")
            if isinstance(page, ObjectivePage) and page.image is not None:
                usage[page.image].add("objective")
            for block in getattr(page, "body", None) or []:
                if block.block_type == "image" and block.value["image"] is not None:
                    usage[block.value["image"]].add("body")
        for partner in self.partners.values():
            if partner.logo is not None:
                usage[partner.logo].add("logo")
        site = Site.objects.get(is_default_site=True)
        default_share = SiteSettings.for_site(site).default_share_image
        if default_share is not None:
            usage[default_share].add("share")
        return usage

    def run(self):
        bootstrap_site()
        with deferred_indexing():
            self.build_spanish()
            self.translate_everything()
        # Translated home pages now exist: give translators their permissions and put
        # the new homes under the moderation workflow.
        bootstrap_site()
        self.result.accounts = ensure_demo_accounts()
        self.result.indexed = index_objects(self.touched)
        self.result.renditions = pregenerate_renditions(self.image_usage())
        return self.result

    def build_spanish(self):
        self.ensure_images()
        self.ensure_documents()
        home = self.ensure_home()
        created_objectives = self.ensure_strategy(home)
        self.ensure_people_and_topics()
        self.ensure_partners()
        self.ensure_standard_pages(home)
        self.ensure_campaigns(home)
        self.ensure_registry()
        self.link_objectives_to_campaigns(created_objectives)
        self.ensure_news(home)
        self.ensure_contact(home)
        self.ensure_site_chrome()


def _aware(date: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(date, datetime.time(10), tzinfo=datetime.UTC)


def _months_later(date: datetime.date, months: int) -> datetime.date:
    month = date.month - 1 + months
    year, month = date.year + month // 12, month % 12 + 1
    return date.replace(year=year, month=month, day=min(date.day, 28))


@contextmanager
def no_status_emails():
    """The demo's status history is made up: its contacts (at example.org) are
    not emailed about it. The emails are queued when the transaction commits, so
    wrap the whole transaction in this."""
    status_changed.disconnect(enqueue_status_email)
    try:
        yield
    finally:
        status_changed.connect(enqueue_status_email)


def load_demo_content() -> DemoResult:
    with (
        no_redirects_for_new_translations(),
        no_status_emails(),
        transaction.atomic(),
    ):
        return DemoLoader().run()
