import ArgumentParser

@main
struct Stet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stet",
        abstract: "Keep every version of a news article and show what changed, the way an editor would.",
        version: "0.1.0",
        subcommands: [
            SnapshotCommand.self, ListCommand.self, LogCommand.self, ShowCommand.self, DiffCommand.self,
            ExtractCommand.self, SentencesCommand.self, ReindexCommand.self, EvalCommand.self, GCCommand.self, DebugGroup.self,
        ]
    )
}

/// Interim debug group (merge of wip-diff and wip-bench); the lead owns the real one.
struct DebugGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "debug", abstract: "Views of the internals.", subcommands: [DebugAlignCommand.self, GenerateArchiveCommand.self])
}
