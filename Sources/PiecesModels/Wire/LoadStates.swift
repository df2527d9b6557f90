/// The part of `GET /models` that says which models are loaded.
///
/// The watcher asks every minute. Decoding just `id` and `loaded` of each model costs a
/// fraction of a whole ``Models`` (most of an idle watcher's snapshot went into the seeds),
/// and the same checks apply: `iterable` and each `id` must be there.
public struct LoadStates: Decodable, Hashable, Sendable {
    /// One model's `id` and `loaded`.
    public struct Entry: Decodable, Hashable, Sendable {
        /// The model id.
        public var id: String
        /// Whether it is in memory; absent means no.
        public var loaded: Bool?

        /// Creates an entry.
        public init(id: String, loaded: Bool? = nil) {
            self.id = id
            self.loaded = loaded
        }
    }

    /// The models, in the order Pieces OS lists them.
    public var iterable: [Entry]

    /// Creates the states.
    public init(iterable: [Entry]) {
        self.iterable = iterable
    }

    private enum CodingKeys: String, CodingKey { case iterable }

    /// Decodes the states of at most ``Models/maximumCount`` models.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        iterable = try container.decodeList(Entry.self, forKey: .iterable, atMost: Models.maximumCount)
    }

    /// The ids of the models that read `loaded: true`.
    public var loadedIDs: [String] { iterable.filter { $0.loaded == true }.map(\.id) }
}
