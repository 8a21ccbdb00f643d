"""The second-launch socket on POSIX: a Unix socket of Python's own, watched by the Qt event loop.

What QLocalServer does there, without QtNetwork: bind the socket file (then 0600), accept each launch,
read its one line, write the answer, close; a client silent for `silent_client_ms` is dropped, so idle
connections never keep a later launch from being answered. Nothing here blocks: every socket is
non-blocking and read when the event loop says it is ready.
"""

from __future__ import annotations

import _socket  # the C module: socket.py adds its enums and selectors (a third of a MiB) for nothing here
import contextlib
import errno
import os
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier, QTimer


def accepts_connections(path: str, timeout_s: float = 0.5) -> bool:
    """Whether a server accepts connections on the socket file `path` (not a file a killed app left)."""
    probe = _unix_socket()
    probe.settimeout(timeout_s)
    try:
        probe.connect(path)
    except OSError:
        return False
    finally:
        probe.close()
    return True


class _Client(QObject):
    """One launch connected: its bytes so far, until a whole line (or too many bytes, or silence)."""

    def __init__(self, connection: _socket.socket, listener: UnixListener, silent_ms: int) -> None:
        super().__init__(listener)
        self.connection = connection
        self.listener = listener
        self.received = b""
        self.notifier = QSocketNotifier(connection.fileno(), QSocketNotifier.Type.Read, self)
        self.notifier.activated.connect(self._on_ready)
        self.silence = QTimer(self)
        self.silence.setSingleShot(True)
        self.silence.timeout.connect(self.drop)
        self.silence.start(silent_ms)

    def _on_ready(self, *_: object) -> None:
        try:
            chunk = self.connection.recv(4096)
        except BlockingIOError:
            return
        except OSError:
            self.drop()
            return
        if not chunk:
            self.drop()
            return
        self.received += chunk
        line, newline, _rest = self.received.partition(b"\n")
        if newline:
            self._reply(self.listener.answer(line[: self.listener.max_bytes]))
        elif len(self.received) > self.listener.max_bytes:
            self.drop()

    def _reply(self, answer: bytes) -> None:
        with contextlib.suppress(OSError):
            # A few hundred bytes into an empty socket buffer: written whole, at once.
            self.connection.setblocking(True)
            self.connection.settimeout(1.0)
            self.connection.sendall(answer)
        self.drop()

    def drop(self) -> None:
        """Close the connection and forget the client."""
        self.silence.stop()
        self.notifier.setEnabled(False)
        self.connection.close()
        self.listener.forget(self)
        self.deleteLater()


class UnixListener(QObject):
    """Listens on the socket file `path`; `answer` turns a request's line into the answer's bytes."""

    def __init__(
        self,
        path: str,
        answer: Callable[[bytes], bytes],
        max_bytes: int,
        silent_client_ms: int,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.path = path
        self.answer = answer
        self.max_bytes = max_bytes
        self._silent_ms = silent_client_ms
        self._socket: _socket.socket | None = None
        self._notifier: QSocketNotifier | None = None
        self._clients: set[_Client] = set()

    def listen(self) -> bool:
        """Bind and listen; a socket file nobody answers on (left by a killed app) is replaced."""
        for attempt in range(2):
            server = _unix_socket()
            try:
                server.bind(self.path)
            except OSError as error:
                server.close()
                if error.errno != errno.EADDRINUSE or attempt:
                    return False
                with contextlib.suppress(OSError):
                    os.unlink(self.path)
                continue
            with contextlib.suppress(OSError):
                os.chmod(self.path, 0o600)  # for this user alone (its folder is private too)
            server.listen(16)
            server.setblocking(False)
            self._socket = server
            self._notifier = QSocketNotifier(server.fileno(), QSocketNotifier.Type.Read, self)
            self._notifier.activated.connect(self._on_connection)
            return True
        return False

    def is_listening(self) -> bool:
        return self._socket is not None

    def close(self) -> None:
        """Stop listening, drop every client and remove the socket file."""
        for client in list(self._clients):
            client.drop()
        if self._socket is None:
            return
        if self._notifier is not None:
            self._notifier.setEnabled(False)
        self._socket.close()
        self._socket = None
        with contextlib.suppress(OSError):
            os.unlink(self.path)

    def forget(self, client: _Client) -> None:
        self._clients.discard(client)

    def _on_connection(self, *_: object) -> None:
        while self._socket is not None:
            try:
                # What socket.accept() calls: the new connection's descriptor (wrapped below).
                accepted, _address = self._socket._accept()  # type: ignore[attr-defined]  # noqa: SLF001
            except (BlockingIOError, InterruptedError):
                return
            except OSError:
                return
            connection = _unix_socket(accepted)
            connection.setblocking(False)
            self._clients.add(_Client(connection, self, self._silent_ms))


def _unix_socket(fileno: int | None = None) -> _socket.socket:
    """A Unix stream socket (as `socket.socket(AF_UNIX, SOCK_STREAM)` makes it), or the one accepted as
    `fileno` (as `socket.accept` wraps it)."""
    return _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM, 0, fileno)
