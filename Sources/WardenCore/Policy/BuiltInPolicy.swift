/// The policy that applies when no policy file exists; `policies/default.yaml` is the same text,
/// which a test checks byte for byte.
public enum BuiltInPolicy {
    /// How the built-in default is named in messages and origins.
    public static let origin = "(built-in default)"

    /// The text of `policies/default.yaml`.
    public static let text = """
        # modelwarden's default policy: conservative. Installed to /etc/modelwarden/policies.d/;
        # a later file (e.g. 90-local.yaml) overrides any value here, and its rules come first.
        version: 1

        pieces:
          url: auto                # discover Pieces OS on 127.0.0.1:39300-39333, then localhost:1000
          timeout: 5s              # per request
          allow_remote: false      # Pieces OS listens on loopback only

        retention:
          min_age: 7d              # never delete a cache modelwarden first saw less than 7 days ago
          max_deletions_per_run: 5 # at most five deletions per pass
          rules:                   # the first rule that matches a model decides
            - name: everything-else
              stale_after: 30d     # delete the cache of an LLM unused for 30 days

        memory:
          unload_below: 10%        # MemAvailable under 10% of MemTotal is memory pressure
          sustain: 30s             # the watcher unloads after 30 s of pressure...
          cooldown: 10m            # ...and never twice within 10 minutes

        schedule:                  # for `modelwarden watch`
          memory_every: 2s
          retention_every: 1h

        journal:
          database: auto           # /var/lib/modelwarden/journal.sqlite as root, else $XDG_STATE_HOME
          keep: 180d               # journal rows older than this are pruned

        dry_run: false             # true: observe only, every pass is a dry run

        """
}
