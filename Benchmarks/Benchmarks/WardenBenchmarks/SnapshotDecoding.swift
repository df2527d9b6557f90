import Benchmark
import Foundation
import PiecesModels

/// `JSONDecoder().decode(Models.self, from:)` of a `GET /models` body of 100 and 10,000
/// models, built in setup in the shape `script/bench-catalog` writes.
func registerSnapshotDecodingBenchmarks() {
    for (count, iterations) in [(100, 1_000), (10_000, 50)] {
        Benchmark("DecodeModels-\(count)", configuration: configuration(maxIterations: iterations)) { (benchmark: Benchmark, body: Data) in
            let decoder = JSONDecoder()
            for _ in benchmark.scaledIterations {
                do {
                    blackHole(try decoder.decode(Models.self, from: body))
                } catch {
                    benchmark.error("decoding failed: \(error)")
                }
            }
        } setup: {
            let body = BenchCatalog.body(count: count)
            // The body must decode to the same models as the catalog built in code.
            let decoded = try JSONDecoder().decode(Models.self, from: body)
            guard decoded == BenchCatalog.models(count: count) else {
                throw BenchmarkFixtureError.unexpected("the \(count)-model body decodes to other models than the catalog")
            }
            return body
        }
    }
}
