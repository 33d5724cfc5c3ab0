"""No commenter email in public; export, erasure and IP retention commands."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone
from django_comments_xtd.models import XtdComment

from comments.models import ModerationEvent, PendingComment, PostingAttempt, ReaderFlag
from tests.comments.helpers import confirm_link, guest_comment, post_comment

pytestmark = pytest.mark.django_db

ADDRESSES = ("ada@example.org", "bo@example.org", "sam@example.org")


@pytest.fixture
def conversation(client, article, django_user_model, comment_settings):
    """Published, replied-to, signed-in, held and pending-confirmation comments."""
    guest_comment(client, article, "Ada's point.", followup="on")
    ada = XtdComment.objects.get()
    guest_comment(client, article, "Bo replies.", reply_to=ada.pk, email="bo@example.org")
    member = django_user_model.objects.create_user("sam", "sam@example.org", "pw")
    client.force_login(member)
    post_comment(client, article, "Sam, signed in.")
    client.logout()
    comment_settings.moderation_mode = comment_settings.PRE_MODERATION
    comment_settings.save()
    guest_comment(client, article, "Ada again, held.")
    post_comment(client, article, "Never confirmed.", email="bo@example.org")
    return ada


UNSERVED = [
    "/comments/api/comment/",
    "/comments/api/preview/",
    "/comments/api/flag/",
    "/comments/api/feedback/",
    "/comments/api/news-articlepage/{pk}/",
    "/comments/api/news-articlepage/{pk}/count/",
    "/comments/like/{comment}/",
    "/comments/flag/{comment}/",
    "/comments/approve/{comment}/",
    "/comments/delete/{comment}/",
]


def test_xtd_api_and_unused_views_are_not_served(client, article, conversation):
    for url in UNSERVED:
        address = url.format(pk=article.pk, comment=conversation.pk)
        assert client.get(address).status_code == 404, address
        assert client.post(address, {"email": "ada@example.org"}).status_code == 404, address


def test_export_gives_everything_about_one_address(conversation, tmp_path):
    output = tmp_path / "ada.json"
    call_command("export_comment_data", "ADA@example.org", output=str(output), stderr=StringIO())

    data = json.loads(output.read_text())
    assert [c["comment"] for c in data["comments"]] == ["Ada's point.", "Ada again, held."]
    first = data["comments"][0]
    assert first["email"] == "ada@example.org" and first["ip_address"] == "127.0.0.1"
    assert first["item_url"].startswith("http://testserver/")
    assert first["published"] and first["email_me_about_new_comments"]
    assert data["recent_posting_records"] == 4  # two comments: the email and mail limits
    assert data["waiting_for_confirmation"] == []


def test_export_includes_comments_of_a_signed_in_account(conversation):
    out = StringIO()
    call_command("export_comment_data", "sam@example.org", stdout=out)
    assert [c["comment"] for c in json.loads(out.getvalue())["comments"]] == ["Sam, signed in."]


def test_erase_removes_every_trace_of_the_address(client, article, conversation):
    ReaderFlag.objects.create(comment=conversation, reporter_key="k", reason="spam")

    call_command("erase_comment_data", "ada@example.org", "--noinput", stdout=StringIO())

    assert not XtdComment.objects.filter(user_email__iexact="ada@example.org").exists()
    for comment in XtdComment.objects.filter(pk=conversation.pk):
        assert (comment.comment, comment.user_name, comment.ip_address) == ("", "", None)
        assert comment.is_removed and not comment.followup
    assert not ReaderFlag.objects.exists()
    assert ModerationEvent.objects.filter(action=ModerationEvent.ERASED).count() == 2
    # 5 comments: 3 records for each of 4 guest ones (IP, email, confirmation mail), 2 for
    # the signed-in one; only the 4 of her address went.
    assert PostingAttempt.objects.count() == 10
    assert not _any_row_mentions("ada@example.org")

    page = client.get(article.url).content.decode()
    assert "This comment was deleted." in page  # Bo's reply keeps its place
    assert "Bo replies." in page and "Ada&#x27;s point." not in page


def _any_row_mentions(text):
    """Search every text column of every comment table for text."""
    tables = ["django_comments", "django_comments_xtd_xtdcomment"] + [
        model._meta.db_table
        for model in (ModerationEvent, ReaderFlag, PostingAttempt, PendingComment)
    ]
    with connection.cursor() as cursor:
        for table in tables:
            columns = [
                c.name for c in connection.introspection.get_table_description(cursor, table)
            ]
            where = " OR ".join(
                f"CAST({connection.ops.quote_name(c)} AS TEXT) LIKE %s" for c in columns
            )
            cursor.execute(
                f"SELECT COUNT(*) FROM {table} WHERE {where}", [f"%{text}%"] * len(columns)
            )
            if cursor.fetchone()[0]:
                return True
    return False


def test_an_erased_address_cannot_come_back_through_an_old_link(client, article, conversation):
    post_comment(client, article, "Posted, then erased before confirming.")
    link = confirm_link(mail.outbox[-1]).split("testserver", 1)[1]
    export = StringIO()
    call_command("export_comment_data", "ada@example.org", stdout=export)
    [waiting] = json.loads(export.getvalue())["waiting_for_confirmation"]
    assert waiting["comment"] == "Posted, then erased before confirming."

    call_command("erase_comment_data", "ada@example.org", "--noinput", stdout=StringIO())

    assert not PendingComment.objects.filter(user_email="ada@example.org").exists()
    for response in (client.get(link), client.post(link)):
        assert response.status_code == 410
        assert "This comment has already been confirmed" in response.content.decode()
    assert not XtdComment.objects.filter(comment__startswith="Posted, then erased").exists()
    assert not _any_row_mentions("ada@example.org")


def test_erase_asks_first(conversation, monkeypatch):
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError):
        call_command("erase_comment_data", "ada@example.org")
    assert XtdComment.objects.filter(user_email="ada@example.org").count() == 2


def test_bad_addresses_are_refused(db):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        call_command("export_comment_data", "not an email")


def test_ip_addresses_are_forgotten_after_the_retention_period(conversation, settings):
    settings.COMMENTS_IP_RETENTION_DAYS = 30
    old = timezone.now() - timedelta(days=31)
    XtdComment.objects.filter(pk=conversation.pk).update(submit_date=old)
    flag = ReaderFlag.objects.create(comment=conversation, reporter_key="k", reason="spam")
    ReaderFlag.objects.filter(pk=flag.pk).update(created=old)
    PostingAttempt.objects.update(created=old)

    out = StringIO()
    call_command("purge_comment_ips", stdout=out)

    assert XtdComment.objects.filter(ip_address__isnull=False).count() == 3
    assert XtdComment.objects.get(pk=conversation.pk).ip_address is None
    assert ReaderFlag.objects.get().reporter_key is None
    assert not PostingAttempt.objects.exists()
    assert "1 comments" in out.getvalue()
