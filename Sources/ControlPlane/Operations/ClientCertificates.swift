import _CryptoExtras
import APIGatewayModel
import Foundation
import Store
import SwiftASN1
import X509

/// GenerateClientCertificate, GetClientCertificate, GetClientCertificates,
/// UpdateClientCertificate, DeleteClientCertificate. The certificate is real: a self-signed
/// X.509 certificate over a new RSA-2048 key, valid for 365 days, answered as PEM; the key is
/// kept (never answered) for backends that authenticate API Gateway by it.
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/getting-started-client-side-ssl-authentication.html
extension ManagementAPI {
    static let clientCertificates = AccountCollection<ClientCertificate>(
        kind: .clientCertificate, items: \AccountState.clientCertificates,
        notFound: { _ in .notFound("Invalid Client Certificate identifier specified") })

    static func registerClientCertificates(_ handlers: inout [OperationName: OperationHandler]) {
        handlers[.generateClientCertificate] = { context in
            let input = try context.body(GenerateClientCertificateRequest.self)
            let env = context.environment
            let id = env.ids.next(.clientCertificate)
            let now = env.timestamp()
            let (pem, keyPEM) = try ClientCertificateMaker.make(id: id, from: now)
            let certificate = ClientCertificate(
                clientCertificateId: id, description: input.description?.isEmpty == false ? input.description : nil,
                pemEncodedCertificate: pem, createdDate: now, expirationDate: now.addingTimeInterval(365 * 86_400),
                tags: (input.tags?.isEmpty ?? true) ? nil : input.tags)
            try await context.write { state throws(ManagementError) in
                state.account.clientCertificateKeys[id] = keyPEM
                return ((), [clientCertificates.store(certificate, id: id, in: &state), DirtyDocument(.clientCertificateKey, name: id)])
            }
            return .json(certificate)
        }
        handlers[.getClientCertificate] = { context in
            let certificate = try clientCertificates.find(context.label("clientcertificate_id"), in: context.model.current)
            return .json(certificate.withTags)
        }
        handlers[.getClientCertificates] = { context in
            let all = clientCertificates.all(context.model.current)
                .sorted {
                    ($0.createdDate ?? .distantPast, $0.clientCertificateId ?? "") < ($1.createdDate ?? .distantPast, $1.clientCertificateId ?? "")
                }
            let page = try Page.of(
                all, id: { $0.clientCertificateId ?? "" }, limit: try context.limit(),
                position: context.request.queryValue("position"))
            return .json(ClientCertificates(position: page.position, items: page.items))
        }
        handlers[.updateClientCertificate] = { context in
            let input = try context.body(UpdateClientCertificateRequest.self)
            let id = context.label("clientcertificate_id")
            let updated = try await context.write { state throws(ManagementError) in
                var certificate = try clientCertificates.find(id, in: state)
                try clientCertificatePatch.apply(input.patchOperations ?? [], to: &certificate)
                return (certificate, [clientCertificates.store(certificate, id: id, in: &state)])
            }
            return .json(updated.withTags)
        }
        handlers[.deleteClientCertificate] = { context in
            let id = context.label("clientcertificate_id")
            try await context.write { state throws(ManagementError) in
                _ = try clientCertificates.find(id, in: state)
                state.account.clientCertificateKeys[id] = nil
                return ((), [clientCertificates.store(nil, id: id, in: &state), DirtyDocument(.clientCertificateKey, name: id)])
            }
            return .empty
        }
    }
}

/// UpdateClientCertificate's paths.
let clientCertificatePatch = PatchTable<ClientCertificate>(
    .bare,
    [
        PatchRule("/description", ["replace"]) { certificate, request throws(ManagementError) in
            certificate.description = request.value?.isEmpty == false ? request.value : nil
        }
    ])

/// Self-signed client certificates (swift-certificates over swift-crypto).
enum ClientCertificateMaker {
    /// The certificate and its private key, both PEM.
    static func make(id: String, from start: Date) throws(ManagementError) -> (certificate: String, key: String) {
        do {
            let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
            let name = try DistinguishedName {
                CommonName(id)
                OrganizationName("Portico API Gateway client certificate")
            }
            let certificate = try Certificate(
                version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey),
                notValidBefore: start, notValidAfter: start.addingTimeInterval(365 * 86_400), issuer: name, subject: name,
                signatureAlgorithm: .sha256WithRSAEncryption,
                extensions: try Certificate.Extensions {
                    Critical(BasicConstraints.notCertificateAuthority)
                    KeyUsage(digitalSignature: true, keyEncipherment: true)
                    try ExtendedKeyUsage([.clientAuth])
                },
                issuerPrivateKey: .init(key))
            return (try certificate.serializeAsPEM().pemString, key.pemRepresentation)
        } catch {
            throw ManagementError(type: "ServiceUnavailableException", status: 503, message: "Could not generate a certificate: \(error)")
        }
    }
}
