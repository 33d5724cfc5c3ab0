"""Stories of each kind, filed under topics and credited to authors, for the syndication,
structured data, sitemap and API tests."""

from types import SimpleNamespace

import pytest

from tests import factories


@pytest.fixture
def filed_stories(sections):
    """Sections, two topics (one empty), two authors, an image, two articles, a column, a
    video and a draft."""
    finance = factories.make_topic("Finance", description="Budgets and funding.")
    empty = factories.make_topic("Empty topic")
    helen = factories.make_author("Helen Carter", role="News editor", organisation="PST")
    guest = factories.make_author("Guest Writer", role="Chief executive", organisation="CIPFA")
    image = factories.make_image("Council chamber", width=800, height=450)
    lead = factories.make_article(
        parent=sections["news"],
        title="Council approves budget",
        topics=[finance],
        authors=[helen, guest],
        hero_image=image,
        hero_caption="The chamber",
        licence="cc-by-4.0",
        when=factories.days_ago(1),
        body=[
            {
                "type": "paragraph",
                "value": '<p>Read <a href="/topics/finance/">our finance coverage</a>.</p>',
            },
            {
                "type": "image",
                "value": {"image": image.pk, "alt_text": "Chamber", "caption": "", "credit": ""},
            },
        ],
    )
    older = factories.make_article(
        parent=sections["news"],
        title="Older story",
        authors=[helen],
        when=factories.days_ago(5),
        body=[{"type": "read_more", "value": {"page": lead.pk, "url": "", "title": ""}}],
    )
    draft = factories.make_article(parent=sections["news"], title="Secret draft", publish=False)
    column = factories.make_column(
        parent=sections["opinion"],
        title="Let councils plan",
        topics=[finance],
        columnist=guest,
        when=factories.days_ago(2),
        body=[{"type": "paragraph", "value": "<p>Multi-year settlements let councils plan.</p>"}],
    )
    video = factories.make_video(
        parent=sections["tv"],
        title="In conversation",
        topics=[finance],
        authors=[helen],
        hero_image=image,
        when=factories.days_ago(3),
    )
    return SimpleNamespace(
        sections=sections,
        finance=finance,
        empty=empty,
        helen=helen,
        guest=guest,
        image=image,
        lead=lead,
        older=older,
        draft=draft,
        column=column,
        video=video,
    )


@pytest.fixture
def editor(django_user_model):
    """A member of the Editors group (publishes, appends and removes corrections)."""
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("eddie", "eddie@newsroom.example", "pw")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def writer(django_user_model):
    """A member of the Writers group (drafts, cannot publish or remove corrections)."""
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("wren", "wren@newsroom.example", "pw")
    user.groups.add(Group.objects.get(name="Writers"))
    return user
