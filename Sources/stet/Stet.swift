import ArgumentParser

@main
struct Stet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stet",
        abstract: "Keep every version of a news article and show what changed, the way an editor would.",
        version: "0.1.0",
        subcommands: [
            SnapshotCommand.self, ListCommand.self, LogCommand.self, ShowCommand.self, DiffCommand.self,
            ExtractCommand.self, SentencesCommand.self, ReindexCommand.self, EvalCommand.self,
            ServeCommand.self, HookCommand.self,
        ]
    )
}

/// Interim groups so the diff helper's commands can run; the lead owns the real ones.
struct EvalGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval", abstract: "Evaluate against the corpus.",
        subcommands: [EvalRevisionsCommand.self, EvalEditsCommand.self])
}

struct DebugGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "debug", abstract: "Views of the internals.", subcommands: [DebugAlignCommand.self])
}
