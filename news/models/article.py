"""News sections and the articles in them."""

from wagtail.admin.panels import FieldPanel

from cms.models import ContentPage, SectionPage


class NewsIndexPage(SectionPage):
    """A news section such as "Latest Public Sector News", listing its articles."""

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["news.ArticlePage", "live.LivePage"]

    class Meta:
        verbose_name = "news section"


class ArticlePage(ContentPage):
    """A news story or analysis piece."""

    kind_key, kind_label = "news", "News"
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    content_panels = (
        ContentPage.header_panels
        + ContentPage.author_panels
        + [FieldPanel("body")]
        + ContentPage.filing_panels
        + ContentPage.integrity_panels
    )

    class Meta:
        verbose_name = "article"
