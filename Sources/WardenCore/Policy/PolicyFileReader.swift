#if canImport(Glibc)
import Glibc
#endif

/// Reads one policy file, bounded in size, telling why it cannot: the errno of an open or read
/// that failed, a file too large, or the byte offset where its UTF-8 breaks.
enum PolicyFileReader {
    /// The largest policy file, and policy text, accepted: 4 MiB. Real policies are a few KiB;
    /// a 40,000-rule stress policy (issue 12) is about 2.5 MB in block style. Composing is
    /// linear once ``PolicyYAMLGuard`` has passed the text, so this bounds time and memory.
    static let maxBytes = 4 << 20

    /// Why a file gave no text.
    enum Failure: Error, Hashable, Sendable {
        /// open(2) said ENOENT.
        case missing
        /// open(2) or read(2) said EACCES or EPERM: a permission problem, exit 77.
        case denied(errno: Int32)
        /// Another errno (EISDIR, EIO, ELOOP, …).
        case failed(call: String, errno: Int32)
        /// A FIFO, a device or a socket: reading one could block or never end.
        case notRegular
        /// Larger than ``maxBytes``.
        case tooLarge
        /// The bytes are not UTF-8 from this offset (0-based), on this line and column (1-based).
        case notUTF8(offset: Int, line: Int, column: Int)

        /// What to tell the admin.
        var message: String {
            switch self {
            case .missing: return "no such file"
            case .denied(let code): return "cannot open for reading: \(Self.describe(code)); run as root or as the file's owner"
            case .failed(let call, let code): return "cannot \(call): \(Self.describe(code))"
            case .notRegular: return "not a regular file; a policy is a regular file"
            case .tooLarge: return "larger than \(maxBytes / (1 << 20)) MiB (the limit of a policy file); nothing of it was read"
            case .notUTF8(let offset, _, _): return "not UTF-8 text: invalid byte at offset \(offset); a policy is UTF-8 (a UTF-16 file must be converted)"
            }
        }

        private static func describe(_ code: Int32) -> String {
            "\(String(cString: strerror(code))) (errno \(code))"
        }
    }

    /// The text of `path`, read with at most ``maxBytes`` + 1 bytes in memory.
    static func read(_ path: String) -> Result<String, Failure> {
        // O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then refuses it.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return .failure(failure("open", errno)) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return .failure(failure("stat", errno)) }
        guard status.st_mode & S_IFMT == S_IFREG else { return .failure(.notRegular) }
        guard status.st_size <= maxBytes else { return .failure(.tooLarge) }
        // The size may have changed since fstat: read at most one byte past the limit to know.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(status.st_size) + 1)
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while bytes.count <= maxBytes {
            let count = chunk.withUnsafeMutableBytes { buffer in
                buffer.baseAddress.map { Glibc.read(descriptor, $0, buffer.count) } ?? -1
            }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { return .failure(failure("read", errno)) }
            if count == 0 { break }
            bytes += chunk.prefix(count)
        }
        guard bytes.count <= maxBytes else { return .failure(.tooLarge) }
        // The standard library's validation is fast; the offset is looked for only on failure.
        if let text = String(validating: bytes, as: UTF8.self) { return .success(text) }
        if let offset = invalidUTF8Offset(bytes) {
            let before = bytes[..<offset]
            let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
            let line = before.count(where: { $0 == UInt8(ascii: "\n") }) + 1
            return .failure(.notUTF8(offset: offset, line: line, column: offset - lineStart + 1))
        }
        return .success(String(decoding: bytes, as: UTF8.self))
    }

    /// The offset of the first byte that is not part of valid UTF-8, or nil.
    static func invalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    private static func failure(_ call: String, _ code: Int32) -> Failure {
        switch code {
        case ENOENT: return .missing
        case EACCES, EPERM: return .denied(errno: code)
        default: return .failed(call: call, errno: code)
        }
    }
}
