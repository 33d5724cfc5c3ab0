"""Models every content app shares: base pages, topics, authors, home page, site settings."""

from cms.models.changes import ChangeStamp
from cms.models.home import HomeFocusTopic, HomePage
from cms.models.integrity import DeclarationOverride, PlainEnglishSettings, RightOfReply
from cms.models.pages import (
    BasePage,
    ContentAuthor,
    ContentPage,
    ListingFields,
    RelatedItem,
    SectionPage,
    SocialFields,
)
from cms.models.site_settings import SiteSettings
from cms.models.statement import AccessibilityStatementPage
from cms.models.taxonomy import Author, Topic

__all__ = [
    "AccessibilityStatementPage",
    "DeclarationOverride",
    "PlainEnglishSettings",
    "RightOfReply",
    "Author",
    "BasePage",
    "ChangeStamp",
    "ContentAuthor",
    "ContentPage",
    "HomeFocusTopic",
    "HomePage",
    "ListingFields",
    "RelatedItem",
    "SectionPage",
    "SiteSettings",
    "SocialFields",
    "Topic",
]
