"""Stage response caching through boto3 and HTTP: cacheClusterEnabled plus methodSettings
caching/*, the cache key (method, resource path, cacheKeyParameters), Cache-Control: max-age=0
under requireAuthorizationForCacheControl and unauthorizedCacheControlHeaderStrategy,
FlushStageCache, the trace's hit/miss, and a flood of distinct keys."""
from backend_helpers import integrate, raw_call, steps, trace_of
from invoke_helpers import add_resource, invoke


def cached_api(apigw, api_id, root, http_backend, key_parameters=None, verb="GET", patches=()):
    """/items/{id} → HTTP_PROXY to the echo backend, on stage `dev` with a 0.5 GB cache and
    `*/*` caching enabled."""
    items = add_resource(apigw, api_id, root, "items")
    item = add_resource(apigw, api_id, items, "{id}")
    extra = {"cacheKeyParameters": key_parameters} if key_parameters else {}
    params = {p: False for p in key_parameters or [] if not p.startswith("method.request.path.")}
    integrate(apigw, api_id, item, verb, "HTTP_PROXY", uri=f"{http_backend.url}/echo/{{id}}",
              requestParameters={"integration.request.path.id": "method.request.path.id"},
              method_parameters={"method.request.path.id": True, **params}, **extra)
    apigw.create_deployment(restApiId=api_id, stageName="dev", cacheClusterEnabled=True, cacheClusterSize="0.5")
    stage = apigw.update_stage(restApiId=api_id, stageName="dev", patchOperations=[
        {"op": "replace", "path": "/*/*/caching/enabled", "value": "true"},
        {"op": "replace", "path": "/*/*/caching/ttlInSeconds", "value": "300"},
        *patches])
    assert stage["cacheClusterEnabled"] is True
    return item


def backend_calls(http_backend):
    return len(http_backend.requests)


def test_get_is_served_from_the_cache_and_traced(apigw, portico, api, http_backend):
    api_id, root = api
    cached_api(apigw, api_id, root, http_backend)
    first = invoke(portico.endpoint, api_id, "dev", "/items/1")
    second = invoke(portico.endpoint, api_id, "dev", "/items/1")
    assert first.status == second.status == 200
    assert second.body == first.body
    assert backend_calls(http_backend) == 1
    assert second.header("x-amz-apigw-id") and second.header("x-amz-apigw-id") != first.header("x-amz-apigw-id")
    assert [s["hit"] for s in steps(trace_of(portico.endpoint, first), "cache")] == [False]
    assert [s["hit"] for s in steps(trace_of(portico.endpoint, second), "cache")] == [True]
    # Without cacheKeyParameters the path parameter is not part of the key (AWS's behaviour).
    assert invoke(portico.endpoint, api_id, "dev", "/items/2").body == first.body
    assert backend_calls(http_backend) == 1
    # FlushStageCache empties it.
    apigw.flush_stage_cache(restApiId=api_id, stageName="dev")
    invoke(portico.endpoint, api_id, "dev", "/items/1")
    assert backend_calls(http_backend) == 2


def test_cache_key_parameters_and_non_get_methods(apigw, portico, api, http_backend):
    api_id, root = api
    cached_api(apigw, api_id, root, http_backend,
               key_parameters=["method.request.path.id", "method.request.querystring.q"])
    for path in ["/items/1?q=a", "/items/2?q=a", "/items/1?q=b", "/items/1?q=a", "/items/2?q=a"]:
        assert invoke(portico.endpoint, api_id, "dev", path).status == 200
    assert backend_calls(http_backend) == 3
    assert [r["path"] for r in http_backend.requests] == ["/echo/1", "/echo/2", "/echo/1"]


def test_post_is_not_cached_by_the_stage_wide_setting(apigw, portico, api, http_backend):
    api_id, root = api
    cached_api(apigw, api_id, root, http_backend, verb="POST")
    for _ in range(2):
        assert invoke(portico.endpoint, api_id, "dev", "/items/1", method="POST", body="{}").status == 200
    assert backend_calls(http_backend) == 2


def test_cache_control_max_age_zero(apigw, portico, api, http_backend):
    api_id, root = api
    cached_api(apigw, api_id, root, http_backend)
    invoke(portico.endpoint, api_id, "dev", "/items/1")
    # requireAuthorizationForCacheControl defaults to true; SUCCEED_WITH_RESPONSE_HEADER.
    reply = invoke(portico.endpoint, api_id, "dev", "/items/1", headers={"Cache-Control": "max-age=0"})
    assert reply.status == 200
    assert reply.header("Warning")
    assert backend_calls(http_backend) == 1
    apigw.update_stage(restApiId=api_id, stageName="dev", patchOperations=[
        {"op": "replace", "path": "/*/*/caching/unauthorizedCacheControlHeaderStrategy", "value": "FAIL_WITH_403"}])
    reply = invoke(portico.endpoint, api_id, "dev", "/items/1", headers={"Cache-Control": "max-age=0"})
    assert reply.status == 403
    assert reply.json() == {"message": "Unauthorized"}
    # Anyone may invalidate once authorization is not required.
    apigw.update_stage(restApiId=api_id, stageName="dev", patchOperations=[
        {"op": "replace", "path": "/*/*/caching/requireAuthorizationForCacheControl", "value": "false"}])
    reply = invoke(portico.endpoint, api_id, "dev", "/items/1", headers={"Cache-Control": "max-age=0"})
    assert reply.status == 200
    assert reply.header("Warning") is None
    assert backend_calls(http_backend) == 2
    invoke(portico.endpoint, api_id, "dev", "/items/1")
    assert backend_calls(http_backend) == 2


def test_ttl_zero_and_disabled_cluster_cache_nothing(apigw, portico, api, http_backend):
    api_id, root = api
    cached_api(apigw, api_id, root, http_backend,
               patches=[{"op": "replace", "path": "/*/*/caching/ttlInSeconds", "value": "0"}])
    invoke(portico.endpoint, api_id, "dev", "/items/1")
    invoke(portico.endpoint, api_id, "dev", "/items/1")
    assert backend_calls(http_backend) == 2
    apigw.update_stage(restApiId=api_id, stageName="dev", patchOperations=[
        {"op": "replace", "path": "/*/*/caching/ttlInSeconds", "value": "300"},
        {"op": "replace", "path": "/cacheClusterEnabled", "value": "false"}])
    invoke(portico.endpoint, api_id, "dev", "/items/1")
    invoke(portico.endpoint, api_id, "dev", "/items/1")
    assert backend_calls(http_backend) == 4


def test_a_flood_of_distinct_keys_is_answered(apigw, portico, api, http_backend):
    api_id, root = api
    cached_api(apigw, api_id, root, http_backend, key_parameters=["method.request.querystring.q"])
    for n in range(500):
        reply = raw_call(portico.endpoint, api_id, "dev", f"/items/1?q={n}-" + "k" * 200)
        assert reply.status == 200
    assert backend_calls(http_backend) == 500
    assert invoke(portico.endpoint, api_id, "dev", "/items/1?q=499-" + "k" * 200).status == 200
    assert backend_calls(http_backend) == 500
