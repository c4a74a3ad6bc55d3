"""The small dialog that adds or edits one subscription, with a Test button.

Test runs :class:`~newsdesk.worker.probe.FeedProbe` in a ``QThread`` of its own, made on the
first test and stopped when the dialog closes (the probe is told to stop, the thread to quit,
and the wait is bounded; a thread that does not end in time is kept referenced until the
process ends rather than destroyed while running). When the test found a feed at another
address than the one typed (a site's page announcing its feed), saving uses the feed's address.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QThread, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from newsdesk.core.errors import UnsafeUrlError
from newsdesk.core.links import normalize_feed_url
from newsdesk.core.model import (
    MAX_INTERVAL_MINUTES,
    MIN_INTERVAL_MINUTES,
    NEWS_GROUP,
    PARTNER_GROUP,
    ProbeResult,
    Topic,
)
from newsdesk.core.settings import Settings
from newsdesk.ui.dialogs.settings.feed_table import FeedValues, group_label
from newsdesk.ui.dialogs.settings.fields import ErrorLabel, plain_label
from newsdesk.worker.probe import FeedProbe

#: How long closing the dialog waits for a running test to give up.
STOP_WAIT_MS = 3000


class _ProbeThread:
    """A :class:`FeedProbe` in a thread of its own, and how to stop both.

    Deliberately not a QObject: it is connected to the editor's ``destroyed`` signal, and that
    connection keeps it alive until it has stopped the thread, even when the editor goes
    with its parent without being closed (destroying a running ``QThread`` aborts).
    """

    def __init__(self) -> None:
        self.thread = QThread()
        self.thread.setObjectName("feed-probe")
        self.probe = FeedProbe()
        self.probe.moveToThread(self.thread)
        self.thread.finished.connect(self.probe.deleteLater)
        self.stopped = False

    def stop(self) -> None:
        """Tell the probe to give up and the thread to end; wait a bounded time."""
        if self.stopped:
            return
        self.stopped = True
        self.probe.stop()
        self.thread.quit()
        if not self.thread.wait(STOP_WAIT_MS):
            _LINGERING[:] = [w for w in _LINGERING if w.thread.isRunning()]
            _LINGERING.append(self)  # stays referenced until the process ends


# Probe threads that outlived STOP_WAIT_MS.
_LINGERING: list[_ProbeThread] = []


class FeedEditor(QDialog):
    """Add (no ``values``) or edit one subscription.

    After ``accept()``, :meth:`values` holds what to save. Errors are shown under their field
    and keep the dialog open.

    Signals:
        probe_requested(str, object): asks the probe thread to test an address with a
            :class:`Settings` (internal; the probe's answers come back to slots here).
    """

    probe_requested = Signal(str, object)

    def __init__(
        self,
        settings: Settings,
        topics: Sequence[Topic],
        is_taken: Callable[[str], bool],
        values: FeedValues | None = None,
        groups: Sequence[str] = (),
        language: str = "en",
        parent: QWidget | None = None,
    ) -> None:
        """Build the form.

        Args:
            settings: Network settings for the test (proxy, timeouts, size caps).
            topics: The topics a feed may be given.
            is_taken: Whether a (normalised) address is already another row's.
            values: The subscription to edit, or None to add one.
            groups: Groups in use besides the default two (offered too).
            language: The UI language, for topic names.
            parent: The owning widget.
        """
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit feed") if values else self.tr("Add feed"))
        self._settings = settings
        self._is_taken = is_taken
        self._values = values
        self._result: FeedValues | None = None
        self._found: tuple[str, ProbeResult] | None = None  # (address tested, what was found)
        self._worker: _ProbeThread | None = None
        self._testing = False
        self._tested = ""  # the address of the running or last test

        self.address = QLineEdit(self)
        self.address.setPlaceholderText(self.tr("https://example.com/feed.xml or a site's address"))
        self.address.setAccessibleName(self.tr("Address"))
        self.test_button = QPushButton(self.tr("&Test"), self)
        self.test_button.setAccessibleName(self.tr("Test the address"))
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)  # an indeterminate "working" bar
        self.busy.setMaximumWidth(90)
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName(self.tr("Testing"))
        self.busy.hide()
        self.address_error = ErrorLabel(self)
        self.test_result = plain_label("", self)
        self.test_result.hide()
        address_row = QHBoxLayout()
        address_row.addWidget(self.address, 1)
        address_row.addWidget(self.test_button)
        address_row.addWidget(self.busy)
        address_box = QVBoxLayout()
        address_box.setSpacing(2)
        address_box.addLayout(address_row)
        address_box.addWidget(self.address_error)
        address_box.addWidget(self.test_result)

        self.title = QLineEdit(self)
        self.title.setPlaceholderText(self.tr("The feed's own title"))
        self.title.setAccessibleName(self.tr("Title"))
        self.group = QComboBox(self)
        self.group.setAccessibleName(self.tr("Group"))
        self.group.addItem(group_label(NEWS_GROUP), NEWS_GROUP)
        self.group.addItem(group_label(PARTNER_GROUP), PARTNER_GROUP)
        for name in groups:
            if name and self.group.findData(name) < 0:
                self.group.addItem(name, name)
        self.group.addItem(self.tr("No group"), "")
        self.topic = QComboBox(self)
        self.topic.setAccessibleName(self.tr("Topic"))
        self.topic.addItem(self.tr("None (found from each article)"), "")
        for topic in topics:
            self.topic.addItem(topic.name(language), topic.code)
        self._topics = tuple(topics)
        self.enabled = QCheckBox(self.tr("&Refresh this feed"), self)
        self.enabled.setAccessibleName(self.tr("Enabled"))
        self.interval = QSpinBox(self)
        self.interval.setAccessibleName(self.tr("Refresh interval"))
        self.interval.setRange(0, MAX_INTERVAL_MINUTES)
        self.interval.setSingleStep(5)
        self.interval.setSuffix(self.tr(" min"))
        default = settings.refresh.interval_minutes
        self.interval.setSpecialValueText(self.tr("Default (%n min)", "", default))
        self.interval_error = ErrorLabel(self)
        interval_box = QVBoxLayout()
        interval_box.setSpacing(2)
        interval_box.addWidget(self.interval)
        interval_box.addWidget(self.interval_error)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for text, widget, field in (
            (self.tr("&Address:"), self.address, address_box),
            (self.tr("T&itle:"), self.title, self.title),
            (self.tr("&Group:"), self.group, self.group),
            (self.tr("T&opic:"), self.topic, self.topic),
            (self.tr("Refresh &every:"), self.interval, interval_box),
        ):
            label = QLabel(text, self)
            label.setBuddy(widget)
            form.addRow(label, field)
        form.addRow("", self.enabled)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.test_button.clicked.connect(self.start_test)
        self.address.textEdited.connect(self._on_address_edited)
        self._load(values)

    # -- results ----------------------------------------------------------------------------

    def values(self) -> FeedValues | None:
        """What to save, once the dialog was accepted."""
        return self._result

    def is_testing(self) -> bool:
        """Whether a test is running."""
        return self._testing

    def probe_thread(self) -> QThread | None:
        """The thread tests run in (None before the first test and after closing)."""
        return self._worker.thread if self._worker is not None else None

    def accept(self) -> None:
        """Check the fields; close only if they are right."""
        result = self._checked()
        if result is not None:
            self._result = result
            super().accept()

    def done(self, code: int) -> None:
        """Stop a running test whichever way the dialog closes."""
        self.stop_test()
        super().done(code)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        """Stop a running test."""
        self.stop_test()
        super().closeEvent(event)

    # -- testing ----------------------------------------------------------------------------

    def start_test(self) -> None:
        """Test the typed address in the probe thread (the answer comes to a slot)."""
        address = self.address.text().strip()
        self._clear_test()
        if not address:
            self.address_error.set_message(self.tr("Enter the address of a feed or a website."))
            return
        if self._worker is None:
            worker = _ProbeThread()
            self.probe_requested.connect(worker.probe.probe)
            worker.probe.succeeded.connect(self._on_probe_succeeded)
            worker.probe.failed.connect(self._on_probe_failed)
            self.destroyed.connect(worker.stop)
            worker.thread.start()
            self._worker = worker
        self._testing = True
        self._tested = address
        self.test_button.setEnabled(False)
        self.busy.show()
        self.test_result.setText(self.tr("Testing…"))
        self.test_result.show()
        self.probe_requested.emit(address, self._settings)

    def stop_test(self) -> None:
        """Stop the probe thread (bounded wait); safe to call more than once."""
        worker, self._worker = self._worker, None
        self._set_idle()
        if worker is not None:
            self.probe_requested.disconnect(worker.probe.probe)
            worker.stop()

    @Slot(object)
    def _on_probe_succeeded(self, result: ProbeResult) -> None:
        self._set_idle()
        self._found = (self._tested, result)
        text = self.tr("{title} — %n item(s)", "", result.item_count).format(
            title=result.title or result.url
        )
        try:
            typed = normalize_feed_url(self._tested)
        except UnsafeUrlError:
            typed = self._tested
        if result.url != typed:
            text += "\n" + self.tr("Feed found at {url}").format(url=result.url)
        self.test_result.setText(text)
        self.test_result.show()
        if result.title:
            self.title.setPlaceholderText(result.title)

    @Slot(str)
    def _on_probe_failed(self, message: str) -> None:
        self._set_idle()
        self.test_result.hide()
        self.address_error.set_message(message)

    def _set_idle(self) -> None:
        self._testing = False
        self.test_button.setEnabled(True)
        self.busy.hide()

    def _clear_test(self) -> None:
        self._found = None
        self.address_error.set_message("")
        self.test_result.setText("")
        self.test_result.hide()

    def _on_address_edited(self) -> None:
        if not self._testing:
            self._clear_test()

    # -- the form ---------------------------------------------------------------------------

    def _load(self, values: FeedValues | None) -> None:
        values = values or FeedValues("", group=NEWS_GROUP)
        self.address.setText(values.url)
        self.title.setText(values.title)
        if self.group.findData(values.group) < 0:
            self.group.insertItem(self.group.count() - 1, values.group, values.group)
        self.group.setCurrentIndex(self.group.findData(values.group))
        code = self._topic_code(values.topic)
        if self.topic.findData(code) < 0:
            self.topic.addItem(values.topic, values.topic)
        self.topic.setCurrentIndex(self.topic.findData(code))
        self.enabled.setChecked(values.enabled)
        self.interval.setValue(values.interval_minutes or 0)

    def _topic_code(self, topic: str) -> str:
        """A feed's topic as a code (an OPML file may have given a name)."""
        wanted = topic.strip().casefold()
        for candidate in self._topics:
            if wanted in (candidate.code, *(n.casefold() for n in candidate.names.values())):
                return candidate.code
        return topic

    def _checked(self) -> FeedValues | None:
        self.address_error.set_message("")
        self.interval_error.set_message("")
        typed = self.address.text().strip()
        url: str | None = None
        if not typed:
            self.address_error.set_message(self.tr("Enter the address of a feed or a website."))
        elif self._values is not None and typed == self._values.url:
            url = typed  # unchanged: keep it exactly as stored
        else:
            try:
                url = normalize_feed_url(typed)
            except UnsafeUrlError:
                self.address_error.set_message(
                    self.tr(
                        "“{address}” is not a web address: only http and https addresses "
                        "can be subscribed to."
                    ).format(address=typed[:200])
                )
        if url is not None and self._found is not None and self._found[0] == typed:
            url = self._found[1].url  # the feed the test found behind a site's page
        if url is not None and self._is_taken(url):
            self.address_error.set_message(
                self.tr("You are already subscribed to {url}.").format(url=url)
            )
            url = None
        interval = self.interval.value()
        if 0 < interval < MIN_INTERVAL_MINUTES:
            self.interval_error.set_message(
                self.tr("Choose at least {low} minutes, or the default.").format(
                    low=MIN_INTERVAL_MINUTES
                )
            )
        if url is None:
            self.address.setFocus()
            return None
        if self.interval_error.text():
            self.interval.setFocus()
            return None
        title = self.title.text().strip()
        return FeedValues(
            url=url,
            title=title,
            group=str(self.group.currentData()),
            topic=str(self.topic.currentData()),
            enabled=self.enabled.isChecked(),
            interval_minutes=interval or None,
        )
