"""The demo issue is made once and renders."""

import pytest

from demo.newsletters import make_demo_newsletter
from newsletters import rendering
from newsletters.models import NewsletterIssue

pytestmark = pytest.mark.django_db


def test_the_demo_issue_is_made_once(stories):
    issue = make_demo_newsletter(say=lambda message: None)
    assert make_demo_newsletter(say=lambda message: None) is None
    assert NewsletterIssue.objects.count() == 1
    assert issue.revisions.count() == 1
    message = rendering.issue_message(issue, issue.created)
    assert "Mayor opens new depot" in message.text
