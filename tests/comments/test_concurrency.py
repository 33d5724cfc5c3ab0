"""Nothing is lost under load, and no limit is passed: many readers post, confirm and
report at the same moment.

Runs in the PostgreSQL pass of `make test` (threads against a live server); the
in-memory SQLite database of the first pass cannot be shared between threads. The server
is Django's live server thread with a listen queue long enough for every reader: the
stock one queues 10 connections and resets the rest, which would test the socket, not us.
"""

import json
import threading
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http.cookiejar import CookieJar

import pytest
from django.conf import settings
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core import mail
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread
from django_comments_xtd.models import XtdComment

from comments.models import PendingComment, ReaderFlag
from tests.background.helpers import run_due_tasks
from tests.comments.helpers import CONFIRM_LINK, form_fields

READERS = 60
BURST = 20  # parallel requests from one address against a limit of ALLOWED
ALLOWED = 3

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="needs PostgreSQL: runs in the PostgreSQL pass of make test",
    ),
]


class RoomyWSGIServer(ThreadedWSGIServer):
    """Django's threaded test server, with room in its listen queue for every reader."""

    request_queue_size = 4 * READERS


class RoomyLiveServerThread(LiveServerThread):
    """Django's live server thread, serving with RoomyWSGIServer."""

    server_class = RoomyWSGIServer


@pytest.fixture
def server_url(transactional_db):
    thread = RoomyLiveServerThread("localhost", StaticFilesHandler)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    yield f"http://localhost:{thread.port}"
    thread.terminate()


class NoRedirects(urllib.request.HTTPRedirectHandler):
    """Report a redirect as the response itself."""

    def redirect_request(self, *args, **kwargs):
        return None


def browser():
    cookies = urllib.request.HTTPCookieProcessor(CookieJar())
    return urllib.request.build_opener(cookies, NoRedirects())


def status_of(opener, url, data=None):
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    try:
        with opener.open(url, body, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:  # 3xx (not followed) and 4xx/5xx
        return error.code, error.read()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_one_of_many_simultaneous_comments_is_stored(server_url, article, settings):
    settings.COMMENTS_RATE_LIMIT_PER_IP = 0  # every reader shares 127.0.0.1 here
    page_url = server_url + article.url
    ready = threading.Barrier(READERS)

    def reader(number):
        opener = browser()
        status, content = status_of(opener, page_url)
        assert status == 200
        data = form_fields(content)
        # What the form's script does: the shared page carries no token, so ask for one.
        status, token = status_of(opener, server_url + "/comments/token/")
        assert status == 200
        data["csrfmiddlewaretoken"] = json.loads(token)["token"]
        data.update(
            name=f"Reader {number}",
            email=f"reader{number}@example.org",
            comment=f"Comment number {number}",
            post="",
        )
        ready.wait(timeout=60)  # all post at once
        return status_of(opener, server_url + "/comments/post/", data)[0]

    with ThreadPoolExecutor(max_workers=READERS) as pool:
        posted = list(pool.map(reader, range(READERS)))
    assert posted == [302] * READERS
    run_due_tasks()  # the worker sends the confirmations the posts queued
    links = [CONFIRM_LINK.search(message.body).group(0) for message in mail.outbox]
    assert len(links) == READERS

    def confirm(link):
        path = urllib.parse.urlsplit(link).path
        return status_of(browser(), server_url + path)[0]

    with ThreadPoolExecutor(max_workers=READERS) as pool:
        confirmed = list(pool.map(confirm, links))

    assert confirmed == [302] * READERS
    stored = XtdComment.objects.filter(is_public=True)
    assert sorted(stored.values_list("comment", flat=True)) == sorted(
        f"Comment number {number}" for number in range(READERS)
    )
    assert len(set(stored.values_list("thread_id", flat=True))) == READERS


def ready_to_post(server_url, page_url, number):
    """A reader's browser with the comment form filled in and the token the script fetches."""
    opener = browser()
    status, content = status_of(opener, page_url)
    assert status == 200
    data = form_fields(content)
    status, token = status_of(opener, server_url + "/comments/token/")
    data["csrfmiddlewaretoken"] = json.loads(token)["token"]
    data.update(
        name=f"Reader {number}",
        email=f"burst{number}@example.org",
        comment=f"Burst comment {number}",
        post="",
    )
    return opener, data


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_burst_of_parallel_posts_cannot_pass_the_rate_limit(server_url, article, settings):
    settings.COMMENTS_RATE_LIMIT_PER_IP = ALLOWED  # every request comes from 127.0.0.1
    readers = [ready_to_post(server_url, server_url + article.url, n) for n in range(BURST)]
    ready = threading.Barrier(BURST)

    def send(reader):
        opener, data = reader
        ready.wait(timeout=60)
        return status_of(opener, server_url + "/comments/post/", data)[0]

    with ThreadPoolExecutor(max_workers=BURST) as pool:
        statuses = sorted(pool.map(send, readers))

    assert statuses == [302] * ALLOWED + [429] * (BURST - ALLOWED)
    assert PendingComment.objects.count() == ALLOWED
    run_due_tasks()
    assert len(mail.outbox) == ALLOWED


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_burst_of_parallel_reports_cannot_pass_the_report_limit(server_url, article, settings):
    settings.COMMENTS_REPORTS_PER_READER = ALLOWED
    comments = [
        XtdComment.objects.create(
            content_type_id=article.content_type_id,
            object_pk=str(article.pk),
            site_id=1,
            user_name=f"Writer {n}",
            user_email=f"writer{n}@example.org",
            comment=f"Comment {n}",
        )
        for n in range(BURST)
    ]
    forms = []
    for comment in comments:
        opener = browser()
        url = f"{server_url}/comments/report/{comment.pk}/"
        status, content = status_of(opener, url)
        assert status == 200
        forms.append(
            (opener, url, {**form_fields(content, "//form[@method='post']"), "reason": "spam"})
        )
    ready = threading.Barrier(BURST)

    def send(form):
        opener, url, data = form
        ready.wait(timeout=60)
        return status_of(opener, url, data)[0]

    with ThreadPoolExecutor(max_workers=BURST) as pool:
        statuses = sorted(pool.map(send, forms))

    assert statuses == [200] * ALLOWED + [429] * (BURST - ALLOWED)
    assert ReaderFlag.objects.count() == ALLOWED
