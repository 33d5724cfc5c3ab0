"""Most read behind a real Varnish: the article comes from the cache, yet every reader's
beacon reaches the app and is counted (once per reader)."""

import pytest

from tests import factories
from tests.mostread.helpers import BROWSER, reads
from tests.serving.conftest import request
from tests.serving.test_site_through_varnish import HOST, app, read, varnish

pytestmark = [pytest.mark.proxy, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
__all__ = ["app", "varnish"]  # fixtures, used by name


def test_reads_of_a_cached_page_are_counted_through_the_proxy(varnish, news_section, settings):
    settings.COMMENTS_TRUSTED_PROXIES = 1  # behind Varnish, as `make serve` sets it
    article = factories.make_article(title="Read from the cache")
    assert read(varnish, article.url).cache == "MISS"

    readers = [BROWSER.replace("Chrome/131", f"Chrome/{version}") for version in (120, 121, 122)]
    answers = []
    for agent in [*readers, readers[0]]:  # the first reader reloads
        assert read(varnish, article.url).cache == "HIT"
        headers = {
            **HOST,
            "Origin": "http://testserver",
            "Sec-Fetch-Site": "same-origin",
            "User-Agent": agent,
            "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8",
        }
        answers.append(request(varnish, "/most-read/count/", "POST", headers, f"page={article.pk}"))

    assert [(answer.status, answer.cache) for answer in answers] == [(204, "PASS")] * 4
    assert reads() == {article.pk: 3}
