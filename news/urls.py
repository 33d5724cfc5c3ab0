from django.urls import path

from news import sitemaps, views
from news.api import api_router
from news.feeds import views as feeds

urlpatterns = [
    path("api/v2/", api_router.urls),
    path("robots.txt", sitemaps.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemaps.sitemap_section, name="sitemap_section"),
    path("news-sitemap.xml", sitemaps.news_sitemap, name="news_sitemap"),
    path("topics/", views.topic_list, name="topic_list"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic_detail"),
    path("authors/", views.author_list, name="author_list"),
    path("authors/<slug:slug>/", views.author_detail, name="author_detail"),
    # Feeds: `…/feed/` is RSS 2.0, `…/feed/atom/` is Atom 1.0.
    path("feeds/", feeds.feed_index, name="feed_index"),
    path("feeds/rss/", feeds.site_feed, {"format": "rss"}, name="site_feed"),
    path("feeds/atom/", feeds.site_feed, {"format": "atom"}, name="site_feed_atom"),
    path("topics/<slug:slug>/feed/", feeds.topic_feed, {"format": "rss"}, name="topic_feed"),
    path(
        "topics/<slug:slug>/feed/atom/",
        feeds.topic_feed,
        {"format": "atom"},
        name="topic_feed_atom",
    ),
    path("authors/<slug:slug>/feed/", feeds.author_feed, {"format": "rss"}, name="author_feed"),
    path(
        "authors/<slug:slug>/feed/atom/",
        feeds.author_feed,
        {"format": "atom"},
        name="author_feed_atom",
    ),
    # Sections and focus pages: /news/feed/, /last-word/feed/atom/ …
    path("<path:page_path>/feed/", feeds.page_feed, {"format": "rss"}, name="page_feed"),
    path("<path:page_path>/feed/atom/", feeds.page_feed, {"format": "atom"}, name="page_feed_atom"),
]
