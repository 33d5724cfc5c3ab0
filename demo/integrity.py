"""Demo trust and accessibility content: reviewed declarations, a right-of-reply line,
and the accessibility statement. Each step skips what is already there."""

from datetime import date, timedelta

from cms.models import AccessibilityStatementPage, Author, RightOfReply
from news.models import ArticlePage

STATEMENT = {
    "title": "Accessibility statement",
    "slug": "accessibility",
    "intro": "<p>This statement applies to Public Sector Today. We want as many people as "
    "possible to be able to use this website: to change colours, zoom in up to 400% without "
    "the text spilling off the screen, navigate it using just a keyboard or speech "
    "recognition software, and listen to it using a screen reader.</p>",
    "compliance_status": AccessibilityStatementPage.PARTIALLY,
    "non_accessible_content": "<p>Some older videos have no transcript, which fails WCAG "
    "2.2 success criterion 1.2.1 (audio-only and video-only). We are adding transcripts to "
    "them by March 2027. New videos cannot be published without one.</p>",
    "feedback": "<p>If you need information on this website in a different format, or find "
    "a problem not listed on this page, contact us and tell us the web address of the page "
    "and what went wrong.</p>",
    "contact_email": "accessibility@publicsectortoday.example",
    "improvements": "<p>Every story is checked before it is published: images need "
    "alternative text, videos a transcript, headings may not skip levels and links must "
    "say where they go.</p>",
    "tested_by": "our own digital team",
}


def make_integrity_content(home, today=None, say=print):
    today = today or date.today()
    reviewed = Author.objects.filter(interests_reviewed_on__isnull=True)
    count = reviewed.update(interests_reviewed_on=today - timedelta(days=45))
    if count:
        say(f"Recorded a declaration review for {count} authors")
    story = ArticlePage.objects.live().order_by("-sort_date").first()
    if story is not None and not RightOfReply.objects.exists():
        story.right_of_reply.add(
            RightOfReply(
                subject="Northmoor ICB",
                contact="press office",
                approached_at=story.sort_date - timedelta(hours=30),
                deadline=story.sort_date - timedelta(hours=6),
                outcome=RightOfReply.REPLIED,
                reply="We are reviewing the figures and will publish our response in January.",
            )
        )
        # Through a revision, so editors find the record when they open the story.
        story.save_revision().publish()
        say(f"Added a right-of-reply line to {story.title}")
    if not AccessibilityStatementPage.objects.exists():
        make_statement(home, today)
        say("Created the accessibility statement")


def make_statement(home, today=None):
    """The accessibility statement under the home page, published."""
    today = today or date.today()
    tested = today - timedelta(days=60)
    page = AccessibilityStatementPage(
        **STATEMENT, prepared_on=tested, tested_on=tested, reviewed_on=today - timedelta(7)
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page
