"""Video embeds are made from the URL alone, with no network, and unknown providers fail clearly."""

import socket

import pytest
from django.core.exceptions import ValidationError
from wagtail.embeds import embeds
from wagtail.embeds.blocks import EmbedValue
from wagtail.embeds.exceptions import EmbedException, EmbedNotFoundException
from wagtail.embeds.finders import get_finders

from cms.blocks import VideoBlock
from cms.embeds import VideoEmbedFinder, parse_video_url
from news.models import VideoPage


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Any attempt to open a connection fails the test: embeds must work offline."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    get_finders.cache_clear()
    yield
    get_finders.cache_clear()


@pytest.mark.parametrize(
    ("url", "provider", "player"),
    [
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "YouTube",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?rel=0",
        ),
        (
            "https://youtu.be/dQw4w9WgXcQ?t=1m30s",
            "YouTube",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?rel=0&start=90",
        ),
        (
            "https://m.youtube.com/shorts/aqz-KE-bpKQ",
            "YouTube",
            "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?rel=0",
        ),
        (
            "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ",
            "YouTube",
            "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?rel=0",
        ),
        ("https://vimeo.com/76979871", "Vimeo", "https://player.vimeo.com/video/76979871?dnt=1"),
        (
            "https://player.vimeo.com/video/148751763",
            "Vimeo",
            "https://player.vimeo.com/video/148751763?dnt=1",
        ),
        (
            "https://vimeo.com/channels/staffpicks/76979871",
            "Vimeo",
            "https://player.vimeo.com/video/76979871?dnt=1",
        ),
    ],
)
def test_known_video_urls_become_privacy_friendly_players(url, provider, player):
    video = parse_video_url(url)
    assert (video.provider, video.player_url) == (provider, player)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.dailymotion.com/video/x7tgad0",
        "https://www.youtube.com/watch?v=short",
        "https://www.youtube.com/watch",
        "https://vimeo.com/about",
        "javascript:alert(1)//youtube.com/watch?v=dQw4w9WgXcQ",
        "ftp://youtube.com/watch?v=dQw4w9WgXcQ",
        "not a url",
        "",
        "https://evil.example/?u=https://youtube.com/watch?v=dQw4w9WgXcQ",
    ],
)
def test_anything_else_is_not_a_video(url):
    assert parse_video_url(url) is None


@pytest.mark.django_db
def test_wagtail_embeds_use_our_finder_offline():
    embed = embeds.get_embed("https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    assert embed.provider_name == "YouTube"
    assert 'data-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?rel=0"' in embed.html
    with pytest.raises(EmbedException):
        embeds.get_embed("https://www.dailymotion.com/video/x7tgad0")


def test_finder_refuses_unknown_providers_with_a_clear_message():
    finder = VideoEmbedFinder()
    assert not finder.accept("https://example.com/video.mp4")
    with pytest.raises(EmbedNotFoundException, match="Only YouTube and Vimeo"):
        finder.find_embed("https://example.com/video.mp4")


@pytest.mark.django_db
def test_video_block_rejects_unknown_provider_with_editor_message():
    block = VideoBlock()
    value = block.to_python({"video": "https://www.dailymotion.com/video/x7tgad0", "caption": ""})
    with pytest.raises(ValidationError) as error:
        block.clean(value)
    assert "Only YouTube and Vimeo" in str(error.value.block_errors["video"])
    good = block.clean(block.to_python({"video": "https://vimeo.com/76979871", "caption": "x"}))
    assert isinstance(good["video"], EmbedValue)
    assert "player.vimeo.com/video/76979871" in block.render(good)


@pytest.mark.django_db
def test_video_page_validation_names_the_field():
    page = VideoPage(title="Clip", slug="clip", video_url="https://www.dailymotion.com/video/x")
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "video_url" in error.value.message_dict
