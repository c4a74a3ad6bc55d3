"""The Settings dialog (Ctrl+,): one page per subject, applied all together or not at all."""

from newsdesk.ui.dialogs.settings.dialog import SettingsDialog

__all__ = ["SettingsDialog"]
