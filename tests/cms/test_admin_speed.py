"""The admin's busiest pages cost a fixed number of queries, whatever a section holds."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.cms.test_workflow import user_in


def queries_for(client, url):
    client.get(url)  # warm: sessions, permissions and site caches filled
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def add_articles(section, count, author, topic):
    for _ in range(count):
        factories.make_article(
            parent=section,
            title=f"Story {section.get_children_count() + 1}",
            authors=[author],
            topics=[topic],
        )


def test_the_news_section_explorer_is_flat_in_its_number_of_stories(client, news_section):
    client.force_login(user_in("Editors", "eddie"))
    author, topic = factories.make_author("Tom Ellison"), factories.make_topic("Housing")
    explorer = f"/admin/pages/{news_section.pk}/"

    add_articles(news_section, 5, author, topic)
    with_five = queries_for(client, explorer)
    add_articles(news_section, 45, author, topic)
    with_fifty = queries_for(client, explorer)

    assert with_fifty == with_five


def test_the_dashboard_is_flat_in_the_number_of_drafts_and_comments(client, news_section):
    editor = user_in("Editors", "eddie")
    client.force_login(editor)
    article = factories.make_article(title="Commented")

    def add(count):
        for n in range(count):
            draft = factories.make_article(title=f"Draft {n}-{count}", publish=False)
            draft.owner = editor
            draft.save()
            factories.make_comment(article, f"Waiting comment {n}-{count}")

    add(2)
    with_two = queries_for(client, "/admin/")
    add(20)
    assert queries_for(client, "/admin/") == with_two
