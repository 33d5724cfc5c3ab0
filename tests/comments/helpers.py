"""Helpers for comment tests: fill in and send the comment form, follow emailed links."""

import re
from contextlib import nullcontext

from django.core import mail
from django.test import Client
from lxml import html

from tests.background.helpers import committed

CONFIRM_LINK = re.compile(r"https?://\S+/comments/confirm/\S+/")
MUTE_LINK = re.compile(r"https?://\S+/comments/mute/\S+/")


COMMENT_FORM = "//form[contains(@class, 'comment-form__form')]"


class CommitClient(Client):
    """A test client whose requests end as a real server's do, with a worker beside it:
    what the view queued with transaction.on_commit (every comment email's task) is
    queued once the request is over, and the worker runs it.

    Tests run inside one transaction that is rolled back at the end, so without this
    nothing queued for after the commit would ever run.
    """

    def request(self, **request):
        with committed():
            return super().request(**request)


def ended(client):
    """Around one request: end it as CommitClient does, for a plain client too (tests
    outside tests/comments use one). Never nested: that would send each email twice."""
    if isinstance(client, CommitClient):
        return nullcontext()
    return committed()


def comment_form(client, page, xpath=COMMENT_FORM):
    """The comment form's fields as the browser would send them (the preview button aside)."""
    response = client.get(page.url)
    assert response.status_code == 200
    return form_fields(response.content, xpath)


def form_fields(content, xpath=COMMENT_FORM):
    """The values a browser would send from the first form matching xpath."""
    form = html.fromstring(content).xpath(xpath)[0]
    data = {}
    for field in form.xpath(".//input | .//textarea"):
        kind = field.get("type", "text")
        if field.get("name") is None or kind == "submit":
            continue
        if kind == "checkbox":
            if field.get("checked") is not None:
                data[field.get("name")] = "on"
            continue
        data[field.get("name")] = field.value or ""
    return data


def filled_in(data, text="I agree with the council.", **fields):
    """Form values with a guest's name, email and comment; fields override (None drops)."""
    data = {**data, "name": "Ada Reader", "email": "ada@example.org", "comment": text, "post": ""}
    data.update(fields)
    return {name: value for name, value in data.items() if value is not None}


def post_comment(client, page, text="I agree with the council.", extra=None, **fields):
    """Fill in and send the comment form under a page, pressing "Post comment"."""
    data = filled_in(comment_form(client, page), text, **fields)
    with ended(client):
        return client.post("/comments/post/", data, **(extra or {}))


def confirm_link(message):
    return CONFIRM_LINK.search(message.body).group(0)


def confirm_latest(client):
    """Follow the confirmation link in the last email sent."""
    link = confirm_link(mail.outbox[-1])
    with ended(client):
        return client.get(link.split("testserver", 1)[1], follow=True)


def guest_comment(client, page, text="I agree with the council.", **fields):
    """Post as a guest and follow the emailed confirmation link."""
    response = post_comment(client, page, text, **fields)
    assert response.status_code == 302, response.content.decode()[:2000]
    return confirm_latest(client)
