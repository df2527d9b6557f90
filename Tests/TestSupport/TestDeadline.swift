/// Deadlines for tests that are about answers, not time.
public enum TestDeadline {
    /// A deadline for a request to a local simulator that no loaded CI machine reaches: the
    /// client's 5 s default ran out while the whole suite started on two cores.
    public static let patient = Duration.seconds(60)
}
