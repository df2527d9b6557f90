import Benchmark
import Foundation
import PiecesModels

/// Decoding a `GET /models` body of 100 and 10,000 models, built in setup in the shape
/// `script/bench-catalog` writes: `DecodeModels-N` the way the client does it (the plain-JSON
/// fast path, which takes such a body whole), `DecodeModels-JSONDecoder-N` with JSONDecoder,
/// the fallback for odd answers.
func registerSnapshotDecodingBenchmarks() {
    for (count, iterations) in [(100, 1_000), (10_000, 50)] {
        Benchmark("DecodeModels-\(count)", configuration: configuration(maxIterations: iterations)) { (benchmark: Benchmark, body: Data) in
            for _ in benchmark.scaledIterations {
                guard let models = Models(plainJSON: body) else { return benchmark.error("the fast path refused the body") }
                blackHole(models)
            }
        } setup: {
            try catalogBody(count: count)
        }
        Benchmark("DecodeModels-JSONDecoder-\(count)", configuration: configuration(maxIterations: iterations)) { (benchmark: Benchmark, body: Data) in
            let decoder = JSONDecoder()
            for _ in benchmark.scaledIterations {
                do {
                    blackHole(try decoder.decode(Models.self, from: body))
                } catch {
                    benchmark.error("decoding failed: \(error)")
                }
            }
        } setup: {
            try catalogBody(count: count)
        }
    }
}

/// The body of `count` models; both decoders must read it as the catalog built in code.
private func catalogBody(count: Int) throws -> Data {
    let body = BenchCatalog.body(count: count)
    let expected = BenchCatalog.models(count: count)
    guard try JSONDecoder().decode(Models.self, from: body) == expected, Models(plainJSON: body) == expected else {
        throw BenchmarkFixtureError.unexpected("the \(count)-model body decodes to other models than the catalog")
    }
    return body
}
