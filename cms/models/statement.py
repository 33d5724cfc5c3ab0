"""The accessibility statement, in the format UK public sector bodies publish (the Public
Sector Bodies Accessibility Regulations 2018 and GOV.UK's sample statement)."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField

from cms.blocks import RICH_TEXT_FEATURES
from cms.models.pages import BasePage

DEFAULT_ENFORCEMENT = (
    "<p>The Equality and Human Rights Commission (EHRC) is responsible for enforcing the "
    "Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility "
    "Regulations 2018 (the ‘accessibility regulations’). If you’re not happy with how we "
    "respond to your complaint, contact the Equality Advisory and Support Service "
    "(EASS).</p>"
)


class AccessibilityStatementPage(BasePage):
    """The site's accessibility statement: compliance status, what is not accessible, how
    to report a problem, the enforcement procedure and when it was prepared."""

    FULLY, PARTIALLY, NOT_COMPLIANT = "full", "partial", "none"
    COMPLIANCE_SENTENCES = {
        FULLY: "This website is fully compliant with the Web Content Accessibility "
        "Guidelines version 2.2 AA standard.",
        PARTIALLY: "This website is partially compliant with the Web Content Accessibility "
        "Guidelines version 2.2 AA standard, due to the non-compliances listed below.",
        NOT_COMPLIANT: "This website is not compliant with the Web Content Accessibility "
        "Guidelines version 2.2 AA standard. The non-compliances are listed below.",
    }

    intro = RichTextField(
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="Who runs the site and how accessible it is, in a few sentences.",
    )
    compliance_status = models.CharField(
        max_length=10,
        choices=[
            (FULLY, "Fully compliant"),
            (PARTIALLY, "Partially compliant"),
            (NOT_COMPLIANT, "Not compliant"),
        ],
        default=PARTIALLY,
    )
    non_accessible_content = RichTextField(
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="What is not accessible, which success criterion it fails, and when it "
        "will be fixed; or disproportionate burden and content outside the regulations.",
    )
    feedback = RichTextField(
        "Feedback and reporting problems",
        features=RICH_TEXT_FEATURES,
        help_text="How to ask for another format and how to report a problem.",
    )
    contact_email = models.EmailField(blank=True)
    response_days = models.PositiveSmallIntegerField(
        default=10, help_text="Working days within which we reply."
    )
    enforcement_procedure = RichTextField(features=RICH_TEXT_FEATURES, default=DEFAULT_ENFORCEMENT)
    improvements = RichTextField(
        "What we are doing to improve accessibility", features=RICH_TEXT_FEATURES, blank=True
    )
    prepared_on = models.DateField("Statement prepared on")
    reviewed_on = models.DateField("Last reviewed on", null=True, blank=True)
    tested_on = models.DateField("Site last tested on", null=True, blank=True)
    tested_by = models.CharField(max_length=200, blank=True, help_text="e.g. our own team")

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("compliance_status"),
        FieldPanel("non_accessible_content"),
        MultiFieldPanel(
            [FieldPanel("feedback"), FieldPanel("contact_email"), FieldPanel("response_days")],
            heading="How to report a problem",
        ),
        FieldPanel("enforcement_procedure"),
        FieldPanel("improvements"),
        MultiFieldPanel(
            [
                FieldPanel("prepared_on"),
                FieldPanel("reviewed_on"),
                FieldPanel("tested_on"),
                FieldPanel("tested_by"),
            ],
            heading="Preparation of this statement",
        ),
    ]

    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "accessibility statement"

    @property
    def compliance_sentence(self):
        return self.COMPLIANCE_SENTENCES[self.compliance_status]
