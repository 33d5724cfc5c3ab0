"""Sitemaps for search engines: every page (Wagtail's), topics and authors, a Google News
sitemap of the last 48 hours, and robots.txt pointing at them."""

from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe
from wagtail.contrib.sitemaps import Sitemap as PageSitemap
from wagtail.contrib.sitemaps import views as wagtail_sitemaps

from cms.models import Author, ContentPage, SiteSettings, Topic
from news.seo import absolute

NEWS_SITEMAP_WINDOW = timedelta(hours=48)
NEWS_SITEMAP_LIMIT = 1000  # Google News reads at most 1,000 URLs per sitemap


class TopicSitemap(Sitemap):
    """Topic pages, dated by their newest item."""

    def items(self):
        return Topic.objects.annotate(
            lastmod=Max("pages__last_published_at", filter=Q(pages__live=True))
        ).order_by("pk")

    def lastmod(self, topic):
        return topic.lastmod


class AuthorSitemap(Sitemap):
    """Author pages of everyone with something published, dated by their newest item."""

    def items(self):
        live = Q(page_links__page__live=True)
        return (
            Author.objects.annotate(lastmod=Max("page_links__page__last_published_at", filter=live))
            .filter(lastmod__isnull=False)
            .order_by("pk")
        )

    def lastmod(self, author):
        return author.lastmod


SITEMAPS = {"pages": PageSitemap, "topics": TopicSitemap, "authors": AuthorSitemap}


@require_safe
def sitemap_index(request):
    return wagtail_sitemaps.index(request, SITEMAPS, sitemap_url_name="sitemap_section")


@require_safe
def sitemap_section(request, section):
    return wagtail_sitemaps.sitemap(request, SITEMAPS, section=section)


@require_safe
def news_sitemap(request):
    """Google News sitemap: what was published in the last 48 hours, newest first."""
    now = timezone.now()
    items = ContentPage.objects.listed().filter(
        sort_date__gte=now - NEWS_SITEMAP_WINDOW, sort_date__lte=now
    )
    items = items.only("pk", "title", "url_path", "sort_date")
    return render(
        request,
        "news/news_sitemap.xml",
        {
            "items": [(page.get_full_url(request), page) for page in items[:NEWS_SITEMAP_LIMIT]],
            "publication": SiteSettings.for_request(request).publication_name,
        },
        content_type="application/xml; charset=utf-8",
    )


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        "",
        f"Sitemap: {absolute(request, '/sitemap.xml')}",
        f"Sitemap: {absolute(request, '/news-sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
