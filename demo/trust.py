"""Demo corrections and licences: items under three licences, two corrections and a
clarification. Idempotent: a licence already set or a correction already made is kept."""

from datetime import timedelta

from cms.licences import CC_BY, CC_BY_ND, OGL
from news.corrections import add_correction
from news.models import ArticlePage, Correction
from opinion.models import LastWordPage

CORRECTIONS = [
    (
        Correction.CORRECTION,
        "An earlier version of this article said the settlement was worth £12m.",
        "It is worth £1.2m.",
    ),
    (
        Correction.CORRECTION,
        "An earlier version of this article gave the chief executive's name as Sarah Jones.",
        "She is Sara Jonas.",
    ),
    (
        Correction.CLARIFICATION,
        "This article has been updated to make clear that the figures are the council's own.",
        "They have not been audited.",
    ),
]


def _licensed(page, licence):
    """Publish a new revision with `licence` (our own illustration may be reused too)."""
    if page.licence == licence:
        return False
    page.licence = licence
    page.hero_reusable = True  # demo heroes are the publication's own illustrations
    page.save_revision().publish()
    return True


def make_demo_trust(say=print):
    articles = list(ArticlePage.objects.live().order_by("-sort_date", "-pk")[:4])
    columns = list(LastWordPage.objects.live().order_by("-sort_date", "-pk")[:1])
    licensed = 0
    for page, licence in zip([*articles[:2], *columns], [OGL, CC_BY, CC_BY_ND], strict=False):
        licensed += _licensed(page, licence)
    made = 0
    for page, (kind, wrong, right) in zip(articles[1:], CORRECTIONS, strict=False):
        if Correction.objects.filter(page=page, wrong=wrong).exists():
            continue
        when = (page.first_published_at or page.sort_date) + timedelta(hours=2)
        add_correction(
            Correction(page=page, kind=kind, wrong=wrong, right=right, published_at=when), None
        )
        made += 1
    if licensed or made:
        say(f"Licensed {licensed} items; added {made} corrections")
