"""READ MORE and other body blocks validate and render as editors expect."""

import pytest
from django.core.exceptions import ValidationError

from cms.blocks import ReadMoreBlock, StoryBlock
from tests import factories


@pytest.mark.django_db
def test_read_more_to_a_page_uses_its_title(sections):
    target = factories.make_article(title="Councils warned over cyber risk")
    block = ReadMoreBlock()
    value = block.clean(block.to_python({"page": target.pk, "url": "", "title": ""}))
    html = block.render(value)
    assert "<strong>READ MORE:</strong>" in html
    assert f'href="{target.url}"' in html
    assert "Councils warned over cyber risk" in html


@pytest.mark.django_db
def test_read_more_to_an_unpublished_page_renders_nothing(sections):
    target = factories.make_article(title="Draft story", publish=False)
    block = ReadMoreBlock()
    html = block.render(block.to_python({"page": target.pk, "url": "", "title": ""}))
    assert html.strip() == ""


def test_read_more_external_link_needs_a_title():
    block = ReadMoreBlock()
    with pytest.raises(ValidationError) as error:
        block.clean(block.to_python({"page": None, "url": "https://www.gov.uk/", "title": ""}))
    assert "title" in error.value.block_errors
    value = block.to_python({"page": None, "url": "https://www.gov.uk/", "title": "GOV.UK"})
    assert 'href="https://www.gov.uk/"' in block.render(block.clean(value))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"page": None, "url": "", "title": "x"}, "page"),
        ({"page": "PAGE", "url": "https://www.gov.uk/", "title": "x"}, "url"),
    ],
)
def test_read_more_needs_exactly_one_target(sections, data, field):
    if data["page"] == "PAGE":
        data["page"] = factories.make_article().pk
    block = ReadMoreBlock()
    with pytest.raises(ValidationError) as error:
        block.clean(block.to_python(data))
    assert field in error.value.block_errors


def test_plain_text_blocks_escape_markup():
    block = StoryBlock()
    value = block.to_python(
        [
            {"type": "pull_quote", "value": {"quote": "<b>bold?</b>", "attribution": "<i>x</i>"}},
            {"type": "heading", "value": {"text": "<script>alert(1)</script>", "level": "h2"}},
        ]
    )
    html = block.render(value)
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;b&gt;bold?&lt;/b&gt;" in html
