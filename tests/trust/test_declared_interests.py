"""Declared interests: with the byline, on the author page, in JSON-LD, and a column cannot
be published on a missing or stale declaration unless an allowed editor gives a reason."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Permission
from lxml import html as lxml_html
from wagtail.models import PageLogEntry

from cms.models import DeclarationOverride
from cms.models.taxonomy import months_before
from opinion.models import LastWordPage
from tests import factories
from tests.news.test_structured_data import head_of, json_ld, of_type
from tests.trust.helpers import editor, editor_form, post_add, superuser

INTERESTS = "Trustee of the Northmoor Hospice; adviser to CIPFA (unpaid)."


def columnist(reviewed_days_ago=30, interests=INTERESTS, name="Rob Whiteman"):
    reviewed = None if reviewed_days_ago is None else date.today() - timedelta(reviewed_days_ago)
    return factories.make_author(name, declared_interests=interests, interests_reviewed_on=reviewed)


def test_byline_links_to_the_full_declaration_on_the_author_page(client, news_section):
    author = columnist()
    article = factories.make_article(parent=news_section, authors=[author])
    page = lxml_html.fromstring(client.get(article.url).content)
    line = page.xpath("//p[@class='byline__interests']")[0]
    assert "Declared interests: Trustee of the Northmoor Hospice" in line.text_content()
    assert f"reviewed {author.interests_reviewed_on:%d/%m/%Y}" in line.text_content()
    assert line.xpath("a/@href") == ["/authors/rob-whiteman/#declared-interests"]

    profile = lxml_html.fromstring(client.get("/authors/rob-whiteman/").content)
    section = profile.xpath("//*[@id='declared-interests']")[0]
    assert INTERESTS in section.text_content()
    assert section.xpath(".//time/@datetime") == [author.interests_reviewed_on.isoformat()]


def test_an_author_without_a_declaration_has_no_interests_line(client, news_section):
    article = factories.make_article(parent=news_section, authors=[factories.make_author()])
    assert b"byline__interests" not in client.get(article.url).content


def test_json_ld_carries_the_declaration(client, news_section):
    author = columnist()
    article = factories.make_article(parent=news_section, authors=[author])
    person = of_type(json_ld(head_of(client, article.url)), "NewsArticle")["author"][0]
    expected = f"Declared interests: {INTERESTS} (last reviewed {author.interests_reviewed_on})."
    assert person["disambiguatingDescription"] == expected
    profile = of_type(json_ld(head_of(client, "/authors/rob-whiteman/")), "Person")
    assert profile["disambiguatingDescription"] == expected


def test_months_before_keeps_the_day_or_the_month_end():
    assert months_before(date(2026, 12, 1), 12) == date(2025, 12, 1)
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert months_before(date(2026, 1, 15), 2) == date(2025, 11, 15)


def column_form(author, **extra):
    return editor_form(
        author, title="The last word on budgets", slug="last-word-budgets", pull_quote="", **extra
    )


@pytest.mark.parametrize("reviewed_days_ago, publishes", [(30, True), (400, False), (None, False)])
def test_a_column_needs_a_current_declaration(
    client, opinion_section, reviewed_days_ago, publishes
):
    author = columnist(reviewed_days_ago)
    client.force_login(editor())
    response = post_add(
        client, opinion_section, column_form(author), "publish", "opinion.lastwordpage"
    )
    assert LastWordPage.objects.filter(live=True).exists() is publishes
    if not publishes:
        message = str(response.context["form"].errors["__all__"])
        assert "Rob Whiteman" in message and "declaration of interests" in message
        # A draft still saves.
        response = post_add(
            client, opinion_section, column_form(author), "save", "opinion.lastwordpage"
        )
        assert response.status_code == 302


def test_the_age_limit_comes_from_settings(client, opinion_section, settings):
    settings.DECLARATION_MAX_AGE_MONTHS = 24
    client.force_login(editor())
    post_add(
        client, opinion_section, column_form(columnist(400)), "publish", "opinion.lastwordpage"
    )
    assert LastWordPage.objects.get().live


def test_an_allowed_editor_overrides_with_a_reason_recorded_in_the_history(client, opinion_section):
    author = columnist(None)
    boss = editor("boss")
    boss.user_permissions.add(Permission.objects.get(codename="override_declaration_check"))
    client.force_login(boss)
    response = post_add(
        client, opinion_section, column_form(author), "publish", "opinion.lastwordpage"
    )
    assert "give a reason" in str(response.context["form"].errors["declaration_override_reason"])

    reason = "Columnist abroad; declaration confirmed by phone, form to follow."
    form = column_form(author, declaration_override_reason=reason)
    response = post_add(client, opinion_section, form, "publish", "opinion.lastwordpage")
    assert response.status_code == 302
    page = LastWordPage.objects.get()
    assert page.live
    override = DeclarationOverride.objects.get()
    assert (override.page_id, override.author, override.user, override.reason) == (
        page.pk,
        author,
        boss,
        reason,
    )
    entry = PageLogEntry.objects.get(page=page, action="cms.declaration_override")
    assert entry.data["reason"] == reason
    history = client.get(f"/admin/pages/{page.pk}/history/").content.decode()
    assert "Declaration check overridden" in history and "declaration confirmed by phone" in history


def test_an_editor_without_the_permission_cannot_override(client, opinion_section):
    client.force_login(editor())
    form = column_form(columnist(None), declaration_override_reason="Because I say so")
    post_add(client, opinion_section, form, "publish", "opinion.lastwordpage")
    assert not LastWordPage.objects.exists()
    assert not DeclarationOverride.objects.exists()


def test_only_editors_allowed_to_override_see_the_field(client, opinion_section):
    url = f"/admin/pages/add/opinion/lastwordpage/{opinion_section.pk}/"
    client.force_login(editor())
    assert b"declaration_override_reason" not in client.get(url).content
    client.force_login(superuser())
    assert b"declaration_override_reason" in client.get(url).content
