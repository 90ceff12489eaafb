"""Test helper: a real HTTPS server on 127.0.0.1 (trustme certificates) for live checks and page fetches."""

from __future__ import annotations

import ssl
from http.server import ThreadingHTTPServer


class TlsServer(ThreadingHTTPServer):
    """TLS is set up per connection in the handler thread, so a failed handshake harms no one.

    Give it `context` (an `ssl.SSLContext`) before serving.
    """

    daemon_threads = True

    def finish_request(self, request, client_address):
        try:
            tls = self.context.wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError):
            return
        try:
            self.RequestHandlerClass(tls, client_address, self)
        finally:
            tls.close()

    def handle_error(self, request, client_address):
        pass
