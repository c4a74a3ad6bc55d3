"""One window per profile: a second launch brings the running window forward and exits.

Two processes writing one profile would each refresh, each prune old articles and each save
settings over the other's. So the first launch takes a :class:`QLockFile` in the profile's data
folder and listens on a :class:`QLocalServer`; a later launch fails to take the lock, connects to
that server, says ``raise``, waits briefly for ``ok`` and exits with status 0.

* The lock, not the socket, decides who is first: a socket file survives a crash, a lock held
  by a dead process does not (Qt checks the PID it wrote). The lock is held for the whole run,
  so its stale time is 0 (never stale by age alone: a day-old lock of a live window is not
  stale). A lock file Qt cannot read (truncated by a full disk) would never go stale by itself;
  when the running instance does not answer either, :meth:`SingleInstance.acquire` removes it
  with ``removeStaleLockFile`` and tries again.
* The server's name is a hash of the resolved profile path (and the user), short enough for
  the 104-byte limit of a Unix socket path wherever the temp folder is; the socket is readable
  by its user only. A socket left by a crash is removed with ``QLocalServer.removeServer``
  before listening; only the lock holder does that.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
from pathlib import Path

from PySide6.QtCore import (
    QByteArray,
    QDeadlineTimer,
    QEventLoop,
    QLockFile,
    QObject,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

LOCK_NAME = "newsdesk.lock"
RAISE = b"raise\n"
ACK = b"ok\n"
#: How long a second launch keeps trying to reach the first (which may still be starting).
CONNECT_WAIT_MS = 5000
#: One attempt's bound for connecting, writing and reading the answer.
STEP_MS = 1000
#: The pause between attempts.
RETRY_MS = 100
_MAX_REQUEST = 64


def server_name(folder: Path) -> str:
    """The local server's name for the profile whose data folder is ``folder``."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (containers)
        user = ""
    key = f"{user}\0{Path(folder).resolve()}".encode()
    return "newsdesk-" + hashlib.sha256(key).hexdigest()[:24]


class SingleInstance(QObject):
    """Decides whether this process is the profile's first, and relays later launches to it.

    Signals:
        raise_requested(): another launch asked for the window (emitted in the first instance).
    """

    raise_requested = Signal()

    def __init__(self, folder: Path, parent: QObject | None = None) -> None:
        """A guard for the profile whose data folder is ``folder`` (nothing is taken yet)."""
        super().__init__(parent)
        self._folder = Path(folder)
        self._name = server_name(self._folder)
        self._lock = QLockFile(str(self._folder / LOCK_NAME))
        self._lock.setStaleLockTime(0)
        self._server: QLocalServer | None = None
        self._clients: list[QLocalSocket] = []

    @property
    def name(self) -> str:
        """The local server's name."""
        return self._name

    def is_primary(self) -> bool:
        """Whether this process holds the profile's lock."""
        return self._lock.isLocked()

    def acquire(self) -> bool:
        """Take the profile: True when this process is the first and now listens for others.

        False when another live process holds it; then :meth:`ask_to_raise` reaches it.
        """
        if self._lock.isLocked():
            return True
        if not self._lock.tryLock(0):
            if self._lock.error() != QLockFile.LockError.LockFailedError:
                log.warning("Cannot create %s: lock error %s", LOCK_NAME, self._lock.error())
                return True  # a read-only folder: carrying on beats refusing to start
            pid, _host, _app = self._lock.getLockInfo()
            if pid > 0 or self.ask_to_raise(timeout_ms=STEP_MS):
                return False
            log.warning("Removing the unreadable lock file in %s", self._folder)
            if not self._lock.removeStaleLockFile() or not self._lock.tryLock(0):
                return False
        self._listen()
        return True

    def ask_to_raise(self, timeout_ms: int = CONNECT_WAIT_MS) -> bool:
        """Ask the first instance to show its window; True when it answered.

        It may still be starting (the lock taken, the server not listening yet), so this tries
        again until ``timeout_ms`` has passed. The exchange runs in a local event loop rather
        than with ``waitFor...`` calls, so it also works when the first instance is in this
        very thread (the tests) and never holds Python's GIL while it waits.
        """
        deadline = QDeadlineTimer(timeout_ms)
        while True:
            if self._ask_once(min(STEP_MS, max(1, deadline.remainingTime()))):
                return True
            if deadline.hasExpired():
                return False
            _wait(min(RETRY_MS, max(1, deadline.remainingTime())))

    def release(self) -> None:
        """Stop listening and give the profile up (at exit)."""
        if self._server is not None:
            self._server.close()
            self._server = None
        for client in self._clients:
            client.abort()
        self._clients.clear()
        if self._lock.isLocked():
            self._lock.unlock()

    # -- first instance -------------------------------------------------------------------------

    def _listen(self) -> None:
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        server.newConnection.connect(self._on_new_connection)
        if not server.listen(self._name):
            # We hold the lock, so whatever sits at that name is a crashed run's socket.
            QLocalServer.removeServer(self._name)
            if not server.listen(self._name):
                log.warning("Cannot listen as %s: %s", self._name, server.errorString())
                return
        self._server = server
        log.info("Single instance: listening as %s", self._name)

    @Slot()
    def _on_new_connection(self) -> None:
        server = self._server
        while server is not None and server.hasPendingConnections():
            client = server.nextPendingConnection()
            self._clients.append(client)
            client.readyRead.connect(self._on_client_ready)
            client.disconnected.connect(self._on_client_gone)
            if client.bytesAvailable():
                self._read(client)

    @Slot()
    def _on_client_ready(self) -> None:
        client = self.sender()
        if isinstance(client, QLocalSocket):
            self._read(client)

    @Slot()
    def _on_client_gone(self) -> None:
        client = self.sender()
        if isinstance(client, QLocalSocket) and client in self._clients:
            self._clients.remove(client)
            client.deleteLater()

    def _read(self, client: QLocalSocket) -> None:
        if not client.canReadLine():
            if client.bytesAvailable() > _MAX_REQUEST:
                client.abort()
            return
        line = bytes(client.readLine(_MAX_REQUEST).data())
        if line == RAISE:
            log.info("Single instance: another launch asked for the window")
            client.write(QByteArray(ACK))
            client.flush()
            self.raise_requested.emit()
        client.disconnectFromServer()

    # -- later instances ------------------------------------------------------------------------

    def _ask_once(self, timeout_ms: int) -> bool:
        socket = QLocalSocket()
        loop = QEventLoop()
        answer = bytearray()

        def on_connected() -> None:
            socket.write(QByteArray(RAISE))
            socket.flush()

        def on_ready_read() -> None:
            answer.extend(bytes(socket.read(_MAX_REQUEST).data()))
            if b"\n" in answer or len(answer) >= _MAX_REQUEST:
                loop.quit()

        socket.connected.connect(on_connected)
        socket.readyRead.connect(on_ready_read)
        socket.errorOccurred.connect(loop.quit)
        socket.disconnected.connect(loop.quit)
        QTimer.singleShot(timeout_ms, loop.quit)
        socket.connectToServer(self._name)
        if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
            loop.exec()
        if socket.isOpen() and len(answer) < _MAX_REQUEST:  # what came with the goodbye
            answer.extend(bytes(socket.read(_MAX_REQUEST - len(answer)).data()))
        socket.abort()
        return bytes(answer) == ACK


def _wait(ms: int) -> None:
    """Let ``ms`` pass while events are processed (the first instance may be this thread)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


__all__ = ["SingleInstance", "server_name"]
