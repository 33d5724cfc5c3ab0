"""Each rule of deploy/varnish/default.vcl, on a real Varnish in front of a scripted origin
that records exactly what reaches it."""

import time

import pytest

from tests.serving.conftest import Page, request

pytestmark = pytest.mark.proxy


def test_anonymous_readers_share_one_cached_copy(proxy, origin, path):
    first = request(proxy, path)
    before = proxy.stat("MAIN.backend_req")
    second = request(proxy, path)

    assert (first.status, first.cache) == (200, "MISS")
    assert (second.status, second.cache, second.body) == (200, "HIT", first.body)
    assert int(second.headers["age"]) >= 0
    assert proxy.stat("MAIN.backend_req") == before  # answered without asking the origin
    assert len(origin.requests_for(path)) == 1


def test_cookies_other_than_the_session_are_dropped(proxy, origin, path):
    first = request(proxy, path, headers={"Cookie": "csrftoken=abc; _ga=GA1.1.2"})
    second = request(proxy, path, headers={"Cookie": "_ga=GA1.1.3"})
    third = request(proxy, path)

    assert (first.cache, second.cache, third.cache) == ("MISS", "HIT", "HIT")
    [seen] = origin.requests_for(path)
    assert "Cookie" not in seen.headers


def test_signed_in_users_bypass_the_cache_with_their_cookies(proxy, origin, path):
    request(proxy, path)  # an anonymous copy is cached
    cookie = "csrftoken=abc; sessionid=editor-session"
    answers = [request(proxy, path, headers={"Cookie": cookie}) for _ in range(2)]

    assert [answer.cache for answer in answers] == ["PASS", "PASS"]
    seen = origin.requests_for(path)
    assert len(seen) == 3
    assert [s.headers.get("Cookie") for s in seen[1:]] == [cookie, cookie]


def test_posts_always_reach_the_origin(proxy, origin, path):
    request(proxy, path)
    answer = request(
        proxy,
        path,
        method="POST",
        body="comment=Hello",
        headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": "csrftoken=t"},
    )

    assert answer.cache == "PASS"
    post = origin.requests_for(path)[-1]
    assert (post.method, post.body, post.headers["Cookie"]) == (
        "POST",
        b"comment=Hello",
        "csrftoken=t",
    )


@pytest.mark.parametrize(
    "endpoint",
    ["/admin/", "/admin/pages/3/edit/", "/comments/token/", "/comments/post/", "/healthz/"],
)
def test_admin_and_comment_endpoints_are_never_cached(proxy, origin, endpoint):
    answers = [request(proxy, endpoint, headers={"Cookie": "csrftoken=t"}) for _ in range(2)]

    assert [answer.cache for answer in answers] == ["PASS", "PASS"]
    seen = origin.requests_for(endpoint)[-2:]
    assert [s.headers.get("Cookie") for s in seen] == ["csrftoken=t", "csrftoken=t"]


def test_the_most_read_beacon_always_reaches_the_app_with_the_readers_headers(proxy, origin):
    # The origin would let Varnish cache this path: only the pass rule keeps it out.
    beacon = "/most-read/count/"
    headers = {
        "Origin": "http://news.example",
        "Sec-Fetch-Site": "same-origin",
        "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0",
        "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8",
        "Cookie": "_ga=GA1.1.2",
    }
    posts = [request(proxy, beacon, "POST", headers, body="page=7") for _ in range(2)]
    reads = [request(proxy, beacon) for _ in range(2)]

    assert [answer.cache for answer in posts + reads] == ["PASS"] * 4
    seen = origin.requests_for(beacon)
    assert [s.method for s in seen] == ["POST", "POST", "GET", "GET"]
    assert seen[0].body == b"page=7"
    assert {name: seen[0].headers.get(name) for name in headers} == headers


def test_tracking_parameters_are_stripped_from_the_key_and_the_origin_request(proxy, origin, path):
    first = request(proxy, f"{path}?utm_source=mail&page=2&fbclid=IwAR0&gclid=Cj0&UTM_Medium=x")
    again = request(proxy, f"{path}?page=2&utm_campaign=budget")
    plain = request(proxy, f"{path}?page=2")
    bare = request(proxy, f"{path}?utm_source=mail")

    assert (first.cache, again.cache, plain.cache) == ("MISS", "HIT", "HIT")
    assert bare.cache == "MISS"
    assert [seen.path for seen in origin.requests_for(path)] == [f"{path}?page=2", path]


@pytest.mark.parametrize(
    "headers",
    [
        {"Cache-Control": "public, max-age=60", "Set-Cookie": "csrftoken=new; Path=/"},
        {"Cache-Control": "private, max-age=60"},
        {"Cache-Control": "no-cache"},
    ],
    ids=["sets-a-cookie", "private", "no-cache"],
)
def test_responses_with_a_cookie_or_marked_private_are_never_shared(proxy, origin, path, headers):
    origin.pages[path] = Page("for one reader", headers)
    answers = [request(proxy, path) for _ in range(3)]

    assert [answer.cache for answer in answers] == ["PASS", "PASS", "PASS"]
    assert len(origin.requests_for(path)) == 3


def test_purge_from_another_address_is_refused(proxy, origin, path):
    request(proxy, path)
    refused = request(proxy, path, method="PURGE", source="127.0.0.2")
    after = request(proxy, path)

    assert refused.status == 403
    assert after.cache == "HIT"
    assert len(origin.requests_for(path)) == 1


def test_after_a_purge_readers_get_the_previous_copy_for_half_a_second_at_most(proxy, origin, path):
    origin.pages[path] = Page("first version")
    assert request(proxy, path).body == "first version"
    origin.pages[path] = Page("second version", delay=1.0)  # a slow origin

    started = time.monotonic()
    purged = request(proxy, path, method="PURGE")
    purge_took = time.monotonic() - started
    during = request(proxy, path)  # starts the fetch of the fresh page; does not wait for it
    waited = time.monotonic() - started
    time.sleep(max(0.0, started + 0.6 - time.monotonic()))
    after = request(proxy, path)  # past the half second: waits for that fetch

    assert (purged.status, purge_took < 0.3) == (200, True)  # the purge waits for nothing
    assert (during.body, during.cache, waited < 0.5) == ("first version", "HIT", True)
    assert after.body == "second version"
    # One fetch when first read, one started by the first reader after the purge.
    assert len(origin.requests_for(path)) == 2


@pytest.mark.parametrize("marked", [True, False], ids=["marked", "unmarked"])
def test_a_page_made_while_a_change_committed_is_kept_as_if_purged(proxy, origin, path, marked):
    """A background refresh that began before a change committed ends after the change's
    purge: the app marks such a page (cms/middleware.py), and the proxy does not keep it
    as fresh. Unmarked, the old state would stay for the page's whole s-maxage."""
    origin.pages[path] = Page("first", {"Cache-Control": "public, max-age=60, s-maxage=1"})
    request(proxy, path)
    time.sleep(1.1)  # expired: the next reader gets it in grace and starts a refresh
    headers = {"Cache-Control": "public, max-age=60, s-maxage=60"}
    if marked:
        headers["X-Changed-While-Rendering"] = "1"
    origin.pages[path] = Page("made during the change", headers, delay=0.4)
    assert request(proxy, path).body == "first"
    time.sleep(0.1)
    assert request(proxy, path, method="PURGE").status == 200  # the change's purge
    time.sleep(0.4)  # the refresh is in
    origin.pages[path] = Page("after the change")

    time.sleep(0.6)  # past the half second of grace a purge leaves
    answer = request(proxy, path)

    if marked:
        assert (answer.body, answer.cache) == ("after the change", "MISS")
        assert "x-changed-while-rendering" not in answer.headers
    else:
        assert (answer.body, answer.cache) == ("made during the change", "HIT")


def test_purging_a_page_nobody_read_yet_fetches_nothing(proxy, origin, path):
    assert request(proxy, path, method="PURGE").status == 200
    assert origin.requests_for(path) == []
    assert [request(proxy, path).cache for _ in range(2)] == ["MISS", "HIT"]


def test_each_reader_gets_the_id_of_their_own_request(proxy, origin, path):
    fetched = request(proxy, path)
    cached = request(proxy, path, headers={"X-Request-ID": "from-the-load-balancer"})

    assert (fetched.cache, cached.cache) == ("MISS", "HIT")
    # The app was asked with the proxy's id, which the reader who caused the fetch got back.
    assert origin.requests_for(path)[0].headers["X-Request-ID"] == fetched.headers["x-request-id"]
    assert fetched.headers["x-request-id"].isascii() and fetched.headers["x-request-id"].isdigit()
    assert cached.headers["x-request-id"] == "from-the-load-balancer"
