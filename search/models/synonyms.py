"""Search synonyms editors maintain in the admin; they apply to the next search."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel

MAX_TERMS = 8
MAX_TERM_LENGTH = 60
TERM_PATTERN = re.compile(r"^[\w][\w &'.-]*$")


def split_terms(text):
    """The distinct terms of a comma-separated synonym line, in the editor's order."""
    seen, terms = set(), []
    for raw in text.split(","):
        term = " ".join(raw.split())
        if term and term.casefold() not in seen:
            seen.add(term.casefold())
            terms.append(term)
    return terms


class SearchSynonym(models.Model):
    """Words and phrases that mean the same to readers, e.g. "NHS, National Health Service"."""

    terms = models.CharField(
        max_length=400,
        help_text=(
            "Two or more words or phrases that mean the same, separated by commas, "
            "e.g. NHS, National Health Service. A search for any of them finds all of them."
        ),
    )
    note = models.CharField(max_length=200, blank=True, help_text="Why this synonym exists.")

    panels = [FieldPanel("terms"), FieldPanel("note")]

    class Meta:
        ordering = ["terms"]
        verbose_name = "search synonym"

    def __str__(self):
        return " ↔ ".join(self.term_list)

    @property
    def term_list(self):
        return split_terms(self.terms)

    def clean(self):
        terms = self.term_list
        if len(terms) < 2:
            raise ValidationError({"terms": "Give at least two different terms, comma-separated."})
        if len(terms) > MAX_TERMS:
            raise ValidationError({"terms": f"Give at most {MAX_TERMS} terms in one synonym."})
        for term in terms:
            if len(term) > MAX_TERM_LENGTH:
                raise ValidationError(
                    {"terms": f"“{term[:20]}…” is too long: {MAX_TERM_LENGTH} characters at most."}
                )
            if not TERM_PATTERN.match(term):
                raise ValidationError(
                    {"terms": f"“{term}” may contain only letters, digits, spaces and & ' . -"}
                )
        self.terms = ", ".join(terms)
