// swift-did: decentralized identity for Swift. Apache-2.0.

public import DIDCore
import Foundation
import GRDB

/// The persistent tier of the did:web cache (`Specs/resolver.md` §3): one SQLite file (through GRDB) that keeps
/// entries across restarts and offline periods. It is safe when several processes share the file: the database
/// runs in WAL mode, writers wait up to 5 s for each other, and every write is one transaction. Failures of the
/// store never fail a resolution: the cache then behaves as if the entry were absent.
public final class PersistentCacheStore: Sendable {
    /// One stored entry, as ``ResolutionCache`` keeps it.
    struct Stored {
        var result: ResolutionResult?
        var error: ResolutionError?
        var storedAt: Double
        var freshUntil: Double
        var staleWhileRevalidate: Double
        var staleIfError: Double
        var etag: String?
        var lastModified: String?
        var bytes: Int
    }

    private let pool: DatabasePool
    private let maximumEntries: Int

    /// Opens (creating when needed) the cache database.
    /// - Parameters:
    ///   - path: The SQLite file, such as `~/.cache/swift-did/resolver.sqlite`; its folder is created.
    ///   - maximumEntries: Entries kept; the least recently stored beyond this are deleted.
    /// - Throws: `ResolutionError` with code `internalError` when the file cannot be opened.
    public init(path: String, maximumEntries: Int = 10_000) throws(ResolutionError) {
        do {
            try FileManager.default.createDirectory(
                at: URL(fileURLWithPath: path).deletingLastPathComponent(),
                withIntermediateDirectories: true
            )
            var configuration = Configuration()
            configuration.busyMode = .timeout(5)
            pool = try DatabasePool(path: path, configuration: configuration)
            try pool.write { db in
                try db.execute(
                    sql: """
                        CREATE TABLE IF NOT EXISTS resolution_cache (
                            key TEXT PRIMARY KEY NOT NULL,
                            payload BLOB NOT NULL,
                            stored_at DOUBLE NOT NULL,
                            fresh_until DOUBLE NOT NULL,
                            stale_while_revalidate DOUBLE NOT NULL,
                            stale_if_error DOUBLE NOT NULL,
                            etag TEXT,
                            last_modified TEXT,
                            bytes INTEGER NOT NULL
                        )
                        """
                )
            }
        } catch {
            throw ResolutionError(.internalError, "cannot open the resolver cache at \(path): \(error)")
        }
        self.maximumEntries = maximumEntries
    }

    func load(_ key: String) -> Stored? {
        let row = try? pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM resolution_cache WHERE key = ?", arguments: [key])
        }
        guard let row else { return nil }
        let payload: [UInt8] = Array(row["payload"] as Data? ?? Data())
        guard let json = try? JSONValue(parsing: payload) else { return nil }
        var result: ResolutionResult?
        if let value = json["result"], !value.isNull { result = try? ResolutionResult(json: value) }
        var error: ResolutionError?
        if let value = json["error"], !value.isNull { error = try? ResolutionError(problemJSON: value) }
        guard result != nil || error != nil else { return nil }
        return Stored(
            result: result,
            error: error,
            storedAt: row["stored_at"],
            freshUntil: row["fresh_until"],
            staleWhileRevalidate: row["stale_while_revalidate"],
            staleIfError: row["stale_if_error"],
            etag: row["etag"],
            lastModified: row["last_modified"],
            bytes: row["bytes"]
        )
    }

    func save(_ key: String, _ entry: Stored) {
        let payload: JSONValue = [
            "result": entry.result?.json ?? .null,
            "error": entry.error?.problemJSON() ?? .null,
        ]
        guard let bytes = try? payload.serialized() else { return }
        let limit = maximumEntries
        try? pool.write { db in
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO resolution_cache
                    (key, payload, stored_at, fresh_until, stale_while_revalidate, stale_if_error, etag, last_modified,
                     bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    key, Data(bytes), entry.storedAt, entry.freshUntil, entry.staleWhileRevalidate, entry.staleIfError,
                    entry.etag, entry.lastModified, entry.bytes,
                ]
            )
            try db.execute(
                sql: """
                    DELETE FROM resolution_cache WHERE key NOT IN
                    (SELECT key FROM resolution_cache ORDER BY stored_at DESC LIMIT ?)
                    """,
                arguments: [limit]
            )
        }
    }

    func delete(_ key: String) {
        try? pool.write { db in
            try db.execute(sql: "DELETE FROM resolution_cache WHERE key = ?", arguments: [key])
        }
    }

    /// The number of stored entries.
    public var count: Int {
        (try? pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM resolution_cache") ?? 0 }) ?? 0
    }
}
