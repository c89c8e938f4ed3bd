"""Small background tasks of the site core."""

from django_tasks import task


@task()
def ping(value: str) -> str:
    """A no-op task used to prove the queue and the worker work end to end."""
    return f"pong {value}"
