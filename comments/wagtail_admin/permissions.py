"""Who may use the Comments area: holders of django_comments' "can moderate" permission."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q
from wagtail.permission_policies.base import BasePermissionPolicy

from comments.rules import MODERATE_PERMISSION

# Comments are written by readers, so moderators may look and act, never add or delete.
MODERATOR_ACTIONS = {"view", "change"}


def moderate_permission():
    app_label, codename = MODERATE_PERMISSION.split(".")
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename)


class ModeratorPermissionPolicy(BasePermissionPolicy):
    """View and act on comments with the "can moderate comments" permission."""

    def user_has_permission(self, user, action):
        return action in MODERATOR_ACTIONS and user.is_active and user.has_perm(MODERATE_PERMISSION)

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        if not MODERATOR_ACTIONS & set(actions):
            return users.none()
        permission = moderate_permission()
        return users.filter(
            Q(is_superuser=True)
            | Q(user_permissions__in=permission)
            | Q(groups__permissions__in=permission)
        ).distinct()
