"""Licences per item with a site default, and the "Republish this story" box."""

import importlib

import pytest
from lxml import html as lxml_html
from wagtail.models import Site

from cms.licences import ALL_RIGHTS_RESERVED, CC_BY_ND, OGL
from cms.models import SiteSettings
from tests import factories
from tests.news.test_corrections import doc, json_ld_article
from tests.news.test_feeds import NS, fetch, parse

OGL_SENTENCE = "Contains public sector information licensed under the Open Government Licence v3.0"
OGL_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


def set_licence(page, key):
    page = page.specific
    page.licence = key
    page.save_revision().publish()
    return page


def republish_text(tree):
    boxes = tree.xpath("//details[@class='republish']")
    if not boxes:
        return None
    [textarea] = boxes[0].xpath(".//textarea")
    assert textarea.get("readonly") is not None
    assert boxes[0].xpath("summary")[0].text.startswith("Republish this")
    return textarea.text


# Page, feeds, JSON-LD, API ----------------------------------------------------------------


def test_ogl_item_shows_the_exact_attribution_everywhere(client, filed_stories):
    set_licence(filed_stories.older, OGL)
    tree = doc(client, filed_stories.older.url)
    [line] = tree.xpath("//p[@class='licence']")
    assert OGL_SENTENCE in line.text_content()
    assert line.xpath("a[@rel='license']/@href") == [OGL_URL]
    assert json_ld_article(tree)["license"] == OGL_URL

    rss = fetch(client, "/news/feed/")
    item = next(
        i
        for i in lxml_html.etree.fromstring(rss.content).iter("item")
        if i.findtext("title") == "Older story"
    )
    assert OGL_SENTENCE in item.findtext("dc:rights", namespaces=NS)
    assert item.find("atom:link[@rel='license']", namespaces=NS).get("href") == OGL_URL

    atom = parse(fetch(client, "/news/feed/atom/"))
    entry = next(e for e in atom.entries if e.title == "Older story")
    assert OGL_SENTENCE in entry.rights
    assert [link.href for link in entry.links if link.rel == "license"] == [OGL_URL]

    data = client.get(f"/api/v2/pages/{filed_stories.older.pk}/").json()
    assert data["licence"]["key"] == OGL and data["licence"]["url"] == OGL_URL
    assert OGL_SENTENCE in data["licence"]["attribution"] and data["licence"]["reusable"]
    assert OGL_SENTENCE in data["rights"]
    listing = client.get("/api/v2/pages/?type=news").json()["items"]
    assert {item["licence"]["key"] for item in listing} == {OGL, "cc-by-4.0"}


def test_items_without_a_licence_follow_the_site_default(client, filed_stories):
    tree = doc(
        client, filed_stories.older.url
    )  # no licence of its own; default: all rights reserved
    line = tree.xpath("//p[@class='licence']")[0].text_content()
    assert line.strip() == "© Public Sector Today. All rights reserved."
    assert "license" not in json_ld_article(tree)
    assert republish_text(tree) is None
    entry = next(e for e in parse(fetch(client, "/news/feed/atom/")).entries if "Older" in e.title)
    assert not [link for link in entry.links if link.rel == "license"]

    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.default_licence = CC_BY_ND
    settings.save()
    tree = doc(client, filed_stories.older.url)
    assert "CC BY-ND 4.0" in tree.xpath("//p[@class='licence']")[0].text_content()
    assert republish_text(tree) is not None
    assert "Licensed under CC BY-ND 4.0" in doc(client, "/").xpath("//footer")[-1].text_content()


def test_old_rights_texts_become_licences():
    migration = importlib.import_module("cms.migrations.0007_licences")
    named = migration._licence_named_in
    assert named("CC BY 4.0") == "cc-by-4.0"
    assert named("Licensed CC BY-ND 4.0") == "cc-by-nd-4.0"
    assert named("Open Government Licence") == OGL
    assert named("© Public Sector Today. All rights reserved.") == ALL_RIGHTS_RESERVED
    assert named("Photo agency terms") == ""


# Republish this story ---------------------------------------------------------------------


@pytest.fixture
def reusable_story(filed_stories):
    """A CC BY story with a hero we may not share, one body image we may and one we may not."""
    ours = factories.make_image("Our photo", width=640, height=360)
    agency = factories.make_image("Agency photo", width=640, height=360)
    return factories.make_article(
        parent=filed_stories.sections["news"],
        title='Budget "cut" </textarea><script>alert(1)</script> & more',
        standfirst="Councils <b>brace</b> for it.",
        authors=[filed_stories.helen],
        hero_image=agency,
        licence="cc-by-4.0",
        body=[
            {"type": "paragraph", "value": '<p>See <a href="/topics/finance/">finance</a>.</p>'},
            {
                "type": "image",
                "value": {
                    "image": ours.pk,
                    "alt_text": "Ours",
                    "credit": "Photo: PST",
                    "reusable": True,
                },
            },
            {
                "type": "image",
                "value": {
                    "image": agency.pk,
                    "alt_text": "Agency",
                    "credit": "Photo: PA",
                    "reusable": False,
                },
            },
            {
                "type": "read_more",
                "value": {"page": filed_stories.older.pk, "url": "", "title": ""},
            },
        ],
    )


def test_republish_box_gives_the_story_with_attribution_and_a_link_back(client, reusable_story):
    response = client.get(reusable_story.url)
    html = response.content.decode()
    # The headline cannot break out of the textarea: no second script, no raw close tag.
    assert "<script>alert(1)</script>" not in html
    assert html.count("</textarea>") == html.count("<textarea")
    assert "&lt;/textarea&gt;&lt;script&gt;" in html
    tree = lxml_html.fromstring(response.content)
    copy = republish_text(tree)
    assert copy is not None
    url = f"http://testserver{reusable_story.url}"
    pasted = lxml_html.fromstring(f"<div>{copy}</div>")
    assert copy.startswith(f'<link rel="canonical" href="{url}">')
    assert pasted.xpath("//h1")[0].text == reusable_story.title
    assert pasted.xpath("//p")[0].text_content() == "By Helen Carter, News editor at PST"
    assert "Councils <b>brace</b> for it." in pasted.xpath("//p/strong")[0].text
    # Links are absolute; our "Read more" navigation is left out.
    assert 'href="http://testserver/topics/finance/"' in copy
    assert "Older story" not in copy and "READ MORE" not in copy.upper()
    # Images: only the body image marked reusable, with its own credit.
    images = pasted.xpath("//img")
    assert [img.get("alt") for img in images] == ["Ours"]
    assert images[0].get("src").startswith("http://testserver/")
    assert "Photo: PST" in copy and "Photo: PA" not in copy
    # The attribution and the link back.
    assert "First published by Public Sector Today. Licensed under CC BY 4.0." in copy
    assert pasted.xpath("//a[@rel='license']/@href") == [
        "https://creativecommons.org/licenses/by/4.0/"
    ]
    assert url in pasted.xpath("//p[last()]/a/@href")
    # No comments, navigation or scripts of ours.
    for absent in ("<nav", "<script", "comment", "<form"):
        assert absent not in copy.lower()


def test_a_reusable_hero_goes_into_the_copy(client, reusable_story):
    page = reusable_story.specific
    page.hero_reusable = True
    page.hero_credit = "Photo: PST"
    page.save_revision().publish()
    copy = republish_text(doc(client, reusable_story.url))
    alts = [img.get("alt") for img in lxml_html.fromstring(f"<div>{copy}</div>").xpath("//img")]
    assert alts == ["Agency photo description", "Ours"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_turns_rights_texts_into_licences(news_section):
    """Run on SQLite and PostgreSQL: back to the free-text fields, then forward again."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from cms.models import ContentPage

    article = factories.make_article(parent=news_section, title="Open data story")
    plain = factories.make_article(parent=news_section, title="Plain story")
    SiteSettings.for_site(Site.objects.get(is_default_site=True))  # the row to convert

    executor = MigrationExecutor(connection)
    executor.migrate([("cms", "0006_merge_kind_keys_and_editor_name")])
    old = executor.loader.project_state([("cms", "0006_merge_kind_keys_and_editor_name")]).apps
    old.get_model("cms", "ContentPage").objects.filter(pk=article.pk).update(
        rights="Crown copyright. Open Government Licence v3.0"
    )
    old.get_model("cms", "SiteSettings").objects.update(default_rights="CC BY 4.0")

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert ContentPage.objects.get(pk=article.pk).licence == OGL
    assert ContentPage.objects.get(pk=plain.pk).licence == ""
    assert SiteSettings.objects.get().default_licence == "cc-by-4.0"
