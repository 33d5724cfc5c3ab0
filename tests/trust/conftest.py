"""Fixtures the trust and accessibility tests share."""

import pytest

from tests import factories


@pytest.fixture
def bare_image(db):
    """An image with no description, so nothing stands in for a missing alt text."""
    image = factories.make_image("Bare")
    image.description = ""
    image.save()
    return image
