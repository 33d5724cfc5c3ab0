"""A demo issue of the daily briefing, ready to preview, test and send in the admin."""

from cms.models import ContentPage, Topic
from newsletters.models import NewsletterIssue

SUBJECT = "Your morning briefing: councils, care and the Budget"


def make_demo_newsletter(say=print):
    """One draft issue (made once) built from the latest stories."""
    if NewsletterIssue.objects.filter(subject=SUBJECT).exists():
        return None
    latest = list(ContentPage.objects.listed(kind="news.ArticlePage").specific()[:3])
    topic = Topic.objects.filter(slug="local-government").first() or Topic.objects.first()
    in_topic = [
        page
        for page in ContentPage.objects.listed(topic=topic).specific()[:5]
        if page.pk not in {p.pk for p in latest}
    ][:2]
    sections = []
    if in_topic:
        sections.append(
            (
                "section",
                {
                    "heading": topic.name,
                    "text": "<p>What town halls are deciding this week.</p>",
                    "stories": in_topic,
                },
            )
        )
    issue = NewsletterIssue.objects.create(
        subject=SUBJECT,
        intro="<p>Good morning. Councils set their budgets, care leaders warn on staffing, "
        "and our columnists on what the Budget must do.</p>",
        top_stories=[("story", page) for page in latest],
        sections=sections,
    )
    issue.save_revision()
    say(f"Created the newsletter issue “{SUBJECT}” (draft)")
    return issue
