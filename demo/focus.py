"""Demo focus pages: "Public sector focus" with a page for the first few focus topics."""

from cms.models import ContentPage
from search.models import FocusIndexPage, FocusPage, FocusPinnedItem

INTROS = {
    "digital-technology": "How councils, the NHS and Whitehall buy, build and run technology.",
    "local-government": "Budgets, elections, devolution deals and the people running town halls.",
    "health-social-care": "Waiting lists, care boards, social care funding and staffing.",
}


def make_focus_pages(home, topics, say=print):
    """Create the focus index and a focus page for each of `topics` (skips existing ones)."""
    index = FocusIndexPage.objects.child_of(home).first()
    if index is None:
        index = FocusIndexPage(
            title="Public sector focus",
            slug="focus",
            intro="In-depth coverage of the subjects that matter most to public servants.",
            show_in_menus=True,
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    created = 0
    for topic in topics:
        if FocusPage.objects.filter(topic=topic).exists():
            continue
        page = FocusPage(
            title=f"{topic.name} focus",
            slug=topic.slug,
            topic=topic,
            intro=f"<p>{INTROS.get(topic.slug, topic.description)}</p>",
            listing_summary=INTROS.get(topic.slug, topic.description)[:300],
        )
        for order, item in enumerate(ContentPage.objects.listed(topic=topic)[:2]):
            page.pinned_items.add(FocusPinnedItem(item=item, sort_order=order))
        index.add_child(instance=page)
        page.save_revision().publish()
        created += 1
    if created:
        say(f"Created {created} focus pages")
