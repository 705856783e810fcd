"""Idle page release (issue 10, item 8): an idle server gives its code pages back, and works after.

Portico unmaps its executable's and libraries' read-only pages (madvise MADV_DONTNEED) once it has used almost
no CPU for five seconds after activity; PORTICO_RELEASE_IDLE_PAGES=0 keeps them. The file-backed
part of the resident set must shrink, and every later request must still be answered.
"""
import time
import urllib.request

from conftest import PorticoProcess


def rss_kib(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            name, _, value = line.partition(":")
            if name in ("VmRSS", "RssFile", "RssAnon"):
                fields[name] = int(value.split()[0])
    return fields


def deploy_mock(server):
    c = server.client()
    api = c.create_rest_api(name="idle")
    c.put_method(restApiId=api["id"], resourceId=api["rootResourceId"], httpMethod="GET", authorizationType="NONE")
    c.put_integration(restApiId=api["id"], resourceId=api["rootResourceId"], httpMethod="GET", type="MOCK",
                      requestTemplates={"application/json": '{"statusCode": 200}'})
    c.put_method_response(restApiId=api["id"], resourceId=api["rootResourceId"], httpMethod="GET", statusCode="200")
    c.put_integration_response(restApiId=api["id"], resourceId=api["rootResourceId"], httpMethod="GET",
                               statusCode="200", responseTemplates={"application/json": '{"idle": "$context.stage"}'})
    c.create_deployment(restApiId=api["id"], stageName="dev")
    return f"{server.endpoint}/_aws/execute-api/{api['id']}/dev/"


def invoke(url):
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.read()


def test_idle_server_releases_code_pages_and_keeps_answering():
    released = PorticoProcess(in_memory=True).start()
    kept = PorticoProcess(in_memory=True, extra_env={"PORTICO_RELEASE_IDLE_PAGES": "0"}).start()
    try:
        urls = {name: deploy_mock(server) for name, server in (("released", released), ("kept", kept))}
        for url in urls.values():
            assert invoke(url) == (200, b'{"idle": "dev"}')
        time.sleep(6.5)  # five quiet seconds, sampled once a second
        after = {name: rss_kib(server.proc.pid) for name, server in (("released", released), ("kept", kept))}
        assert after["released"]["RssFile"] < 0.6 * after["kept"]["RssFile"], after
        # Everything faults back in: invocations and management calls still work (and a few
        # hundred calls make a busy second, which re-arms the release).
        for _ in range(300):
            assert invoke(urls["released"]) == (200, b'{"idle": "dev"}')
        assert released.client().get_rest_apis()["items"][0]["name"] == "idle"
        grown = rss_kib(released.proc.pid)["RssFile"]
        assert grown > after["released"]["RssFile"]
        # And is released again at the next quiet spell.
        time.sleep(6.5)
        assert rss_kib(released.proc.pid)["RssFile"] < grown
    finally:
        released.cleanup()
        kept.cleanup()
