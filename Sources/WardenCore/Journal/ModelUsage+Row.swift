import GRDB

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension ModelUsage {
    /// Reads a `model_usage` row column by column. GRDB's Codable decoding of the same row took
    /// a sixth of a 10,000-model pass (measured with perf); dates read as GRDB reads them
    /// either way, Unix seconds or the text written before migration v3.
    public init(row: Row) throws {
        self.init(
            modelID: try row.decode(forColumn: "model_id"),
            name: try row.decode(forColumn: "name"),
            cloud: try row.decode(forColumn: "cloud"),
            llm: try row.decode(forColumn: "llm"),
            present: try row.decode(forColumn: "present"),
            firstSeen: try row.decode(forColumn: "first_seen"),
            lastSeen: try row.decode(forColumn: "last_seen"),
            lastLoaded: try row.decode(forColumn: "last_loaded"),
            lastScored: try row.decode(forColumn: "last_scored"),
            bytes: try row.decode(forColumn: "bytes"),
            downloaded: try row.decode(forColumn: "downloaded"),
            downloading: try row.decode(forColumn: "downloading"),
            loaded: try row.decode(forColumn: "loaded"),
            score: try row.decode(forColumn: "score"))
    }

    /// Writes this row, or replaces the one of the same model, column by column: GRDB's record
    /// insert would encode it through Codable and read the table's schema first, in every pass
    /// that records a change.
    func save(in db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO model_usage (model_id, name, cloud, llm, present, first_seen, last_seen, last_loaded,
                last_scored, bytes, downloaded, downloading, loaded, score)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                modelID, name, cloud, llm, present, firstSeen.timeIntervalSince1970, lastSeen?.timeIntervalSince1970,
                lastLoaded?.timeIntervalSince1970, lastScored?.timeIntervalSince1970, bytes, downloaded, downloading, loaded, score,
            ])
    }
}
