"""Every page type renders with content; bad input is a 404, never a 500."""

import pytest
from bs4 import BeautifulSoup

from tests import factories


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.django_db
def test_home_page_shows_lead_latest_last_word_and_tv(client, content):
    page = soup(client.get("/"))
    assert page.select_one(".home__lead .teaser__title").get_text(strip=True) == (
        "Mayor announces bus plan"
    )
    latest = [t.get_text(strip=True) for t in page.select(".home__latest .teaser__title")]
    assert latest == ["Council sets budget"]
    assert "Funding must be multi-year" in page.select_one(".home__last-word").get_text()
    assert "In conversation with a council leader" in page.select_one(".home__tv").get_text()


@pytest.mark.django_db
def test_section_listing_has_dated_teasers(client, content):
    response = client.get(content["sections"]["news"].url)
    assert response.status_code == 200
    page = soup(response)
    titles = [a.get_text(strip=True) for a in page.select(".listing .teaser__title a")]
    assert titles == ["Mayor announces bus plan", "Council sets budget"]
    date = page.select(".listing time")[1]
    assert date.get_text() == content["first"].sort_date.astimezone().strftime("%d/%m/%Y")


@pytest.mark.django_db
def test_article_page_renders_every_part(client, content):
    article = content["article"]
    page = soup(client.get(article.url))
    assert page.h1.get_text(strip=True) == "Mayor announces bus plan"
    byline = page.select_one(".byline")
    assert [a.get_text() for a in byline.select("a")] == ["Helen Carter", "Rob Whiteman"]
    assert "CEO at CIPFA" in byline.get_text()
    read_more = page.select_one(".read-more")
    assert read_more.get_text(" ", strip=True) == "READ MORE: Council sets budget"
    assert read_more.a["href"] == content["first"].url
    assert page.select_one(".pull-quote blockquote").get_text(strip=True) == "Buses matter."
    assert page.select_one(".factbox h2").get_text() == "Key facts"
    assert [a.get_text() for a in page.select(".topic-links a")] == ["Finance", "Local government"]


@pytest.mark.django_db
def test_hero_image_has_caption_and_credit(client, content):
    page = soup(client.get(content["first"].url))
    figure = page.select_one(".story__hero")
    assert figure.img["src"].startswith("/media/images/")
    assert "The town hall" in figure.figcaption.get_text()
    assert figure.select_one(".credit").get_text() == "Photo: PST"


@pytest.mark.django_db
def test_video_page_embeds_offline_player_and_transcript(client, content):
    page = soup(client.get(content["video"].url))
    player = page.select_one("[data-video-embed]")
    assert player["data-src"] == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?rel=0"
    assert player.a["href"] == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    assert page.find("iframe") is None, "no third-party request before the reader presses play"
    assert "Guest: Thank you." in page.select_one(".transcript").get_text()
    assert "12:30" in page.select_one(".story__video figcaption").get_text()


@pytest.mark.django_db
def test_topic_and_author_pages_list_all_kinds_of_content(client, content):
    topic_page = soup(client.get("/topics/local-government/"))
    assert topic_page.h1.get_text() == "Local government"
    titles = {a.get_text(strip=True) for a in topic_page.select(".teaser__title a")}
    assert titles == {
        "Mayor announces bus plan",
        "Council sets budget",
        "In conversation with a council leader",
    }
    author_page = soup(client.get("/authors/rob-whiteman/"))
    assert "CIPFA" in author_page.select_one(".author-profile").get_text()
    titles = {a.get_text(strip=True) for a in author_page.select(".teaser__title a")}
    assert titles == {"Mayor announces bus plan", "Funding must be multi-year"}


def index_counts(response):
    """{name: count} from the topic or author index."""
    found = {}
    for item in soup(response).select("main li"):
        link, count = item.select_one("a"), item.select_one(".count")
        if link and count:
            found[link.get_text(strip=True)] = int(count.get_text(strip=True).strip("()"))
    return found


@pytest.mark.django_db
def test_topic_and_author_indexes_count_live_items_and_follow_publishing(client, content):
    assert index_counts(client.get("/topics/")) == {"Finance": 2, "Local government": 3}
    assert index_counts(client.get("/authors/")) == {"Helen Carter": 3, "Rob Whiteman": 2}
    # Counts are kept per change stamp: the next publish or unpublish shows at once.
    factories.make_article(title="Another budget", topics=[content["other"]])
    content["column"].unpublish()
    assert index_counts(client.get("/topics/")) == {"Finance": 2, "Local government": 3}
    assert index_counts(client.get("/authors/")) == {"Helen Carter": 3, "Rob Whiteman": 1}


@pytest.mark.django_db
def test_drafts_do_not_appear_anywhere(client, content):
    draft = factories.make_article(
        title="Embargoed story", topics=[content["topic"]], publish=False
    )
    for url in ("/", "/topics/local-government/", content["sections"]["news"].url):
        assert b"Embargoed story" not in client.get(url).content
    assert client.get(draft.url or "/news/embargoed-story/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/topics/no-such-topic/", "/authors/nobody/", "/news/nothing/"])
def test_unknown_slugs_are_404(client, content, url):
    response = client.get(url)
    assert response.status_code == 404
    assert b"Page not found" in response.content


LISTING_URLS = ("/news/", "/topics/local-government/", "/authors/helen-carter/")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "page=abc",
        "page=0",
        "page=-1",
        "page=1.5",
        "page=%C2%B2",  # "²": str.isdigit() says yes, int() says no
        "page=%E2%91%A0",  # "①"
        "page=%D9%A3",  # an Arabic-Indic three, which int() would accept
        "page=99999999999999999999",
        "page=1&page=2",
    ],
)
def test_malformed_page_numbers_are_400(client, content, query):
    for url in LISTING_URLS:
        response = client.get(f"{url}?{query}")
        assert response.status_code == 400, url
        assert b"whole number" in response.content or b"only once" in response.content


@pytest.mark.django_db
def test_a_page_past_the_last_is_404_and_a_blank_one_is_the_first(client, content):
    for url in LISTING_URLS:
        assert client.get(f"{url}?page=99999").status_code == 404
        assert client.get(f"{url}?page=").status_code == 200


@pytest.mark.django_db
def test_pagination_pages_through_listing(client, sections, settings):
    settings.LISTING_PAGE_SIZE = 2
    for number in range(5):
        factories.make_article(title=f"Story {number}", when=factories.days_ago(number))
    url = sections["news"].url
    first = soup(client.get(url))
    assert [a.get_text() for a in first.select(".teaser__title a")] == ["Story 0", "Story 1"]
    assert first.select_one('a[rel="next"]')["href"] == "?page=2"
    last = soup(client.get(url + "?page=3"))
    assert [a.get_text() for a in last.select(".teaser__title a")] == ["Story 4"]
    assert last.select_one('a[rel="next"]') is None


@pytest.mark.django_db
def test_pages_are_accessible_landmarks(client, content):
    page = soup(client.get(content["article"].url))
    assert page.html["lang"] == "en-GB"
    assert page.select_one("a.skip-link")["href"] == "#main"
    assert page.find("main", id="main") is not None
    assert len(page.find_all("h1")) == 1
    assert page.select_one("label[for=site-search-q]") is not None
    for img in page.find_all("img"):
        assert img.has_attr("alt")
