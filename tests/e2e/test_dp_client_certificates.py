"""Client certificates: HTTP and HTTP_PROXY integrations on a stage with clientCertificateId
present that certificate to HTTPS backends (mutual TLS), tested against a loopback TLS server
that requires it."""
import http.server
import json
import os
import ssl
import subprocess
import tempfile
import threading

import pytest

from backend_helpers import integrate
from invoke_helpers import invoke


class MutualTLSBackend:
    """HTTPS on loopback; a client must present a certificate issued by `client_ca_pem`."""

    def __init__(self, client_ca_pem):
        self.dir = tempfile.mkdtemp(prefix="mtls-")
        cert, key = os.path.join(self.dir, "server.pem"), os.path.join(self.dir, "server.key")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                        "-days", "1", "-subj", "/CN=127.0.0.1"], check=True, capture_output=True)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        context.verify_mode = ssl.CERT_REQUIRED
        context.load_verify_locations(cadata=client_ca_pem)
        seen = self.seen = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                subject = dict(pair[0] for pair in self.connection.getpeercert()["subject"])
                seen.append(subject)
                body = json.dumps({"clientCN": subject.get("commonName")}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self):
        return f"https://127.0.0.1:{self.server.server_address[1]}"

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.mark.parametrize("kind", ["HTTP", "HTTP_PROXY"])
def test_stage_client_certificate_is_presented_to_https_backends(apigw, portico, api, kind):
    certificate = apigw.generate_client_certificate(description="mtls")
    backend = MutualTLSBackend(certificate["pemEncodedCertificate"])
    try:
        api_id, root = api
        integrate(apigw, api_id, root, "GET", kind, uri=backend.url + "/", tlsConfig={"insecureSkipVerification": True})
        apigw.create_deployment(restApiId=api_id, stageName="dev")
        # Without a certificate the backend refuses the handshake: an integration failure.
        refused = invoke(portico.endpoint, api_id, "dev", "/")
        assert refused.status == 500, refused.text
        assert refused.json() == {"message": "Internal server error"}
        assert backend.seen == []
        apigw.update_stage(restApiId=api_id, stageName="dev", patchOperations=[
            {"op": "replace", "path": "/clientCertificateId", "value": certificate["clientCertificateId"]}])
        reply = invoke(portico.endpoint, api_id, "dev", "/")
        assert reply.status == 200, reply.text
        assert reply.json() == {"clientCN": certificate["clientCertificateId"]}
        # Removing it from the stage stops presenting it.
        apigw.update_stage(restApiId=api_id, stageName="dev", patchOperations=[
            {"op": "remove", "path": "/clientCertificateId"}])
        assert invoke(portico.endpoint, api_id, "dev", "/").status == 500
    finally:
        backend.close()


def test_backend_certificate_is_verified_unless_skipped(apigw, portico, api):
    certificate = apigw.generate_client_certificate()
    backend = MutualTLSBackend(certificate["pemEncodedCertificate"])
    try:
        api_id, root = api
        integrate(apigw, api_id, root, "GET", "HTTP_PROXY", uri=backend.url + "/")
        apigw.create_deployment(restApiId=api_id, stageName="dev")
        apigw.update_stage(restApiId=api_id, stageName="dev", patchOperations=[
            {"op": "replace", "path": "/clientCertificateId", "value": certificate["clientCertificateId"]}])
        # The loopback server's certificate is self-signed: not trusted without insecureSkipVerification.
        assert invoke(portico.endpoint, api_id, "dev", "/").status == 500
        assert backend.seen == []
    finally:
        backend.close()
