"""Demo read counts, so the "Most read" blocks and the dashboard panel show something."""

import random
from datetime import timedelta

from django.utils import timezone

from cms.models import ContentPage
from mostread.counting import hour_of
from mostread.models import HourlyReads

STORIES = 30
HOURS = 7 * 24


def make_demo_reads(say=print, seed=2026):
    """A week of hourly counts for the 30 newest items (made once): a few stories read far
    more than the rest, and reading busier by day than by night."""
    if HourlyReads.objects.exists():
        return 0
    rng = random.Random(seed)
    now = hour_of(timezone.now())
    pages = list(ContentPage.objects.listed().values_list("pk", flat=True)[:STORIES])
    rows = []
    for rank, page_id in enumerate(pages):
        popularity = 60 / (rank + 1)  # the long tail of a real site
        for back in range(HOURS):
            hour = now - timedelta(hours=back)
            daytime = 1.0 if 7 <= timezone.localtime(hour).hour <= 22 else 0.2
            reads = int(rng.random() * popularity * daytime)
            if reads:
                rows.append(HourlyReads(page_id=page_id, hour=hour, reads=reads))
    HourlyReads.objects.bulk_create(rows, batch_size=1000)
    say(f"Added a week of read counts for {len(pages)} items ({len(rows)} hourly rows)")
    return len(rows)
