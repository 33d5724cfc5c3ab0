"""Offline video embeds: YouTube and Vimeo URLs become privacy-friendly players.

No request ever leaves the server. The embed is a "click to play" facade: a link to the
video that works without JavaScript, which `static/js/site.js` swaps for a no-cookie
iframe only when the reader presses play.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from django.utils.html import format_html
from wagtail.embeds.exceptions import EmbedNotFoundException
from wagtail.embeds.finders.base import EmbedFinder

YOUTUBE_HOSTS = {
    "youtube.com",
    "www.youtube.com",
    "m.youtube.com",
    "music.youtube.com",
    "youtube-nocookie.com",
    "www.youtube-nocookie.com",
}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}
YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
VIMEO_ID = re.compile(r"^\d{6,12}$")
SUPPORTED_PROVIDERS_MESSAGE = (
    "Only YouTube and Vimeo videos can be embedded. Paste the video's address, "
    "for example https://www.youtube.com/watch?v=… or https://vimeo.com/…"
)


@dataclass(frozen=True)
class Video:
    """A video recognised from its URL."""

    provider: str
    video_id: str
    watch_url: str
    player_url: str


def _parse_start(value):
    """Turn YouTube's `t` parameter ("90", "90s", "1m30s") into whole seconds."""
    match = re.fullmatch(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?", value or "")
    if not match or not any(match.groups()):
        return 0
    hours, minutes, seconds = (int(part or 0) for part in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def parse_video_url(url):
    """Recognise a YouTube or Vimeo URL; return a `Video`, or None for anything else."""
    try:
        parts = urlsplit((url or "").strip())
    except ValueError:
        return None
    if parts.scheme not in {"http", "https"}:
        return None
    host = (parts.hostname or "").lower()
    segments = [segment for segment in parts.path.split("/") if segment]
    query = parse_qs(parts.query)

    if host in YOUTUBE_HOSTS or host == "youtu.be":
        video_id = None
        if host == "youtu.be" and segments:
            video_id = segments[0]
        elif segments[:1] == ["watch"]:
            video_id = (query.get("v") or [None])[0]
        elif len(segments) >= 2 and segments[0] in {"embed", "shorts", "live", "v"}:
            video_id = segments[1]
        if not video_id or not YOUTUBE_ID.match(video_id):
            return None
        start = _parse_start((query.get("t") or query.get("start") or [""])[0])
        suffix = f"&start={start}" if start else ""
        return Video(
            provider="YouTube",
            video_id=video_id,
            watch_url=f"https://www.youtube.com/watch?v={video_id}",
            player_url=f"https://www.youtube-nocookie.com/embed/{video_id}?rel=0{suffix}",
        )

    if host in VIMEO_HOSTS:
        numeric = [segment for segment in segments if VIMEO_ID.match(segment)]
        if not numeric:
            return None
        video_id = numeric[0]
        return Video(
            provider="Vimeo",
            video_id=video_id,
            watch_url=f"https://vimeo.com/{video_id}",
            player_url=f"https://player.vimeo.com/video/{video_id}?dnt=1",
        )
    return None


def video_embed_html(video, title="Video"):
    """The click-to-play facade for a recognised video."""
    return format_html(
        '<div class="video-embed" data-video-embed data-src="{player}" data-title="{title}">'
        '<a class="video-embed__link" href="{watch}">Watch “{title}” on {provider}</a>'
        '<p class="video-embed__notice">Playing the video here loads it from {provider}, '
        "which may set cookies.</p></div>",
        player=video.player_url,
        watch=video.watch_url,
        title=title,
        provider=video.provider,
    )


class VideoEmbedFinder(EmbedFinder):
    """Wagtail embed finder for YouTube and Vimeo that works with no network at all."""

    def __init__(self, **options):
        self.options = options

    def accept(self, url):
        return parse_video_url(url) is not None

    def find_embed(self, url, max_width=None, max_height=None):
        video = parse_video_url(url)
        if video is None:
            raise EmbedNotFoundException(SUPPORTED_PROVIDERS_MESSAGE)
        return {
            "title": f"{video.provider} video",
            "author_name": "",
            "provider_name": video.provider,
            "type": "video",
            "thumbnail_url": "",
            "width": 640,
            "height": 360,
            "html": str(video_embed_html(video, title=f"{video.provider} video")),
        }
