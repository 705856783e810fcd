// swift-tools-version:6.2
import PackageDescription

/// Our own targets only: a warning in Portico's code fails the build (dependencies are
/// unaffected; SwiftPM applies these settings to the declaring target alone).
let warningsAreErrors: [SwiftSetting] = [.treatAllWarnings(as: .error)]

let strict: [SwiftSetting] =
    warningsAreErrors + [
        .enableUpcomingFeature("ExistentialAny"),
        // Generic engines (RouteTrie, the JSON writers) specialise into their callers in release builds.
        .unsafeFlags(["-cross-module-optimization"], .when(configuration: .release)),
    ]

let package = Package(
    name: "Portico",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "portico", targets: ["portico"]),
        .executable(name: "portico-vtl", targets: ["portico-vtl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.7.1"),
        // PostgreSQL backend (--database-url): several instances on one database.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // Already in the graph through Hummingbird: the console's event streams end on graceful shutdown.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // The browser console's pages (templates embedded as string literals).
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // Generated from botocore's apigateway service model (see codegen/).
        .target(name: "APIGatewayModel", swiftSettings: strict),
        // Pure engines: import nothing of ours.
        .target(name: "Routing", swiftSettings: strict),
        .target(
            name: "JSONPath", dependencies: ["JavaRegex", "JavaNumbers", .product(name: "Collections", package: "swift-collections")],
            swiftSettings: strict),
        .target(name: "VTL", dependencies: ["JavaRegex", "JavaNumbers"], swiftSettings: strict),
        // Java's Double.toString, exactly (shared by the JSON writer and template output).
        .target(name: "JavaNumbers", swiftSettings: strict),
        .target(name: "JavaRegex", swiftSettings: strict),
        // JSON Schema draft 4 (request validation with models); patterns through JavaRegex.
        .target(name: "JSONSchema", dependencies: ["JavaRegex"], swiftSettings: strict),
        // AWS's $input / $util / $context host objects over VTL + JSONPath.
        .target(
            name: "MappingTemplates",
            dependencies: [
                "VTL", "JSONPath", .product(name: "Collections", package: "swift-collections"),
            ], swiftSettings: strict),
        // AWS Signature Version 4 (signing and verifying), over swift-crypto's HMAC and SHA-256.
        .target(name: "SigV4", dependencies: [.product(name: "Crypto", package: "swift-crypto")], swiftSettings: strict),
        // IAM policy documents (authorizer outputs, resource and identity policies): parsed and evaluated.
        .target(name: "IAMPolicy", swiftSettings: strict),
        // Clock, identifiers, the mapping-expression grammar and patch pointers, shared by both planes.
        .target(name: "PorticoCore", dependencies: ["APIGatewayModel"], swiftSettings: strict),
        .target(
            name: "Store",
            dependencies: [
                "APIGatewayModel",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HashTreeCollections", package: "swift-collections"),
            ], swiftSettings: strict),
        // DocumentStorage on PostgreSQL, shared by several instances (LISTEN/NOTIFY). Only the
        // `portico` executable links it: the SQLite paths and their unit tests do not build it.
        .target(
            name: "PostgresStore",
            dependencies: [
                "Store",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ], swiftSettings: strict),
        .target(
            name: "ControlPlane",
            dependencies: [
                "APIGatewayModel", "PorticoCore", "Store", "Routing", "JSONPath", "JSONSchema", "IAMPolicy",
                .product(name: "HashTreeCollections", package: "swift-collections"),
                // GenerateClientCertificate makes real X.509 certificates and keys.
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                // OpenAPI documents (documentation import, and later ImportRestApi) may be YAML.
                .product(name: "Yams", package: "Yams"),
            ], swiftSettings: strict),
        .target(
            name: "DataPlane",
            dependencies: [
                "APIGatewayModel", "PorticoCore", "Store", "Routing", "MappingTemplates", "JSONPath", "JavaRegex", "SigV4",
                "JSONSchema", "IAMPolicy",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Collections", package: "swift-collections"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                // HTTP integrations present a stage's client certificate to HTTPS backends.
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                // Cognito authorizers verify user-pool tokens against the pool's key set.
                .product(name: "JWTKit", package: "jwt-kit"),
            ], swiftSettings: strict),
        // The Lambda API and the Runtime API host: functions run as local processes.
        .target(
            name: "LambdaService",
            dependencies: [
                "APIGatewayModel", "PorticoCore", "Store",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ], swiftSettings: strict),
        // The browser console at /_portico/console/: server-rendered pages over the store's model.
        .target(
            name: "Console",
            dependencies: [
                "APIGatewayModel", "PorticoCore", "Store", "DataPlane", "VTL", "JavaRegex",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "HashTreeCollections", package: "swift-collections"),
            ], swiftSettings: strict),
        .target(
            name: "PorticoServer",
            dependencies: [
                "Console", "ControlPlane", "DataPlane", "LambdaService", "PorticoCore", "Store", "APIGatewayModel", "Routing", "SigV4",
                "IAMPolicy",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ], swiftSettings: strict),
        .executableTarget(
            name: "portico",
            dependencies: [
                "PorticoServer", "PostgresStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ], swiftSettings: strict),
        .executableTarget(name: "portico-vtl", dependencies: ["VTL", "JSONPath", "MappingTemplates"], swiftSettings: strict),

        .testTarget(name: "APIGatewayModelTests", dependencies: ["APIGatewayModel"], swiftSettings: warningsAreErrors),
        .testTarget(name: "RoutingTests", dependencies: ["Routing"], swiftSettings: warningsAreErrors),
        .testTarget(
            name: "JSONPathTests",
            dependencies: [
                "JSONPath", .product(name: "Collections", package: "swift-collections"),
            ], resources: [.copy("Fixtures")], swiftSettings: warningsAreErrors),
        .testTarget(
            name: "JavaRegexTests", dependencies: ["JavaRegex"], resources: [.copy("Fixtures")],
            swiftSettings: warningsAreErrors),
        .testTarget(
            name: "JSONSchemaTests", dependencies: ["JSONSchema"], resources: [.copy("Fixtures")],
            swiftSettings: warningsAreErrors),
        .testTarget(name: "JavaNumbersTests", dependencies: ["JavaNumbers"], swiftSettings: warningsAreErrors),
        .testTarget(
            name: "VTLTests", dependencies: ["VTL", "JSONPath", "MappingTemplates"], resources: [.copy("Fixtures")],
            swiftSettings: warningsAreErrors),
        .testTarget(
            name: "MappingTemplatesTests", dependencies: ["MappingTemplates", "VTL", "JSONPath"],
            swiftSettings: warningsAreErrors),
        .testTarget(
            name: "SigV4Tests", dependencies: ["SigV4", .product(name: "Crypto", package: "swift-crypto")], resources: [.copy("Fixtures")],
            swiftSettings: warningsAreErrors),
        .testTarget(name: "IAMPolicyTests", dependencies: ["IAMPolicy"], swiftSettings: warningsAreErrors),
        .testTarget(name: "StoreTests", dependencies: ["Store", "APIGatewayModel"], swiftSettings: warningsAreErrors),
        .testTarget(name: "PostgresStoreTests", dependencies: ["PostgresStore", "Store"], swiftSettings: warningsAreErrors),
        .testTarget(name: "PorticoCoreTests", dependencies: ["PorticoCore"], swiftSettings: warningsAreErrors),
        .testTarget(
            name: "DataPlaneTests", dependencies: ["DataPlane", "PorticoCore", "Store", "APIGatewayModel", "SigV4", "IAMPolicy"],
            swiftSettings: warningsAreErrors),
        .testTarget(
            name: "ControlPlaneTests", dependencies: ["ControlPlane", "PorticoCore", "Store", "APIGatewayModel"],
            swiftSettings: warningsAreErrors),
        .testTarget(
            name: "LambdaServiceTests", dependencies: ["LambdaService", "APIGatewayModel"], swiftSettings: warningsAreErrors),
        .testTarget(
            name: "ConsoleTests", dependencies: ["Console", "Store", "APIGatewayModel", "VTL", "DataPlane", "PorticoCore"],
            swiftSettings: warningsAreErrors),
        .testTarget(
            name: "PorticoServerTests",
            dependencies: [
                "PorticoServer", "DataPlane",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ], swiftSettings: warningsAreErrors),
    ]
)
