"""Readers' newsletter forms: sign up, and change what they get."""

from django import forms

from cms.models import Topic
from newsletters.models import MailingList


def _topic_choices():
    return list(Topic.objects.order_by("name").values_list("slug", "name"))


class ListsField(forms.Form):
    """The daily briefing tick box and the topic alerts, shared by both forms.

    Topics are chosen by slug from a fixed list, so a junk value is a form error before
    anything reaches the database.
    """

    briefing = forms.BooleanField(
        label="The daily briefing",
        required=False,
        help_text=MailingList(kind="briefing").description,
    )
    topics = forms.MultipleChoiceField(
        label="Topic alerts",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="A digest of what we published on each topic you tick, "
        "when there is something new.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].choices = _topic_choices()

    def chosen_lists(self):
        """The MailingLists ticked (call after is_valid)."""
        lists = []
        if self.cleaned_data.get("briefing"):
            lists.append(MailingList.objects.briefing())
        slugs = self.cleaned_data.get("topics") or []
        if slugs:
            lists += list(
                MailingList.objects.in_order().filter(kind=MailingList.TOPIC, topic__slug__in=slugs)
            )
        return lists


class SubscribeForm(ListsField):
    """Sign up: an email address and at least one list."""

    email = forms.EmailField(label="Your email address", max_length=254)
    field_order = ["email", "briefing", "topics"]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("briefing") and not cleaned.get("topics") and not self.errors:
            raise forms.ValidationError(
                "Tick the daily briefing or at least one topic alert.", code="no_lists"
            )
        return cleaned


class PreferencesForm(ListsField):
    """What a subscriber gets; nothing ticked means nothing is sent."""

    @classmethod
    def for_subscriber(cls, subscriber, data=None):
        active = subscriber.active_subscriptions.select_related("mailing_list__topic")
        lists = [subscription.mailing_list for subscription in active]
        initial = {
            "briefing": any(ml.kind == MailingList.BRIEFING for ml in lists),
            "topics": [ml.topic.slug for ml in lists if ml.kind == MailingList.TOPIC],
        }
        return cls(data=data, initial=initial)
