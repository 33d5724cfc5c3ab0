"""An email backend that dies mid-send, as a killed process would."""

from django.core.mail.backends.locmem import EmailBackend


class Crash(BaseException):
    """Not an Exception: nothing in the sender may catch it, as with a SIGKILL."""


class CrashAfter(EmailBackend):
    """Takes `limit` messages (into mail.outbox), then the process "dies" right after
    the server took the next one: the worst moment, before the sender could record it."""

    limit = 0
    taken = 0

    def send_messages(self, messages):
        sent = super().send_messages(messages)
        CrashAfter.taken += sent
        if CrashAfter.taken > CrashAfter.limit:
            raise Crash("killed")
        return sent
