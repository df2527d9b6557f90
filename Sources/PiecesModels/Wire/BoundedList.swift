extension KeyedDecodingContainer {
    /// The list at `key`, refused when it holds more than `limit` elements, before they are
    /// decoded: a snapshot of a million tiny models must not cost a million models of memory.
    func decodeList<Element: Decodable>(_ type: Element.Type, forKey key: Key, atMost limit: Int) throws -> [Element] {
        var list = try nestedUnkeyedContainer(forKey: key)
        let tooMany = DecodingError.dataCorruptedError(
            forKey: key, in: self, debugDescription: "more than \(limit) entries; modelwarden reads at most \(limit)")
        if let count = list.count, count > limit { throw tooMany }
        var elements: [Element] = []
        elements.reserveCapacity(Swift.min(list.count ?? 0, limit))
        while !list.isAtEnd {
            guard elements.count < limit else { throw tooMany }
            elements.append(try list.decode(Element.self))
        }
        return elements
    }
}
