"""Permission cases of mail: the list of mails the worker gave up on is the coordination's."""

from .cases import COORDINATION, Case, slug

CASES = {"workspaces:undelivered": Case(COORDINATION, slug)}
