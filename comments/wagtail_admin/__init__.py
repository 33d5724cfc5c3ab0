"""The Comments area of the Wagtail admin: listing, detail, bulk actions, moderation log."""
