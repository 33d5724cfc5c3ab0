"""The newsroom side of benchmarks/serving.py's mixed workload: while readers load the site
through the proxy, post one published comment a second on one of the pages readers read and
publish one article a minute; after each change, read the changed page through the proxy
until it shows the change, and print what was seen as one JSON line per change.

    python benchmarks/_newsroom.py PROXY_URL SECONDS PATHS_FILE
    (with the site's environment: DJANGO_SETTINGS_MODULE, DATABASE_URL, ...)

Staleness is the time from the change's commit to the first read that shows it; a read that
still shows the old page more than a second after the commit is counted as stale.
"""

import json
import os
import secrets
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import django  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.benchmark")
django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.contrib.sites.models import Site as DjangoSite  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.utils.text import slugify  # noqa: E402
from django_comments_xtd.models import XtdComment  # noqa: E402
from wagtail.models import Page  # noqa: E402

from news.models import ArticlePage, NewsIndexPage  # noqa: E402

COMMENT_EVERY = 1.0
PUBLISH_EVERY = 60.0
POLL_EVERY = 0.05
GIVE_UP_AFTER = 30.0


def read(url):
    """The page's text, or None when the proxy answers with an error (e.g. 503 while the
    origin is too busy to answer its health probe)."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode()
    except urllib.error.HTTPError:
        return None


def watch(url, marker, committed):
    """Read `url` until it shows `marker`: (seconds after the commit, reads staler than 1 s,
    error answers)."""
    stale = errors = 0
    while True:
        body = read(url)
        waited = time.monotonic() - committed
        if body is None:
            errors += 1
        elif marker in body:
            return waited, stale, errors
        elif waited > 1.0:
            stale += 1
        if waited > GIVE_UP_AFTER:
            return None, stale, errors
        time.sleep(POLL_EVERY)


def post_comment(page, number):
    marker = f"Benchmark comment {number} {secrets.token_hex(4)}"
    XtdComment.objects.create(
        content_type=ContentType.objects.get_for_model(page),
        object_pk=str(page.pk),
        site=DjangoSite.objects.get_current(),
        comment=marker,
        user_name="Benchmark Reader",
        user_email="reader@example.org",
        submit_date=timezone.now(),
        is_public=True,
    )
    return marker


def publish_article(section, number):
    title = f"Benchmark story {number} {secrets.token_hex(4)}"
    page = ArticlePage(
        title=title,
        slug=slugify(title),
        standfirst=f"What happened in {title}.",
        body=[{"type": "paragraph", "value": f"<p>The text of {title}.</p>"}],
    )
    section.add_child(instance=page)
    page.save_revision().publish()
    return title


def report(change, path, seconds, stale, errors):
    line = {"change": change, "path": path, "seconds": seconds, "stale": stale, "errors": errors}
    print(json.dumps(line), flush=True)


def main():
    proxy, seconds, paths_file = sys.argv[1], float(sys.argv[2]), sys.argv[3]
    paths = Path(paths_file).read_text().split()
    pages = {page.url: page for page in Page.objects.live().specific() if page.url in paths}
    readable = [pages[path] for path in paths if path in pages]
    section = NewsIndexPage.objects.live().first()
    started = time.monotonic()
    comments = published = 0
    next_publish = started + PUBLISH_EVERY / 2
    while time.monotonic() - started < seconds:
        tick = time.monotonic()
        if tick >= next_publish:
            published += 1
            title = publish_article(section, published)
            committed = time.monotonic()
            for path in ("/", section.url):
                report("publish", path, *watch(proxy + path, title, committed))
            next_publish += PUBLISH_EVERY
        else:
            page = readable[comments % len(readable)]
            comments += 1
            marker = post_comment(page, comments)
            report("comment", page.url, *watch(proxy + page.url, marker, time.monotonic()))
        time.sleep(max(0.0, tick + COMMENT_EVERY - time.monotonic()))


if __name__ == "__main__":
    main()
