import Benchmark
import WardenCore

/// `policies/default.yaml` as installed to /etc/modelwarden/policies.d/.
let defaultPolicyText = """
    # modelwarden's default policy: conservative. Installed to /etc/modelwarden/policies.d/;
    # a later file (e.g. 90-local.yaml) overrides any value here, and its rules come first.
    # Generated from modelwarden's policy schema; docs/policy-keys.md describes every key.
    version: 1                 # the format of this file; only 1 exists

    pieces:
      url: auto                # auto: discover Pieces OS on 127.0.0.1:39300-39333, then localhost:1000
      timeout: 5s              # the deadline of each request
      allow_remote: false      # Pieces OS listens on loopback only; true accepts a remote URL

    retention:
      min_age: 7d              # never delete a cache first seen less than this long ago; 0s: no minimum age
      max_deletions_per_run: 5 # at most this many deletions per pass; 0: none
      notice_before: 3d        # a stale cache is deleted no sooner than this after its notice; 0s: no notices
      rules:                   # the first rule that matches a model decides; a model no rule matches is kept
        - name: everything-else
          stale_after: 30d     # delete the cache of an LLM unused for 30 days

    memory:
      unload_below: 10%        # MemAvailable under this (of MemTotal, or a size) is memory pressure
      sustain: 30s             # the watcher unloads after this long under pressure; 0s: at once
      cooldown: 10m            # never unload twice within this; 0s: no cooldown

    schedule:
      memory_every: 2s         # how often `modelwarden watch` samples memory
      retention_every: 1h      # how often `modelwarden watch` runs a retention pass

    journal:
      database: auto           # auto: /var/lib/modelwarden/journal.sqlite as root, else $XDG_STATE_HOME
      keep: 180d               # journal rows older than this are pruned

    dry_run: false             # true: observe only, every pass is a dry run

    """

/// A drop-in of 20 rules, as a site with many models might write: pins by name (some until a
/// date), and stale_after by foundation, provider and size.
let twentyRuleDropIn: String = {
    var lines = ["version: 1", "", "retention:", "  max_deletions_per_run: 3", "  rules:"]
    let families = ["LLAMA_3*", "PHI_3*", "GEMMA*", "MISTRAL*", "GRANITE*"]
    for index in 0..<20 {
        lines.append("    - name: rule-\(index)")
        switch index % 4 {
        case 0:
            lines += ["      match: { name: \"Bench model \(index)*\" }", "      keep: true",
                      "      keep_until: 2027-0\(1 + index % 9)-15T04:00:00Z", "      reason: release \(index) needs it"]
        case 1:
            lines += ["      match: { foundation: \"\(families[index % 5])\", custom: false }", "      stale_after: \(7 + index)d"]
        case 2:
            lines += ["      match: { provider: META, min_size: \(2 + index % 5)GiB }", "      stale_after: 2w"]
        default:
            lines += ["      match: { unique: \"bench-\(index)*\", max_size: 6GB }", "      stale_after: 90d"]
        }
    }
    lines += ["    - name: site-default", "      stale_after: 30d"]
    return lines.joined(separator: "\n") + "\n"
}()

/// `PolicyLoader.load(texts:)` of the default policy and a drop-in of 20 rules: what every
/// pass, `policy check` and each reload of the watcher do.
func registerPolicyLoadingBenchmarks() {
    let texts = [
        (file: "/etc/modelwarden/policies.d/00-default.yaml", text: defaultPolicyText),
        (file: "/etc/modelwarden/policies.d/50-site.yaml", text: twentyRuleDropIn),
    ]
    Benchmark("PolicyLoad-default-20rules", configuration: configuration(maxIterations: 1_000)) { benchmark in
        for _ in benchmark.scaledIterations {
            do {
                blackHole(try PolicyLoader.load(texts: texts))
            } catch {
                benchmark.error("the policy does not load: \(error)")
            }
        }
    }
}
