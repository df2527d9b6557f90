import Crypto

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// SHA-256 digests, as policies and policy files are named in the journal.
///
/// Digests recorded in journals must stay comparable across versions, so the format
/// (`sha256:` and 64 lower-case hex digits of the UTF-8 text) never changes.
enum PolicyDigest {
    /// `sha256:` and the hex digest of `text`'s UTF-8.
    static func digest(of text: String) -> String {
        "sha256:" + hex(of: Array(text.utf8))
    }

    /// The SHA-256 digest of `bytes` as 64 lower-case hex digits.
    static func hex(of bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in SHA256.hash(data: bytes) {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
