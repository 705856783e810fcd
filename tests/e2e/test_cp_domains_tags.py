"""Custom domain names, base path mappings, access associations, and tags on every taggable ARN."""
import pytest

from cp_support import bad_request, body, conflict, err, not_found, status

pytestmark = pytest.mark.usefixtures("request_id_check")

CERT = "arn:aws:acm:us-east-1:000000000000:certificate/abc"
DOMAIN_NOT_FOUND = not_found("Invalid domain name identifier specified")


@pytest.fixture
def staged_api(apigw, mock_method):
    api_id, _ = mock_method
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    return api_id


def test_edge_and_regional_domain_names(apigw):
    edge = apigw.create_domain_name(domainName="api.example.com", certificateArn=CERT)
    assert status(edge) == 201
    assert edge["distributionDomainName"].startswith("d") and edge["distributionDomainName"].endswith(".cloudfront.net")
    assert edge["distributionHostedZoneId"] == "Z2FDTNDATAQYW2"
    assert edge["endpointConfiguration"] == {"types": ["EDGE"], "ipAddressType": "ipv4"}
    assert edge["domainNameStatus"] == "AVAILABLE" and edge["securityPolicy"] == "TLS_1_2"
    regional = apigw.create_domain_name(domainName="r.example.com", regionalCertificateArn=CERT,
                                        endpointConfiguration={"types": ["REGIONAL"]})
    assert regional["regionalDomainName"].endswith(".execute-api.us-east-1.amazonaws.com")
    assert regional["regionalHostedZoneId"] == "Z1UJRXOUMOOFQ8" and "distributionDomainName" not in regional
    assert [d["domainName"] for d in apigw.get_domain_names()["items"]] == ["api.example.com", "r.example.com"]
    assert apigw.get_domain_name(domainName="api.example.com")["tags"] == {}
    updated = apigw.update_domain_name(domainName="r.example.com", patchOperations=[
        {"op": "replace", "path": "/securityPolicy", "value": "TLS_1_0"}])
    assert updated["securityPolicy"] == "TLS_1_0"
    assert err(apigw.create_domain_name, domainName="api.example.com", certificateArn=CERT) == \
        conflict("The domain name you provided already exists.")
    assert status(apigw.delete_domain_name(domainName="r.example.com")) == 202
    assert err(apigw.get_domain_name, domainName="r.example.com") == DOMAIN_NOT_FOUND


def test_base_path_mappings(apigw, staged_api):
    apigw.create_domain_name(domainName="api.example.com", certificateArn=CERT)
    root = apigw.create_base_path_mapping(domainName="api.example.com", restApiId=staged_api, stage="dev")
    assert status(root) == 201 and body(root) == {"basePath": "(none)", "restApiId": staged_api, "stage": "dev"}
    apigw.create_base_path_mapping(domainName="api.example.com", basePath="v1", restApiId=staged_api)
    assert [m["basePath"] for m in apigw.get_base_path_mappings(domainName="api.example.com")["items"]] == ["(none)", "v1"]
    assert apigw.get_base_path_mapping(domainName="api.example.com", basePath="(none)")["stage"] == "dev"
    create = apigw.create_base_path_mapping
    assert err(create, domainName="api.example.com", basePath="v1", restApiId=staged_api) == \
        conflict("Base path already exists for this domain name")
    assert err(create, domainName="api.example.com", basePath="v2", restApiId="nope") == \
        bad_request("Invalid REST API identifier specified")
    assert err(create, domainName="api.example.com", basePath="v2", restApiId=staged_api, stage="nope") == \
        bad_request("Invalid stage identifier specified")
    assert err(create, domainName="missing.example.com", restApiId=staged_api) == DOMAIN_NOT_FOUND
    renamed = apigw.update_base_path_mapping(domainName="api.example.com", basePath="v1", patchOperations=[
        {"op": "replace", "path": "/basepath", "value": "v2"}, {"op": "replace", "path": "/stage", "value": "dev"}])
    assert renamed == {**renamed, "basePath": "v2", "stage": "dev"}
    assert err(apigw.get_base_path_mapping, domainName="api.example.com", basePath="v1") == \
        not_found("Invalid base path mapping identifier specified")
    # Zappa's teardown.
    assert status(apigw.delete_base_path_mapping(domainName="api.example.com", basePath="(none)")) == 202


def test_private_domain_names_and_access_associations(apigw):
    private = apigw.create_domain_name(domainName="private.example.com", certificateArn=CERT,
                                       endpointConfiguration={"types": ["PRIVATE"]}, policy="{}")
    did, arn = private["domainNameId"], private["domainNameArn"]
    assert arn == f"arn:aws:apigateway:us-east-1:000000000000:/domainnames/private.example.com+{did}"
    assert apigw.get_domain_name(domainName="private.example.com", domainNameId=did)["domainNameArn"] == arn
    association = apigw.create_domain_name_access_association(domainNameArn=arn, accessAssociationSourceType="VPCE",
                                                              accessAssociationSource="vpce-0123")
    assert status(association) == 201 and association["domainNameArn"] == arn
    listed = apigw.get_domain_name_access_associations()["items"]
    assert [a["domainNameAccessAssociationArn"] for a in listed] == [association["domainNameAccessAssociationArn"]]
    assert apigw.get_domain_name_access_associations(resourceOwner="OTHER_ACCOUNTS")["items"] == []
    assert status(apigw.delete_domain_name_access_association(
        domainNameAccessAssociationArn=association["domainNameAccessAssociationArn"])) == 202
    assert apigw.get_domain_name_access_associations()["items"] == []


def test_tags_on_every_taggable_arn(apigw, staged_api):
    region = "arn:aws:apigateway:us-east-1::"
    key = apigw.create_api_key(name="k")["id"]
    plan = apigw.create_usage_plan(name="p")["id"]
    link = apigw.create_vpc_link(name="l", targetArns=["arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/net/n/1"])["id"]
    cert = apigw.generate_client_certificate()["clientCertificateId"]
    apigw.create_domain_name(domainName="t.example.com", certificateArn=CERT)
    arns = [f"{region}/restapis/{staged_api}", f"{region}/restapis/{staged_api}/stages/dev", f"{region}/apikeys/{key}",
            f"{region}/usageplans/{plan}", f"{region}/vpclinks/{link}", f"{region}/clientcertificates/{cert}",
            f"{region}/domainnames/t.example.com"]
    for arn in arns:
        assert status(apigw.tag_resource(resourceArn=arn, tags={"team": "a", "env": "dev"})) == 204
        assert apigw.get_tags(resourceArn=arn)["tags"] == {"team": "a", "env": "dev"}
        assert status(apigw.untag_resource(resourceArn=arn, tagKeys=["env"])) == 204
        assert apigw.get_tags(resourceArn=arn)["tags"] == {"team": "a"}
    # Tags show on the resources themselves.
    assert apigw.get_rest_api(restApiId=staged_api)["tags"] == {"team": "a"}
    assert apigw.get_stage(restApiId=staged_api, stageName="dev")["tags"] == {"team": "a"}
    assert apigw.get_usage_plan(usagePlanId=plan)["tags"] == {"team": "a"}
    assert err(apigw.get_tags, resourceArn=f"{region}/restapis/nope") == not_found("Invalid resource identifier specified")
    code, kind, _ = err(apigw.tag_resource, resourceArn=f"{region}/apikeys/{key}", tags={"aws:reserved": "x"})
    assert (code, kind) == (400, "BadRequestException")


def test_domains_and_tags_survive_restart(fresh_server):
    apigw = fresh_server.client()
    api_id = apigw.create_rest_api(name="d")["id"]
    apigw.create_domain_name(domainName="keep.example.com", certificateArn=CERT)
    apigw.tag_resource(resourceArn=f"arn:aws:apigateway:us-east-1::/restapis/{api_id}", tags={"k": "v"})
    fresh_server.restart()
    apigw = fresh_server.client()
    assert apigw.get_domain_name(domainName="keep.example.com")["distributionHostedZoneId"] == "Z2FDTNDATAQYW2"
    assert apigw.get_tags(resourceArn=f"arn:aws:apigateway:us-east-1::/restapis/{api_id}")["tags"] == {"k": "v"}
