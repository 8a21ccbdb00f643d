"""One Rehab Coach per user and data folder: a second launch hands its request to the first and exits.

The request is one line of JSON over a QLocalSocket (`{"command": "ice", "minutes": 20}`), the answer one
line back (`{"ok": true, "message": "..."}`). The socket is a file in the user's private runtime folder named
by a hash of the data folder (coach.core.runtime_place), so two test runs with different COACH_DATA_DIR never
meet; it is 0600 and removed when the app closes.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from coach.core.i18n import _
from coach.core.requests import Answer, Request, parse_request

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalSocket

TIMEOUT_MS = 3000
# A launch sends its one line at once; a client silent this long is dropped, so that idle connections
# (one left open by a stuck process, or many on purpose) never keep a later launch from being answered.
SILENT_CLIENT_MS = 5000
_MAX_REQUEST_BYTES = 4096


class InstanceError(Exception):
    """A running Rehab Coach was found but did not answer as it should."""


def hand_over(name: str, request: Request, timeout_ms: int = TIMEOUT_MS) -> Answer | None:
    """Send `request` to the running app; its answer, or None when no app is listening.

    Blocking, so call it before the event loop runs (a second launch), never inside the app itself.
    """
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(timeout_ms):
        return None
    socket.write((request.to_json() + "\n").encode("utf-8"))
    socket.flush()
    deadline = time.monotonic() + timeout_ms / 1000
    received = b""
    while not received.endswith(b"\n") and len(received) < _MAX_REQUEST_BYTES:
        wait = int((deadline - time.monotonic()) * 1000)
        if wait <= 0 or not socket.waitForReadyRead(wait):
            break
        received += bytes(socket.readAll().data())
    socket.abort()
    try:
        raw = json.loads(received.decode("utf-8"))
        return Answer(ok=bool(raw["ok"]), message=str(raw["message"]))
    except (UnicodeDecodeError, ValueError, KeyError, TypeError):
        raise InstanceError(
            _("a Rehab Coach is running but did not answer; close it and try again")
        ) from None


def _someone_answers(name: str) -> bool:
    """True when a server accepts connections on `name` (a live app, not a file left by a killed one)."""
    if os.name == "posix":
        from coach.gui.unix_listener import accepts_connections

        return accepts_connections(name)
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    socket.connectToServer(name)
    connected = socket.waitForConnected(500)
    socket.abort()
    return connected


class InstanceServer(QObject):
    """Listens for later launches and answers each request with what `handler` returns.

    `handler` returns the sentence to send back, or raises ValueError with the sentence of a refusal. On
    POSIX the socket is Python's own, watched by a QSocketNotifier (coach.gui.unix_listener): QtNetwork
    and its libraries (Kerberos among them) cost ~3 MiB held for the app's whole life; elsewhere (Windows'
    named pipes) it is Qt's QLocalServer. Either way a launch talks to it through QLocalSocket.
    """

    def __init__(
        self,
        name: str,
        handler: Callable[[Request], str],
        parent: QObject | None = None,
        *,
        silent_client_ms: int = SILENT_CLIENT_MS,
    ) -> None:
        super().__init__(parent)
        self.name = name
        self._handler = handler
        self._silent_client_ms = silent_client_ms
        if os.name == "posix":
            from coach.gui.unix_listener import UnixListener

            self._listener: UnixListener | _QtListener = UnixListener(
                name, self._answer, _MAX_REQUEST_BYTES, silent_client_ms, self
            )
        else:
            self._listener = _QtListener(name, self._answer, silent_client_ms, self)

    def listen(self) -> bool:
        """Start listening; a socket file left by a killed app is taken over only when nobody answers it."""
        if _someone_answers(self.name):
            return False  # another Rehab Coach started meanwhile: never take its socket
        return self._listener.listen()

    def is_listening(self) -> bool:
        return self._listener.is_listening()

    def close(self) -> None:
        """Stop listening and remove the socket file."""
        self._listener.close()

    def _answer(self, line: bytes) -> bytes:
        """The one line of JSON that answers the request `line`."""
        try:
            answer = Answer(True, self._handler(parse_request(line.strip())))
        except ValueError as error:
            answer = Answer(False, str(error))
        return (json.dumps({"ok": answer.ok, "message": answer.message}) + "\n").encode("utf-8")


class _QtListener(QObject):
    """QLocalServer: a named pipe on Windows."""

    def __init__(
        self, name: str, answer: Callable[[bytes], bytes], silent_client_ms: int, parent: QObject
    ) -> None:
        from PySide6.QtNetwork import QLocalServer

        super().__init__(parent)
        self.name = name
        self._answer = answer
        self._silent_client_ms = silent_client_ms
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_new_connection)

    def listen(self) -> bool:
        from PySide6.QtNetwork import QAbstractSocket, QLocalServer

        if self._server.listen(self.name):
            return True
        if self._server.serverError() is not QAbstractSocket.SocketError.AddressInUseError:
            return False
        QLocalServer.removeServer(self.name)
        return bool(self._server.listen(self.name))

    def is_listening(self) -> bool:
        return self._server.isListening()

    def close(self) -> None:
        self._server.close()

    def _on_new_connection(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(self._on_socket_ready)
            socket.disconnected.connect(socket.deleteLater)
            # Fires only while the socket lives: an answered client is gone (deleteLater) before it.
            QTimer.singleShot(self._silent_client_ms, socket, socket.abort)

    def _on_socket_ready(self) -> None:
        from PySide6.QtNetwork import QLocalSocket

        socket = self.sender()
        if isinstance(socket, QLocalSocket):
            self._on_ready_read(socket)

    def _on_ready_read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            if socket.bytesAvailable() > _MAX_REQUEST_BYTES:
                socket.abort()
            return
        socket.write(self._answer(bytes(socket.readLine(_MAX_REQUEST_BYTES).data())))
        socket.flush()
        socket.disconnectFromServer()
