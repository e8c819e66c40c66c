"""A small SMTP server on 127.0.0.1 for tests: speaks enough SMTP for Django's SMTP backend,
records what it accepted and refuses the addresses it is told to (550, user unknown)."""

import socketserver
import threading
from contextlib import contextmanager


class Conversation(socketserver.StreamRequestHandler):
    def reply(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self) -> None:
        recipients = []
        self.reply("220 127.0.0.1 test server")
        while line := self.rfile.readline():
            command = line.decode().strip()
            verb = command[:4].upper()
            if verb in {"EHLO", "HELO"}:
                self.reply("250 127.0.0.1")
            elif verb in {"MAIL", "RSET"}:
                recipients = []
                self.reply("250 OK")
            elif verb == "RCPT":
                address = command.split(":", 1)[1].strip().strip("<>")
                if address in self.server.refused:
                    self.reply("550 5.1.1 User unknown")
                else:
                    recipients.append(address)
                    self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                while self.rfile.readline() not in {b".\r\n", b""}:
                    pass
                self.server.accepted.extend(recipients)
                self.reply("250 OK queued")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("502 Not implemented")


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


@contextmanager
def smtp_server(*, refused=()):
    """A running server: ``server.server_address[1]`` is its port, ``server.accepted`` the
    recipients of the messages it took."""
    server = Server(("127.0.0.1", 0), Conversation)
    server.refused, server.accepted = set(refused), []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
