import ArgumentParser

@main
struct Stet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stet",
        abstract: "Keep every version of a news article and show what changed, the way an editor would.",
        subcommands: [ExtractCommand.self, EvalGroup.self]
    )
}

/// `stet eval …`: corpus evaluations (the lead's group; here only extraction).
struct EvalGroup: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "eval", abstract: "Evaluate on the corpus.", subcommands: [EvalExtractionCommand.self])
}
