"""Admin registrations: the Newsletters menu (issues, lists and sends)."""

from wagtail import hooks

from newsletters.admin_views import NewslettersMenu


@hooks.register("register_admin_viewset")
def register_newsletters_menu():
    return NewslettersMenu()
