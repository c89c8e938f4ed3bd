"""Build the demo site: Spanish content first, then wagtail-localize translations.

Every step looks before it creates (pages by slug under their parent, snippets,
images and documents by name or title), so running the loader again changes
nothing and leaves the same number of rows.
"""

import os
import secrets
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Site

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
from home.bootstrap import EDITORS, MODERATORS, bootstrap_site
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
from .images import (
    jpeg_file,
    landscape,
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
from .texts import TARGET_LANGUAGES
from .translate import DemoTranslator

# Page types whose template shows the main image with includes/hero.html.
HERO_PAGE_TYPES = (
    HomePage,
    StandardPage,
    StrategyPage,
    CampaignIndexPage,
    CampaignPage,
)
DEMO_USERS = [("editor", EDITORS), ("moderator", MODERATORS)]


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
    users: dict = field(default_factory=dict)
    password: str = ""


class DemoLoader:
    def __init__(self):
        self.result = DemoResult()
        self.touched = []  # objects created or changed in this run, to index once
        self.es = Locale.objects.get(language_code=settings.LANGUAGE_CODE)

    # --- media -------------------------------------------------------------------------
    def _collection(self, name):
        return Collection.get_first_root_node().get_children().get(name=name)

    def ensure_images(self):
        image_model = get_image_model()
        for key, spec in c.IMAGES.items():
            image = image_model.objects.filter(title=spec["title"]).first()
            if image is None:
                image = image_model(
                    title=spec["title"],
                    description=spec["description"],
                    credit=c.CREDIT,
                    licence=c.LICENCE,
                    collection=self._collection(spec["collection"]),
                    file=jpeg_file(
                        landscape(spec["seed"], spec["palette"]), f"demo-{key}.jpg"
                    ),
                )
                image.save()
                self.touched.append(image)
            self.result.images[key] = image
        for key, spec in c.LOGOS.items():
            image = image_model.objects.filter(title=spec["title"]).first()
            if image is None:
                image = image_model(
                    title=spec["title"],
                    description=spec["description"],
                    credit=c.CREDIT,
                    licence=c.LICENCE,
                    collection=self._collection(c.INSTITUTIONAL),
                    file=png_file(
                        logo(spec["seed"], spec["initials"], spec["colour"]),
                        f"demo-logo-{key}.png",
                    ),
                )
                image.save()
                self.touched.append(image)
            self.result.logos[key] = image

    def ensure_documents(self):
        document_model = get_document_model()
        for key, spec in c.DOCUMENTS.items():
            document = document_model.objects.filter(title=spec["title"]).first()
            if document is None:
                document = document_model(
                    title=spec["title"],
                    language="es",
                    collection=self._collection(spec["collection"]),
                    file=pdf_file(spec["title"], spec["sections"], spec["file"]),
                )
                document.save()
                self.touched.append(document)
            self.result.documents[key] = document

    # --- pages -------------------------------------------------------------------------
    def _child(self, parent, model, slug, build):
        """The Spanish child page ``slug`` of ``parent``, created and published once."""
        existing = model.objects.child_of(parent).filter(slug=slug).first()
        if existing is not None:
            return existing, False
        page = build()
        page.slug = slug
        page.locale = self.es
        parent.add_child(instance=page)
        page.save_revision().publish()
        page.refresh_from_db()
        self.touched.append(page)
        return page, True

    def _image(self, key):
        return self.result.images[key]

    def _block(self, kind, value):
        """One BodyStreamBlock entry, in Wagtail's stored (raw) form."""
        block_id = str(uuid.uuid4())
        pages = self.result.pages
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
            return {
                "type": "call_to_action",
                "value": {
                    "text": text,
                    "description": "",
                    "page": pages[page_key].pk,
                    "link_url": "",
                },
                "id": block_id,
            }
        if kind == "document":
            document_key, title = value
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
        return [self._block(kind, value) for kind, value in blocks]

    def _form_fields(self, field_model, specs):
        fields = []
        for index, spec in enumerate(specs):
            fields.append(
                field_model(
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
        home = HomePage.objects.get(locale=self.es, depth=2)
        spec = c.HOME
        if home.hero_image_id is None:
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
        self.result.pages["home"] = home
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
                strategy_document=self.result.documents[spec["document"]],
                objectives_heading=spec["objectives_heading"],
                body=self._body(
                    [("heading", spec["body_heading"]), ("paragraph", spec["body"])]
                ),
            )

        strategy, _created = self._child(home, StrategyPage, spec["slug"], build)
        self.result.pages["strategy"] = strategy
        created_objectives = []
        for key, objective in c.OBJECTIVES.items():

            def build_objective(objective=objective):
                return ObjectivePage(
                    title=objective["title"],
                    summary=objective["summary"],
                    icon=objective["icon"],
                    image=self._image(objective["image"]),
                    image_alt=objective["image_alt"],
                    body=[self._block("paragraph", objective["body"])],
                )

            page, created = self._child(
                strategy, ObjectivePage, objective["slug"], build_objective
            )
            self.result.pages[f"objective:{key}"] = page
            if created:
                created_objectives.append((key, page))
        return created_objectives

    def link_objectives_to_campaigns(self, created_objectives):
        """Objectives are created before the campaigns and topics they point to:
        link them now."""
        for key, page in created_objectives:
            campaign_keys = c.OBJECTIVES[key]["campaigns"]
            topic_keys = [
                topic for topic, spec in c.TOPICS.items() if spec["objective"] == key
            ]
            if not campaign_keys and not topic_keys:
                continue
            page.related_campaigns = [
                ObjectivePageRelatedCampaign(
                    sort_order=index, campaign=self.result.pages[f"campaign:{campaign}"]
                )
                for index, campaign in enumerate(campaign_keys)
            ]
            page.topics = [
                ObjectivePageTopic(sort_order=index, topic=self.topics[topic])
                for index, topic in enumerate(topic_keys)
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
            home, CampaignIndexPage, spec["slug"], build_index
        )
        self.result.pages["campaigns"] = index
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
                    resources=[
                        {
                            "type": "document",
                            "value": {
                                "document": self.result.documents[document_key].pk,
                                "title": title,
                            },
                            "id": str(uuid.uuid4()),
                        }
                        for document_key, title in campaign["resources"]
                    ],
                )
                page.partners = [
                    CampaignPagePartner(
                        sort_order=i, partner=self.partners[partner_key]
                    )
                    for i, partner_key in enumerate(campaign["partners"])
                ]
                page.topics = [
                    CampaignPageTopic(sort_order=i, topic=self.topics[topic_key])
                    for i, topic_key in enumerate(campaign["topics"])
                ]
                return page

            page, _created = self._child(index, CampaignPage, campaign["slug"], build)
            self.result.pages[f"campaign:{key}"] = page
            signup = campaign["signup"]

            def build_signup(signup=signup):
                form_page = CampaignSignupPage(
                    title=signup["title"],
                    intro=signup["intro"],
                    thank_you_text=signup["thank_you_text"],
                    to_address=c.CAMPAIGNS_EMAIL,
                    privacy_page=self.result.pages["privacy"],
                    subject=signup["subject"],
                )
                form_page.form_fields = self._form_fields(
                    CampaignSignupFormField, signup["fields"]
                )
                return form_page

            signup_page, _created = self._child(
                page, CampaignSignupPage, signup["slug"], build_signup
            )
            self.result.pages[f"signup:{key}"] = signup_page

    def ensure_news(self, home):
        spec = c.NEWS_INDEX

        def build_index():
            return NewsIndexPage(
                title=spec["title"],
                intro=spec["intro"],
                hero_image=self._image(spec["hero_image"]),
                hero_image_alt=spec["hero_image_alt"],
            )

        index, _created = self._child(home, NewsIndexPage, spec["slug"], build_index)
        self.result.pages["news"] = index
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
                page.authors = [
                    NewsPageAuthor(sort_order=i, person=self.people[person])
                    for i, person in enumerate(item["authors"])
                ]
                page.topics = [
                    NewsPageTopic(sort_order=i, topic=self.topics[topic])
                    for i, topic in enumerate(item["topics"])
                ]
                page.related_pages = [
                    NewsPageRelatedPage(
                        sort_order=i, related_page=self.result.pages[key]
                    )
                    for i, key in enumerate(item["related"])
                ]
                if item.get("publication"):
                    page.publication_files = [
                        NewsPagePublicationFile(
                            sort_order=0,
                            document=self.result.documents[item["publication"]],
                        )
                    ]
                return page

            page, _created = self._child(index, NewsPage, item["slug"], build)
            self.result.pages[f"news:{item['key']}"] = page

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

            page, _created = self._child(home, StandardPage, spec["slug"], build)
            self.result.pages[key] = page

    def ensure_contact(self, home):
        spec = c.CONTACT

        def build():
            page = ContactPage(
                title=spec["title"],
                intro=spec["intro"],
                thank_you_text=spec["thank_you_text"],
                to_address=c.SITE_CONTACT_EMAIL,
                privacy_page=self.result.pages["privacy"],
                subject=spec["subject"],
            )
            page.form_fields = self._form_fields(ContactFormField, spec["fields"])
            return page

        page, _created = self._child(home, ContactPage, spec["slug"], build)
        self.result.pages["contact"] = page

    # --- snippets ------------------------------------------------------------------------
    def _snippet(self, model, lookup, values):
        instance = model.objects.filter(locale=self.es, **lookup).first()
        if instance is None:
            instance = model(locale=self.es, **lookup, **values)
            instance.save()
            instance.save_revision().publish()
            instance.refresh_from_db()
            self.touched.append(instance)
        self.result.snippets.append(instance)
        return instance

    def ensure_people_and_topics(self):
        self.people = {
            key: self._snippet(Person, {"name": spec["name"]}, {"role": spec["role"]})
            for key, spec in c.PEOPLE.items()
        }
        self.topics = {
            key: self._snippet(
                Topic,
                {"slug": spec["slug"]},
                {
                    "name": spec["name"],
                    "description": spec["description"],
                },
            )
            for key, spec in c.TOPICS.items()
        }

    def ensure_partners(self):
        self.partners = {
            key: self._snippet(
                Partner,
                {"name": spec["name"]},
                {
                    "description": spec["description"],
                    "website": spec["website"],
                    "logo": self.result.logos[spec["logo"]],
                },
            )
            for key, spec in c.PARTNERS.items()
        }

    def _menu_items(self, keys):
        return [
            {
                "type": "item",
                "value": {"page": self.result.pages[key].pk, "label": ""},
                "id": str(uuid.uuid4()),
            }
            for key in keys
        ]

    def ensure_site_chrome(self):
        pages = self.result.pages
        cta = self._snippet(
            CallToAction,
            {"title": c.CALL_TO_ACTION["title"]},
            {
                "text": c.CALL_TO_ACTION["text"],
                "button_text": c.CALL_TO_ACTION["button_text"],
                "page": pages["contact"],
            },
        )
        home = pages["home"]
        if home.call_to_action_id != cta.pk:
            home.call_to_action = cta
            home.save_revision().publish()
            home.refresh_from_db()
            self.touched.append(home)
        self._snippet(MainMenu, {}, {"items": self._menu_items(c.MAIN_MENU)})
        self._snippet(
            Footer,
            {},
            {"about": c.FOOTER_ABOUT, "links": self._menu_items(c.FOOTER_LINKS)},
        )
        site = Site.objects.get(is_default_site=True)
        site_settings = SiteSettings.for_site(site)
        if not site_settings.contact_email:
            site_settings.contact_email = c.SITE_CONTACT_EMAIL
            site_settings.default_share_image = self._image("home")
            site_settings.save()

    # --- translations, people, speed -----------------------------------------------------------
    def translate_everything(self):
        translator = DemoTranslator(TARGET_LANGUAGES)
        for snippet in self.result.snippets:
            translator.translate(snippet)
        home = self.result.pages["home"]
        # Parents before children: tree order.
        for page in (
            home.get_descendants(inclusive=True).filter(locale=self.es).order_by("path")
        ):
            translator.translate(page)
        self.result.translations_published = len(translator.published)
        self.touched.extend(translator.published)

    def image_usage(self):
        """Which roles (see images.RENDITIONS) each demo image plays on the site.

        Images are synchronised, so the Spanish pages tell for every language.
        """
        usage = defaultdict(set)
        home = self.result.pages["home"]
        pages = home.get_descendants(inclusive=True).filter(locale=self.es).specific()
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
                if block.block_type == "image":
                    usage[block.value["image"]].add("body")
        for partner in self.partners.values():
            if partner.logo is not None:
                usage[partner.logo].add("logo")
        site = Site.objects.get(is_default_site=True)
        default_share = SiteSettings.for_site(site).default_share_image
        if default_share is not None:
            usage[default_share].add("share")
        return usage

    def ensure_users(self):
        password = demo_password()
        user_model = get_user_model()
        for username, group_name in DEMO_USERS:
            user, _created = user_model.objects.get_or_create(
                username=username,
                defaults={"email": f"{username}@example.org", "is_active": True},
            )
            if not user.check_password(password):
                user.set_password(password)
                user.save()
            user.groups.add(Group.objects.get(name=group_name))
            self.result.users[username] = user
        self.result.password = password

    def run(self):
        bootstrap_site()
        with deferred_indexing():
            self.build_spanish()
            self.translate_everything()
        # Translated home pages now exist: give translators their permissions and put
        # the new homes under the moderation workflow.
        bootstrap_site()
        self.ensure_users()
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
        self.link_objectives_to_campaigns(created_objectives)
        self.ensure_news(home)
        self.ensure_contact(home)
        self.ensure_site_chrome()


def demo_password() -> str:
    """DEMO_EDITOR_PASSWORD, else a random one kept in a git-ignored file."""
    password = os.environ.get("DEMO_EDITOR_PASSWORD", "")
    if password:
        return password
    path = settings.BASE_DIR / ".demo-password"
    if path.exists():
        return path.read_text().strip()
    password = secrets.token_urlsafe(12)
    path.write_text(password + "\n")
    path.chmod(0o600)
    return password


def load_demo_content() -> DemoResult:
    with no_redirects_for_new_translations(), transaction.atomic():
        return DemoLoader().run()
