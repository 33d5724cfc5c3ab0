"""The dashboard's "Most read" panel: what readers read most, for every editor."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.ui.components import Component

from mostread.ranking import WINDOWS, most_read


class MostReadPanel(Component):
    """Both top lists with their read counts, each item linking to its editor."""

    template_name = "mostread/admin/dashboard_panel.html"
    order = 95  # after the newsroom's panels (cms/planning.py) and comments waiting

    def get_context_data(self, parent_context):
        lists = most_read()
        return {
            "windows": [
                (
                    key,
                    WINDOWS[key][0],
                    [
                        (item, reverse("wagtailadmin_pages:edit", args=[item.page_id]))
                        for item in lists.get(key, [])
                    ],
                )
                for key in WINDOWS
            ]
        }


@hooks.register("construct_homepage_panels")
def add_most_read_panel(request, panels):
    panels.append(MostReadPanel())
