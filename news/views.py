"""Topic and author pages: everything filed under a topic or written by an author."""

from django.conf import settings
from django.shortcuts import get_object_or_404, render

from cms.listings import paginate
from cms.models import Author, ContentPage, Topic
from news.models import Correction


def topic_list(request):
    """All topics with how many published items each has."""
    topics = Topic.objects.with_item_counts()
    return render(request, "news/topic_list.html", {"topics": topics})


def topic_detail(request, slug):
    """One topic's items, newest first; an unknown slug is a 404."""
    topic = get_object_or_404(Topic, slug=slug)
    listing = ContentPage.objects.listed(topic=topic).with_teaser_data()
    items = paginate(request, listing, settings.LISTING_PAGE_SIZE)
    return render(request, "news/topic_page.html", {"topic": topic, "items": items})


def author_list(request):
    """All authors with how many published items each has."""
    authors = Author.objects.select_related("photo").with_item_counts()
    return render(request, "news/author_list.html", {"authors": authors})


def author_detail(request, slug):
    """One author's profile and items, newest first; an unknown slug is a 404."""
    author = get_object_or_404(Author.objects.select_related("photo"), slug=slug)
    listing = ContentPage.objects.listed(author=author).with_teaser_data()
    items = paginate(request, listing, settings.LISTING_PAGE_SIZE)
    return render(request, "news/author_page.html", {"author": author, "items": items})


def corrections(request):
    """/corrections/: every correction and clarification readers can see, newest first."""
    shown = Correction.objects.on_public_items().newest_first().select_related("page")
    items = paginate(request, shown.defer("page__body"), settings.LISTING_PAGE_SIZE)
    context = {"items": items, "corrections_page": True}
    return render(request, "news/corrections.html", context)
