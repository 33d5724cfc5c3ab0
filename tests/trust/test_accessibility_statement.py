"""The accessibility statement page, in the UK public-sector format, linked from every page."""

from lxml import html as lxml_html

from cms.models import AccessibilityStatementPage
from demo.integrity import make_statement
from tests import factories


def test_the_statement_has_every_section_the_regulations_ask_for(client, home):
    statement = make_statement(home)
    page = lxml_html.fromstring(client.get(statement.url).content)
    headings = [h.text_content() for h in page.xpath("//main//h2")]
    assert headings == [
        "Compliance status",
        "Non-accessible content",
        "Feedback and how to report a problem",
        "Enforcement procedure",
        "What we are doing to improve accessibility",
        "Preparation of this accessibility statement",
    ]
    text = page.xpath("//main")[0].text_content()
    assert (
        "partially compliant with the Web Content Accessibility Guidelines version 2.2 AA" in text
    )
    assert "Equality and Human Rights Commission" in text
    assert f"prepared on {statement.prepared_on:%d/%m/%Y}" in text
    assert "accessibility@publicsectortoday.example" in text


def test_every_page_links_to_the_statement_once_there_is_one(client, home):
    assert b"Accessibility statement" not in client.get("/").content
    statement = make_statement(home)
    footer = lxml_html.fromstring(client.get("/").content).xpath("//footer//a")
    assert [a.get("href") for a in footer if a.text == "Accessibility statement"] == [statement.url]


def test_one_statement_under_the_home_page(home):
    assert AccessibilityStatementPage.can_create_at(home)
    make_statement(home)
    assert not AccessibilityStatementPage.can_create_at(home)
    section = factories.make_section()
    assert "cms.accessibilitystatementpage" not in [
        m._meta.label_lower for m in section.specific_class.allowed_subpage_models()
    ]
