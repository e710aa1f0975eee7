import ArgumentParser

/// `stet eval …`: measured quality over the shared corpus.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure stet's quality on a corpus (revisions, planted edits, extraction).",
        subcommands: [EvalRevisionsCommand.self, EvalEditsCommand.self, EvalExtractionCommand.self]
    )
}
