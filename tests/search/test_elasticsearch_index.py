"""Keeping a real Elasticsearch index in step with the CMS, through outages and rebuilds."""

import pytest
from django.core.management import CommandError, call_command
from lxml import html
from wagtail.models import PageViewRestriction

from news.models import NewsIndexPage
from scripts._service import free_port
from search import elastic
from search.aliases import indices_behind_alias
from search.drain import drain, send, versioned_operations
from search.indices import rebuild
from search.models import IndexChange
from search.sources import indexable_pages, iter_documents
from tests import factories
from tests.background.helpers import committed
from tests.search.conftest import fresh, indexed

pytestmark = pytest.mark.elasticsearch


def expected_ids():
    return set(indexable_pages().values_list("pk", flat=True))


def test_publishing_indexes_at_once_and_unpublishing_removes(es, sections):
    topic = factories.make_topic("Procurement")
    author = factories.make_author("Helen Carter")
    with committed():
        article = factories.make_article(
            title="Framework saves councils £55m",
            topics=[topic],
            authors=[author],
            body=[
                {
                    "type": "paragraph",
                    "value": "<p>Joint <b>buying</b> &amp; shared contracts.</p>",
                },
                {
                    "type": "pull_quote",
                    "value": {"quote": "Scale matters.", "attribution": "Chair"},
                },
                {
                    "type": "image",
                    "value": {"image": None, "alt_text": "", "caption": "The chamber"},
                },
            ],
        )
    document = indexed(es)[article.pk]
    assert document["title"] == "Framework saves councils £55m"
    assert (
        document["body"] == "Joint buying & shared contracts.\nScale matters.\nChair\nThe chamber"
    )
    assert document["topics"] == [{"slug": "procurement", "name": "Procurement"}]
    assert document["authors"] == [{"slug": "helen-carter", "name": "Helen Carter"}]
    assert document["kind"] == "news"
    assert document["section"] == "news"
    assert document["url"] == article.url
    assert IndexChange.objects.filter(processed_at=None).count() == 0

    with committed():
        page = fresh(article)
        page.title = "Framework saves councils £60m"
        page.save_revision().publish()
    assert indexed(es)[article.pk]["title"] == "Framework saves councils £60m"

    with committed():
        fresh(article).unpublish()
    assert article.pk not in indexed(es)


def test_specific_text_private_pages_moves_and_renames(es, sections):
    topic = factories.make_topic("Health")
    video = factories.make_video(title="Care in conversation", transcript="Agency staff costs.")
    column = factories.make_column(title="Plan for the long term", pull_quote="Multi-year money.")
    article = factories.make_article(title="Trust merges back office", topics=[topic])
    drain()
    documents = indexed(es)
    assert "Agency staff costs." in documents[video.pk]["body"]
    assert documents[column.pk]["kind"] == "last-word"
    assert "Multi-year money." in documents[column.pk]["body"]

    PageViewRestriction.objects.create(
        page=video, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    archive = factories.make_section(NewsIndexPage, "Archive", "archive")
    fresh(article).move(archive, pos="last-child")
    renamed = fresh(topic)
    renamed.name = "Health and care"
    renamed.save()
    drain()
    documents = indexed(es)
    assert video.pk not in documents
    assert documents[article.pk]["url"] == "/archive/trust-merges-back-office/"
    assert documents[article.pk]["section"] == "archive"
    assert documents[article.pk]["topics"][0]["name"] == "Health and care"
    assert set(documents) == expected_ids()


def test_an_older_change_arriving_late_cannot_undo_a_newer_one(es, sections):
    article = factories.make_article(title="Version race")
    (old_document,) = iter_documents(indexable_pages().filter(pk=article.pk))
    # Drain B applies the newer state (tick 20: unpublished) before drain A's older one
    # (tick 10: still live) arrives.
    assert send(versioned_operations([article.pk], {}, 20)) == {}
    assert send(versioned_operations([article.pk], {article.pk: old_document}, 10)) == {}
    assert article.pk not in indexed(es)
    # And the other way round: a newer publish is not removed by an older delete.
    assert send(versioned_operations([article.pk], {article.pk: old_document}, 30)) == {}
    assert send(versioned_operations([article.pk], {}, 25)) == {}
    assert article.pk in indexed(es)


def test_rebuild_swaps_the_alias_and_replays_changes_made_meanwhile(es, sections):
    articles = [factories.make_article(title=f"Story number {n}") for n in range(4)]
    drain()
    old_index = indices_behind_alias(es)
    published_meanwhile = []

    def progress(done, total):
        # Readers keep searching the old index while the new one fills.
        assert len(indexed(es)) >= 4
        if not published_meanwhile:
            published_meanwhile.append(factories.make_article(title="Published mid-rebuild"))
            drain()  # applied to the old index, then replayed into the new one

    report = rebuild(progress=progress, batch_size=1)
    assert report.documents == 4
    assert report.replayed >= 1
    assert indices_behind_alias(es) == [report.index] != old_index
    assert not es.indices.exists(index=old_index[0])
    assert set(indexed(es)) == {a.pk for a in articles} | {published_meanwhile[0].pk}


def test_create_check_and_repair_commands(es, sections, capsys):
    call_command("create_search_index")
    assert "already points at" in capsys.readouterr().out
    article = factories.make_article(title="Checked story")
    drain(refresh=True)
    call_command("check_search_index")
    output = capsys.readouterr().out
    assert "Elasticsearch cluster health green: 1 node\n" in output
    assert "matches the database" in output

    es.delete(index=elastic.alias(), id=str(article.pk), refresh=True)
    with pytest.raises(CommandError, match="does not match"):
        call_command("check_search_index")
    assert f"Missing (1): page ids {article.pk}" in capsys.readouterr().out
    call_command("check_search_index", "--repair")
    assert set(indexed(es)) == {article.pk}


def test_check_command_fails_on_a_red_cluster(es, capsys):
    # An index whose only shard may live on no node: its primary stays unassigned.
    unplaceable = f"{elastic.alias()}-unplaceable"
    es.indices.create(
        index=unplaceable,
        settings={"number_of_replicas": 0, "routing.allocation.require._name": "no-such-node"},
        wait_for_active_shards="0",
    )
    try:
        with pytest.raises(CommandError, match="cluster is red"):
            call_command("check_search_index")
        output = capsys.readouterr().out
        assert "Elasticsearch cluster health red: 1 node, 1 unassigned primary shard" in output
    finally:
        es.indices.delete(index=unplaceable)
    assert elastic.cluster_health().status == "green"


def test_the_next_publish_drains_changes_left_by_an_outage(
    es, elasticsearch_node, sections, settings
):
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{free_port()}"
    with committed():
        first = factories.make_article(title="Written while Elasticsearch was away")
    assert IndexChange.objects.filter(processed_at=None, page_id=first.pk).exists()

    settings.ELASTICSEARCH_URL = elasticsearch_node.url
    elastic.mark_up()  # the back-off after the failure has run out
    with committed():
        second = factories.make_article(title="Written after it came back")
    assert set(indexed(es)) == {first.pk, second.pk}
    assert not IndexChange.objects.filter(processed_at=None).exists()


def test_outage_stop_publish_unpublish_restart_drain(es, elasticsearch_node, sections, client):
    """Stop the node, change things, start it again, drain: the index is exactly right."""
    kept = factories.make_article(title="Kept as it was")
    to_unpublish = factories.make_article(title="To be unpublished")
    to_retitle = factories.make_article(title="Old headline")
    to_delete = factories.make_article(title="To be deleted")
    drain(refresh=True)
    assert set(indexed(es)) == {kept.pk, to_unpublish.pk, to_retitle.pk, to_delete.pk}

    elasticsearch_node.stop()
    try:
        with committed():
            new = factories.make_article(title="Published during the outage")
            fresh(to_unpublish).unpublish()
            page = fresh(to_retitle)
            page.title = "New headline"
            page.save_revision().publish()
            fresh(to_delete).delete()
            draft = factories.make_article(title="Published then unpublished", publish=True)
            fresh(draft).unpublish()
        # Nothing was lost, and readers still get answers.
        assert IndexChange.objects.filter(processed_at=None).count() >= 5
        response = client.get("/search/", {"q": "headline"})
        assert response.status_code == 200
        assert b"simpler mode" in response.content
        with pytest.raises(CommandError, match="unreachable"):
            call_command("drain_search_outbox")
    finally:
        elasticsearch_node.start(timeout=180)

    elastic.mark_up()
    call_command("drain_search_outbox")
    documents = indexed(es)
    assert set(documents) == {kept.pk, to_retitle.pk, new.pk} == expected_ids()
    assert documents[to_retitle.pk]["title"] == "New headline"
    assert not IndexChange.objects.filter(processed_at=None).exists()
    call_command("check_search_index")


def test_related_articles_use_more_like_this(es, sections, client):
    ransomware = "<p>A ransomware attack encrypted the council's servers and backups.</p>"
    first = factories.make_article(
        title="Ransomware attack takes council systems offline",
        body=[{"type": "paragraph", "value": ransomware}],
    )
    similar = factories.make_article(
        title="Council restores systems weeks after ransomware attack",
        body=[{"type": "paragraph", "value": ransomware}],
    )
    factories.make_article(title="Parks budget frozen for a year")
    factories.make_article(title="Ransomware insurance premiums double")
    drain(refresh=True)

    response = client.get(first.url)
    related = html.fromstring(response.content).xpath(
        "//section[@aria-labelledby='related-articles-heading']//h3"
    )
    titles = [h.text_content().strip() for h in related]
    # No topics in common: only more_like_this can find these, best match first.
    assert titles[0] == similar.title
    assert "Parks budget frozen for a year" not in titles
