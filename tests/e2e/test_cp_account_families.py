"""Account-level families: VPC links, client certificates, GetAccount/UpdateAccount; and the
integration and stage references to them."""
import datetime
import ssl
import tempfile

import pytest

from cp_support import bad_request, body, err, not_found, status

pytestmark = pytest.mark.usefixtures("request_id_check")

NLB = "arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/net/my-nlb/1234567890abcdef"


def test_vpc_link_lifecycle(apigw):
    created = apigw.create_vpc_link(name="link", targetArns=[NLB])
    assert status(created) == 202
    lid = created["id"]
    assert body(created) == {"id": lid, "name": "link", "status": "PENDING", "targetArns": [NLB]}
    got = apigw.get_vpc_link(vpcLinkId=lid)
    assert body(got) == {"id": lid, "name": "link", "status": "AVAILABLE", "statusMessage": "Your vpc link is ready for use",
                         "tags": {}, "targetArns": [NLB]}
    listed = apigw.get_vpc_links()["items"]
    assert listed == [{k: v for k, v in body(got).items() if k != "tags"}]
    updated = apigw.update_vpc_link(vpcLinkId=lid, patchOperations=[{"op": "replace", "path": "/name", "value": "link-updated"}])
    assert updated["name"] == "link-updated" and updated["tags"] == {}
    assert status(apigw.delete_vpc_link(vpcLinkId=lid)) == 202
    missing = not_found("Invalid Vpc Link identifier specified")
    assert err(apigw.get_vpc_link, vpcLinkId=lid) == missing
    assert err(apigw.delete_vpc_link, vpcLinkId=lid) == missing
    assert err(apigw.update_vpc_link, vpcLinkId=lid, patchOperations=[{"op": "replace", "path": "/name", "value": "x"}]) == missing


def test_vpc_link_validation(apigw):
    assert err(apigw.create_vpc_link, name="l", targetArns=["invalid-arn"]) == \
        bad_request("Invalid ARN. ARN is not well formed invalid-arn")
    assert err(apigw.create_vpc_link, name="", targetArns=[]) == bad_request("Name cannot be empty")


def test_integrations_reference_existing_vpc_links(apigw, rest_api):
    api_id, root = rest_api
    apigw.put_method(restApiId=api_id, resourceId=root, httpMethod="GET", authorizationType="NONE")
    kwargs = dict(restApiId=api_id, resourceId=root, httpMethod="GET", type="HTTP_PROXY", integrationHttpMethod="GET",
                  uri="http://nlb.example.com", connectionType="VPC_LINK")
    assert err(apigw.put_integration, connectionId="nope", **kwargs) == bad_request("Invalid Vpc Link identifier specified")
    lid = apigw.create_vpc_link(name="l", targetArns=[NLB])["id"]
    assert apigw.put_integration(connectionId=lid, **kwargs)["connectionId"] == lid
    staged = apigw.put_integration(connectionId="${stageVariables.vpcLinkId}", **kwargs)
    assert staged["connectionId"] == "${stageVariables.vpcLinkId}" and staged["connectionType"] == "VPC_LINK"


def test_aws_integrations_need_a_role_of_this_account(apigw, rest_api):
    api_id, root = rest_api
    apigw.put_method(restApiId=api_id, resourceId=root, httpMethod="POST", authorizationType="NONE")
    kwargs = dict(restApiId=api_id, resourceId=root, httpMethod="POST", type="AWS", integrationHttpMethod="POST",
                  uri="arn:aws:apigateway:us-east-1:sqs:path/000000000000/queue")
    assert err(apigw.put_integration, **kwargs) == bad_request("Role ARN must be specified for AWS integrations")
    assert err(apigw.put_integration, credentials="arn:aws:iam::111111111111:role/other", **kwargs) == \
        (403, "AccessDeniedException", "Cross-account pass role is not allowed.")
    ok = apigw.put_integration(credentials="arn:aws:iam::000000000000:role/sqs", **kwargs)
    assert ok["credentials"] == "arn:aws:iam::000000000000:role/sqs"
    # Lambda needs no role.
    lam = apigw.put_integration(restApiId=api_id, resourceId=root, httpMethod="POST", type="AWS", integrationHttpMethod="POST",
                                uri="arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
                                    "arn:aws:lambda:us-east-1:000000000000:function:f/invocations")
    assert "credentials" not in lam


def test_client_certificates_are_real_x509(apigw):
    created = apigw.generate_client_certificate(description="backend auth", tags={"team": "a"})
    assert status(created) == 201
    cid = created["clientCertificateId"]
    pem = created["pemEncodedCertificate"]
    assert pem.startswith("-----BEGIN CERTIFICATE-----")
    with tempfile.NamedTemporaryFile("w", suffix=".pem") as handle:
        handle.write(pem)
        handle.flush()
        decoded = ssl._ssl._test_decode_cert(handle.name)
    assert dict(x[0] for x in decoded["subject"])["commonName"] == cid
    lifetime = created["expirationDate"] - created["createdDate"]
    assert lifetime == datetime.timedelta(days=365)
    got = apigw.get_client_certificate(clientCertificateId=cid)
    assert got["pemEncodedCertificate"] == pem and got["tags"] == {"team": "a"}
    assert [c["clientCertificateId"] for c in apigw.get_client_certificates()["items"]] == [cid]
    updated = apigw.update_client_certificate(clientCertificateId=cid, patchOperations=[
        {"op": "replace", "path": "/description", "value": "rotated"}])
    assert updated["description"] == "rotated"
    assert status(apigw.delete_client_certificate(clientCertificateId=cid)) == 202
    assert err(apigw.get_client_certificate, clientCertificateId=cid) == \
        not_found("Invalid Client Certificate identifier specified")


def test_stages_name_existing_client_certificates(apigw, mock_method):
    api_id, _ = mock_method
    apigw.create_deployment(restApiId=api_id, stageName="dev")
    assert err(apigw.update_stage, restApiId=api_id, stageName="dev",
               patchOperations=[{"op": "replace", "path": "/clientCertificateId", "value": "nope"}]) == \
        bad_request("Invalid Client Certificate identifier specified")
    cid = apigw.generate_client_certificate()["clientCertificateId"]
    stage = apigw.update_stage(restApiId=api_id, stageName="dev",
                               patchOperations=[{"op": "replace", "path": "/clientCertificateId", "value": cid}])
    assert stage["clientCertificateId"] == cid


def test_account(apigw):
    assert body(apigw.get_account()) == {"throttleSettings": {"burstLimit": 5000, "rateLimit": 10000.0},
                                         "features": ["UsagePlans"], "apiKeyVersion": "4"}
    role = "arn:aws:iam::000000000000:role/apigw-logs"
    updated = apigw.update_account(patchOperations=[{"op": "replace", "path": "/cloudwatchRoleArn", "value": role}])
    assert updated["cloudwatchRoleArn"] == role
    assert apigw.get_account()["cloudwatchRoleArn"] == role
    assert err(apigw.update_account, patchOperations=[{"op": "replace", "path": "/cloudwatchRoleArn", "value": "not-an-arn"}]) == \
        bad_request("The role ARN is not well formed")
    # The usage-plans feature cannot be turned off (the message moto records); nothing changes.
    assert err(apigw.update_account, patchOperations=[{"op": "remove", "path": "/features", "value": "UsagePlans"}]) == \
        bad_request("Usage Plans cannot be disabled once enabled")
    assert apigw.get_account()["features"] == ["UsagePlans"]


def test_account_families_survive_restart(fresh_server):
    apigw = fresh_server.client()
    lid = apigw.create_vpc_link(name="l", targetArns=[NLB])["id"]
    cid = apigw.generate_client_certificate()["clientCertificateId"]
    role = "arn:aws:iam::000000000000:role/r"
    apigw.update_account(patchOperations=[{"op": "replace", "path": "/cloudwatchRoleArn", "value": role}])
    fresh_server.restart()
    apigw = fresh_server.client()
    assert apigw.get_vpc_link(vpcLinkId=lid)["status"] == "AVAILABLE"
    assert apigw.get_client_certificate(clientCertificateId=cid)["pemEncodedCertificate"].startswith("-----BEGIN")
    assert apigw.get_account()["cloudwatchRoleArn"] == role
