"""The production settings plus the bench's minimal view (bench/urls.py), for make load."""

from gemeinwerk.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
