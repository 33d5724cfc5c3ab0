"""Benchmarks: production settings on loopback, plus the demo command that seeds them."""

from .production import *  # noqa: F403
from .production import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "demo"]
