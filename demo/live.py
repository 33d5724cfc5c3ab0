"""Demo live coverage: a Budget day live page with a dozen entries and key events."""

from datetime import timedelta

from django.utils import timezone

from live.models import LiveEntry, LivePage

SLUG = "budget-day-live"
KEY_POINTS = """Core council funding up 4.1% in cash terms next year
£1.5bn over three years to clear the adult social care backlog
Public sector pay review bodies told to plan for 2.5%
Business rates relief for high streets extended for a year"""

# (minutes after the start, headline, text, key event, pinned)
ENTRIES = [
    (
        0,
        "Welcome",
        "Good morning and welcome to our live coverage of the Budget. The "
        "Chancellor is due on her feet at 12.30.",
        False,
        True,
    ),
    (
        20,
        "",
        "Council leaders gather at the LGA's Westminster office to watch the statement.",
        False,
        False,
    ),
    (45, "", "The Treasury has confirmed the statement will run to about an hour.", False, False),
    (
        150,
        "The Chancellor stands up",
        "The Chancellor opens with the fiscal rules and says "
        'the public finances are "on a sustainable path".',
        True,
        False,
    ),
    (
        165,
        "Council funding",
        "Core spending power for councils will rise by 4.1% in cash "
        "terms next year, the Chancellor says.",
        True,
        False,
    ),
    (
        180,
        "",
        'The County Councils Network says the rise "barely covers inflation and demand".',
        False,
        False,
    ),
    (
        195,
        "Social care",
        "£1.5bn over three years to clear the adult social care assessment backlog.",
        True,
        False,
    ),
    (210, "", "ADASS welcomes the money but warns it is not recurring.", False, False),
    (225, "Pay", "Pay review bodies will be told to plan for 2.5% next year.", True, False),
    (240, "", 'Unison calls the pay guidance "a real-terms cut".', False, False),
    (255, "", "The Chancellor sits down after 58 minutes.", False, False),
    (
        270,
        "What it means",
        "Our analysis of what the Budget means for your authority follows this afternoon.",
        False,
        False,
    ),
]


def make_live_coverage(news, staff, publish, say=print):
    """The live page under `news` (skipped if it exists); `publish` is the builder's."""
    if LivePage.objects.filter(slug=SLUG).exists():
        return
    start = timezone.now().replace(minute=0, second=0, microsecond=0) - timedelta(hours=5)
    page = LivePage(
        title="Budget day live: what it means for councils and public services",
        slug=SLUG,
        standfirst="Follow the Chancellor's Budget statement and the sector's reaction.",
        key_points=KEY_POINTS,
        coverage_start=start,
        body=[
            {
                "type": "paragraph",
                "value": "<p>The Budget is the first since the spending review set "
                "departmental totals for three years.</p>",
            }
        ],
    )
    publish(news, page, start, [], staff[:1])
    for index, (minutes, headline, text, key_event, pinned) in enumerate(ENTRIES):
        LiveEntry.objects.create(
            page=page,
            posted_at=start + timedelta(minutes=minutes),
            author=staff[index % len(staff)],
            headline=headline,
            body=[{"type": "paragraph", "value": f"<p>{text}</p>"}],
            is_key_event=key_event,
            is_pinned=pinned,
        )
    say(f"Created live page {page.title} with {len(ENTRIES)} entries")
