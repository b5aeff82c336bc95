// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore

/// The bodies of `/1.0/traits`, `/1.0/testIdentifiers` and `/1.0/properties` (DIF Universal Resolver
/// API, `Specs/resolver.md` §4.1).
enum ResolverCatalog {
    /// DID traits per method (updatable, deactivatable, enumerable, historyAvailable, humanReadable).
    static func traits(methods: [DID.Method]) -> JSONObject {
        var object = JSONObject()
        for method in methods {
            let web = method == .web
            object.append(
                method.rawValue,
                [
                    "updatable": .bool(web), "deactivatable": .bool(web), "enumerable": false,
                    "historyAvailable": false, "humanReadable": .bool(web),
                ]
            )
        }
        return object
    }

    /// Example identifiers per computed method; each resolves without a network (tests check it).
    static let examples: [DID.Method: [String]] = [
        .key: [
            "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
            "did:key:zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169",
        ],
        .jwk: [
            "did:jwk:eyJjcnYiOiJQLTI1NiIsImt0eSI6IkVDIiwieCI6ImFjYklRaXVNczNpOF91c3pFakoydHBUdFJNNEVVM3l6OTFQSDZDZEgy"
                + "VjAiLCJ5IjoiX0tjeUxqOXZXTXB0bm1LdG00NkdxRHo4d2Y3NEk1TEtncmwyR3pIM25TRSJ9"
        ],
    ]

    /// Example identifiers per method served (methods that need a network have none).
    static func testIdentifiers(methods: [DID.Method]) -> JSONObject {
        var object = JSONObject()
        for method in methods { object.append(method.rawValue, .array((examples[method] ?? []).map { .string($0) })) }
        return object
    }

    /// The service's configuration as a map (no secrets: file paths are reported only as set or not).
    static func properties(_ configuration: ResolverServerConfiguration, methods: [String]) -> JSONObject {
        [
            "methods": .array(methods.map { .string($0) }),
            "caFile": .bool(configuration.caFile != nil),
            "allowPrivateNetwork": .bool(configuration.allowPrivateNetwork),
            "limits": [
                "maximumURLLength": .number(Double(configuration.maximumURLLength)),
                "maximumHeaderBytes": .number(Double(configuration.maximumHeaderBytes)),
                "maximumBodyBytes": .number(Double(configuration.maximumBodyBytes)),
                "requestTimeoutSeconds": .number(Double(configuration.requestTimeout.components.seconds)),
                "rateLimitBurst": .number(Double(configuration.rateLimitBurst)),
                "rateLimitPerSecond": .number(configuration.rateLimitPerSecond),
                "maximumConcurrentResolutions": .number(Double(configuration.maximumConcurrentResolutions)),
                "maximumOriginFetches": .number(Double(configuration.maximumOriginFetches)),
            ],
        ]
    }
}
