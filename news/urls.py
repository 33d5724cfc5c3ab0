from django.urls import path

from news import sitemaps, views
from news.api import api_router
from news.feeds import views as feeds


def feed_paths(route, view, name):
    """`route` serves RSS 2.0 and `route` + "atom/" serves Atom 1.0."""
    return [
        path(route, view, {"format": "rss"}, name=name),
        path(f"{route}atom/", view, {"format": "atom"}, name=f"{name}_atom"),
    ]


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
    path("feeds/", feeds.feed_index, name="feed_index"),
    path("feeds/rss/", feeds.site_feed, {"format": "rss"}, name="site_feed"),
    path("feeds/atom/", feeds.site_feed, {"format": "atom"}, name="site_feed_atom"),
    *feed_paths("topics/<slug:slug>/feed/", feeds.topic_feed, "topic_feed"),
    *feed_paths("authors/<slug:slug>/feed/", feeds.author_feed, "author_feed"),
    path("corrections/", views.corrections, name="corrections"),
    *feed_paths("corrections/feed/", feeds.corrections_feed, "corrections_feed"),
    # Sections and focus pages: /news/feed/, /last-word/feed/atom/ …
    *feed_paths("<path:page_path>/feed/", feeds.page_feed, "page_feed"),
]
