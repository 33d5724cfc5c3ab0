"""A clean cache for every most-read test: reader keys, salts and top lists live there."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()
