"""File ▸ Import OPML and Export OPML: the subscriptions to and from an OPML file.

Importing subscribes the profile to the file's feeds (``Profile.import_opml`` skips the ones it
has and the ones it cannot use) and says how many; the window then refreshes. Exporting writes
every subscription, atomically. Failures are shown in a message box, in the core's words.

Most texts keep the ``MainWindow`` translation context they had before they moved here; the
count of imported feeds is a plural, which lupdate reads only from ``self.tr``, so it is in this
class's context.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QObject, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from newsdesk.core.errors import NewsdeskError
from newsdesk.core.profile import Profile

#: How long the import's summary stays in the status bar.
IMPORTED_MS = 10_000


class OpmlFiles(QObject):
    """Asks for a file, then imports or exports the subscriptions.

    Signals:
        imported(): feeds were added from a file.
    """

    imported = Signal()

    def __init__(self, profile: Profile, window: QMainWindow) -> None:
        """Work on ``profile``'s subscriptions; dialogs and messages belong to ``window``."""
        super().__init__(window)
        self._profile = profile
        self._window = window

    @Slot()
    def import_opml(self) -> None:
        """Subscribe to the feeds of an OPML file (the window then refreshes)."""
        title = QCoreApplication.translate("MainWindow", "Import subscriptions")
        kinds = QCoreApplication.translate("MainWindow", "OPML (*.opml *.xml)")
        name, _ = QFileDialog.getOpenFileName(self._window, title, str(Path.home()), kinds)
        if not name:
            return
        try:
            summary = self._profile.import_opml(Path(name).read_bytes())
        except (NewsdeskError, OSError) as exc:
            failed = QCoreApplication.translate("MainWindow", "Import failed")
            QMessageBox.warning(self._window, failed, str(exc))
            return
        done = self.tr("Imported %n feed(s); {skipped} skipped.", "", summary.added)
        skipped = QLocale().toString(len(summary.skipped))
        self._window.statusBar().showMessage(done.format(skipped=skipped), IMPORTED_MS)
        self.imported.emit()

    @Slot()
    def export_opml(self) -> None:
        """Write the subscriptions as OPML."""
        from newsdesk.core.opml import export_opml
        from newsdesk.core.settings import atomic_write

        title = QCoreApplication.translate("MainWindow", "Export subscriptions")
        kinds = QCoreApplication.translate("MainWindow", "OPML (*.opml)")
        name, _ = QFileDialog.getSaveFileName(
            self._window, title, str(Path.home() / "newsdesk.opml"), kinds
        )
        if not name:
            return
        try:
            atomic_write(Path(name), export_opml(self._profile.storage.feeds()))
        except OSError as exc:
            failed = QCoreApplication.translate("MainWindow", "Export failed")
            QMessageBox.warning(self._window, failed, str(exc))
