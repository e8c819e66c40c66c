from django.apps import AppConfig


class WorkspacesConfig(AppConfig):
    name = "workspaces"
    verbose_name = "Die Werkstatt"

    def ready(self):
        from history.services import CHANGE_CHECKS
        from workspaces.stage import refuse_changes_when_ended

        if refuse_changes_when_ended not in CHANGE_CHECKS:
            CHANGE_CHECKS.append(refuse_changes_when_ended)
