"""Builds the demo publication: sections, topics, people, pictures and stories.

Small demo content goes through Wagtail's own API (revisions, publishing, search index).
Thousands of extra articles for scale tests (`--articles N`) are written in batches
straight into the page tables, because creating them one by one through Wagtail
takes about 20 ms each.
"""

import random
import uuid
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale, Page, Site
from wagtail.search.backends import get_search_backend

from cms import changes
from cms.models import Author, ContentAuthor, ContentPage, HomeFocusTopic, HomePage, Topic
from demo import corpus
from demo.comments import make_demo_comments
from demo.focus import make_focus_pages
from demo.images import draw_picture, draw_portrait, get_or_create_image
from demo.integrity import make_integrity_content
from demo.live import make_live_coverage
from demo.newsletters import make_demo_newsletter
from demo.trust import make_demo_trust
from news.models import ArticlePage, NewsIndexPage, VideoIndexPage, VideoPage
from opinion.models import LastWordIndexPage, LastWordPage

DEMO_ARTICLES = 64
BULK_PREFIX = "bulk-"


def fill(template, rng):
    """Fill a headline or paragraph template with invented places and numbers."""
    place, place2 = rng.sample(corpus.PLACES, 2)
    return template.format(
        place=place,
        place2=place2,
        council=rng.choice(corpus.COUNCIL_KINDS),
        money=rng.choice([3, 4.5, 7, 12, 18, 26, 40, 55, 120]),
        pct=rng.choice([2.9, 3.5, 4.99, 5, 6.2, 8]),
        count=rng.choice([12, 28, 41, 90, 150, 400]),
    )


def story_body(rng, images=(), read_more_page=None):
    """A StreamField body: paragraphs with the odd heading, quote, factbox, image and link."""
    paragraphs = rng.sample(corpus.PARAGRAPHS, rng.randint(4, 7))
    body = [{"type": "paragraph", "value": f"<p>{text}</p>"} for text in paragraphs]
    if rng.random() < 0.5:
        quote, who = rng.choice(corpus.QUOTES)
        body.insert(2, {"type": "pull_quote", "value": {"quote": quote, "attribution": who}})
    if rng.random() < 0.4:
        title, text = rng.choice(corpus.FACTBOXES)
        body.insert(1, {"type": "factbox", "value": {"title": title, "body": fill(text, rng)}})
    if rng.random() < 0.3:
        body.insert(3, {"type": "heading", "value": {"text": "What happens next", "level": "h2"}})
    if images and rng.random() < 0.3:
        image = rng.choice(images)
        body.insert(
            2,
            {
                "type": "image",
                "value": {
                    "image": image.pk,
                    "alt_text": image.description,
                    "caption": "The council chamber before the vote.",
                    "credit": "Photo: Public Sector Today",
                },
            },
        )
    if read_more_page is not None:
        body.insert(
            min(3, len(body)),
            {"type": "read_more", "value": {"page": read_more_page.pk, "url": "", "title": ""}},
        )
    return body


class DemoBuilder:
    """Creates the demo content once; running it again adds nothing twice."""

    def __init__(self, stdout=None, seed=2026):
        self.rng = random.Random(seed)
        self.stdout = stdout
        self.now = timezone.now().replace(microsecond=0)

    def say(self, message):
        if self.stdout is not None:
            self.stdout.write(message)

    # Structure ---------------------------------------------------------------------------

    def build(self, hostname="127.0.0.1", port=8000):
        home = self.home(hostname, port)
        news = self.section(
            home,
            NewsIndexPage,
            "Latest Public Sector News",
            "news",
            "The latest news from across the public sector.",
        )
        opinion = self.section(
            home,
            LastWordIndexPage,
            "Last word",
            "last-word",
            "Guest columnists have the last word on the issues of the day.",
        )
        tv = self.section(
            home, VideoIndexPage, "TV", "tv", "Interviews, explainers and panel debates."
        )
        self.topics = self.make_topics()
        self.staff = self.make_people(corpus.STAFF, columnists=False)
        self.columnists = self.make_people(corpus.COLUMNISTS, columnists=True)
        self.pictures = self.make_pictures()
        self.make_articles(news)
        self.make_columns(opinion)
        self.make_videos(tv)
        self.make_scheduled(news)
        make_live_coverage(news, self.staff, self.publish, say=self.say)
        if not home.focus_topics.exists():
            for topic in self.topics[:6]:
                HomeFocusTopic.objects.create(page=home, topic=topic)
        make_focus_pages(home, self.topics[:3], say=self.say)
        make_integrity_content(home, say=self.say)
        make_demo_trust(say=self.say)
        self.make_users()
        make_demo_comments(self.stdout)
        make_demo_newsletter(say=self.say)
        return home

    def home(self, hostname, port):
        home = HomePage.objects.first()
        if home is None:
            root = Page.get_first_root_node()
            home = root.add_child(instance=HomePage(title="Home", slug="home"))
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={
                "hostname": hostname,
                "port": port,
                "root_page": home,
                "site_name": "Public Sector Today",
            },
        )
        return home

    def section(self, home, model, title, slug, intro):
        existing = model.objects.child_of(home).filter(slug=slug).first()
        if existing:
            return existing
        page = model(title=title, slug=slug, intro=intro, show_in_menus=True)
        home.add_child(instance=page)
        page.save_revision().publish()
        self.say(f"Created section {title}")
        return page

    def make_topics(self):
        topics = []
        for name, description in corpus.TOPICS:
            topic, _ = Topic.objects.get_or_create(
                slug=slugify(name), defaults={"name": name, "description": description}
            )
            topics.append(topic)
        return topics

    def make_people(self, people, columnists):
        authors = []
        for index, person in enumerate(people):
            name, role, organisation, bio = person[:4]
            interests = person[4] if columnists else ""
            author = Author.objects.filter(slug=slugify(name)).first()
            if author is None:
                photo = get_or_create_image(
                    f"Portrait of {name}",
                    lambda name=name, index=index: draw_portrait(name, seed=index),
                    f"Portrait of {name}",
                )
                author = Author.objects.create(
                    name=name,
                    slug=slugify(name),
                    role=role,
                    organisation=organisation,
                    bio=bio,
                    declared_interests=interests,
                    photo=photo,
                )
            authors.append(author)
        return authors

    def make_pictures(self):
        pictures = []
        for index, (name, _) in enumerate(corpus.TOPICS):
            for variant in range(2):
                title = f"{name} illustration {variant + 1}"
                pictures.append(
                    get_or_create_image(
                        title,
                        lambda name=name, seed=index * 2 + variant: draw_picture(name, seed=seed),
                        f"Illustration for a story about {name.lower()}",
                    )
                )
        return pictures

    # Pages through Wagtail's API ----------------------------------------------------------

    def publish(self, parent, page, when, topics, authors):
        """Add `page` under `parent` with its topics and authors, publish it, date it `when`."""
        page.topics.set(topics)
        for order, author in enumerate(authors):
            page.author_links.add(ContentAuthor(author=author, sort_order=order))
        parent.add_child(instance=page)
        page.save_revision().publish()
        Page.objects.filter(pk=page.pk).update(first_published_at=when, last_published_at=when)
        ContentPage.objects.filter(pk=page.pk).update(sort_date=page.display_date or when)
        return page

    def topic_pictures(self, topic):
        index = [name for name, _ in corpus.TOPICS].index(topic.name)
        return self.pictures[index * 2 : index * 2 + 2]

    def make_articles(self, news):
        existing = set(ArticlePage.objects.child_of(news).values_list("slug", flat=True))
        previous = None
        per_topic = {name: list(templates) for name, templates in corpus.HEADLINES.items()}
        created = 0
        for number in range(DEMO_ARTICLES):
            # One generator per article, so a re-run makes the same article and skips it.
            rng = random.Random(f"article-{number}")
            topic = self.topics[number % len(self.topics)]
            templates = per_topic[topic.name]
            headline = fill(templates[(number // len(self.topics)) % len(templates)], rng)
            slug = slugify(headline)[:70]
            second = rng.choice([t for t in self.topics if t != topic])
            when = self.now - timedelta(hours=7 * number + rng.randint(0, 5))
            if slug in existing:
                previous = ArticlePage.objects.child_of(news).filter(slug=slug).first()
                continue
            pictures = self.topic_pictures(topic)
            page = ArticlePage(
                title=headline,
                slug=slug,
                standfirst=rng.choice(corpus.STANDFIRSTS),
                hero_image=pictures[number % 2],
                hero_caption=f"{topic.name}: the story in pictures.",
                hero_credit="Illustration: Public Sector Today",
                body=story_body(rng, pictures, read_more_page=previous),
                comments_open=number % 9 != 0,
                last_updated=when + timedelta(hours=3) if number % 7 == 0 else None,
                search_description=headline,
            )
            authors = [self.staff[number % len(self.staff)]]
            if number % 5 == 0:
                authors.append(self.staff[(number + 3) % len(self.staff)])
            self.publish(news, page, when, [topic, second] if number % 3 else [topic], authors)
            existing.add(slug)
            previous = page
            created += 1
        self.say(f"Created {created} articles")

    def make_columns(self, opinion):
        created = 0
        for number, title in enumerate(corpus.COLUMN_TITLES):
            slug = slugify(title)[:70]
            if LastWordPage.objects.filter(slug=slug).exists():
                continue
            rng = random.Random(f"column-{number}")
            columnist = self.columnists[number % len(self.columnists)]
            topic = self.topics[[1, 2, 3, 5, 4, 7, 5][number % 7]]
            when = self.now - timedelta(days=2 * number + 1, hours=3)
            page = LastWordPage(
                title=title,
                slug=slug,
                standfirst=f"{columnist.byline} argues the case.",
                pull_quote=rng.choice(corpus.QUOTES)[0],
                hero_image=columnist.photo,
                body=story_body(rng),
            )
            self.publish(opinion, page, when, [topic], [columnist])
            created += 1
        self.say(f"Created {created} last word columns")

    def make_videos(self, tv):
        created = 0
        for number, (title, url, seconds) in enumerate(corpus.VIDEOS):
            slug = slugify(title)[:70]
            if VideoPage.objects.filter(slug=slug).exists():
                continue
            topic = self.topics[(number * 3) % len(self.topics)]
            page = VideoPage(
                title=title,
                slug=slug,
                standfirst="Watch the full conversation, with a transcript below.",
                video_url=url,
                duration=timedelta(seconds=seconds),
                transcript=corpus.TRANSCRIPT,
                hero_image=self.topic_pictures(topic)[0],
                body=[{"type": "paragraph", "value": f"<p>{corpus.PARAGRAPHS[number]}</p>"}],
            )
            when = self.now - timedelta(days=3 * number, hours=5)
            self.publish(tv, page, when, [topic], [self.staff[number % len(self.staff)]])
            created += 1
        self.say(f"Created {created} videos")

    def make_scheduled(self, news):
        """One story scheduled to go live tomorrow morning, to show scheduled publishing."""
        slug = "spending-review-preview-what-to-watch-for"
        if ArticlePage.objects.filter(slug=slug).exists():
            return
        page = ArticlePage(
            title="Spending review preview: what to watch for",
            slug=slug,
            standfirst="Our finance editor's guide to the numbers that matter.",
            body=story_body(random.Random(slug)),
            live=False,
        )
        page.topics.set([self.topics[5]])
        page.author_links.add(ContentAuthor(author=self.staff[4], sort_order=0))
        news.add_child(instance=page)
        tomorrow = (self.now + timedelta(days=1)).replace(hour=7, minute=0, second=0)
        page.embargo_until = tomorrow  # embargoed: nobody outside the newsroom sees it early
        page.save_revision().publish()  # the embargo schedules it for that time
        self.say(f"Scheduled one article to go live at {tomorrow:%d/%m/%Y %H:%M}")

    def make_users(self):
        User = get_user_model()
        editors, writers = Group.objects.get(name="Editors"), Group.objects.get(name="Writers")
        for username, group, first, last in (
            ("editor", editors, "Eddie", "Editor"),
            ("writer", writers, "Wendy", "Writer"),
        ):
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "email": f"{username}@publicsectortoday.example",
                },
            )
            if created:
                user.set_password(f"{username}-demo-password")
                user.save()
                user.groups.add(group)

    # Many articles at once ----------------------------------------------------------------

    def add_bulk_articles(self, count, batch_size=2000, progress=None):
        """Append `count` live articles to the news section, `batch_size` per transaction."""
        news = NewsIndexPage.objects.get(slug="news")
        self.topics = list(Topic.objects.all())
        self.staff = list(Author.objects.all())
        pictures = [
            get_or_create_image(
                f"{name} illustration 1", lambda name=name, i=i: draw_picture(name, seed=i * 2)
            )
            for i, (name, _) in enumerate(corpus.TOPICS)
        ]
        page_type = ContentType.objects.get_for_model(ArticlePage)
        locale = Locale.get_default()
        backend = get_search_backend()
        done = 0
        start_serial = Page.objects.filter(slug__startswith=BULK_PREFIX).count()
        oldest = (
            ContentPage.objects.order_by("sort_date").values_list("sort_date", flat=True).first()
            or self.now
        )
        while done < count:
            size = min(batch_size, count - done)
            with transaction.atomic():
                news.refresh_from_db()
                last = news.get_last_child()
                next_step = (Page._str2int(last.path[-Page.steplen :]) + 1) if last else 1
                pages = []
                for offset in range(size):
                    serial = start_serial + done + offset
                    topic = self.topics[serial % len(self.topics)]
                    templates = corpus.HEADLINES.get(topic.name) or corpus.HEADLINES["Finance"]
                    title = fill(self.rng.choice(templates), self.rng)
                    slug = f"{BULK_PREFIX}{serial}-{slugify(title)[:60]}"
                    when = oldest - timedelta(minutes=20 * (serial + 1))
                    pages.append(
                        Page(
                            title=title,
                            draft_title=title,
                            slug=slug,
                            path=Page._get_path(news.path, news.depth + 1, next_step + offset),
                            depth=news.depth + 1,
                            numchild=0,
                            url_path=f"{news.url_path}{slug}/",
                            content_type_id=page_type.pk,
                            locale_id=locale.pk,
                            translation_key=uuid.uuid4(),
                            live=True,
                            has_unpublished_changes=False,
                            first_published_at=when,
                            last_published_at=when,
                        )
                    )
                pages = Page.objects.bulk_create(pages)
                content_rows, article_rows, topic_links, author_links = [], [], [], []
                for offset, page in enumerate(pages):
                    serial = start_serial + done + offset
                    topic = self.topics[serial % len(self.topics)]
                    content_rows.append(
                        {
                            "page_ptr_id": page.pk,
                            "standfirst": self.rng.choice(corpus.STANDFIRSTS),
                            "hero_image_id": pictures[serial % len(pictures)].pk,
                            "body": story_body(self.rng),
                            "sort_date": page.first_published_at,
                            "page_type": ArticlePage.kind_key,
                            "comments_open": True,
                        }
                    )
                    article_rows.append({"contentpage_ptr_id": page.pk})
                    topic_links.append(
                        ContentPage.topics.through(contentpage_id=page.pk, topic_id=topic.pk)
                    )
                    author_links.append(
                        ContentAuthor(
                            page_id=page.pk,
                            author_id=self.staff[serial % len(self.staff)].pk,
                            sort_order=0,
                        )
                    )
                insert_rows(ContentPage, content_rows)
                insert_rows(ArticlePage, article_rows)
                ContentPage.topics.through.objects.bulk_create(topic_links)
                ContentAuthor.objects.bulk_create(author_links)
                Page.objects.filter(pk=news.pk).update(numchild=news.numchild + size)
                # Prefetch what the index reads, or it queries topics per article per field.
                created = ArticlePage.objects.filter(pk__in=[p.pk for p in pages])
                backend.add_bulk(ArticlePage, created.prefetch_related("topics"))
            done += size
            if progress is not None:
                progress(done, count)
        # These rows bypassed the publishing signals: every feed and fragment has changed.
        changes.bump([changes.EVERYTHING])
        return done


def insert_rows(model, rows):
    """INSERT rows of a multi-table child model's own table (Django's bulk_create refuses)."""
    fields = list(model._meta.local_concrete_fields)
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    values = []
    for row in rows:
        instance = model(**{k: v for k, v in row.items() if not k.endswith("_ptr_id")})
        for key, value in row.items():
            setattr(instance, key, value)
        values.append(
            [f.get_db_prep_save(f.pre_save(instance, add=True), connection) for f in fields]
        )
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", values)
