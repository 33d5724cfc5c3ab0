"""The comments under one item, as a tree of what readers may see, in one query."""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django_comments_xtd import get_model
from django_comments_xtd.models import max_thread_level_for_content_type

XtdComment = get_model()

# Never the email address or IP: nothing private is even loaded for public pages.
PUBLIC_FIELDS = (
    "id",
    "thread_id",
    "parent_id",
    "level",
    "order",
    "user_name",
    "submit_date",
    "comment",
    "is_public",
    "is_removed",
)


@dataclass
class Node:
    """One comment in the tree. A hidden comment stays only as a placeholder for replies."""

    comment: XtdComment
    visible: bool
    can_reply: bool
    children: list = field(default_factory=list)

    @property
    def placeholder(self):
        if self.comment.is_removed and not self.comment.comment:
            return "This comment was deleted."
        if self.comment.is_removed:
            return "This comment was removed by a moderator."
        return "This comment is waiting for a moderator to review it."


@dataclass
class Thread:
    """The visible comments of an item (as a tree) and how many there are."""

    nodes: list
    count: int


def comments_on(page):
    """All stored comments on the page, whatever their state."""
    return XtdComment.norel_objects.filter(
        content_type_id=page.content_type_id, object_pk=str(page.pk), site_id=settings.SITE_ID
    )


def max_level(page):
    return max_thread_level_for_content_type(ContentType.objects.get_for_id(page.content_type_id))


def build_thread(page):
    """Comments in conversation order; hidden ones kept only where a visible reply needs them."""
    deepest = max_level(page)
    rows = comments_on(page).only(*PUBLIC_FIELDS).order_by("thread_id", "order", "pk")
    nodes, roots = {}, []
    for comment in rows:
        visible = comment.is_public and not comment.is_removed
        node = Node(comment, visible, can_reply=visible and comment.level < deepest)
        nodes[comment.pk] = node
        parent = nodes.get(comment.parent_id) if comment.parent_id != comment.pk else None
        (parent.children if parent else roots).append(node)
    count = sum(1 for node in nodes.values() if node.visible)
    return Thread(nodes=_prune(roots), count=count)


def _prune(nodes):
    kept = []
    for node in nodes:
        node.children = _prune(node.children)
        if node.visible or node.children:
            kept.append(node)
    return kept
