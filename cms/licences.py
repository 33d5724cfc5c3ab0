"""The licences an item may be published under, and the words readers see for each.

A short, fixed list: editors choose one per item (ContentPage.licence) or leave it to the
site default (Settings → Site settings). Pages, feeds, JSON-LD and the API all read the
same Licence, so the sentence under a story and the `license` link in its feed agree.
"""

from dataclasses import dataclass

OGL = "ogl-3.0"
CC_BY = "cc-by-4.0"
CC_BY_ND = "cc-by-nd-4.0"
ALL_RIGHTS_RESERVED = "all-rights-reserved"


@dataclass(frozen=True)
class Licence:
    """One licence: its name, its legal text's URL and the attribution sentence."""

    key: str
    name: str
    url: str  # the licence's own page ("" when there is none: all rights reserved)
    attribution: str  # the sentence a republisher prints; {publication} is filled in
    rights: str  # the rights statement of feeds (`dc:rights`, Atom `rights`) and JSON-LD
    reusable: bool  # may others republish the story under it?

    def attribution_for(self, publication):
        return self.attribution.format(publication=publication)

    def rights_for(self, publication):
        return self.rights.format(publication=publication)


LICENCES = {
    licence.key: licence
    for licence in (
        Licence(
            OGL,
            "Open Government Licence v3.0",
            "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
            "Contains public sector information licensed under the Open Government Licence v3.0.",
            "© {publication}. Contains public sector information licensed under the Open "
            "Government Licence v3.0.",
            True,
        ),
        Licence(
            CC_BY,
            "Creative Commons Attribution 4.0 (CC BY 4.0)",
            "https://creativecommons.org/licenses/by/4.0/",
            "First published by {publication}. Licensed under CC BY 4.0.",
            "© {publication}. Licensed under CC BY 4.0.",
            True,
        ),
        Licence(
            CC_BY_ND,
            "Creative Commons Attribution-NoDerivatives 4.0 (CC BY-ND 4.0)",
            "https://creativecommons.org/licenses/by-nd/4.0/",
            "First published by {publication}. Licensed under CC BY-ND 4.0: "
            "republish it whole and unchanged.",
            "© {publication}. Licensed under CC BY-ND 4.0.",
            True,
        ),
        Licence(
            ALL_RIGHTS_RESERVED,
            "All rights reserved",
            "",
            "© {publication}. All rights reserved.",
            "© {publication}. All rights reserved.",
            False,
        ),
    )
}

LICENCE_CHOICES = [(licence.key, licence.name) for licence in LICENCES.values()]


def licence_of(page, site_settings):
    """The licence an item is published under: its own choice, else the site default."""
    key = getattr(page, "licence", "") or site_settings.default_licence
    return LICENCES.get(key) or LICENCES[ALL_RIGHTS_RESERVED]
