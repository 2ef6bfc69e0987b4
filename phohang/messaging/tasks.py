"""Background work for messages: the daily purge past the retention period."""

from django.tasks import task


@task
def messages_purge_task() -> int:
    from .services import messages_purge

    return messages_purge()
