// Each test runs its own Azurite and one or two host processes, and kills them on purpose: on two
// cores they run one at a time so that a kill lands in a host that is doing the test's work.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
