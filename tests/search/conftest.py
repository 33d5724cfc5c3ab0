"""A real Elasticsearch node for the @pytest.mark.elasticsearch tests.

One node per test session, started the first time a test asks for it with
scripts/elasticsearch_node.py (integ-test-zip from Maven Central plus the analysis plugin);
the @pytest.mark.escluster tests get a three-node cluster of their own the same way.
If either cannot start, every test that needs it fails: they are skipped only when
SKIP_ELASTICSEARCH=1 is set for a quick local run (CI never sets it). Each session uses its
own index prefix, and each test gets a fresh, empty index.
"""

import os
import shutil
import tempfile
import uuid

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import override_settings
from wagtail.models import Site

from news.models import NewsIndexPage, VideoIndexPage
from opinion.models import LastWordIndexPage
from scripts._service import free_port
from scripts.elasticsearch_node import ElasticsearchCluster, ElasticsearchNode
from search import elastic
from search.aliases import ensure_index
from search.documents import ContentDocument
from search.indices import rebuild
from tests import factories as f
from tests.background.helpers import run_due_tasks

SESSION_PREFIX = f"test-{uuid.uuid4().hex[:8]}"


def start_or_fail(service, what, timeout=180, cleanup=None):
    """Start an Elasticsearch node or cluster for the session; skipped only with
    SKIP_ELASTICSEARCH=1, and any failure to start is a test failure, never a skip."""
    if os.environ.get("SKIP_ELASTICSEARCH") == "1":
        pytest.skip("SKIP_ELASTICSEARCH=1: Elasticsearch tests skipped for a quick local run")
    try:
        service.ensure_installed()
        service.start(timeout=timeout)
    except Exception as exc:
        if cleanup:
            cleanup()
        pytest.fail(f"{what} could not start: {exc}", pytrace=False)
    return service


@pytest.fixture(scope="session")
def elasticsearch_node():
    """The session's Elasticsearch node (same port and data across stop()/start())."""
    data = tempfile.mkdtemp(prefix="cms-test-es-data-")
    os.chmod(data, 0o755)
    node = ElasticsearchNode(port=free_port(), data_dir=data, die_with_parent=True)
    start_or_fail(node, "Elasticsearch", cleanup=lambda: shutil.rmtree(data, ignore_errors=True))
    yield node
    node.stop()
    shutil.rmtree(data, ignore_errors=True)


@pytest.fixture(scope="session")
def elasticsearch_cluster():
    """Three Elasticsearch nodes as one cluster, each with its own data (the
    @pytest.mark.escluster tests); started beside the session's single node."""
    cluster = ElasticsearchCluster(die_with_parent=True)
    # The three JVMs start at once on a shared 2-core machine.
    yield start_or_fail(cluster, "The three-node Elasticsearch cluster", timeout=300)
    cluster.stop()


@pytest.fixture
def es(elasticsearch_node, settings, db):
    """Search on the session's node with a fresh, empty index; yields the client."""
    settings.ELASTICSEARCH_URL = elasticsearch_node.url
    settings.ELASTICSEARCH_INDEX_PREFIX = SESSION_PREFIX
    elastic.mark_up()
    client = elastic.maintenance_client()
    client.options(ignore_status=404).indices.delete(index=f"{SESSION_PREFIX}-content*")
    ensure_index(client)
    yield client
    cache.clear()


@pytest.fixture
def dead_elasticsearch(settings, db):
    """ELASTICSEARCH_URL pointing at a port where nothing listens: an outage, no node needed."""
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{free_port()}"
    settings.ELASTICSEARCH_INDEX_PREFIX = SESSION_PREFIX
    elastic.mark_up()
    yield settings.ELASTICSEARCH_URL
    cache.clear()


class Newsroom:
    """A small publication to search: three topics, two authors, seven published items."""

    def __init__(self):

        self.housing = f.make_topic("Housing")
        self.finance = f.make_topic("Finance")
        self.health = f.make_topic("Health & social care", slug="health")
        self.asha = f.make_author("Asha Patel", role="Housing correspondent")
        self.tom = f.make_author("Tom Reid")
        self.budget = f.make_article(
            title="Councils approve budget for new social housing",
            standfirst="Five authorities agree to borrow to build.",
            body=paragraphs("The local authority will borrow against its rents to build homes."),
            topics=[self.housing, self.finance],
            authors=[self.asha],
            when=f.days_ago(2),
        )
        self.waiting = f.make_article(
            title="NHS waiting lists fall for the first time in a year",
            standfirst="Hospitals report shorter queues for operations.",
            body=paragraphs("Trusts said extra theatre capacity had made the difference."),
            topics=[self.health],
            authors=[self.tom],
            when=f.days_ago(10),
        )
        self.pay = f.make_article(
            title="Pay deal agreed for nurses",
            standfirst="The National Health Service settles with its unions.",
            body=paragraphs("Nurses will receive a rise backdated to April."),
            topics=[self.health, self.finance],
            authors=[self.tom],
            when=f.days_ago(40),
        )
        self.bins = f.make_article(
            title="Bin collection outsourced to save money",
            standfirst="Waste services move to a private contractor.",
            body=paragraphs("Councillors voted narrowly for the change."),
            topics=[self.finance],
            authors=[self.tom],
            when=f.days_ago(400),
        )
        self.homes = f.make_article(
            title="Housing association builds 400 homes",
            standfirst="The largest scheme in the region for a decade.",
            body=paragraphs("Tenants will move in next spring, the association said."),
            topics=[self.housing],
            authors=[self.asha],
            when=f.days_ago(5),
        )
        self.column = f.make_column(
            title="Why councils must build homes again",
            standfirst="Councils stopped building in the 1980s. It is time to start.",
            body=paragraphs("Every council should have a building programme."),
            pull_quote="Bricks outlast manifestos.",
            topics=[self.housing],
            columnist=self.asha,
            when=f.days_ago(3),
        )
        self.video = f.make_video(
            title="In conversation: the social care workforce",
            standfirst="A care home manager on recruitment.",
            transcript="We talk about the integrated care board and agency staff.",
            topics=[self.health],
            authors=[self.tom],
            when=f.days_ago(1),
        )
        self.draft = f.make_article(
            title="Draft: secret housing plans", topics=[self.housing], publish=False
        )

    @property
    def published(self):
        return [self.budget, self.waiting, self.pay, self.bins, self.homes, self.column, self.video]


def fresh(instance):
    """A new copy from the database: module-scoped objects are shared by tests."""
    return type(instance).objects.get(pk=instance.pk)


def indexed(es):
    """{page id: document source} of everything in the index now."""
    es.indices.refresh(index=elastic.alias())
    search = ContentDocument.search(using=es, index=elastic.alias()).params(size=1000)
    return {int(hit.meta.id): hit.to_dict() for hit in search.scan()}


def paragraphs(*texts):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"} for text in texts]


def make_sections():
    """What the `site` and `sections` fixtures make, for module-scoped data."""

    f.restore_base_content()
    Site.objects.filter(is_default_site=True).update(hostname="testserver", port=80)
    f.make_section(NewsIndexPage, "Latest Public Sector News", "news")
    f.make_section(LastWordIndexPage, "Last word", "last-word")
    f.make_section(VideoIndexPage, "TV", "tv")


@pytest.fixture(scope="module")
def newsroom(django_db_setup, django_db_blocker):
    """The Newsroom, built once per test module inside a transaction rolled back after it.

    Each test still runs in its own savepoint, so what a test changes is undone.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        make_sections()
        newsroom = Newsroom()
        run_due_tasks()  # the worker: Wagtail's search index updates for the database engine
        yield newsroom
        transaction.set_rollback(True)
    cache.clear()


@pytest.fixture(
    scope="module",
    params=["database", pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)],
)
def engine(request, newsroom, django_db_blocker):
    """Run a module's tests once per engine: the database, then a real Elasticsearch node
    holding the newsroom (indexed once for the module)."""
    if request.param == "database":
        yield "database"
        return
    node = request.getfixturevalue("elasticsearch_node")
    prefix = f"{SESSION_PREFIX}-module"
    with override_settings(ELASTICSEARCH_URL=node.url, ELASTICSEARCH_INDEX_PREFIX=prefix):
        elastic.mark_up()
        with django_db_blocker.unblock():
            rebuild()
        yield "elasticsearch"
        elastic.maintenance_client().options(ignore_status=404).indices.delete(index=f"{prefix}-*")


@pytest.fixture
def search(client, engine):
    """GET a search URL; results pages must say the expected engine answered (no fallback)."""

    def get(params=None, path="/search/"):
        response = client.get(path, params or {})
        if b"data-engine=" in response.content:
            assert f'data-engine="{engine}"'.encode() in response.content
        return response

    return get


@pytest.fixture(autouse=True)
def fresh_cache():
    """Search caches (the spelling vocabulary, Elasticsearch back-off) do not leak."""
    yield
    cache.clear()
