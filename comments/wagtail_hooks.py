"""Admin registrations: the Comments menu, its bulk actions and who may use them."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from comments.models import ModerationEvent
from comments.rules import MODERATE_PERMISSION
from comments.wagtail_admin.bulk_actions import BULK_ACTIONS
from comments.wagtail_admin.permissions import ModeratorPermissionPolicy
from comments.wagtail_admin.queries import XtdComment
from comments.wagtail_admin.views import CommentsMenu, comments_waiting_panel

register_permission_policy(XtdComment, ModeratorPermissionPolicy(XtdComment), exact_class=True)
register_permission_policy(
    ModerationEvent, ModeratorPermissionPolicy(ModerationEvent), exact_class=True
)


@hooks.register("register_admin_viewset")
def register_comments_menu():
    return CommentsMenu()


for bulk_action in BULK_ACTIONS:
    hooks.register("register_bulk_action", bulk_action)


@hooks.register("construct_homepage_panels")
def add_comments_waiting_panel(request, panels):
    if request.user.has_perm(MODERATE_PERMISSION):
        panels.append(comments_waiting_panel())
