// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "kioskd",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "kioskd", targets: ["kioskd"]),
        .executable(name: "kioskctl", targets: ["kioskctl"]),
        .executable(name: "kiosk-backend", targets: ["kiosk-backend"]),
        .executable(name: "kiosk-sim", targets: ["kiosk-sim"]),
        .executable(name: "kiosk-browser", targets: ["kiosk-browser"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.0"),
        .package(url: "https://github.com/apple/swift-openapi-generator", from: "1.14.0"),
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.0"),
        .package(url: "https://github.com/swift-server/swift-openapi-async-http-client", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-openapi-hummingbird", from: "2.1.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // C libraries: module map + shim.h only.
        .systemLibrary(name: "CPCSCLite", pkgConfig: "libpcsclite", providers: [.apt(["libpcsclite-dev"])]),
        .systemLibrary(name: "CLibUSB", pkgConfig: "libusb-1.0", providers: [.apt(["libusb-1.0-0-dev"])]),
        .systemLibrary(name: "CCUPS", providers: [.apt(["libcups2-dev"])]),
        .systemLibrary(name: "CPangoCairo", pkgConfig: "pangocairo", providers: [.apt(["libpango1.0-dev", "libcairo2-dev"])]),
        .systemLibrary(name: "CQREncode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        .systemLibrary(name: "CLinuxProcess"),
        // Pseudo-terminals for the serial card readers' test doubles (KioskSimulators).
        .systemLibrary(name: "CTerminalIO"),
        // libumockdev for the tests' in-process USB testbed (Tests/KioskTesting/USB).
        .systemLibrary(name: "CUMockdev", pkgConfig: "umockdev-1.0", providers: [.apt(["libumockdev-dev"])]),

        // The domain, the session machine, the codecs and the errors: no files, no environment, no TOML, no crypto.
        .target(name: "KioskCore"),
        // What the admin API says (status, diagnostics, maintenance, self-tests, configuration state):
        // the types kioskd's server encodes and kioskctl decodes.
        .target(name: "KioskAPI", dependencies: ["KioskCore"]),
        // kiosk.conf, signed configuration bundles, the device database and the one TOML reader every
        // file of the kiosk is read with; atomic file writes; the technician PIN's hash.
        .target(
            name: "KioskConfig",
            dependencies: [
                "KioskCore",
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "KioskDevices",
            dependencies: [
                "KioskConfig", "KioskCore", "CPCSCLite", "CLibUSB", "CCUPS", "CPangoCairo", "CQREncode",
                // The nexo terminal's local message protection (PBKDF2, AES-256-CBC, HMAC-SHA256).
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                // The nexo terminal's HTTPS.
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "KioskServer",
            dependencies: [
                "KioskAPI", "KioskConfig", "KioskCore", "CLinuxProcess",
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            // The resident UI's static files, served from [ui] root (installed to /usr/share/kioskd/ui).
            exclude: ["UI"]
        ),
        // The regional contribution rules of the seed notices, evaluated from data files.
        .target(
            name: "ContributionPolicy",
            dependencies: ["KioskConfig", "KioskCore"],
            exclude: ["Policies"]
        ),
        // The backend contract (openapi.yaml), its generated types, client and server, and the hardened client.
        .target(
            name: "KioskBackendAPI",
            dependencies: [
                "KioskConfig", "KioskCore",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIAsyncHTTPClient", package: "swift-openapi-async-http-client"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        ),
        .target(
            name: "SandboxBackend",
            dependencies: [
                "KioskConfig", "KioskCore", "ContributionPolicy", "KioskBackendAPI",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            exclude: ["Data"]
        ),
        // The resident session at run time: the controller that performs the state machine's actions,
        // the SQLite payment journal and start-up reconciliation.
        .target(
            name: "KioskSession",
            dependencies: [
                "KioskConfig", "KioskCore", "KioskBackendAPI",
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Devices for `kioskd --demo`, driven by hand (and by the UI's demo controls).
        // Virtual cards that speak vsmartcard's vpcd protocol to a real pcscd (kiosk-sim and the tests).
        .target(
            name: "KioskSimulators",
            dependencies: [
                "KioskConfig", "KioskCore", "CTerminalIO",
                // The virtual PIN pad speaks the real driver's protected nexo messages over HTTPS.
                "KioskDevices",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "kiosk-sim",
            dependencies: [
                "KioskConfig", "KioskCore", "KioskSimulators", "KioskDevices",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "kiosk-backend",
            dependencies: [
                "KioskConfig", "KioskCore", "SandboxBackend",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The one composition root (`buildKiosk`), status and diagnostics, configuration updates and
        // rollback, fleet polling: everything kioskd runs, buildable in-process by tests.
        .target(
            name: "KioskRuntime",
            dependencies: [
                "KioskAPI", "KioskConfig", "KioskCore", "KioskDevices", "KioskServer", "KioskSession", "KioskSimulators", "KioskBackendAPI", "SandboxBackend", "ContributionPolicy",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "kioskd",
            dependencies: [
                "KioskAPI", "KioskConfig", "KioskCore", "KioskRuntime", "KioskServer", "KioskSession",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The kiosk browser unit's main process: Chromium, restarted when kioskd no longer hears its page.
        .executableTarget(
            name: "kiosk-browser",
            dependencies: [
                "KioskConfig", "KioskCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .executableTarget(
            name: "kioskctl",
            dependencies: [
                "KioskAPI", "KioskConfig", "KioskCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),

        .target(
            name: "KioskTesting",
            dependencies: [
                "KioskConfig", "KioskCore", "KioskDevices", "KioskSimulators", "SandboxBackend", "CUMockdev", "CLinuxProcess", "CPCSCLite",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Tests/KioskTesting"
        ),
        // Runs one payment as the kiosk does and SIGKILLs itself at a chosen journal commit; `--recover`
        // reconciles and prints owed receipts (Tests/SessionTests/CrashRecoveryTests.swift).
        .executableTarget(
            name: "kiosk-crash-harness",
            dependencies: [
                "KioskSession", "KioskConfig", "KioskCore", "KioskBackendAPI", "KioskSimulators", "KioskDevices",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Tests/CrashHarness"
        ),
        // `make bench`: in-process measurements (built with everything else, run in release).
        .executableTarget(
            name: "kiosk-bench",
            dependencies: [
                "KioskConfig", "KioskCore", "KioskBackendAPI", "KioskSession", "KioskTesting", "KioskDevices", "KioskSimulators", "KioskRuntime", "KioskServer",
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Tests/Bench"
        ),
        .testTarget(name: "KioskCoreTests", dependencies: ["KioskCore", "KioskTesting"]),
        .testTarget(name: "KioskAPITests", dependencies: ["KioskAPI", "KioskCore"]),
        .testTarget(name: "KioskConfigTests", dependencies: ["KioskConfig", "KioskCore", "KioskTesting", .product(name: "Crypto", package: "swift-crypto")]),
        .testTarget(name: "ContributionPolicyTests", dependencies: ["ContributionPolicy", "KioskConfig", "KioskCore", "KioskTesting"]),
        .testTarget(
            name: "BackendTests",
            dependencies: [
                "KioskBackendAPI", "SandboxBackend", "ContributionPolicy", "KioskConfig", "KioskCore", "KioskTesting",
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "KioskDevicesTests",
            dependencies: [
                "KioskDevices", "KioskSimulators", "KioskTesting", "CPCSCLite", "CLibUSB", "CCUPS", "CPangoCairo", "CQREncode",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(
            name: "KioskdTests",
            dependencies: [
                "KioskAPI", "KioskConfig", "KioskCore", "KioskTesting", "KioskSimulators", "KioskServer", "KioskSession", "KioskRuntime",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Card reading through the real pcscd + vpcd, with virtual cards (Tests/KioskTesting/PCSCStack.swift).
        .testTarget(
            name: "CardReaderTests",
            dependencies: ["KioskConfig", "KioskCore", "KioskDevices", "KioskSimulators", "KioskTesting"]
        ),
        .testTarget(
            name: "SessionTests",
            dependencies: [
                "KioskAPI", "KioskSession", "KioskConfig", "KioskCore", "KioskBackendAPI", "SandboxBackend", "KioskTesting", "KioskDevices", "KioskSimulators",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
