"""News sections, articles and the TV strand."""

from news.models.article import ArticlePage, NewsIndexPage
from news.models.corrections import Correction
from news.models.video import VideoIndexPage, VideoPage

__all__ = ["ArticlePage", "Correction", "NewsIndexPage", "VideoIndexPage", "VideoPage"]
