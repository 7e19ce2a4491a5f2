"""Process-wide limits applied to Rasa once, when the Rasa server loads the project's classes."""
import rasa.core.actions.action as remote_action

from bot import settings


def configure() -> None:
    """Caps the wait for the action server: Rasa 3.6 passes this module global to every action call
    (RemoteAction.run, `timeout=DEFAULT_REQUEST_TIMEOUT`, 5 minutes), and endpoints.yml cannot change it."""
    remote_action.DEFAULT_REQUEST_TIMEOUT = settings.service().action_timeout_seconds
