import Foundation

/// Waits for a child process to say something, instead of sleeping until it probably has.
public enum LogWait {
    /// Reads `pipe` until what was read holds `text`; false if the writer closed it first
    /// (the process exited).
    public static func read(_ pipe: Pipe, until text: String) -> Bool {
        var log = ""
        while !log.contains(text) {
            let data = pipe.fileHandleForReading.availableData
            if data.isEmpty { return false }
            log += String(decoding: data, as: UTF8.self)
        }
        return true
    }
}
