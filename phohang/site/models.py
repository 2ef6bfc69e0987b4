from django.db import models


class DemoState(models.Model):
    """Records that the demo data set was loaded, so `make run` loads it only once."""

    name = models.CharField(max_length=40, unique=True)

    def __str__(self) -> str:
        return self.name
