#if canImport(Glibc)
import Glibc
#endif

import PiecesModels

/// Unbuffered writes to standard output and error, safe from any task.
///
/// Every control character but line feed and tab is written escaped (`\x1B`): names, ids and
/// error bodies come from outside, and must not retitle, clear or rewrite the terminal.
enum StandardStreams {
    /// Writes `text` to standard output.
    static func out(_ text: String) { write(text, to: STDOUT_FILENO) }

    /// Writes `text` to standard error.
    static func error(_ text: String) { write(text, to: STDERR_FILENO) }

    private static func write(_ text: String, to descriptor: Int32) {
        var text = text.escapingControlCharacters(keepingLines: true)
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }
}
