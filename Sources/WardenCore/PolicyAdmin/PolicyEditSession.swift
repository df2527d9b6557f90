#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// `policy edit`, modelled on visudo: edit a copy, validate it, and write only a valid result.
///
/// The copy lives in a private temporary file. An invalid result is shown and, on a terminal,
/// the admin chooses to edit again or abort; without a terminal the session aborts (exit 65).
/// If the file changed while the editor was open, nothing is written and the copy is kept.
public struct PolicyEditSession {
    /// How a session ended without an error.
    public enum Outcome: Equatable, Sendable {
        /// The copy was saved unchanged; nothing was written.
        case unchanged
        /// The file was replaced; the revision recorded.
        case saved(PolicyRevision)
    }

    /// Why a session wrote nothing.
    public enum Failure: Error, CustomStringConvertible {
        /// The result is invalid and the admin aborted (or there is no terminal to ask).
        case invalid(PolicyError)
        /// The editor failed.
        case editorFailed(String)
        /// The file changed meanwhile; the edited copy is kept at `copy`.
        case changedMeanwhile(file: String, copy: String)

        public var description: String {
            switch self {
            case .invalid(let error): return "\(error)"
            case .editorFailed(let message): return "\(message); nothing was written"
            case .changedMeanwhile(let file, let copy):
                return "\(file) changed while you were editing it; nothing was written. Your version is kept in \(copy): "
                    + "run `modelwarden policy edit` again and merge it"
            }
        }
    }

    /// Saves the result.
    public let changer: PolicyChanger
    /// The file edited.
    public let file: String
    /// Opens the editor on a path and returns when it exits; throws if it fails.
    public let edit: (String) throws -> Void
    /// Shows the errors and asks whether to edit again; nil when there is no terminal.
    public let askToEditAgain: ((PolicyError) -> Bool)?

    /// Creates a session.
    public init(changer: PolicyChanger, file: String, edit: @escaping (String) throws -> Void, askToEditAgain: ((PolicyError) -> Bool)?) {
        self.changer = changer
        self.file = file
        self.edit = edit
        self.askToEditAgain = askToEditAgain
    }

    /// Runs the session.
    public func run() throws -> Outcome {
        try changer.directories.createLocal()
        let original = try PolicyFileWriter(path: file).currentText()
        let start = original ?? Self.template(for: file)
        let copy = try ScratchCopy(of: file, text: start)
        var keepCopy = false
        defer { if !keepCopy { copy.remove() } }
        while true {
            do {
                try edit(copy.path)
            } catch {
                throw Failure.editorFailed("\(error)")
            }
            let edited = try copy.text()
            // A new file left as its template is not created.
            if edited == start { return .unchanged }
            do {
                // save validates the whole policy under the directory lock, then writes.
                return .saved(try changer.save(file: file, original: original, edited: edited))
            } catch let error as PolicyError {
                guard case .invalid = error, let ask = askToEditAgain, ask(error) else { throw Failure.invalid(error) }
            } catch PolicyFileWriter.Failure.changedMeanwhile {
                keepCopy = true
                throw Failure.changedMeanwhile(file: file, copy: copy.path)
            }
        }
    }

    /// What a new file starts as.
    static func template(for file: String) -> String {
        "# \(file): a modelwarden policy drop-in. Later files override earlier ones key by key;\n"
            + "# see `modelwarden policy show --origin` for the effective policy.\nversion: 1\n"
    }
}
